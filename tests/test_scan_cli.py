"""audit scan end to end: verdicts, providers, voice, formats, bad input, engines."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.scan_data import CLAUDE, LLAMA, OPENAI, STUDENT, chat_rows, human_rows, write_jsonl


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["scan", *args])
    return result.exit_code, result.stdout, result.stderr


def report(*args: str) -> dict:
    code, out, err = run(*args, "--format", "json", "--jobs", "1")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "nested").mkdir(parents=True)
    write_jsonl(folder / "claude.jsonl", chat_rows(200, 20, CLAUDE))
    write_jsonl(folder / "nested" / "openai.jsonl.gz", chat_rows(120, 10, OPENAI), compress=True)
    write_jsonl(folder / "human.jsonl", human_rows(300))
    write_jsonl(folder / "student.jsonl", chat_rows(50, 1, STUDENT))
    return folder


def by_name(rep: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in rep["files"]}


def test_verdicts_providers_and_examples(data: Path) -> None:
    files = by_name(report(str(data)))
    assert set(files) == {"claude.jsonl", "openai.jsonl.gz", "human.jsonl", "student.jsonl"}
    claude = files["claude.jsonl"]
    assert claude["verdict"] == "generated" and claude["providers"][0]["provider"] == "anthropic"
    assert claude["rows"] == 200 and claude["rows_with_traces"] == 10
    first = claude["examples"][0]
    assert first["row"] == 20 and first["field"] == "messages[1]" and "Anthropic" in first["quote"]
    low, high = claude["rate_interval"]
    assert low < claude["rate"] == 0.05 < high
    openai = files["openai.jsonl.gz"]
    assert openai["verdict"] == "generated" and openai["providers"][0]["provider"] == "openai"
    assert openai["format"] == "jsonl.gz"


def test_human_text_about_ai_and_prompts_do_not_count(data: Path) -> None:
    files = by_name(report(str(data)))
    human = files["human.jsonl"]  # encyclopedic ChatGPT, a quoted bot reply, a painter named Claude
    assert human["verdict"] == "no-evidence" and human["rows_with_traces"] == 0
    # "Are you ChatGPT, made by OpenAI?" in the user's turns never points to OpenAI
    assert [p["provider"] for p in files["claude.jsonl"]["providers"]] == ["anthropic"]


def test_declared_student_identity_is_not_a_teacher(data: Path) -> None:
    student = by_name(report(str(data)))["student.jsonl"]
    assert student["verdict"] == "no-evidence" and student["providers"] == []
    assert student["declared_identities"][0] == {"name": "Wren", "maker": "Example Lab", "rows": 50}


def test_fields_option_limits_what_is_read(tmp_path: Path) -> None:
    rows = [{"prompt_log": CLAUDE, "answer": "Plain."} for _ in range(5)]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    assert by_name(report(str(path)))["a.jsonl"]["rows_with_traces"] == 5
    assert by_name(report(str(path), "--fields", "answer"))["a.jsonl"]["rows_with_traces"] == 0


def test_bad_input_is_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", chat_rows(40, 4, LLAMA))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "fine"}\n{"text": "cut off\n{"text": "fine again"}\n')
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress(("".join(json.dumps({"t": "x" * 50}) + "\n" for _ in range(2000))).encode())[:300])
    bad_parquet = tmp_path / "bad.parquet"
    bad_parquet.write_bytes(b"PAR1 this is not parquet")
    (tmp_path / "dangling.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    before = sorted(os.listdir(tmp_path))
    code, out, err = run(str(tmp_path), str(tmp_path / "missing-*.jsonl"), "--format", "json", "--jobs", "1")
    assert code == 0
    files = by_name(json.loads(out))
    assert files["good.jsonl"]["verdict"] == "generated"
    assert files["broken.jsonl"]["errors"][0]["row"] == 2 and files["broken.jsonl"]["rows"] == 3
    assert "compressed stream" in files["cut.jsonl.gz"]["errors"][0]["message"]
    assert "Parquet" in files["bad.parquet"]["errors"][0]["message"] and files["bad.parquet"]["unreadable"]
    assert "cannot read" in files["dangling.jsonl"]["errors"][0]["message"]
    assert json.loads(out)["summary"]["missing"] == [str(tmp_path / "missing-*.jsonl")]
    assert "broken.jsonl" in err and "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == before  # nothing written next to the data


def test_nothing_readable_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_bytes(b"nope")
    code, out, err = run(str(tmp_path / "x.parquet"))
    assert code == 2 and "nothing could be read" in err and "x.parquet" in err
    code, _, err = run(str(tmp_path / "none.jsonl"))
    assert code == 2 and "none.jsonl" in err


def test_text_and_markdown_cite_row_field_and_quote(data: Path) -> None:
    code, text, _ = run(str(data / "claude.jsonl"))
    assert code == 0 and "generated" in text and "row 20 messages[1]" in text and "Anthropic" in text
    code, md, _ = run(str(data / "claude.jsonl"), "--format", "markdown")
    assert code == 0 and md.startswith("# Training-data scan") and "| 20 | `messages[1]` |" in md


def test_scheduler_needs_dask_engine(data: Path) -> None:
    code, _, err = run(str(data), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "--engine dask" in err


def test_dask_engine_from_the_command_line_matches_local(data: Path) -> None:
    local = report(str(data))
    code, out, err = run(str(data), "--format", "json", "--engine", "dask", "--jobs", "1")
    assert code == 0, err
    dask = json.loads(out)
    local["summary"]["seconds"] = dask["summary"]["seconds"] = 0
    assert dask == local
