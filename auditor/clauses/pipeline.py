"""The spaCy pipeline: a blank English tokenizer, legal sentence boundaries, clause cues.

Built once per process (``get_pipeline``); no trained model, no download, no network.
"""

from __future__ import annotations

from functools import lru_cache

from auditor.clauses.spacy_import import import_spacy

import_spacy()

import spacy  # noqa: E402
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup

from auditor.clauses.patterns import PHRASES, TOKEN_PATTERNS, WORDS
from auditor.clauses.scoring import Sentence

CUES = "cues"


class ClauseCues:
    """Marks every cue (role words and phrases) as a labelled span in ``doc.spans["cues"]``."""

    def __init__(self, nlp: Language) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in list(PHRASES.items()) + list(WORDS.items()):
            self.phrases.add(label, [nlp.make_doc(phrase) for phrase in phrases])
        self.tokens = Matcher(nlp.vocab)
        for label, patterns in TOKEN_PATTERNS.items():
            self.tokens.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=key) for key, start, end in self.phrases(doc)]
        spans += [Span(doc, start, end, label=key) for key, start, end in self.tokens(doc)]
        spans.sort(key=lambda span: (span.start, span.end, span.label_))
        doc.spans[CUES] = SpanGroup(doc, name=CUES, spans=spans)
        return doc


@Language.factory("clause_cues")
def make_clause_cues(nlp: Language, name: str) -> ClauseCues:
    return ClauseCues(nlp)


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """Built once per process; sentences are found on characters before spaCy sees them."""
    nlp = spacy.blank("en")
    nlp.add_pipe("clause_cues")
    nlp.max_length = 20_000_000
    return nlp


def cue_sentences(sentences: list[Sentence]) -> None:
    """Tokenise each sentence (whitespace runs as one space) and record its cues by token position."""
    nlp = get_pipeline()
    cues = nlp.get_pipe("clause_cues")
    for sentence in sentences:
        doc = cues(nlp.make_doc(" ".join(sentence.text.split())))
        sentence.tokens = [token.lower_ for token in doc]
        for span in doc.spans[CUES]:
            sentence.cues.setdefault(span.label_, []).append((span.start, span.end))
