"""Golden scan reports: the shape of auditor.scan/v1 in JSON, text and Markdown.

    UPDATE_GOLDEN=1 python -m pytest tests/test_scan_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auditor.scan.engines import LocalEngine
from auditor.scan.render import ScanFormat, render
from auditor.scan.run import scan
from tests.scan_data import CLAUDE, LLAMA, STUDENT, chat_rows, human_rows, write_jsonl

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    folder = tmp_path / "set"
    folder.mkdir()
    write_jsonl(folder / "chat.jsonl", chat_rows(60, 12, CLAUDE) + chat_rows(10, 5, LLAMA))
    write_jsonl(folder / "human.jsonl", human_rows(20))
    write_jsonl(folder / "student.jsonl", chat_rows(6, 2, STUDENT))
    (folder / "bad.jsonl").write_text('{"text": "ok"}\n{"text": "cut short\n')
    monkeypatch.chdir(tmp_path)
    result = scan([("set", "set")], LocalEngine(1))
    result["summary"]["seconds"] = 0.0
    return result


@pytest.mark.parametrize(("fmt", "name"), [(ScanFormat.JSON, "scan.json"), (ScanFormat.TEXT, "scan.txt"), (ScanFormat.MARKDOWN, "scan.md")])
def test_golden(report: dict, fmt: ScanFormat, name: str) -> None:
    text = render(report, fmt)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} is missing: run UPDATE_GOLDEN=1 python -m pytest tests/test_scan_golden.py")
    assert text == path.read_text(encoding="utf-8")


def test_every_format_has_a_renderer() -> None:
    from auditor.scan.render import RENDERERS

    assert set(RENDERERS) == set(ScanFormat)
