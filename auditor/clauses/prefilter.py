"""Find the sentences worth a closer look, on characters, before spaCy sees any of them.

Scoring needs certain *roles* in a sentence to state any category: one of the ``ANCHORS``
alone (a model word, a development verb, a licence term...), or a role of each group of one
``TOGETHER`` entry (an output word is an ownership clause only beside an ownership word);
prohibition and permission words alone state nothing.  The roles are the cue matcher's own
vocabulary (``patterns``), plus the words that scoring reads with regular expressions of its own
(``EXTRA`` and the plain words of ``TOGETHER``).  A new way for scoring to state a clause must
name its words here: ``tests/test_clause_prefilter.py`` and ``bench/clauses_speed.py`` check
that detection with every sentence a candidate finds nothing more.

A role is present only if one of its phrases is, and a phrase is present only if each of
its words is: the test is on the sentence's words, never on its tokens.  That holds because
spaCy splits a word from a letter or digit beside it only in a few places, and those words
are checked on the characters instead (``_weak_words``): its special cases ("cannot" is
"can" + "not", "aint" is "ai" + "nt"), and units and numbers ("4km").  spaCy's tokenizer is
used once per process, to cut the vocabulary's phrases into the tokens the cue matcher sees.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from auditor.clauses.patterns import PHRASES, TOKEN_PATTERNS, WORDS

ANCHORS = (
    "MODEL", "DEVELOP", "COMPETE", "DISTILL", "OTHER_MODEL", "NONCOMMERCIAL", "COMMERCIAL", "SCALE", "TDM",
    "USE_POLICY", "ATTRIB", "SHARE_ALIKE", "NO_DERIV", "SCRAPE",
)
# Roles that state a clause only together, each group one of its roles: output ownership;
# "research only" (the RESEARCH_ONLY token patterns); a definition making a model trained on outputs
# a derivative; naming rules outside model licences (a mark displayed on a website, an app's title,
# a name not to endorse with; a substitute recreated for a service or product).  A role ending
# in "*" is a word's beginning ("blog*": blog, blogs, blogpost), read on the characters.
TOGETHER: tuple[tuple[str | tuple[str, ...], ...], ...] = (
    ("OUTPUT", "OWN"),
    ("RESEARCH", ("ONLY", "non")),
    ("DERIVATIVE", "transfer of patterns"),
    (
        ("website*", "user interface*", "ui*", "blog*", "about page*", "documentation*", "product*"),
        ("include*", "display*", "show*", "state*"),
    ),
    (("name", "title"), ("app", "apps", "application", "applications", "product", "products", "service", "services")),
    ("name", ("endorse", "promote")),
    (("recreat*", "re-creat*", "clon*", "reproduc*", "duplicat*"), ("service", "services", "product", "products", "offering", "offerings", "functionality")),  # substitutes
)
# Words scoring or the token patterns read without a phrase of their own (each its own role).
EXTRA = (
    "creative commons", "cc", "odc", "open data commons", "extract", "extracts", "extracting", "extraction",
    "automated", "automatic", "automatically", "programmatically", "harvesting", "learn",
    "substantially", "functionally", "functions", "replicate", "replicates", "replicating", "replicated",  # clones
)

_WORD = re.compile(r"[a-z0-9]+")
Phrase = tuple[str, frozenset[str], tuple[str, ...]]  # role, words, weak words (checked on characters)


def candidates(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """Indices of the sentences (given by their character spans) that can state a clause."""
    by_word, unindexed = _phrases()
    alone = frozenset(ANCHORS + EXTRA)
    indexed = frozenset(by_word)
    together = _together()
    wordless = [groups for groups in together if all(isinstance(group, re.Pattern) for group in groups)]
    worded = [groups for groups in together if groups not in wordless]  # need a role, so a word
    grouped = frozenset(role for groups in worded for group in groups if isinstance(group, frozenset) for role in group)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("\u0130"): lower each sentence
        lowered = ""
    found: list[int] = []
    for index, (start, end) in enumerate(zip(starts, ends)):
        lower = lowered[start:end] if lowered else text[start:end].lower()
        listed = _WORD.findall(lower)
        keys = indexed.intersection(listed)
        roles: set[str] = set()
        if keys or unindexed:
            words = set(listed)
            for role, needed, weak in (*(phrase for key in keys for phrase in by_word[key]), *unindexed):
                if role not in roles and needed <= words and (not weak or _weak_present(weak, words, lower)):
                    roles.add(role)
        if (
            not roles.isdisjoint(alone)
            or (not roles.isdisjoint(grouped) and any(all(_present(group, roles, lower) for group in groups) for groups in worded))
            or any(all(group.search(lower) for group in groups) for groups in wordless)  # type: ignore[union-attr]
        ):
            found.append(index)
    return found


def _present(group: frozenset[str] | re.Pattern[str], roles: set[str], lower: str) -> bool:
    return bool(group.search(lower)) if isinstance(group, re.Pattern) else not group.isdisjoint(roles)


@lru_cache(maxsize=1)
def _together() -> list[list[frozenset[str] | re.Pattern[str]]]:
    """``TOGETHER`` with each group as a set of roles, or as one expression when its roles are beginnings."""
    out: list[list[frozenset[str] | re.Pattern[str]]] = []
    for groups in TOGETHER:
        compiled: list[frozenset[str] | re.Pattern[str]] = []
        for group in groups:
            roles = (group,) if isinstance(group, str) else group
            if all(role.endswith("*") for role in roles):
                stems = "|".join(re.escape(role[:-1]).replace("\\ ", r"\s+") for role in roles)
                compiled.append(re.compile(r"(?<![a-z0-9])(?:" + stems + ")"))
            else:
                assert not any(role.endswith("*") for role in roles), "a group is all words or all beginnings"
                compiled.append(frozenset(roles))
        out.append(compiled)
    return out


def _weak_present(weak: tuple[str, ...], words: set[str], lower: str) -> bool:
    glued, units = _weak_words(), _units()
    return all(
        word in words or any(form in words for form in glued.get(word, ())) or ((word.isdigit() or word in units) and word in lower)
        for word in weak
    )


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, list[Phrase]], list[Phrase]]:
    """Each role's phrases as word sets, indexed by one word each (phrases of weak words only: unindexed)."""
    from auditor.clauses.pipeline import get_pipeline

    nlp = get_pipeline()
    glued, units = _weak_words(), _units()
    roles = {role for groups in _together() for group in groups if isinstance(group, frozenset) for role in group}
    roles |= set(ANCHORS) | set(EXTRA)
    by_word: dict[str, list[Phrase]] = defaultdict(list)
    unindexed: list[Phrase] = []
    for role in sorted(roles):
        phrases = (*PHRASES.get(role, ()), *WORDS.get(role, ())) if role in PHRASES or role in WORDS else (role,)
        for phrase in phrases:
            words = {w for token in nlp.make_doc(phrase) for w in _WORD.findall(token.lower_)}
            weak = tuple(sorted(w for w in words if w in glued or w in units or w.isdigit()))
            strong = frozenset(words - set(weak))
            entry = (role, strong, weak)
            if strong:
                by_word[max(strong, key=len)].append(entry)
            elif all(w in glued and not (w.isdigit() or w in units) for w in weak):  # index under a word it needs
                for word in {weak[0], *glued[weak[0]]}:
                    by_word[word].append(entry)
            else:
                unindexed.append(entry)
    for label in ("TRAIN_ON", "EXTRACT", "TRAIN_OTHER", "RESEARCH_ONLY", "SCALE_NUMBER"):
        assert label in TOKEN_PATTERNS  # the words these patterns need are anchors or EXTRA
    return dict(by_word), unindexed


@lru_cache(maxsize=1)
def _weak_words() -> dict[str, tuple[str, ...]]:
    """Word -> the words it hides in when a special case splits it off a letter or digit
    ("cannot" for "not", "ain" of "ain't" for "ai").  Numbers and units ("4km") are checked
    on the characters instead."""
    from spacy.attrs import ORTH

    from auditor.clauses.pipeline import get_pipeline

    glued: dict[str, set[str]] = defaultdict(set)
    for key, pieces in get_pipeline().tokenizer.rules.items():
        orths = [str(piece[ORTH]) for piece in pieces]
        split = 0
        for before, after in zip(orths, orths[1:]):
            split += len(before)
            if before[-1:].isalnum() and after[:1].isalnum():
                run = _run_around(key.lower(), split)
                for word in _WORD.findall(before.lower())[-1:] + _WORD.findall(after.lower())[:1]:
                    glued[word].update(_WORD.findall(run))
    return {word: tuple(sorted(forms)) for word, forms in glued.items()}


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    """Units spaCy splits off a number before them ("4km")."""
    from spacy.lang.char_classes import UNITS

    return frozenset(unit.lower() for unit in UNITS.split())


def _run_around(text: str, split: int) -> str:
    """The run of letters and digits of ``text`` around offset ``split``."""
    start, end = split, split
    while start and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]
