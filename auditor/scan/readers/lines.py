"""JSON Lines and plain text: one row per line, searched as raw bytes.

The fast path of the scan.  Uncompressed files are split into byte ranges that
start at line starts, so one large file keeps every worker busy; each range is
read in blocks of whole lines and handed to the hyperscan prefilter, and only the
lines it flags are decoded (JSON Lines rows that do not look like one object are
flagged too, so a broken line is reported).  Gzip streams cannot be split and are
read from the start.
"""

from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO, Iterator

import orjson

from auditor.scan.prefilter import default_prefilter
from auditor.scan.readers.interface import Reader, Sink, Task

BLOCK = 4 << 20


def _line_start(handle: BinaryIO, offset: int) -> int:
    """The first line start at or after ``offset``."""
    if offset == 0:
        return 0
    handle.seek(offset - 1)
    if handle.read(1) == b"\n":
        return offset
    handle.readline()
    return handle.tell()


def _blocks(handle: BinaryIO, length: int | None) -> Iterator[bytes]:
    """Blocks of whole lines from ``handle``, ``length`` bytes in all (None: to EOF)."""
    rest = b""
    left = length
    while True:
        size = BLOCK if left is None else min(BLOCK, left)
        data = handle.read(size) if size else b""
        if left is not None:
            left -= len(data)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        rest = data[cut:]
        yield data[:cut] if rest else data


class LineReader(Reader):
    def __init__(self, json_rows: bool) -> None:
        self.json_rows = json_rows

    def plan(self, file: int, path: str, gzip: bool, size: int, part_bytes: int) -> list[Task]:
        fmt = "jsonl" if self.json_rows else "text"
        if gzip or size <= part_bytes:
            with open(path, "rb"):
                pass
            return [Task(file, path, fmt, gzip)]
        bounds = [0]
        with open(path, "rb") as handle:
            for offset in range(part_bytes, size, part_bytes):
                start = _line_start(handle, offset)
                if bounds[-1] < start < size:
                    bounds.append(start)
        bounds.append(size)
        return [Task(file, path, fmt, False, a, b, i) for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]

    def scan(self, task: Task, sink: Sink) -> None:
        if task.gzip:
            with gzip.open(task.path, "rb") as handle:
                self._scan(handle, None, sink)
            return
        with open(task.path, "rb") as handle:
            handle.seek(task.start)
            self._scan(handle, None if task.end is None else task.end - task.start, sink)

    def _scan(self, handle: BinaryIO, length: int | None, sink: Sink) -> None:
        prefilter = default_prefilter()
        before = 0
        blocks = _blocks(handle, length)
        while True:
            try:
                block = next(blocks)
            except StopIteration:
                return
            except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
                sink.error(before + 1, f"compressed stream ends or breaks here ({exc}); rows after it were not read")
                return
            candidates = prefilter.line_candidates(block, structure=self.json_rows)
            counted, seen = 0, 0
            for start in sorted(candidates):
                counted += block.count(b"\n", seen, start)
                seen = start
                end = block.find(b"\n", start)
                line = block[start : end if end != -1 else len(block)]
                self._row(before + counted + 1, line, sink)
            lines = counted + block.count(b"\n", seen) + (0 if block.endswith(b"\n") else 1)
            before += lines
            sink.rows(lines)

    def _row(self, row: int, line: bytes, sink: Sink) -> None:
        if not self.json_rows:
            sink.row(row, line.decode("utf-8", "replace"))
            return
        if not line.strip():
            return
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            sink.error(row, f"invalid JSON line ({str(exc).split(':', 1)[0]}); expected one JSON value per line")
            return
        sink.row(row, value)
