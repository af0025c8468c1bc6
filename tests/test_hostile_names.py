"""Issue 13, items 20-21 for every command: escapes, forged lines and bidi controls carried by a
terms document, a data file, a file name or an argument never reach a terminal raw.

Each command is run on hostile input and its whole output (stdout and stderr) is checked:
no escape character, no BEL, no bidi control, and no line that starts with the forged text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

EVIL = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\nPASSED at --fail-on high\u202eevil\u2066x"
NAME = "nw\x1b[2J\nPASSED\u202e.md"  # a file name may hold all of these
TERMS = f"""# Terms {EVIL}

## Restrictions {EVIL}

You may not use Output to train models that compete with us {EVIL}.

* You must not scrape the Services {EVIL}.
"""


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def assert_safe(output: str) -> None:
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert raw not in output, (raw, output)
    assert not any(line.startswith("PASSED") for line in output.splitlines()), output  # wrapped lines are indented


def hostile_document(tmp_path: Path, name: str = NAME) -> Path:
    path = tmp_path / name
    path.write_text(TERMS, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_terms(tmp_path: Path, fmt: str) -> None:
    code, out = run("terms", "-f", fmt, str(hostile_document(tmp_path)))
    assert code == 0 and ("model-training-ban" in out or "competing-models" in out), out
    assert_safe(out)
    assert "\\x1b" in out or "\\\\x1b" in out  # shown, not hidden


def test_terms_json_keeps_the_exact_text(tmp_path: Path) -> None:
    code, out = run("terms", "-f", "json", str(hostile_document(tmp_path)))
    assert code == 0 and any(EVIL in clause["text"] for clause in json.loads(out))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_terms_diff(tmp_path: Path, fmt: str) -> None:
    old = hostile_document(tmp_path)
    new = tmp_path / "new.md"
    new.write_text(TERMS.replace("compete with us", "compete with us or our affiliates"), encoding="utf-8")
    code, out = run("terms", "diff", "-f", fmt, str(old), str(new))
    assert code == 0 and "changed" in out, out
    assert_safe(out)


def test_licence_text_and_file(tmp_path: Path) -> None:
    assert_safe(run("licence", EVIL)[1])
    path = tmp_path / NAME
    path.write_text(f"Permission is hereby granted, free of charge {EVIL}", encoding="utf-8")
    assert_safe(run("licence", "--file", str(path))[1])


def test_datasets_query_and_show() -> None:
    code, out = run("datasets", EVIL)
    assert code == 0 and "no known dataset" in out
    assert_safe(out)
    code, out = run("datasets", "show", EVIL)
    assert code == 2
    assert_safe(out)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_scan(tmp_path: Path, fmt: str) -> None:
    data = tmp_path / "rows\x1b[2J\u202e.jsonl"
    rows = [{"output": f"As an AI language model developed by OpenAI, I cannot do that. {EVIL}"}] * 3
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken " + EVIL.replace("\n", " ") + "\n", encoding="utf-8")
    code, out = run("scan", "-f", fmt, "--jobs", "1", str(data))
    assert code == 0 and "openai" in out.lower(), out
    assert_safe(out)


def test_policies_validate_names_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "packs\x1b[2J\u202e"
    folder.mkdir()
    assert_safe(run("policies", "--validate", str(folder))[1])


def test_errors_on_stderr() -> None:
    code, out = run("check", NAME)
    assert code == 2 and "audit: error:" in out
    assert_safe(out)
