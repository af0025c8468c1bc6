"""Round six of the blind test: items run on with commas, a similar app that nobody builds, a ban on others.

Each case is our own paraphrase.  A lead-in "must not:" governs comma-separated items "(a) ..., (b) ..."
one by one, so a permission inside one item ("but you may ...") does not silence the next; a marker that
does not follow the one before ("(s)", a parenthetical) starts no item.  "A similar app" is a rival only
when something builds it.  "Our agreements prohibit them (our vendors) from training" binds others.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.clauses import BANS, detect_clauses
from auditor.clauses.segmenter import boundaries
from auditor.documents import load_document


def _bans(tmp_path: Path, text: str) -> set[str]:
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    return {c.category for c in detect_clauses(load_document(path)) if c.category in BANS}


def test_comma_items_are_read_one_by_one(tmp_path):
    text = (
        "# Licence\n\n4.3 Limits. Unless this Agreement says otherwise, the Subscriber must not (nor let others): (a) resell the "
        "Platform, (b) share logins beyond its Staff, (c) bill its clients per seat, although the Subscriber may bill a flat "
        "fee for its own services (where the Platform is incidental), (d) use the Platform to build a similar or competing "
        "product, (e) decompile the Platform.\n"
    )
    assert _bans(tmp_path, text) == {"competing-models"}


def test_markers_out_of_sequence_start_no_item() -> None:
    text = "Send the form(s), (b) is not a list item here, and (a) neither; the end."
    starts = boundaries(text)
    assert all(not text[s:].startswith(("(b)", "(a)")) for s in starts)
    run_on = "You must not: (a) sell it, (b) lend it, or (c) copy it."
    assert [run_on[s : s + 3] for s in boundaries(run_on)][1:] == ["(a)", "(b)", "(c)"]


@pytest.mark.parametrize(
    "text",
    [
        "If we suspend your app, don't relaunch the same or a substantially similar app under a new account.\n",
        "Please do not upload a similar track twice.\n",
        "Our contracts with hosting vendors prohibit them from using your prompts or outputs to train their models.\n",
        "Our agreements with such model providers forbid them from training on your Content.\n",
    ],
)
def test_look_alikes_stay_quiet(tmp_path, text):
    assert not _bans(tmp_path, "# Terms\n\n" + text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You may not build a substantially similar app.\n", {"competing-models"}),
        ("You may not list a competing service in the directory.\n", {"competing-models"}),
        ("These terms prohibit you from using Outputs to train models.\n", {"model-training-ban"}),
    ],
)
def test_the_bans_beside_them_still_fire(tmp_path, text, expected):
    assert _bans(tmp_path, "# Terms\n\n" + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Using the weights to train other models for paid products is not a non-commercial purpose.\n", {"model-training-ban"}),
        ("Training a model on the Outputs is not a permitted use.\n", {"model-training-ban"}),
        ("Teaching a class with the Outputs is not a commercial purpose.\n", set()),
        ("Fine-tuning the weights for your own evaluation is a permitted use.\n", set()),
    ],
)
def test_what_a_licence_says_is_no_granted_purpose_is_forbidden(tmp_path, text, expected):
    assert _bans(tmp_path, "# Licence\n\nYou may use the Model for non-commercial purposes only.\n\n" + text) == expected
