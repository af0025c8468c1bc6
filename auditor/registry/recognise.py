"""Recognise a data source, base model or teacher as a registry entry: by Hugging Face id, URL or name.

Only exact evidence recognises: a Hugging Face id (in a URL or written in the name,
any case), a known URL, or a name equal to a known name once case and punctuation are
ignored.  A close but inexact name is a ``NearMiss`` ("did you mean ...?"), which the
caller reports as an ``info`` finding: the registry never guesses silently.  A name or
URL that several entries share is a near miss too (which one is meant is the team's to say).
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from dataclasses import dataclass

from auditor.registry.load import Registry
from auditor.registry.model import Entry

NEAR_MISS_SCORE = 88  # rapidfuzz ratio (0-100) over normalised names: at or above, "did you mean"
MIN_FUZZY_LENGTH = 5  # shorter names are too easily close to another by chance

_HF_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(datasets/|spaces/)?([A-Za-z0-9][\w.-]*)(?:/([A-Za-z0-9][\w.-]*))?", re.I
)
_HF_PATH = re.compile(r"^hf://(datasets/)?([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)", re.I)
_BARE_ID = re.compile(r"^([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)$")
_NOT_ORGS = frozenset({"docs", "blog", "papers", "collections", "models", "settings", "organizations", "join", "login", "tasks"})


@dataclass(frozen=True)
class Recognition:
    entry: Entry
    how: str  # "hf-id" | "url" | "name"
    matched: str  # what in the manifest matched
    hf_id: str | None = None  # the Hugging Face id written, for size-dependent model licences

    @property
    def licence(self) -> str:
        return self.entry.licence_for(self.hf_id)


@dataclass(frozen=True)
class NearMiss:
    written: str
    candidates: tuple[Entry, ...]  # best first
    reason: str  # "close name" | "shared name" | "shared URL"


def name_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def url_key(url: str) -> str:
    """Scheme, www, query, fragment, trailing slash and .git ignored; GitHub paths cut to the repository."""
    text = url.strip().lower()
    text = re.sub(r"^[a-z+]+://", "", text).removeprefix("www.")
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/").removesuffix(".git")
    if text.startswith("github.com/"):
        text = "/".join(text.split("/")[:3])
    return text


def hf_id_in(text: str) -> tuple[str, str | None] | None:
    """(Hugging Face id, 'datasets' or None) found in a URL, an hf:// path or a bare org/name."""
    text = text.strip()
    found = _HF_PATH.match(text)
    if found:
        return found.group(2), "datasets" if found.group(1) else None
    found = _HF_URL.search(text)
    if found and found.group(2).lower() not in _NOT_ORGS:
        repo = f"{found.group(2)}/{found.group(3)}" if found.group(3) else found.group(2)
        return repo, "datasets" if found.group(1) else None
    found = _BARE_ID.match(text)
    if found and "." not in text.split("/")[0]:  # "example.org/x" is a host, not an org
        return found.group(1), None
    return None


class Index:
    """Lookups over one registry, built once (dictionaries; rapidfuzz only for near misses)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._hf: dict[str, str] = {}
        self._patterns: list[tuple[str, str]] = []
        self._urls: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, set[str]] = defaultdict(set)
        for entry in registry.entries.values():
            for hf_id in entry.hf_ids:
                if any(c in hf_id for c in "*?["):
                    self._patterns.append((hf_id.lower(), entry.id))
                else:
                    self._hf[hf_id.lower()] = entry.id
            for url in [*entry.urls, *entry.hf_urls()]:
                self._urls[url_key(url)].add(entry.id)
            repo_names = [h.split("/")[-1] for h in entry.hf_ids if "/" in h and not any(c in h for c in "*?[")]
            for name in [*entry.names, entry.id, *repo_names]:
                key = name_key(name)
                if key:
                    self._names[key].add(entry.id)
        self._name_keys = [k for k in self._names if len(k) >= MIN_FUZZY_LENGTH]

    def entry(self, entry_id: str) -> Entry:
        return self.registry.entries[entry_id]

    def by_hf_id(self, hf_id: str) -> Entry | None:
        found = self._hf.get(hf_id.lower())
        if found is None:
            lowered = hf_id.lower()
            found = next((eid for pattern, eid in self._patterns if fnmatch.fnmatchcase(lowered, pattern)), None)
        return self.entry(found) if found else None

    def recognise(self, *, name: str | None = None, url: str | None = None) -> Recognition | NearMiss | None:
        """The entry a manifest entry names, a near miss, or None (the registry knows nothing of it)."""
        for text in (url, name):
            if text:
                found = hf_id_in(text)
                if found is not None:
                    entry = self.by_hf_id(found[0])
                    if entry is not None:
                        return Recognition(entry, "hf-id", text, found[0])
        if url:
            ids = self._urls.get(url_key(url), set())
            if len(ids) == 1:
                return Recognition(self.entry(next(iter(ids))), "url", url)
            if ids:
                return NearMiss(url, self._sorted(ids), "shared URL")
        if name:
            key = name_key(name)
            ids = self._names.get(key, set())
            if len(ids) == 1:
                return Recognition(self.entry(next(iter(ids))), "name", name)
            if ids:
                return NearMiss(name, self._sorted(ids), "shared name")
            close = self._close(key)
            if close:
                return NearMiss(name, close, "close name")
        return None

    def _close(self, key: str, limit: int = 3) -> tuple[Entry, ...]:
        if len(key) < MIN_FUZZY_LENGTH:
            return ()
        from rapidfuzz import fuzz, process

        hits = process.extract(key, self._name_keys, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_SCORE, limit=limit * 2)
        ids = dict.fromkeys(eid for hit, _, _ in hits for eid in sorted(self._names[hit]))
        return tuple(self.entry(i) for i in list(ids)[:limit])

    def _sorted(self, ids: set[str]) -> tuple[Entry, ...]:
        return tuple(self.entry(i) for i in sorted(ids))

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        """Entries for ``audit datasets QUERY``: the recognised one, else names containing it, else close names."""
        found = self.recognise(name=query, url=query if "/" in query or "." in query else None)
        first: list[Entry] = []
        if isinstance(found, Recognition):
            first = [found.entry]
        elif isinstance(found, NearMiss) and found.reason != "close name":
            first = list(found.candidates)
        key = name_key(query)
        lowered = query.strip().lower()
        hits = []
        if key:
            for entry in self.registry.entries.values():
                lengths = [len(k) for k in map(name_key, entry.names) if key in k]
                lengths += [len(h) for h in entry.hf_ids if lowered in h.lower()]
                if lengths and entry not in first:
                    hits.append((min(lengths), entry.id, entry))
        hits.sort(key=lambda h: h[:2])
        found_all = first + [e for _, _, e in hits]
        if not found_all and isinstance(found, NearMiss):
            found_all = list(found.candidates)
        return found_all[:limit]
