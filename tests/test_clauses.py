"""Clause detection through the public interface, on the project's own sample terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.clauses import BANS, CATEGORIES, Clause, detect_clauses
from auditor.clauses.cache import CACHE_VERSION, parse_terms
from auditor.documents import load_bytes, load_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "terms"
KEYS = ["document", "category", "section", "page", "start", "end", "text", "confidence"]


def clauses_of(name: str) -> list[Clause]:
    return detect_clauses(load_document(SAMPLES / name))


def categories_in(text: str, name: str = "t.txt") -> set[str]:
    return {c.category for c in detect_clauses(load_bytes(text.encode(), Path(name)))}


def test_competing_models_ban_with_evidence():
    clauses = clauses_of("northwind_terms_2024.md")
    ban = [c for c in clauses if c.category == "competing-models"]
    assert len(ban) == 1
    assert "develop models that compete" in ban[0].text
    assert ban[0].section.endswith("Restrictions")
    assert 0.5 <= ban[0].confidence <= 1.0


def test_newer_wording_is_still_found_and_exceptions_are_not_bans():
    clauses = clauses_of("northwind_terms_2025.md")
    bans = {c.category: c for c in clauses if c.category in BANS}
    assert "build a competing product" in bans["competing-models"].text
    assert "develop or train any artificial intelligence" in bans["model-training-ban"].text
    assert not any("However" in c.text for c in clauses if c.category in BANS)


def test_distillation_permission_is_not_a_ban():
    for name in ("bluepeak_open_model_licence.txt", "deepwater_api_terms.txt"):
        clauses = clauses_of(name)
        assert "distillation-permitted" in {c.category for c in clauses}
        assert not [c for c in clauses if c.category in BANS], name


def test_licence_like_obligations():
    found = {c.category for c in clauses_of("quill_research_data_licence.html")}
    assert {"non-commercial", "research-only", "attribution", "share-alike", "no-derivatives", "tdm-reservation"} <= found
    found = {c.category for c in clauses_of("bluepeak_open_model_licence.txt")}
    assert {"attribution", "naming", "use-restriction", "scale-threshold"} <= found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("You will not use the Materials or any output to improve any other large language model.", "improve-other-models"),
        ("You may not use the Services, or data from them, to create, train or improve any AI technology.", "model-training-ban"),
        ("You agree not to:\n- use bots or crawlers to scrape the Services.\n", "no-scraping"),
        ("As between the parties, you own all Output.", "output-ownership"),
    ],
)
def test_real_world_phrasings(text, expected):
    assert expected in categories_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nothing in these terms prohibits you from using outputs to train other models.",
        "We will not use your content to train our models.",
        "Acme may not train models on Customer Content.",
        "However, you can use Output to develop classifiers for your own data.",
        "These models are competitive with larger ones in our benchmarks.",
    ],
)
def test_negations_promises_and_permissions_are_not_bans(text):
    assert not categories_in(text) & BANS


def test_pdf_clauses_carry_pages_and_offsets():
    doc = load_document(SAMPLES / "bluepeak_open_model_licence.pdf")
    clauses = detect_clauses(doc)
    assert clauses and all(c.page == 1 for c in clauses)
    for clause in clauses:
        assert doc.text[clause.start : clause.end] == clause.text


def test_to_dict_has_exactly_the_contract_keys():
    clause = clauses_of("northwind_terms_2024.md")[0]
    data = clause.to_dict()
    assert list(data) == KEYS
    assert Clause.from_dict(json.loads(json.dumps(data))) == clause


def test_categories_are_the_contract_list():
    assert len(CATEGORIES) == 15 and set(BANS) <= set(CATEGORIES)
    found: set[str] = set()
    for path in SAMPLES.glob("*.*"):
        if path.suffix in (".md", ".txt", ".html"):
            found |= {c.category for c in detect_clauses(load_document(path))}
    assert found <= set(CATEGORIES)
    assert len(found) >= 14


def test_detection_is_deterministic():
    assert clauses_of("northwind_terms_2025.md") == clauses_of("northwind_terms_2025.md")


def test_cache_hits_and_survives_corruption(tmp_path):
    source = SAMPLES / "northwind_terms_2024.md"
    first = parse_terms(source, cache_dir=tmp_path)
    entries = list((tmp_path / "terms").glob("*.json"))
    assert len(entries) == 1 and CACHE_VERSION in entries[0].read_text()
    assert parse_terms(source, cache_dir=tmp_path) == first
    entries[0].write_text("{not json")
    assert parse_terms(source, cache_dir=tmp_path) == first
    assert json.loads(entries[0].read_text())["key"].startswith(CACHE_VERSION)


def test_cache_folder_that_cannot_be_written_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    document, clauses = parse_terms(SAMPLES / "deepwater_api_terms.txt", cache_dir=blocker)
    assert document.format == "text" and clauses


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300))
def test_any_text_gives_valid_clauses(text):
    doc = load_bytes(("You may not:\n- " + text).encode("utf-8"), Path("x.txt"))
    for clause in detect_clauses(doc):
        assert clause.category in CATEGORIES
        assert 0 <= clause.start <= clause.end <= len(doc.text)
        assert doc.text[clause.start : clause.end] == clause.text
        assert 0.0 <= clause.confidence <= 1.0
