"""The prefilter only saves time: with every sentence a candidate, detection finds the same clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.clauses.prefilter as prefilter
from auditor.clauses import detect_clauses
from auditor.clauses.prefilter import candidates
from auditor.documents import load_bytes, load_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "terms"


def _both(document) -> tuple[list, list]:
    """Clauses with the prefilter, and with every sentence a candidate."""
    chosen = detect_clauses(document)
    real = prefilter.candidates
    prefilter.candidates = lambda text, starts, ends: list(range(len(starts)))
    try:
        every = detect_clauses(document)
    finally:
        prefilter.candidates = real
    return chosen, every


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt", ".html", ".pdf"}))
def test_samples_lose_nothing_to_the_prefilter(name):
    chosen, every = _both(load_document(SAMPLES / name))
    assert chosen and chosen == every


# Words and phrases that make or unmake clauses, glued and cased in the ways that test the prefilter.
_PIECES = [
    "You may not", "you must not", "cannot", "Customer shall not", "We will not", "Restrictions:", "You will not:\n- ",
    "\n(a) ", "\n2.1 ", "use", "the Outputs", "output", "to train", "training on", "learn from", "any model", "AI",
    "ain't", "models", "machine learning", "develop", "a competing product", "similar to", "own", "you own all Output",
    "research", "only", "solely for non research purposes", "derivative", "transfer of patterns", "means", '"Model"',
    "text and data mining", "reserve", "CC-BY-NC-4.0", "Creative Commons Attribution", "scrape", "automatically extract",
    "data", "more than 700 million monthly active users", "4km", "name", "at the beginning of", "Llama", "attribution",
    "acceptable use policy", "comply with", "distill", "other models", "improve", "without our prior written consent",
    ".", ";", ",", "\n\n", "\n", " and ", " or ",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=3, max_size=40), st.booleans())
def test_generated_text_loses_nothing_to_the_prefilter(pieces, upper):
    text = " ".join(pieces)
    document = load_bytes((text.upper() if upper else text).encode(), Path("generated.md"))
    chosen, every = _both(document)
    assert chosen == every


def test_roles_that_state_only_together_need_each_other():
    sentences = ["You own the house.", "You own all Output.", "Output is text.", "Research is fun.", "For research only."]
    text = " ".join(sentences)
    starts = [text.index(sentence) for sentence in sentences]
    ends = [start + len(sentence) for start, sentence in zip(starts, sentences)]
    assert [text[starts[i] : ends[i]] for i in candidates(text, starts, ends)] == ["You own all Output.", "For research only."]


def test_a_word_spacy_splits_off_a_letter_still_counts():
    """spaCy reads "cannot" as "can not" and "ain't" as "ai n't": the prefilter must not miss them."""
    text = "Output: cannot-be-owned-by ain't own"
    assert candidates(text, [0], [len(text)]) == [0]
