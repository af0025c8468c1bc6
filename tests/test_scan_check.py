"""audit check --scan: traces in a data source's files become findings, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.scan_data import CLAUDE, chat_rows, human_rows, write_jsonl

MANIFEST = """\
apiVersion: auditor/v1
model: {{name: acme-chat, type: llm, use: commercial, release: open-weights}}
teachers:
  - {{id: gpt, provider: openai, model: gpt-4o, purpose: [synthetic-data]}}
data_sources:
  - id: chats
    name: Acme chats
    licence: MIT
    origin: human
    generated_by: [{declared}]
    path: data/chats/*.jsonl
  - id: notes
    name: Acme notes
    licence: MIT
    origin: human
    path: data/notes.jsonl
"""


def setup(tmp_path: Path, declared: str = "") -> Path:
    (tmp_path / "data" / "chats").mkdir(parents=True)
    write_jsonl(tmp_path / "data" / "chats" / "part-1.jsonl", chat_rows(100, 10, CLAUDE))
    write_jsonl(tmp_path / "data" / "notes.jsonl", human_rows(50))
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(MANIFEST.format(declared=declared))
    return manifest


def check(manifest: Path, *args: str, cwd: Path | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(manifest), "--scan", "--jobs", "1", *args])
    return result.exit_code, result.stdout


def scan_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] in ("AUD951", "AUD952")]


def test_undeclared_teacher_traces_become_findings(tmp_path: Path) -> None:
    code, out = check(setup(tmp_path), "--format", "json")
    assert code == 1
    found = scan_findings(json.loads(out))
    by_rule = {f["rule"]: f for f in found}
    undeclared = by_rule["AUD951"]
    assert undeclared["category"] == "undeclared-generation" and undeclared["subject"] == "data_sources[0]"
    assert undeclared["severity"] == "high" and "anthropic" in undeclared["title"]
    ev = undeclared["evidence"][0]
    assert ev["document"] == "data/chats/part-1.jsonl" and ev["section"] == "row 10, field messages[1]" and "Anthropic" in ev["quote"]
    terms = by_rule["AUD952"]
    assert terms["category"] == "distillation-ban" and terms["certainty"] == "uncertain"
    assert any(e["policy"] and e["policy"].startswith("anthropic") for e in terms["evidence"])
    assert all(f["subject"] != "data_sources[1]" for f in found)  # human notes stay quiet


def test_declared_generator_stays_quiet(tmp_path: Path) -> None:
    code, out = check(setup(tmp_path, declared="anthropic/claude-3-opus"), "--format", "json")
    assert scan_findings(json.loads(out)) == []


def test_without_scan_the_files_are_not_read(tmp_path: Path) -> None:
    manifest = setup(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(manifest), "--format", "json"])
    assert scan_findings(json.loads(result.stdout)) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "sarif", "junit"])
def test_examples_are_evidence_in_every_format(tmp_path: Path, fmt: str) -> None:
    code, out = check(setup(tmp_path), "--format", fmt)
    plain = out.replace("\\", "")  # Markdown escapes punctuation
    assert code == 1 and "part-1.jsonl" in plain and "row 10" in plain


def test_json_is_the_same_from_another_folder_and_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = setup(tmp_path)
    _, first = check(manifest, "--format", "json")
    monkeypatch.chdir(tmp_path / "data")
    result = CliRunner().invoke(cli, ["check", str(manifest), "--scan", "--jobs", "2", "--format", "json"])
    assert result.stdout == first


def test_missing_data_path_is_an_input_error(tmp_path: Path) -> None:
    manifest = setup(tmp_path)
    manifest.write_text(manifest.read_text().replace("data/notes.jsonl", "data/none.jsonl"))
    result = CliRunner().invoke(cli, ["check", str(manifest), "--scan", "--jobs", "1"])
    assert result.exit_code == 2 and "data_sources[1].path" in result.stderr and "none.jsonl" in result.stderr
