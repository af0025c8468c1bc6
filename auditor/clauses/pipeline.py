"""The spaCy pipeline: a blank English tokenizer, legal sentence boundaries, clause cues.

Built once per process (``get_pipeline``); no trained model, no download, no network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import overload

from auditor.clauses.spacy_import import import_spacy

import_spacy()

import spacy  # noqa: E402
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from auditor.clauses.patterns import PHRASES, TOKEN_PATTERNS, WORDS
from auditor.clauses.scoring import Sentence

# Token patterns are the slow part of matching: each runs only on text holding a word it needs.
_GATES: dict[str, re.Pattern[str]] = {
    "TRAIN_ON": re.compile(r"\btrain|\blearn", re.I),
    "TRAIN_OTHER": re.compile(r"\btrain", re.I),
    "EXTRACT": re.compile(r"extract|automat|programmatic|harvest|scrap|\bweb\b", re.I),
    "RESEARCH_ONLY": re.compile(r"research", re.I),
    "SCALE_NUMBER": re.compile(r"\d|monthly|million|billion", re.I),
}
_NEEDS = "needs:"  # PhraseMatcher labels for the words that announce a token pattern


class ClauseCues:
    """Finds every cue (role words and phrases) of a sentence's Doc, as (start, end, label) token spans."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in list(PHRASES.items()) + list(WORDS.items()):
            self.phrases.add(label, [nlp.make_doc(phrase) for phrase in phrases])
        self.tokens: dict[str, Matcher] = {}
        # label -> for each pattern, the PhraseMatcher keys of the word groups it needs (one word of each)
        self.needs: dict[str, list[frozenset[int]]] = {}
        for label, patterns in TOKEN_PATTERNS.items():
            self.tokens[label] = Matcher(nlp.vocab)
            self.tokens[label].add(label, patterns)
            self.needs[label] = []
            for number, pattern in enumerate(patterns):
                keys = set()
                for position, words in _required_words(nlp, pattern):
                    key = f"{_NEEDS}{label}:{number}:{position}"
                    self.phrases.add(key, [nlp.make_doc(word) for word in words])
                    keys.add(nlp.vocab.strings[key])
                self.needs[label].append(frozenset(keys))
        self.labels = {nlp.vocab.strings[label]: label for label in (*PHRASES, *WORDS)}

    def __call__(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """``text``: the doc's text (``Doc.text`` rebuilds it token by token)."""
        labels = self.labels
        found: list[tuple[int, int, str]] = []
        seen: set[int] = set()
        for key, start, end in self.phrases(doc):
            if key in labels:
                found.append((start, end, labels[key]))
            else:
                seen.add(key)
        for label, needs in self.needs.items():
            if any(keys <= seen for keys in needs) and _GATES[label].search(text):
                found += [(start, end, label) for _, start, end in self.tokens[label](doc)]
        found.sort()
        return found


def _required_words(nlp: Language, pattern: list[dict]) -> list[tuple[int, tuple[str, ...]]]:
    """The tokens a pattern cannot match without, as (position, the words one of which it must be).

    Only tokens that must appear once or more and must be one word of a list (each one token alone)."""
    out: list[tuple[int, tuple[str, ...]]] = []
    for position, token in enumerate(pattern):
        value = token.get("LOWER")
        if token.get("OP", "1") not in {"1", "+"} or set(token) - {"LOWER", "OP"}:
            continue
        words = (value,) if isinstance(value, str) else tuple(value["IN"]) if isinstance(value, dict) and set(value) == {"IN"} else ()
        if words and all(len(doc := nlp.make_doc(word)) == 1 and doc[0].lower_ == word for word in words):
            out.append((position, words))
    return out


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """Built once per process; sentences are found on characters before spaCy sees them."""
    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    return nlp


@lru_cache(maxsize=1)
def get_cues() -> ClauseCues:
    """The compiled matchers, built once per process."""
    return ClauseCues(get_pipeline())


def cue_sentences(sentences: list[Sentence]) -> None:
    """Tokenise each sentence (whitespace runs as one space) and record its cues by token position.

    One Doc per sentence: spaCy's tokenizer stops caching words for the rest of a Doc once it
    meets a special case ("e.g.", "don't"), so one Doc for many sentences tokenises slower."""
    nlp = get_pipeline()
    cues = get_cues()
    for sentence in sentences:
        flat = " ".join(sentence.text.split())
        doc = nlp.make_doc(flat)
        sentence.tokens = LowerTokens(doc)
        for start, end, label in cues(doc, flat):
            sentence.cues.setdefault(label, []).append((start, end))


class LowerTokens(Sequence[str]):
    """A sentence's lower-cased tokens, read from the Doc only where scoring looks."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._lower: list[str] | None = None

    def __len__(self) -> int:
        return len(self.doc)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if self._lower is None:
            self._lower = [token.lower_ for token in self.doc]
        return self._lower[index]
