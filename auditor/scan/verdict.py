"""A file's verdict from its tallies: rate, uncertainty, providers, and the call.

The thresholds are the only fitted part of the scan.  They were chosen by
``bench/scan_eval.py`` with leave-one-file-out over the development files (fixed
before tuning): each file judged with thresholds fitted on the others.

- ``generated``: a provider's weighted evidence reaches GENERATED_SCORE (for
  instance three rows of self-identification, or six rows of "As an AI
  language model");
- ``possibly-generated``: weaker provider evidence, or generic evidence (knowledge
  cutoffs, "as an AI") reaching POSSIBLE_SCORE;
- ``no-evidence``: anything less.  Trace-free model output (text-davinci-003's
  Alpaca has none) is ``no-evidence`` too: absence of traces is not proof of
  human writing, and the report says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GENERATED_SCORE = 3.0
POSSIBLE_SCORE = 0.5
Z95 = 1.959964


@dataclass(frozen=True)
class Thresholds:
    generated: float = GENERATED_SCORE
    possible: float = POSSIBLE_SCORE


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion (sound at 0 and at small counts)."""
    if total <= 0:
        return (0.0, 1.0)
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def confidence(score: float) -> float:
    """How surely the evidence points to a provider: 1 - 2^-score, rounded."""
    return round(1 - 0.5**score, 3)


def decide(provider_score: dict[str, float], generic_score: float, thresholds: Thresholds = Thresholds()) -> str:
    best = max(provider_score.values(), default=0.0)
    if best >= thresholds.generated:
        return "generated"
    if best >= thresholds.possible or generic_score + best >= thresholds.possible:
        return "possibly-generated"
    return "no-evidence"
