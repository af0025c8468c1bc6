"""Every reader gives the same rows, fields and traces; splits never change the report."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.scan.engines import DaskEngine, LocalEngine
from auditor.scan.render import render_json
from auditor.scan.run import scan
from tests.scan_data import CLAUDE, HUMAN, LLAMA, OPENAI, chat_rows, write_jsonl

ROWS = [{"instruction": f"Task {i}", "output": CLAUDE if i % 25 == 24 else HUMAN[i % len(HUMAN)]} for i in range(100)]


def only(path: Path, **kw) -> dict:
    rep = scan([(path.name, str(path))], LocalEngine(1), **kw)
    assert len(rep["files"]) == 1
    return rep["files"][0]


def check(entry: dict) -> None:
    assert entry["rows"] == 100 and entry["rows_with_traces"] == 4, entry
    assert [e["row"] for e in entry["examples"]][:1] == [25]
    assert entry["providers"][0]["provider"] == "anthropic"


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(ROWS, indent=2))
    check(only(path))


def test_csv_tsv_and_gzip(tmp_path: Path) -> None:
    for name, delimiter in (("rows.csv", ","), ("rows.tsv", "\t")):
        path = tmp_path / name
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["instruction", "output"], delimiter=delimiter)
            writer.writeheader()
            writer.writerows(ROWS)
        check(only(path))
        gz = tmp_path / (name + ".gz")
        gz.write_bytes(gzip.compress(path.read_bytes()))
        check(only(gz))


def test_parquet_by_row_group_with_chat_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist(ROWS), path, row_group_size=30)
    assert pq.ParquetFile(path).num_row_groups == 4
    check(only(path))
    chats = tmp_path / "chat.parquet"
    pq.write_table(pa.Table.from_pylist(chat_rows(60, 6, OPENAI)), chats, row_group_size=16)
    entry = only(chats)
    assert entry["rows_with_traces"] == 10 and entry["examples"][0]["row"] == 6
    assert entry["examples"][0]["field"] == "messages[1]"


def test_plain_text_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.txt"
    path.write_text("".join(r["output"] + "\n" for r in ROWS))
    check(only(path))


def test_sharegpt_conversations_with_from(tmp_path: Path) -> None:
    rows = [{"conversations": [{"from": "human", "value": "Who made you, OpenAI?"}, {"from": "gpt", "value": LLAMA}]}] * 5
    entry = only(write_jsonl(tmp_path / "c.jsonl", rows))
    assert entry["rows_with_traces"] == 5 and [p["provider"] for p in entry["providers"]] == ["meta"]


def _report(path: Path, engine, part_bytes: int) -> str:
    rep = scan([("data.jsonl", str(path))], engine, part_bytes=part_bytes)
    rep["summary"]["seconds"] = 0
    return render_json(rep)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.integers(min_value=40, max_value=5000), every=st.integers(min_value=2, max_value=9))
def test_byte_range_splits_do_not_change_the_report(tmp_path: Path, part: int, every: int) -> None:
    path = write_jsonl(tmp_path / f"d{every}.jsonl", chat_rows(90, every, CLAUDE))
    whole = _report(path, LocalEngine(1), 1 << 30)
    assert _report(path, LocalEngine(1), part) == whole
    assert json.loads(whole)["files"][0]["rows_with_traces"] == 90 // every


def test_engines_and_job_counts_give_identical_json(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", chat_rows(400, 9, CLAUDE))
    write_jsonl(folder / "b.jsonl.gz", chat_rows(100, 5, OPENAI), compress=True)
    pq.write_table(pa.Table.from_pylist(ROWS), folder / "c.parquet", row_group_size=20)

    def rendered(engine) -> str:
        rep = scan([("d", str(folder))], engine, part_bytes=4096)
        assert rep["summary"]["files"] == 3
        rep["summary"]["seconds"] = 0
        return render_json(rep)

    one = rendered(LocalEngine(1))
    assert rendered(LocalEngine(2)) == one
    assert rendered(DaskEngine(2, None, processes=False)) == one


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_line_on_a_terminal_only(monkeypatch) -> None:
    from auditor.scan.meter import Meter

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = _Terminal()
    meter = Meter(10_000_000, terminal)
    meter.last = -1.0
    meter.advance(5_000_000, 1234)
    assert "1,234 rows" in terminal.text and "MB/s" in terminal.text and "ETA" in terminal.text
    monkeypatch.setenv("CI", "true")
    quiet = _Terminal()
    Meter(10, quiet).advance(5, 1)
    assert quiet.text == ""


def test_chinese_self_identification_raw_or_ascii_escaped(tmp_path: Path) -> None:
    answer = "我是一个由阿里云开发的语言模型，很高兴为你服务。"  # "I am a language model developed by Alibaba Cloud"
    rows = [{"messages": [{"role": "user", "content": "你是谁？"}, {"role": "assistant", "content": answer}]}] * 4
    for ascii_only in (True, False):
        path = tmp_path / f"zh-{ascii_only}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in rows), encoding="utf-8")
        entry = only(path)
        assert entry["verdict"] == "generated" and entry["providers"][0]["provider"] == "alibaba", ascii_only
        assert entry["examples"][0]["quote"] == answer


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.integers(min_value=1, max_value=300), numbers=st.lists(st.integers(-(10**12), 10**12), max_size=5))
def test_json_array_reader_is_independent_of_its_buffer_size(tmp_path: Path, monkeypatch, chunk: int, numbers: list[int]) -> None:
    from auditor.scan.readers import records

    path = tmp_path / "a.json"
    path.write_text(json.dumps(ROWS[:30] + numbers, indent=1))
    monkeypatch.setattr(records, "CHUNK", chunk)
    entry = only(path)
    assert entry["rows"] == 30 + len(numbers) and entry["rows_with_traces"] == 1 and entry["errors"] == []
    path.write_text(json.dumps(ROWS[:30])[:-40])  # cut inside the array
    cut = only(path)
    assert cut["errors"] and cut["rows"] < 30


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    check(only(path))
