"""``audit terms`` and ``audit terms diff`` through the click group, checking exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "terms"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_text_output_lists_bans():
    result = run("terms", str(SAMPLES / "northwind_terms_2024.md"))
    assert result.exit_code == 0, result.output
    assert "competing-models (ban)" in result.output


def test_json_output_follows_the_contract():
    result = run("terms", "--format", "json", str(SAMPLES / "bluepeak_open_model_licence.pdf"), str(SAMPLES / "deepwater_api_terms.txt"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {tuple(item) for item in data} == {("document", "category", "section", "page", "start", "end", "text", "confidence")}
    assert {item["page"] for item in data if item["document"].endswith(".pdf")} == {1}
    assert {item["page"] for item in data if item["document"].endswith(".txt")} == {None}


def test_markdown_and_output_file(tmp_path):
    target = tmp_path / "clauses.md"
    result = run("terms", "-f", "markdown", "-o", str(target), str(SAMPLES / "quill_research_data_licence.html"))
    assert result.exit_code == 0, result.output
    assert "| non-commercial |" in target.read_text()


def test_diff_shows_what_changed():
    result = run("terms", "diff", str(SAMPLES / "northwind_terms_2024.md"), str(SAMPLES / "northwind_terms_2025.md"))
    assert result.exit_code == 0, result.output
    assert "+ added model-training-ban" in result.output
    assert "~ changed competing-models" in result.output
    data = json.loads(run("terms", "diff", "-f", "json", str(SAMPLES / "northwind_terms_2024.md"), str(SAMPLES / "northwind_terms_2025.md")).output)
    assert {c["change"] for c in data["changes"]} == {"added", "changed"}


def test_identical_versions_have_no_changes():
    path = str(SAMPLES / "northwind_terms_2024.md")
    result = run("terms", "diff", path, path)
    assert result.exit_code == 0 and "0 change(s)" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("terms", "missing.pdf"),
        ("terms", "diff", "only-one.md"),
        ("terms", str(SAMPLES)),
    ],
)
def test_input_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_broken_pdf_exits_2(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.5 nonsense")
    result = run("terms", str(bad))
    assert result.exit_code == 2 and "bad.pdf" in result.output


def test_help_and_core_modules_do_not_import_spacy_or_pypdf():
    code = (
        "import sys, importlib\n"
        "from click.testing import CliRunner\n"
        "from auditor.cli import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "for name in ('auditor.manifest', 'auditor.engine', 'auditor.documents', 'auditor.clauses'):\n"
        "    try: importlib.import_module(name)\n"
        "    except ModuleNotFoundError: pass\n"
        "bad = [m for m in ('spacy', 'pypdf', 'selectolax') if m in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
