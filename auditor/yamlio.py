"""Read user-supplied text files within the size limit, and parse them as YAML with lines (yamlload.py, yamllines.py).

Callers use this module alone: ``read_text``, ``load``, ``LineIndex``, ``format_path``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from auditor.errors import AuditorError
from auditor.yamlload import Lines, PathPart, format_path, load, load_with_lines, parse_path
from auditor.yamllines import LineIndex

__all__ = ["DEFAULT_MAX_BYTES", "LineIndex", "Lines", "PathPart", "format_path", "load", "load_with_lines", "max_bytes_limit", "parse_path", "read_text"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def max_bytes_limit(max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The size limit in force: an explicit ``max_bytes`` wins, else AUDITOR_MAX_BYTES, else 64 MiB."""
    if max_bytes != DEFAULT_MAX_BYTES:
        return max_bytes
    raw = os.environ.get("AUDITOR_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise AuditorError(f"AUDITOR_MAX_BYTES must be a whole number of bytes, got {raw!r}") from None
    if value <= 0:
        raise AuditorError(f"AUDITOR_MAX_BYTES must be positive, got {raw!r}")
    return value



def read_text(path: Path, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a user-supplied text file, turning every OS or encoding problem into one clear error."""
    limit = max_bytes_limit(max_bytes)
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise AuditorError(f"expected a {what}, found a directory", file=path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never ends
            raise AuditorError(f"expected a {what}, found a special file (device, pipe or socket)", file=path)
        if info.st_size > limit:
            raise _too_big(what, f"{info.st_size} bytes", limit, path)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may grow between stat and read
    except AuditorError:
        raise
    except FileNotFoundError:
        raise AuditorError(f"{what} not found", file=path) from None
    except OSError as exc:
        raise AuditorError(f"cannot read {what}: {exc.strerror or exc}", file=path) from None
    if len(data) > limit:
        raise _too_big(what, f"more than {limit} bytes", limit, path)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise AuditorError(f"expected a UTF-8 text {what}, found UTF-16 (save it as UTF-8)", file=path)
    if b"\x00" in data:
        raise AuditorError(f"expected a UTF-8 text {what}, found binary data (NUL bytes)", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuditorError(f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line) from None



def _too_big(what: str, size: str, limit: int, path: Path) -> AuditorError:
    return AuditorError(f"{what} is {size}, larger than the limit of {limit} bytes (set AUDITOR_MAX_BYTES to raise it)", file=path)
