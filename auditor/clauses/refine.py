"""Cues that only a token's neighbours can tell: kept, dropped or added before a sentence is scored.

Separate from scoring.py, which reads the cues this leaves: here a modal that describes
rather than forbids is dropped ("users do not consent", "it may not be possible to ..."),
a possessive marks the provider's own models, "other" marks another model, and a
comparison with a third party's offering or a program's expression is no rival.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from auditor.clauses.scoring import Sentence


_STATIVE = frozenset(
    "include includes consent agree accept constitute have own apply mean contain extend cover require wish want know guarantee"
    " warrant represent endorse control claim".split()
)
_OTHER = frozenset({"other", "another"})
_POSSESSIVE = frozenset({"our", "its", "their"})


def _describes(tokens: Sequence[str], start: int, end: int) -> bool:
    """"<subject> do not <stative verb>": a statement; the imperative "Do not include ..." has no subject."""
    if tokens[start] != "do" or end >= len(tokens) or tokens[end] not in _STATIVE or not start:
        return False
    return tokens[start - 1].isalpha() and tokens[start - 1] not in {"please", "and", "or"}


_CAPABLE = frozenset({"possible", "able", "feasible", "practicable", "practical", "technically"})


def _possibility(tokens: Sequence[str], end: int) -> bool:
    """"may not (always) be possible / able / feasible": a statement of what can be done."""
    if end < len(tokens) and tokens[end] in {"always", "necessarily", "yet"}:
        end += 1
    return end + 1 < len(tokens) and tokens[end] == "be" and tokens[end + 1] in _CAPABLE


def refine_cues(sentence: Sentence) -> None:
    """Cues that only a token's neighbours can tell.

    "or other similar services" lists alternatives, no comparison with the provider's services, nor is
    "similar to the services of" a third party, nor "similar in its expression" (a copy, not a rival);
    "do not" before a stative verb ("users do not consent", "Outputs do not include") describes, it
    forbids nothing, nor does "it may not be possible to remove ..." (what can be done, not what may);
    "other" a few words before a model word names another model ("any other
    machine learning model")."""
    tokens = sentence.tokens
    prohibit = [(a, b) for a, b in sentence.cues.get("PROHIBIT", ()) if not _describes(tokens, a, b) and not _possibility(tokens, b)]
    if prohibit:
        sentence.cues["PROHIBIT"] = prohibit
    else:
        sentence.cues.pop("PROHIBIT", None)
    owned = [(a - 1, a) for a, _ in sentence.cues.get("MODEL", ()) if any(t in _POSSESSIVE for t in tokens[max(0, a - 3) : a])]
    if owned:  # "improve its AI models": the provider's own models
        sentence.cues["OURS"] = sorted(set(sentence.cues.get("OURS", [])) | set(owned))
    if "OTHER_MODEL" not in sentence.cues:
        others = [(a, b) for a, b in sentence.cues.get("MODEL", ()) if any(t in _OTHER for t in tokens[max(0, a - 3) : a])]
        if others:
            sentence.cues["OTHER_MODEL"] = others
    kept = [
        (a, b) for a, b in sentence.cues.get("COMPETE", ())
        if not (tokens[a] == "similar" and a and tokens[a - 1] in {"other", "or", "and"}) and not _of_another(tokens, b) and not _in_expression(tokens, b)
    ]
    if kept:
        sentence.cues["COMPETE"] = kept
    else:
        sentence.cues.pop("COMPETE", None)


_OFFERINGS = frozenset({"service", "services", "product", "products", "offering", "offerings", "platform", "software"})


def _of_another(tokens: Sequence[str], end: int) -> bool:
    """"similar to the services of <a third party>": compared with someone else's offering, not the provider's."""
    if end < len(tokens) and tokens[end] == "to":
        end += 1
    return len(tokens) > end + 2 and tokens[end] == "the" and tokens[end + 1] in _OFFERINGS and tokens[end + 2] == "of"


def _in_expression(tokens: Sequence[str], end: int) -> bool:
    """"substantially similar in its expression to ...": copying a program's expression (the decompilation
    exception of software law), not building a rival to it."""
    return tuple(tokens[end : end + 3]) in {("in", "its", "expression"), ("in", "their", "expression")}
