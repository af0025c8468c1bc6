"""Bans inherited through structure, nominal and passive phrasing, and the look-alikes that must stay quiet.

Every document here is written for the test; each case goes through ``audit terms``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.clauses import BANS

BANNED = "Using the outputs to train a machine-learning model"


def _clauses(path: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["terms", "--no-cache", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _bans(path: Path) -> list[dict]:
    return [c for c in _clauses(path) if c["category"] in BANS]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_heading_carries_the_prohibition_to_a_bare_bullet(tmp_path):
    doc = _write(tmp_path, "t.md", f"# Acme terms\n\n## Things you must not do\n\n- Resell your account.\n- {BANNED} without our written consent.\n\n## Fees\n\nYou pay monthly.\n")
    bans = _bans(doc)
    assert [b["category"] for b in bans] == ["model-training-ban"]
    assert bans[0]["text"].startswith("- Using the outputs")


def test_heading_that_permits_gives_no_ban(tmp_path):
    doc = _write(tmp_path, "t.md", f"# Acme terms\n\n## Things you may do\n\n- {BANNED} for your own research.\n")
    assert _bans(doc) == []


def test_numbered_lead_in_governs_items_two_levels_down(tmp_path):
    text = (
        "4. Use of the Service\n\n4.1 Restrictions. You will not:\n"
        "4.1.1 resell the Service;\n4.1.2 remove notices;\n"
        "4.1.3 use any output of the Service to train or develop other models;\n"
        "4.2 Support. We answer questions within two days.\n"
    )
    bans = _bans(_write(tmp_path, "t.txt", text))
    assert len(bans) == 1 and "4.1.3" in bans[0]["text"]


def test_lettered_items_under_nested_lead_ins(tmp_path):
    text = (
        "Customer shall not, and shall not allow any third party to:\n"
        "  (a) copy the software;\n"
        "  (b) use the Service to:\n"
        "      (i) send spam;\n"
        "      (ii) build a product that is a substitute for the Service;\n"
        "  (c) sublicense the software.\n"
    )
    bans = _bans(_write(tmp_path, "t.txt", text))
    assert [b["category"] for b in bans] == ["competing-models"]
    assert "(ii)" in bans[0]["text"]


def test_inline_roman_items_after_a_lead_in(tmp_path):
    text = "You agree that you will not: (i) copy the app; (ii) use outputs to develop a service similar in functionality to the app; or (iii) sell access.\n"
    bans = _bans(_write(tmp_path, "t.txt", text))
    assert [b["category"] for b in bans] == ["competing-models"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Training of models on responses is not permitted.",
        "Use of outputs for model training is prohibited.",
        "Outputs may not be used to train any artificial intelligence model.",
        "Without our prior written authorization, you may not train a model on the content.",
    ],
)
def test_nominal_and_passive_bans(tmp_path, sentence):
    doc = _write(tmp_path, "t.md", f"# Terms\n\n{sentence}\n")
    assert [b["category"] for b in _bans(doc)] == ["model-training-ban"]


@pytest.mark.parametrize(
    "sentence",
    [
        "We will not train our models on your data.",
        "Customer Data will not be used to train any artificial intelligence model.",
        "This licence does not permit us to use your content to train machine learning models.",
        "If you do not agree with these terms, do not use, modify, or create derivative models of the software.",
        "Will your content be used to train AI models? No, never.",
        "You must not use the service to develop AI systems that are prohibited under applicable law.",
        "Nothing in these terms prohibits you from training models on outputs.",
    ],
)
def test_look_alikes_stay_quiet(tmp_path, sentence):
    doc = _write(tmp_path, "t.md", f"# Terms\n\n{sentence}\n")
    assert _bans(doc) == []


def test_provider_promise_under_a_restrictions_heading_is_no_ban(tmp_path):
    doc = _write(tmp_path, "t.md", "## Restrictions\n\n- We will not use your inputs to train models.\n- Acme will not sell your data.\n")
    assert _bans(doc) == []


def test_conditional_permission_is_a_permission_with_a_naming_condition(tmp_path):
    text = "If you use the materials or any outputs to train a model that you distribute, you must name it with the prefix Acme at the beginning of the model name.\n"
    found = {c["category"] for c in _clauses(_write(tmp_path, "t.txt", text))}
    assert "distillation-permitted" in found and "naming" in found
    assert not found & BANS


def test_html_list_under_heading(tmp_path):
    html = "<html><body><h2>Prohibited uses</h2><ul><li>Harassing other users.</li><li>Using outputs to develop models that compete with ours.</li></ul><p>We may update these terms.</p></body></html>"
    bans = _bans(_write(tmp_path, "t.html", html))
    assert [b["category"] for b in bans] == ["competing-models"]


def test_line_wrapped_pdf_with_a_lead_in(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = ["7. Restrictions", "7.1 You shall not:", "(a) rent the Service;", "(b) use any output of the Service to train", "machine learning models;", "(c) remove notices."]
    for index, line in enumerate(lines):
        pdf.drawString(60, 800 - 18 * index, line)
    pdf.showPage()
    pdf.save()
    bans = _bans(path)
    assert [b["category"] for b in bans] == ["model-training-ban"]
    assert bans[0]["page"] == 1 and "(b)" in bans[0]["text"]
