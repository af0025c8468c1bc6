"""One compiled regular expression that finds the sentences worth a closer look.

Scoring needs at least one *anchor* role in a sentence to state any category (a model
word, a development verb, a licence term, an ownership word...); prohibition and
permission words alone state nothing.  The anchors are taken from the same vocabulary
the cue matcher uses (``patterns``), so the two cannot drift apart, plus the few words
that scoring reads with regular expressions of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.clauses.patterns import PHRASES, TOKEN_PATTERNS, WORDS

ANCHORS = (
    "MODEL", "DEVELOP", "COMPETE", "DISTILL", "OTHER_MODEL", "NONCOMMERCIAL", "COMMERCIAL", "SCALE", "TDM", "RESERVE",
    "USE_POLICY", "ATTRIB", "NAME_RULE", "SHARE_ALIKE", "NO_DERIV", "RESEARCH", "DERIVATIVE", "OUTPUT", "OWN", "SCRAPE",
)
# Words scoring or the token patterns read without a phrase of their own.
EXTRA = (
    "creative commons", "cc", "odc", "open data commons", "name", "named", "extract", "extracts", "extracting", "extraction",
    "automated", "automatic", "automatically", "programmatically", "harvesting", "learn",
    "title",  # naming rules without the word "name" ("the title of your app must not ...")
)


_WORD = re.compile(r"[a-z0-9]+")
# Words too common to pick out a sentence; every anchor phrase keeps at least one other word.
_COMMON = frozenset("of the a an to in on for and or any other not be is are this that by with as its our your their at from use may".split())


@lru_cache(maxsize=1)
def anchor_words() -> frozenset[str]:
    """The distinctive words of every anchor phrase (a sentence holding none of them states no clause)."""
    words: set[str] = set()
    for label in ANCHORS:
        for phrase in (*PHRASES.get(label, ()), *WORDS.get(label, ())):
            parts = [w for w in _WORD.findall(phrase.lower()) if w not in _COMMON] or _WORD.findall(phrase.lower())
            words.add(max(parts, key=len))  # a phrase is present only if its longest word is
    for extra in EXTRA:
        words.update(_WORD.findall(extra))
    for label in ("TRAIN_ON", "EXTRACT", "TRAIN_OTHER", "RESEARCH_ONLY", "SCALE_NUMBER"):
        assert label in TOKEN_PATTERNS  # the words these patterns need are anchors or EXTRA
    return frozenset(words)


def candidates(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indices of the sentences (given by their character spans) holding at least one anchor word."""
    anchors = anchor_words()
    found: list[int] = []
    for index, (start, end) in enumerate(zip(starts, ends)):
        if not anchors.isdisjoint(_WORD.findall(text[start:end].lower())):
            found.append(index)
    return found
