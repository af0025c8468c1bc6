"""Licence strings and files -> ``LicenceMatch``: the order in which evidence is trusted.

1. strings that name no licence ("other", "see website") are unknown, never guessed;
2. a valid SPDX expression is taken as written (method ``exact``);
3. a known name, alias or version-less name (``alias``); an expression whose
   symbols are such names; a list ("MIT, CC-BY-4.0") or a dual licence ("MIT/Apache-2.0");
4. a close misspelling of a known name (``fuzzy``);
5. a licence named inside a sentence or brackets, "research only" wording, or a
   full licence text (``text``).
Results are cached per distinct string: manifests repeat the same few licences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from auditor.licences import expression, text
from auditor.licences.model import LicenceMatch
from auditor.licences.names import Hit, index, lookup, names_no_licence
from auditor.licences.refs import SPDX_SPECIAL

_LONG = 400  # characters beyond which a string is treated as a licence text, not a name
_RESEARCH = re.compile(
    r"\b(?:research|academic|scientific|educational)(?:[ -]purposes?)?[ -](?:use[ -])?only\b"
    r"|\b(?:only|solely|exclusively|strictly) for (?:non[ -]?commercial )?(?:research|academic|scientific)"
    r"|\bnon[ -]?commercial,? (?:research|academic)\b"
    r"|\bfor (?:non[ -]?commercial )?(?:research|academic) (?:purposes?|use)\b",
    re.I,
)
_NONCOMMERCIAL = re.compile(r"^\s*non[ -]?commercial(?: use)?(?: only)?\s*$", re.I)
_UNDER = (
    r"\b(?:licen[cs]ed|released|distributed|available|provided|published|shared|covered|made available)\s+under\s+"
    r"(?:an?\s+|the\s+)?(?:terms\s+of\s+(?:the\s+)?)?"
)
_NAME = r"(?P<name>(?:[^.;,\n()]|\.(?=\d)){2,80}?)"
_SENTENCE = (
    re.compile(_UNDER + _NAME + r"(?:\s*[.;,\n(](?!\d)|\s*$)", re.I),
    re.compile(_UNDER + _NAME + r"\s+licen[cs]e\b", re.I),
    re.compile(r"\blicen[cs]e\s*[:=]\s*(?P<name>[^\n;(]{2,60})", re.I),
    re.compile(r"\bunder\s+(?:the\s+)?" + _NAME + r"\s+licen[cs]e\b", re.I),
    re.compile(r"\((?P<name>[^()]{2,40})\)"),
)
_VERSION_AFTER_COMMA = re.compile(r",\s*(?:version|v)\s*(?=\d)", re.I)
_LIST = re.compile(r"\s*[,;|]\s*|\s+/\s+|(?<=[0-9a-z])/(?=[a-z])", re.I)


def identify(text_in: str) -> LicenceMatch:
    """A licence name, alias, SPDX expression or text -> the licence it names."""
    return _identify(text_in if isinstance(text_in, str) else str(text_in or ""))


@lru_cache(maxsize=1 << 16)
def _identify(raw_in: str) -> LicenceMatch:
    raw = raw_in.strip()
    if not raw:
        return _none(raw_in, "no licence given")
    if len(raw) > _LONG or raw.count("\n") > 4:
        return identify_text(raw_in)
    if raw.upper() in SPDX_SPECIAL:  # SPDX's NONE / NOASSERTION: a value of its own, never "unrecognised"
        return _match(raw_in, Hit(raw.upper(), "exact" if raw.isupper() else "alias", 1.0))
    if names_no_licence(raw):
        return _none(raw_in, "names no licence")
    found = _from_name(raw) or _from_list(raw)
    if found is not None:
        return _match(raw_in, found)
    if _RESEARCH.search(raw) or _NONCOMMERCIAL.match(raw):
        problems = () if _RESEARCH.search(raw) else ("free-text non-commercial terms: treated as research-only",)
        return _match(raw_in, Hit("LicenseRef-Research-Only", "text", 0.85, problems))
    for candidate in _candidates(raw):
        hit = _from_name(candidate)
        if hit is not None:
            return _match(raw_in, Hit(hit.spdx, "text", round(hit.confidence * 0.9, 3), hit.problems))
    return _none(raw_in, "not a recognised licence name or SPDX expression")


def _candidates(raw: str):
    """Parts of a longer string that may name the licence, most telling first."""
    outside = re.sub(r"\([^()]*\)", " ", raw).strip()
    if outside and outside != raw:
        yield outside
    if "," in raw:
        yield raw.split(",")[0]
    sentence = _VERSION_AFTER_COMMA.sub(" version ", raw)
    for pattern in _SENTENCE:
        for span in pattern.finditer(sentence):
            yield span.group("name").strip(" '\"`*")


def _from_name(raw: str) -> Hit | None:
    """Exact expression, then a name or alias, then an expression of names, then a misspelling."""
    parsed = expression.parse(raw)
    if parsed is not None and not parsed.unknown and not parsed.loose:
        return Hit(parsed.expression, "exact", 1.0, parsed.problems)
    hit = lookup(raw, fuzzy=False)
    if hit is None and parsed is not None and not parsed.unknown:
        hit = Hit(parsed.expression, "alias", 0.9, parsed.problems)
    if hit is None and parsed is not None and len(parsed.symbols) > 1:
        hit = _resolve_symbols(parsed)
    return hit or lookup(raw)


def _resolve_symbols(parsed: expression.Parsed) -> Hit | None:
    """'Apache 2.0 OR MIT': each unknown symbol looked up as a name."""
    rendered, confidence, problems = parsed.expression, 1.0, list(parsed.problems)
    for symbol in sorted(parsed.unknown, key=len, reverse=True):
        hit = lookup(symbol)
        if hit is None:
            return None
        rendered = rendered.replace(symbol, f"({hit.spdx})" if " " in hit.spdx else hit.spdx)
        confidence = min(confidence, hit.confidence)
        problems.extend(hit.problems)
    final = expression.parse(rendered)
    if final is None or final.unknown:
        return None
    return Hit(final.expression, "alias", confidence, tuple(problems))


def _from_list(raw: str) -> Hit | None:
    """'cc-by-4.0, cc-by-sa-3.0' (all apply: AND) or 'MIT/Apache-2.0' (a choice: OR)."""
    parts = [p for p in _LIST.split(raw) if p.strip()]
    if len(parts) < 2:
        return None
    hits = [_from_name(p.strip()) for p in parts]
    if any(h is None for h in hits):
        return None
    operator = " OR " if "/" in raw and not re.search(r"[,;|]", raw) else " AND "
    joined = operator.join(f"({h.spdx})" if " " in h.spdx else h.spdx for h in hits if h)
    final = expression.parse(joined)
    if final is None or final.unknown:
        return None
    problems = tuple(p for h in hits if h for p in h.problems)
    return Hit(final.expression, "alias", min(h.confidence for h in hits if h), problems)


def identify_file(path: Path) -> LicenceMatch:
    """A LICENSE file -> the licence its text is."""
    from auditor.safeio import read_input

    content = read_input(path, what="licence file").decode("utf-8", errors="replace")
    found = identify_text(content)
    return LicenceMatch(str(path), found.spdx, found.name, found.confidence, found.method, found.problems)


def identify_text(content: str) -> LicenceMatch:
    """A licence text (or a short note naming one) -> the licence."""
    stripped = content.strip()
    if len(stripped) <= _LONG and stripped.count("\n") <= 4:
        return identify(" ".join(stripped.split()))
    best = text.best_match(content)
    if best is None:
        return _none(content[:80], "text matches no known licence closely enough")
    problems: tuple[str, ...] = ()
    if best.dice < 0.9:
        problems = (f"text differs from the reference text of {best.licence_id} (similarity {best.dice:.2f})",)
    if best.licence_id.startswith(("GPL-3.0", "LGPL-", "AGPL-", "GPL-2.0", "GFDL-")):
        problems += ("the licence text does not say whether later versions apply: '-only' assumed",)
    return LicenceMatch(content[:80], best.licence_id, display_name(best.licence_id), round(best.score, 3), "text", problems)


def display_name(spdx: str) -> str:
    """The licence's name; for an expression, its ids replaced by names."""
    names = {**index().names, **SPDX_SPECIAL}
    if spdx in names:
        return names[spdx]
    return re.sub(r"[A-Za-z0-9.+-]+", lambda m: names.get(m.group(0), m.group(0)), spdx)


def _match(raw: str, hit: Hit) -> LicenceMatch:
    return LicenceMatch(raw, hit.spdx, display_name(hit.spdx), hit.confidence, hit.method, hit.problems)


def _none(raw: str, problem: str) -> LicenceMatch:
    return LicenceMatch(raw, None, None, 0.0, "none", (problem,))
