"""What every reader of a training-data format provides.

A reader plans a file into tasks (byte ranges of whole lines, Parquet row groups,
or the whole file) and scans one task, streaming: it tells the sink how many rows
it read, hands over the rows that may hold a trace, and reports bad input with
its row, then goes on.  Memory stays bounded by one block or one row group.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Task:
    """One unit of scan work; small and picklable, so any engine can ship it."""

    file: int  # index of the file in the scan
    path: str
    format: str
    gzip: bool = False
    start: int = 0  # first byte (line formats) or row group (Parquet)
    end: int | None = None  # one past the last byte / row group; None: to the end
    part: int = 0  # index of this task among its file's tasks


class Sink(Protocol):
    def rows(self, count: int) -> None: ...  # rows read so far in this task grew by count

    def row(self, row: int, value: Any) -> None: ...  # a row (1-based within the task) worth examining

    def error(self, row: int | None, message: str) -> None: ...  # bad input at that row; the scan goes on


class Reader(ABC):
    """One training-data format."""

    @abstractmethod
    def plan(self, file: int, path: str, gzip: bool, size: int, part_bytes: int) -> list[Task]:
        """Split a file into tasks (raise OSError or ValueError when it cannot be opened)."""

    @abstractmethod
    def scan(self, task: Task, sink: Sink) -> None:
        """Read one task, streaming, into ``sink``."""
