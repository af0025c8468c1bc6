"""Read user-supplied text files within the size limit, and parse them as YAML with lines (yamlload.py, yamllines.py).

Callers use this module alone: ``read_text``, ``load``, ``LineIndex``, ``format_path``.
"""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditorError
from auditor.safeio import read_input
from auditor.yamlload import MAX_JSON_DEPTH, Lines, PathPart, format_path, load, load_with_lines, parse_path
from auditor.yamllines import LineIndex

__all__ = ["MAX_JSON_DEPTH", "LineIndex", "Lines", "PathPart", "format_path", "load", "load_with_lines", "parse_path", "read_text"]


def read_text(path: Path, *, what: str = "file") -> str:
    """Read a user-supplied text file (through safeio), turning every encoding problem into one clear error."""
    path = Path(path)
    data = read_input(path, what=what)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise AuditorError(f"expected a UTF-8 text {what}, found UTF-16 (save it as UTF-8)", file=path)
    if b"\x00" in data:
        raise AuditorError(f"expected a UTF-8 text {what}, found binary data (NUL bytes)", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuditorError(f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line) from None

