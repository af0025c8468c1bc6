"""Ways of writing (or only seeming to write) a ban met in the fifth blind review, in our own words.

Each case is a short document written for the test; ``detect_clauses`` is what ``audit terms`` runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.clauses import BANS, detect_clauses
from auditor.documents import load_document


def _bans(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    return [(c.category, c.text) for c in detect_clauses(load_document(path)) if c.category in BANS]


# --- a bold heading over bare-verb bullets ----------------------------------------------


@pytest.mark.parametrize("heading", ["**Do not:**", "**You must not:**", "Don't:", "**Prohibited:**", "You may not:", "__Do NOT__:"])
def test_a_prohibiting_heading_on_its_own_line_governs_the_bullets_below(tmp_path: Path, heading: str) -> None:
    text = (
        "Atlas Feed rules\n================\n\nThese rules apply to every key.\n\n"
        f"{heading}\n\n*   Resell your key.\n"
        "*   Use records you obtain from the Atlas feed to train a machine learning model.\n"
    )
    found = _bans(tmp_path, text)
    assert [(category, text.endswith("Use records you obtain from the Atlas feed to train a machine learning model.")) for category, text in found] == [
        ("model-training-ban", True)
    ]


def test_a_do_heading_over_the_same_bullet_bans_nothing(tmp_path: Path) -> None:
    text = "**Do:**\n\n*   Show the Atlas logo.\n*   Use records you obtain from the Atlas feed to train a machine learning model.\n"
    assert _bans(tmp_path, text) == []


# --- a licence granted on conditions, listed below "provided that it:" -------------------

_CONDITIONS = (
    "The Member may print and adapt the Photos in any medium, alone or combined with other works, "
    "the licence being granted for each Photo, provided that it:\n\n"
    "1. Does not involve bulk resale;\n"
    "2. Does not use the Photos (including any tags, descriptions, file names or other metadata that accompany "
    "the Photos) for any machine learning or artificial intelligence purposes, or for face recognition.\n"
)


def test_a_negated_condition_of_a_grant_is_a_training_ban(tmp_path: Path) -> None:
    found = _bans(tmp_path, _CONDITIONS)
    assert [(category, text[:24]) for category, text in found] == [("model-training-ban", "2. Does not use the Phot")]


def test_a_passive_negated_condition_is_a_training_ban_too(tmp_path: Path) -> None:
    text = "You may stream the Tracks on these terms, on condition that:\n\n(a) the Tracks are not used for model training purposes;\n(b) credit is given.\n"
    assert [category for category, _ in _bans(tmp_path, text)] == ["model-training-ban"]


@pytest.mark.parametrize(
    "text",
    [
        # a condition that requires, not negates
        "The Member may print the Photos, provided that it:\n\n1. Credits the photographer when a Photo is used for any machine learning purposes.\n",
        # the provider describing its own app: no grant on conditions above the list
        "Our camera app:\n\n1. Does not use your photos for any machine learning or artificial intelligence purposes.\n",
        # the provider's own sharing, on conditions it sets itself
        "We may share pseudonymised records with research partners, provided that the partner:\n\n"
        "1. Does not use the records for any machine learning purposes.\n",
    ],
)
def test_conditions_that_require_or_describe_ban_nothing(tmp_path: Path, text: str) -> None:
    assert _bans(tmp_path, text) == []


# --- the provider promising to leave content out of its own training ---------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Designs you take down from the gallery will be excluded from any later training models, though it may not be possible "
        "to strip them out of a model already built.",
        "Tracks withdrawn by a creator will be left out of future model training and cannot be pulled from models trained before.",
        "We retrain every quarter, so it may not always be possible to remove a photo from an AI model trained earlier.",
    ],
)
def test_a_promise_to_exclude_content_from_training_is_no_ban(tmp_path: Path, sentence: str) -> None:
    assert _bans(tmp_path, f"## Removing your uploads\n\n**Restrictions:**\n\n- {sentence}\n") == []


def test_a_passive_prohibition_next_to_the_possibility_wording_still_bans(tmp_path: Path) -> None:
    text = "Gallery images may not be used to train AI models, although it may not be possible for us to detect every copy.\n"
    assert [category for category, _ in _bans(tmp_path, text)] == ["model-training-ban"]
