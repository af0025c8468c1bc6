"""JSON arrays and CSV/TSV: formats whose rows are only known once parsed.

Both are read streaming from the start (a JSON array element or a quoted CSV
field may span lines, so the file cannot be split at an arbitrary byte): a JSON
array one element at a time with ``raw_decode`` over a sliding buffer, CSV with
the standard ``csv`` module.  Every row goes to the sink, which prefilters each
field value before any pattern runs.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zlib
from typing import IO

from auditor.scan.readers.interface import Reader, Sink, Task
from auditor.scan.readers.lines import LineReader

CHUNK = 1 << 20
_DECODER = json.JSONDecoder()


def _open_text(task: Task) -> IO[str]:
    raw = gzip.open(task.path, "rb") if task.gzip else open(task.path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


class WholeFileReader(Reader):
    def plan(self, file: int, path: str, gzip: bool, size: int, part_bytes: int) -> list[Task]:
        with open(path, "rb"):
            pass
        return [Task(file, path, self.format, gzip)]

    format = ""


class JsonArrayReader(WholeFileReader):
    format = "json"

    def scan(self, task: Task, sink: Sink) -> None:
        if self._array(task, sink) is not None:
            LineReader(json_rows=True).scan(task, sink)

    def _array(self, task: Task, sink: Sink) -> bool | None:
        """Read a JSON array; True (and nothing read) when the file holds JSON Lines instead."""
        row = 0
        try:
            with _open_text(task) as handle:
                stream = _Buffer(handle)
                if not stream.skip(" \t\r\n\ufeff"):
                    sink.error(None, "empty file; expected a JSON array")
                    return
                if stream.peek() == "{":  # many ".json" files are JSON Lines; one object over many lines is not rows
                    rest = stream.text[stream.pos :]
                    try:
                        if "\n" in rest:  # a first line longer than the buffer is taken for a row
                            json.loads(rest.split("\n", 1)[0])
                    except json.JSONDecodeError:
                        sink.error(1, "one JSON object spread over lines; expected a JSON array of rows or JSON Lines")
                        return None
                    return True
                if stream.peek() != "[":
                    sink.error(1, "expected a JSON array ('[' ...) or JSON Lines (.jsonl)")
                    return
                stream.pos += 1
                while True:
                    if not stream.skip(" \t\r\n,"):
                        sink.error(row + 1, "JSON array is not closed (file truncated?)")
                        return
                    if stream.peek() == "]":
                        return None
                    try:
                        value, end = _DECODER.raw_decode(stream.text, stream.pos)
                    except json.JSONDecodeError as exc:
                        if stream.fill():
                            continue
                        sink.error(row + 1, f"invalid JSON in array element ({exc.msg}); rows after it were not read")
                        return
                    if end == len(stream.text) and stream.fill():
                        continue  # a number cut at the buffer's end: read on and decode again
                    row += 1
                    stream.pos = end
                    sink.rows(1)
                    sink.row(row, value)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            sink.error(row + 1, f"compressed stream ends or breaks here ({exc}); rows after it were not read")


class _Buffer:
    """A sliding window over a text stream: memory bounded by one element plus one chunk."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle, self.text, self.pos, self.eof = handle, "", 0, False

    def fill(self) -> bool:
        """Read one more chunk; False at the end of the stream."""
        if self.eof:
            return False
        more = self.handle.read(CHUNK)
        self.eof = not more
        self.text, self.pos = self.text[self.pos :] + more, 0
        return bool(more)

    def skip(self, chars: str) -> bool:
        """Move past ``chars``; False if the stream ends first."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in chars:
                self.pos += 1
            if self.pos < len(self.text):
                return True
            if not self.fill():
                return False

    def peek(self) -> str:
        return self.text[self.pos]


class CsvReader(WholeFileReader):
    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        self.format = "tsv" if delimiter == "\t" else "csv"

    def scan(self, task: Task, sink: Sink) -> None:
        csv.field_size_limit(sys.maxsize)
        row = 0
        try:
            with _open_text(task) as handle:
                reader = csv.reader(handle, delimiter=self.delimiter)
                header = next(reader, None)
                if header is None:
                    return
                names = [name or f"column{i + 1}" for i, name in enumerate(header)]
                for values in reader:
                    row += 1
                    sink.rows(1)
                    sink.row(row, dict(zip(names, values)))
        except csv.Error as exc:
            sink.error(row + 1, f"malformed {self.format.upper()} ({exc}); rows after it were not read")
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            sink.error(row + 1, f"compressed stream ends or breaks here ({exc}); rows after it were not read")
