"""One compiled regular expression that finds the sentences worth a closer look.

Scoring needs at least one *anchor* role in a sentence to state any category (a model
word, a development verb, a licence term, an ownership word...); prohibition and
permission words alone state nothing.  The anchors are taken from the same vocabulary
the cue matcher uses (``patterns``), so the two cannot drift apart, plus the few words
that scoring reads with regular expressions of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from auditor.clauses.patterns import PHRASES, TOKEN_PATTERNS, WORDS

ANCHORS = (
    "MODEL", "DEVELOP", "COMPETE", "DISTILL", "OTHER_MODEL", "NONCOMMERCIAL", "COMMERCIAL", "SCALE", "TDM", "RESERVE",
    "USE_POLICY", "ATTRIB", "NAME_RULE", "SHARE_ALIKE", "NO_DERIV", "RESEARCH", "DERIVATIVE", "OUTPUT", "OWN", "SCRAPE",
)
# Words scoring or the token patterns read without a phrase of their own.
EXTRA = (
    "creative commons", "cc", "odc", "open data commons", "name", "named", "extract", "extracts", "extracting", "extraction",
    "automated", "automatic", "automatically", "programmatically", "harvesting", "learn", "monthly", "licen[cs]e",
)


@lru_cache(maxsize=1)
def anchor_pattern() -> re.Pattern[str]:
    words: set[str] = set()
    for label in ANCHORS:
        words.update(PHRASES.get(label, ()))
        words.update(WORDS.get(label, ()))
    for label in ("TRAIN_ON", "EXTRACT", "TRAIN_OTHER", "RESEARCH_ONLY", "SCALE_NUMBER"):
        assert label in TOKEN_PATTERNS  # the words of these patterns are in EXTRA or the anchors above
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    alternatives += list(EXTRA)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


def candidates(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indices of the sentences (given by their character spans) holding at least one anchor."""
    found: list[int] = []
    last = -1
    for match in anchor_pattern().finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index > last and index >= 0 and match.start() < ends[index]:
            found.append(index)
            last = index
    return found
