"""The name index: every way the project knows to write a licence -> its id.

Built once, lazily, from license-expression's SPDX symbols, the SPDX names
(``_spdx_names.py``), ScanCode's keys, and the project's own refs and aliases.
Lookups are dictionary hits on ``name_key``; only a miss goes to rapidfuzz,
whose answer must keep the input's version numbers and CC elements.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from auditor.licences.normalize import cc_parts, name_key, numbers
from auditor.licences.refs import ALIASES, AMBIGUOUS, NOT_A_LICENCE, REFS, VERSIONLESS, Ref

FUZZY_CUTOFF = 88.0  # rapidfuzz ratio below which a name is unknown, not guessed
_VERSIONED = re.compile(r"^(.+?)-(\d+(?:\.\d+)*)$")
_VERSIONLESS = {name_key(name): candidates for name, candidates in VERSIONLESS.items()}


@dataclass(frozen=True)
class Hit:
    """A name resolved to one id (or an expression), with how sure we are."""

    spdx: str
    method: str  # alias | fuzzy
    confidence: float
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameIndex:
    keys: dict[str, str]  # name_key -> id or expression
    families: dict[str, tuple[str, int]]  # version-less key -> (latest id, number of versions)
    fuzzy_keys: tuple[str, ...]
    names: dict[str, str]  # id -> display name
    ids: dict[str, str]  # lower-case id -> id as written (SPDX, ScanCode LicenseRef, project refs)
    refs: dict[str, Ref]  # lower-case LicenseRef id -> project ref
    unknown: frozenset[str]  # keys of strings that name no licence
    written_ids: frozenset[str]  # lower-case ids as registered (SPDX, deprecated SPDX, ScanCode, refs)
    vocabulary: tuple[str, ...]  # words of licence names, for correcting misspelt words
    scancode: dict[str, str]  # lower-case SPDX or LicenseRef-scancode id -> ScanCode category


@lru_cache(maxsize=1)
def scancode_entries() -> tuple[dict, ...]:
    """license-expression's packaged ScanCode index (keys, SPDX keys, categories)."""
    data = resources.files("license_expression") / "data" / "scancode-licensedb-index.json"
    return tuple(json.loads(data.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def index() -> NameIndex:
    """The index, from the on-disk cache when it matches this code and data (building takes ~0.4 s)."""
    from auditor.diskcache import cached

    return cached("licence-index", index_key(), _build_index, _encode_index, _decode_index)


def _encode_index(index: NameIndex) -> dict:
    """The index as plain JSON; project refs by id (their definitions live in refs.py)."""
    return {
        "keys": index.keys,
        "families": {k: list(v) for k, v in index.families.items()},
        "fuzzy_keys": list(index.fuzzy_keys),
        "names": index.names,
        "ids": index.ids,
        "refs": {k: ref.id for k, ref in index.refs.items()},
        "unknown": sorted(index.unknown),
        "written_ids": sorted(index.written_ids),
        "vocabulary": list(index.vocabulary),
        "scancode": index.scancode,
    }


def _str_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("expected a mapping of strings")
    return value


def _strs(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return tuple(value)


def _decode_index(body: dict) -> NameIndex:
    """Validate a cached index: every field has its type, every ref is one refs.py defines."""
    by_id = {ref.id: ref for ref in REFS}
    families = {}
    for key, (latest, count) in body["families"].items():
        if not isinstance(key, str) or not isinstance(latest, str) or not isinstance(count, int):
            raise ValueError("bad family")
        families[key] = (latest, count)
    return NameIndex(
        keys=_str_map(body["keys"]),
        families=families,
        fuzzy_keys=_strs(body["fuzzy_keys"]),
        names=_str_map(body["names"]),
        ids=_str_map(body["ids"]),
        refs={k: by_id[v] for k, v in _str_map(body["refs"]).items()},
        unknown=frozenset(_strs(body["unknown"])),
        written_ids=frozenset(_strs(body["written_ids"])),
        vocabulary=_strs(body["vocabulary"]),
        scancode=_str_map(body["scancode"]),
    )


@lru_cache(maxsize=1)
def index_key() -> str:
    """auditor's version, the installed license-expression data and the modules that build the index.

    The data file's size and mtime stand for license-expression's version: reading the
    version through importlib.metadata costs more than loading the cached index.
    """
    import hashlib
    from importlib.util import find_spec
    from pathlib import Path

    from auditor import __version__

    digest = hashlib.sha256(__version__.encode())
    try:
        spec = find_spec("license_expression")
        package = Path(spec.origin).parent if spec and spec.origin else None
        if package is None:
            return ""
        for data in (package / "__init__.py", package / "data" / "scancode-licensedb-index.json"):
            stat = data.stat()
            digest.update(f"{data.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        for name in ("names.py", "normalize.py", "refs.py", "_spdx_names.py", "expression.py"):
            digest.update((Path(__file__).parent / name).read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()[:24]


def _build_index() -> NameIndex:
    from license_expression import get_spdx_licensing

    from auditor.licences._spdx_names import SPDX_NAMES

    symbols = get_spdx_licensing().known_symbols
    canonical: dict[str, str] = {}
    for key, symbol in symbols.items():
        for alias in (key, *symbol.aliases):
            canonical.setdefault(alias.lower(), key)
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    exact: set[str] = set()  # keys a person would type; fuzzy matching searches only these

    def add(text: str, target: str, *, fuzzy: bool = True) -> None:
        key = name_key(text)
        if key and key not in keys:
            keys[key] = target
            if fuzzy:
                exact.add(key)

    for ref in REFS:
        names[ref.id] = ref.name
        for text in (ref.id.removeprefix("LicenseRef-"), ref.name, *ref.aliases):
            add(text, ref.id)
    for text, target in ALIASES.items():
        add(text, target)
    for lid, name in SPDX_NAMES.items():
        current = canonical.get(lid.lower(), lid)
        names.setdefault(current, SPDX_NAMES.get(current, name))
        add(lid, current)
        add(name, current)
    scancode: dict[str, str] = {}
    aliases: dict[str, str] = {}
    primary: set[str] = set()
    for entry in scancode_entries():
        spdx = entry.get("spdx_license_key") or f"LicenseRef-scancode-{entry['license_key']}"
        current = canonical.get(spdx.lower(), spdx)
        primary.add(spdx.lower())
        for alias in (spdx, *entry.get("other_spdx_license_keys", [])):
            scancode.setdefault(alias.lower(), entry.get("category") or "")
            aliases.setdefault(alias.lower(), current)
        names.setdefault(current, entry["license_key"])
        add(entry["license_key"], current, fuzzy=False)
    families = _families({k: v for k, v in keys.items() if k in exact})
    ids = {**aliases, **{i.lower(): i for i in names}}
    ids.update({alias: key for alias, key in canonical.items() if alias.replace("-", "").isalnum() or "." in alias})
    fuzzy_keys = tuple(sorted(exact | set(families)))
    unknown = frozenset(name_key(text) for text in NOT_A_LICENCE)
    written = frozenset({*(i.lower() for i in SPDX_NAMES), *primary, *(r.id.lower() for r in REFS)})
    words = {w for text in (*SPDX_NAMES.values(), *ALIASES, *(a for r in REFS for a in (r.name, *r.aliases))) for w in re.findall(r"[a-z]{5,}", text.lower())}
    refs = {r.id.lower(): r for r in REFS}
    return NameIndex(
        keys=keys, families=families, fuzzy_keys=fuzzy_keys, names=names, ids=ids, refs=refs, unknown=unknown,
        written_ids=written, vocabulary=tuple(sorted(words)), scancode=scancode,
    )


def _families(keys: dict[str, str]) -> dict[str, tuple[str, int]]:
    """'cc-by-sa' -> (CC-BY-SA-4.0, 5): the latest version of each versioned name."""
    found: dict[str, dict[tuple[int, ...], str]] = {}
    for key, target in keys.items():
        match = _VERSIONED.match(key)
        if match and " " not in target:
            version = tuple(int(p) for p in match.group(2).split("."))
            found.setdefault(match.group(1), {}).setdefault(version, target)
    return {base: (versions[max(versions)], len(set(versions.values()))) for base, versions in found.items() if base not in keys}


def lookup(text: str, *, fuzzy: bool = True) -> Hit | None:
    """A licence name, alias or (with ``fuzzy``) misspelling -> its id; None when it names no licence we know."""
    idx = index()
    key = name_key(text)
    if not key or key in idx.unknown:
        return None
    return _by_key(key, idx) or (_fuzzy(text, key, idx) if fuzzy else None)


def names_no_licence(text: str) -> bool:
    key = name_key(text)
    return not key or key in index().unknown


def _by_key(key: str, idx: NameIndex) -> Hit | None:
    if key in _VERSIONLESS:  # before the index: a family name must never become its newest version
        return versionless_hit(_VERSIONLESS[key])
    if key in idx.keys:
        return Hit(idx.keys[key], "alias", 0.95)
    if key in AMBIGUOUS:
        target, problem = AMBIGUOUS[key]
        return Hit(target, "alias", 0.7, (problem,))
    if key in idx.families:
        target, count = idx.families[key]
        problems = (f"version missing: {target} (the latest) assumed",) if count > 1 else ()
        return Hit(target, "alias", 0.8 if count > 1 else 0.95, problems)
    return None


def versionless_hit(candidates: tuple[str, ...]) -> Hit:
    """A name that leaves the version open: judged by the strictest candidate, all of them listed."""
    problem = (
        f"version missing, so the licence is ambiguous: candidates {', '.join(candidates)}; judged by the "
        f"strictest ({candidates[0]}) until the manifest names the version"
    )
    return Hit(candidates[0], "alias", 0.6, (problem,))


def _fuzzy(text: str, key: str, idx: NameIndex) -> Hit | None:
    """Misspelt words corrected one by one first, then the whole key compared."""
    if len(key) < 4:
        return None
    from rapidfuzz import fuzz, process

    corrected = _correct_words(text, idx)
    if corrected != text:
        hit = _by_key(name_key(corrected), idx)
        if hit is not None:
            return Hit(hit.spdx, "fuzzy", round(hit.confidence * 0.95, 3), (f"spelling corrected to '{corrected}'", *hit.problems))

    want_numbers, want_cc = numbers(key), cc_parts(key)
    for candidate, score, _ in process.extract(key, idx.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5):
        if numbers(candidate) != want_numbers or cc_parts(candidate) != want_cc:
            continue  # never change a version or a CC element to make a name fit
        hit = _by_key(candidate, idx)
        if hit is not None:
            problems = (f"spelling corrected to '{candidate}'", *hit.problems)
            return Hit(hit.spdx, "fuzzy", round(min(hit.confidence, score / 100), 3), problems)
    return None


def _correct_words(text: str, idx: NameIndex) -> str:
    """'Attribtion' -> 'attribution', 'Mozila' -> 'mozilla': words of five letters or more."""
    from rapidfuzz import fuzz, process

    vocabulary = set(idx.vocabulary)

    def fix(found: re.Match[str]) -> str:
        word = found.group(0).lower()
        if word in vocabulary:
            return word
        best = process.extractOne(word, idx.vocabulary, scorer=fuzz.ratio, score_cutoff=85)
        return best[0] if best else found.group(0)

    return re.sub(r"[A-Za-z]{5,}", fix, text)
