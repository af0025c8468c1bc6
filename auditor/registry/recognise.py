"""Recognise a data source, base model or teacher as a registry entry: by Hugging Face id, URL or name.

Only exact evidence recognises: a Hugging Face id (in a URL or written in the name,
any case; a bare legacy id without an organisation, such as ``gpt2`` or ``t5-small``, too),
a known URL, or a name equal to a known name once case and punctuation are ignored.  A
close but inexact name is a ``NearMiss`` ("did you mean ...?"), which the caller reports as
an ``info`` finding: the registry never guesses silently.  A name or URL that several
entries share is a near miss too (which one is meant is the team's to say), unless the
name's exact spelling tells them apart ("HumanEval" is not "HumanEval+"), or only one of
them is curated and the rest generated copies (a curated entry supersedes those).
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

from auditor.registry.model import Entry

if TYPE_CHECKING:  # pragma: no cover
    from auditor.registry.load import Registry

NEAR_MISS_SCORE = 88  # rapidfuzz ratio (0-100) over normalised names: at or above, "did you mean"
MIN_FUZZY_LENGTH = 5  # shorter names are too easily close to another by chance
AFFIX = 3  # a near miss shares its first or its last AFFIX characters with the known name
WALK = 64  # known names looked at on each side of a name's place in sort order (one name inside another)

_HF_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(datasets/|spaces/)?([A-Za-z0-9][\w.-]*)(?:/([A-Za-z0-9][\w.-]*))?", re.I
)
_HF_PATH = re.compile(r"^hf://(datasets/)?([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)", re.I)
_BARE_ID = re.compile(r"^([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)$")
_LEGACY_ID = re.compile(r"^[A-Za-z0-9][\w.-]*$")  # a Hub id from before organisations: "gpt2", "bert-base-uncased"
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


_NOT_KEY = re.compile(r"[^a-z0-9]+")
_NOT_SPELLING = re.compile(r"[^a-z0-9+#]+")  # "+" and "#" name a variant: HumanEval+ is not HumanEval
_SCHEME = re.compile(r"^[a-z+]+://")
_QUERY = re.compile(r"[?#]")


def name_key(text: str) -> str:
    return _NOT_KEY.sub("", text.lower())


def spelling_key(text: str) -> str:
    """A name as written, punctuation ignored except the signs that name a variant (``+``, ``#``)."""
    return _NOT_SPELLING.sub("", text.lower())


def url_key(url: str) -> str:
    """Scheme, www, query, fragment, trailing slash and .git ignored; GitHub paths cut to the repository."""
    text = url.strip().lower()
    text = _SCHEME.sub("", text).removeprefix("www.")
    text = _QUERY.split(text, maxsplit=1)[0].rstrip("/").removesuffix(".git")
    if text.startswith("github.com/"):
        text = "/".join(text.split("/")[:3])
    return text


def hf_id_in(text: str) -> tuple[str, str | None] | None:
    """(Hugging Face id, 'datasets' or None) found in a URL, an hf:// path or a bare org/name."""
    if "/" not in text:  # each of the three shapes has one: most names are ruled out without a regex
        return None
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


def tables_for(entries: Iterable[dict], elsewhere: Callable[[str], dict | None] = lambda _: None) -> dict:
    """Lookup tables (plain JSON: cached with the registry) over entries given as plain data.

    A Hub repository's last part counts as a name too ("olm/wikipedia" -> "wikipedia"), except
    where an ancestor of the entry (in ``entries``, else found by ``elsewhere``) already has that
    name: a snapshot or copy named after its parent must not make the parent's plain name ambiguous.
    """
    entries = list(entries)
    by_id = {e["id"]: e for e in entries}
    hf: dict[str, str] = {}
    patterns: list[list[str]] = []
    urls: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    written: list[tuple[str, str, str]] = []  # (name key, spelling key, entry id)
    for entry in entries:
        entry_id, hf_ids = entry["id"], entry.get("hf_ids", [])
        exact = [h for h in hf_ids if not any(c in h for c in "*?[")]
        for hf_id in hf_ids:
            if hf_id in exact:
                hf[hf_id.lower()] = entry_id
            else:
                patterns.append([hf_id.lower(), entry_id])
        prefix = "https://huggingface.co/datasets/" if entry["kind"] == "dataset" else "https://huggingface.co/"
        for url in [*entry.get("urls", []), *(prefix + h for h in exact)]:
            _add_once(urls, url_key(url), entry_id)
        tails = [h.split("/")[-1] for h in exact if "/" in h]
        if tails:
            parents = _ancestor_names(entry, lambda i: by_id.get(i) or elsewhere(i))
            tails = [t for t in tails if name_key(t) not in parents]
        for text in [*entry["names"], entry_id, *sorted(tails)]:
            if key := name_key(text):
                _add_once(names, key, entry_id)
                written.append((key, spelling_key(text), entry_id))
    spellings: dict[str, list[str]] = defaultdict(list)  # only where entries share a name key
    for key, spelling, entry_id in written:
        if len(names[key]) > 1:
            _add_once(spellings, spelling, entry_id)
    return {"hf": hf, "patterns": patterns, "urls": dict(urls), "names": dict(names), "spellings": dict(spellings)}


def _ancestor_names(entry: dict, lookup: Callable[[str], dict | None]) -> set[str]:
    """Name keys (names and id) of the entry's registry ancestors, transitively."""
    keys: set[str] = set()
    queue, seen = list(entry.get("derived_from", [])), {entry["id"]}
    while queue:
        parent_id = queue.pop(0)
        if parent_id in seen:
            continue
        seen.add(parent_id)
        parent = lookup(parent_id)
        if parent is not None:
            keys.update(name_key(n) for n in [*parent["names"], parent["id"]])
            queue.extend(parent.get("derived_from", []))
    return keys


def _literal_head(pattern: str) -> str:
    return pattern[: min((i for i in map(pattern.find, "*?[") if i >= 0), default=len(pattern))]


def _add_once(table: dict[str, list[str]], key: str, entry_id: str) -> None:
    ids = table[key]
    if entry_id not in ids:
        ids.append(entry_id)


class Index:
    """Lookups over one registry: its cached tables, plus those of a team's override entries."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        tables = registry.tables or tables_for(e.model_dump(mode="json") for e in registry.entries.values())
        extra = tables_for(
            (registry.entries[o.id].model_dump(mode="json") for o in registry.overrides),
            lambda i: e.model_dump(mode="json") if (e := registry.get(i)) is not None else None,
        )
        self._hf: dict[str, str] = {**tables["hf"], **extra["hf"]}
        # each glob with the literal text before its first wildcard: only an id starting with it can match,
        # so most lookups compile and try none of the globs (fnmatch builds a regex per glob on first use)
        self._patterns = [(_literal_head(p), p, eid) for p, eid in extra["patterns"] + tables["patterns"]]
        self._urls = _joined(tables["urls"], extra["urls"])
        self._names = _joined(tables["names"], extra["names"])
        self._spellings = _joined(tables.get("spellings", {}), extra.get("spellings", {}))
        self._affixes: dict[str, list[str]] | None = None  # for near misses, built when first needed
        self._choices: dict[tuple[str, str], list[str]] = {}  # (first, last AFFIX characters) -> names to compare
        self._extract: Any = None  # rapidfuzz's process.extract and fuzz.ratio, imported with the affixes
        self._ratio: Any = None
        self._ordered: tuple[list[str], list[str]] = ([], [])  # names sorted, and reversed then sorted

    def entry(self, entry_id: str) -> Entry:
        return self.registry.entries[entry_id]

    def by_hf_id(self, hf_id: str) -> Entry | None:
        found = self._hf.get(hf_id.lower())
        if found is None or found not in self.registry.entries:
            lowered = hf_id.lower()
            found = next((eid for head, pattern, eid in self._patterns if lowered.startswith(head) and fnmatch.fnmatchcase(lowered, pattern)), None)
        return self.entry(found) if found else None

    def recognise(self, *, name: str | None = None, url: str | None = None, kind: str | None = None) -> Recognition | NearMiss | None:
        """The entry a manifest entry names, a near miss, or None (the registry knows nothing of it).

        A Hugging Face id recognises an entry of any kind (the Hub page says what it is); a URL or
        a name only one of ``kind``, when given: a data source named "Tulu 3" is the dataset, not
        the model family of that name.
        """
        for text in (url, name):
            if text:
                found = hf_id_in(text)
                if found is not None:
                    entry = self.by_hf_id(found[0])
                    if entry is not None:
                        return Recognition(entry, "hf-id", text, found[0])
        if url:
            ids = self._of_kind(self._urls.get(url_key(url), ()), kind)
            if len(ids) == 1:
                return Recognition(self.entry(next(iter(ids))), "url", url)
            if ids:
                return NearMiss(url, self._sorted(ids), "shared URL")
        if name:
            key = name_key(name)
            ids = self._told_apart(name, self._of_kind(self._names.get(key, ()), kind))
            if len(ids) == 1:
                return Recognition(self.entry(next(iter(ids))), "name", name)
            legacy = self._legacy_id(name, kind)
            if legacy is not None:
                return legacy
            if ids:
                return NearMiss(name, self._sorted(ids), "shared name")
            close = tuple(e for e in self._close(key) if kind is None or e.kind == kind)
            if close:
                return NearMiss(name, close, "close name")
        return None

    def _told_apart(self, name: str, ids: set[str]) -> set[str]:
        """Of entries sharing a name key, those whose name is spelt exactly as written (when any is),
        then the one curated entry among generated copies (when there is exactly one)."""
        if len(ids) < 2:
            return ids
        ids = (ids & set(self._spellings.get(spelling_key(name), ()))) or ids
        curated = {i for i in ids if not self.registry.origin.get(i, "").startswith("generated/")}
        return curated if len(curated) == 1 else ids

    def _legacy_id(self, text: str, kind: str | None) -> Recognition | None:
        """A bare Hub id from before organisations ("gpt2", "t5-small"), now redirected under an org."""
        text = text.strip()
        if not _LEGACY_ID.match(text):
            return None
        entry = self.by_hf_id(text)
        if entry is None or (kind is not None and entry.kind != kind):
            return None
        return Recognition(entry, "hf-id", text, text)

    def _of_kind(self, ids, kind: str | None) -> set[str]:
        return {i for i in ids if kind is None or self.entry(i).kind == kind}

    def recognise_model(self, *, provider: str | None, model: str | None) -> Recognition | NearMiss | None:
        """The model family a teacher names: by Hugging Face id (in ``model``, or ``provider/model``
        when the provider is written as the Hub organisation), else by name; datasets never match."""
        texts = [t.strip() for t in (model, provider) if t and t.strip()]
        if provider and model and "/" not in model.strip():
            texts.insert(1, f"{provider.strip()}/{model.strip()}")
        for text in texts:
            found = hf_id_in(text)
            if found is not None and found[1] is None:
                entry = self.by_hf_id(found[0])
                if entry is not None and entry.kind == "model":
                    return Recognition(entry, "hf-id", text, found[0])
        if not model or hf_id_in(model) is not None:  # an unknown Hub id is not a name to guess from
            return None
        return self.recognise(name=model, kind="model")

    def _close(self, key: str, limit: int = 3) -> tuple[Entry, ...]:
        """Known names within NEAR_MISS_SCORE of ``key``, then names it begins or ends with (or that begin
        or end with it), compared only with names sharing its first or last AFFIX characters: a hint
        needs no exhaustive search, and 100,000 unknown names must stay cheap."""
        if len(key) < MIN_FUZZY_LENGTH:
            return ()
        if self._affixes is None:
            self._affixes = defaultdict(list)
            for known in self._names:
                if len(known) >= MIN_FUZZY_LENGTH:
                    self._affixes["^" + known[:AFFIX]].append(known)
                    self._affixes["$" + known[-AFFIX:]].append(known)
            self._ordered = (sorted(k for k in self._names if len(k) >= MIN_FUZZY_LENGTH), sorted(k[::-1] for k in self._names if len(k) >= MIN_FUZZY_LENGTH))
            self._choices = {}
            from rapidfuzz import fuzz, process

            self._extract, self._ratio = process.extract, fuzz.ratio
        affixes = ("^" + key[:AFFIX], "$" + key[-AFFIX:])
        choices = self._choices.get(affixes)
        if choices is None:  # names that share an affix pair share their candidates: gathered once
            choices = self._choices[affixes] = list(dict.fromkeys([*self._affixes.get(affixes[0], ()), *self._affixes.get(affixes[1], ())]))
        hits = [hit for hit, _, _ in self._extract(key, choices, scorer=self._ratio, score_cutoff=NEAR_MISS_SCORE, limit=limit * 2)]
        # one name inside the other at an end: a family ("Magpie" -> its sets) or a qualified name ("Stanford Alpaca")
        hits += self._ends_in(key, self._ordered[0], limit)
        hits += [k[::-1] for k in self._ends_in(key[::-1], self._ordered[1], limit)]
        ids = dict.fromkeys(eid for hit in hits for eid in sorted(self._names[hit]))
        return tuple(self.entry(i) for i in list(ids)[:limit])

    @staticmethod
    def _ends_in(key: str, ordered: list[str], limit: int) -> list[str]:
        """Names of ``ordered`` (sorted) that ``key`` starts with, longest first, then the shortest that
        start with ``key``: both sit beside ``key`` in sort order, so a bisection and short walks find them."""
        at = bisect.bisect_left(ordered, key)
        head, inside, longer = key[:MIN_FUZZY_LENGTH], [], []
        before = at - 1
        while before >= max(0, at - WALK) and ordered[before].startswith(head):
            if key.startswith(ordered[before]):
                inside.append(ordered[before])
            before -= 1
        after = at
        while after < min(len(ordered), at + WALK) and ordered[after].startswith(key):
            if ordered[after] != key:
                longer.append(ordered[after])
            after += 1
        return inside + sorted(longer, key=len)[:limit]

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


def _joined(base: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    if not extra:
        return base
    joined = dict(base)
    for key, ids in extra.items():
        joined[key] = list(dict.fromkeys([*base.get(key, []), *ids]))
    return joined
