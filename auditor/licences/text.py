"""Full licence texts -> licence ids, by comparing hashed word shingles.

The package ships no licence text: ``_fingerprints.py`` holds, per licence, a
sorted sample of 32-bit hashes of normalised word 3-grams (written by
``python -m auditor.licences.build``).  A document is hashed the same way and
scored against each fingerprint with the Dice coefficient, which tolerates
re-wrapped lines, filled-in copyright lines and a missing paragraph while still
telling near-identical licences apart (CC BY vs CC BY-SA, Llama 3.1 vs 3.3).
"""

from __future__ import annotations

import base64
import re
import sys
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache

SHINGLE = 3
# a licence must share this much of its text with the document to be named
THRESHOLD = 0.55
# a document that merely contains a whole licence (README + licence) scores lower
CONTAINED = 0.9

_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\b|\(c\)|©|all rights reserved)", re.I | re.M)
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")
_SPELLING = {"licence": "license", "licences": "licenses", "licensor": "licensor", "&": "and"}
_LLAMA_TITLE = re.compile(r"llama\s*(\d(?:\.\d)?)\b", re.I)


def words(text: str) -> list[str]:
    """Lower-cased words without copyright lines, markup or spelling variants."""
    text = _COPYRIGHT_LINE.sub(" ", text.replace("\u2019", "'"))
    return [_SPELLING.get(w, w) for w in _WORD.findall(text.lower())]


def shingles(text: str) -> set[int]:
    ws = words(text)
    return {zlib.crc32(" ".join(ws[i : i + SHINGLE]).encode()) for i in range(max(len(ws) - SHINGLE + 1, 0))}


def encode(hashes: list[int]) -> str:
    data = array("I", sorted(hashes))
    if sys.byteorder == "big":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def _decode(blob: str) -> frozenset[int]:
    data = array("I")
    data.frombytes(base64.b64decode(blob))
    if sys.byteorder == "big":
        data.byteswap()
    return frozenset(data)


@dataclass(frozen=True)
class Fingerprint:
    licence_id: str
    modulus: int  # only hashes divisible by it are kept, on both sides
    hashes: frozenset[int]


@dataclass(frozen=True)
class TextScore:
    licence_id: str
    score: float
    dice: float
    containment: float


@lru_cache(maxsize=1)
def fingerprints() -> tuple[Fingerprint, ...]:
    from auditor.licences._fingerprints import FINGERPRINTS

    return tuple(Fingerprint(lid, mod, _decode(blob)) for lid, (mod, blob) in FINGERPRINTS.items())


def rank(text: str) -> list[TextScore]:
    """Every known licence scored against ``text``, best first."""
    return _rank(shingles(text))


def _rank(doc: set[int]) -> list[TextScore]:
    by_mod: dict[int, set[int]] = {}
    scores = []
    for fp in fingerprints():
        sample = by_mod.get(fp.modulus)
        if sample is None:
            sample = by_mod[fp.modulus] = {h for h in doc if h % fp.modulus == 0}
        if not fp.hashes or not sample:
            continue
        common = len(fp.hashes & sample)
        dice = 2 * common / (len(fp.hashes) + len(sample))
        containment = common / len(fp.hashes)
        score = max(dice, containment * CONTAINED if containment >= 0.85 else 0.0)
        scores.append(TextScore(fp.licence_id, score, dice, containment))
    return sorted(scores, key=lambda s: (-s.score, s.licence_id))


def best_match(text: str) -> TextScore | None:
    """The licence this text is, or None when no licence is close enough."""
    doc = shingles(text)
    ranked = _rank(doc)
    if not ranked or ranked[0].score < THRESHOLD:
        return None
    best = ranked[0]
    close = [s for s in ranked[1:] if s.score >= best.score - 0.08]
    if close:
        best = _settle(doc, best, close)
    if best.licence_id.startswith("LicenseRef-Llama-"):
        best = _llama_version(text, best)
    return best


def _settle(doc: set[int], best: TextScore, close: list[TextScore]) -> TextScore:
    """Near-identical licences (CC BY vs CC BY-NC): decide on the passages that differ."""
    prints = {fp.licence_id: fp for fp in fingerprints()}
    winner = best
    for other in close:
        a, b = prints[winner.licence_id], prints[other.licence_id]
        mod = max(a.modulus, b.modulus)
        ha = {h for h in a.hashes if h % mod == 0}
        hb = {h for h in b.hashes if h % mod == 0}
        only_a, only_b = ha - hb, hb - ha
        hit_a = len(only_a & doc) / len(only_a) if only_a else 0.0
        hit_b = len(only_b & doc) / len(only_b) if only_b else 0.0
        if hit_b > hit_a:
            winner = other
    return winner


def _llama_version(text: str, best: TextScore) -> TextScore:
    """Llama licences differ mostly in their version number: trust the title."""
    found = _LLAMA_TITLE.search(text[:400])
    if not found:
        return best
    version = found.group(1)
    major = version.split(".")[0]
    licence_id = f"LicenseRef-Llama-{version if version in ('3.1', '3.2', '3.3') else major}"
    return TextScore(licence_id, best.score, best.dice, best.containment)
