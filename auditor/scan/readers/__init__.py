"""Readers of training-data formats, one module per family, behind ``interface.Reader``."""

from __future__ import annotations

from auditor.scan.readers.interface import Reader, Sink, Task
from auditor.scan.readers.lines import LineReader
from auditor.scan.readers.parquet import ParquetReader
from auditor.scan.readers.records import CsvReader, JsonArrayReader

READERS: dict[str, Reader] = {
    "jsonl": LineReader(json_rows=True),
    "text": LineReader(json_rows=False),
    "json": JsonArrayReader(),
    "csv": CsvReader(","),
    "tsv": CsvReader("\t"),
    "parquet": ParquetReader(),
}

# file name ending (after any .gz) -> format
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}

__all__ = ["EXTENSIONS", "READERS", "Reader", "Sink", "Task"]
