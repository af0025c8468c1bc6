"""Open every file auditor reads the same way: regular files only, never more than the size limit.

A path a user (or a pull request) names may be ``/dev/zero``, a FIFO that never
writes, a folder, or an 8 GB sparse file.  Reading any of them naively means a hang
or an out-of-memory kill; here each becomes one clear error naming the file.  The
file is opened without blocking (a FIFO would block ``open`` itself), checked with
``fstat`` on the open descriptor (so a swap after the check cannot slip through),
and read in bounded chunks: at most ``limit + 1`` bytes, whatever the size claims.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from auditor import env
from auditor.errors import AuditorError

_CHUNK = 1024 * 1024

LIMITS_NOTE = (
    "a manifest of a million data sources is ~150-190 MB and needs 2 GB of memory or more; see 'Limits' in the README"
)


def too_big(what: str, size: str, limit: int, path: Path | str) -> AuditorError:
    """The size-limit error, naming the limit, how to raise it and what sizes auditor handles."""
    return AuditorError(
        f"{what} is {size}, larger than the limit of {limit} bytes "
        f"(set AUDITOR_MAX_BYTES to raise it; {LIMITS_NOTE})",
        file=path,
    )


def not_regular(info: os.stat_result, what: str = "file") -> str | None:
    """Why a file with this status cannot be read as ``what`` (a folder, a FIFO, a device), or None."""
    if stat.S_ISDIR(info.st_mode):
        return f"expected a {what}, found a directory"
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never ends
        return f"expected a {what}, found a special file (device, pipe or socket)"
    return None


def read_input(path: Path | str, *, what: str = "file") -> bytes:
    """The bytes of a regular file, or an ``AuditorError`` naming the file and what is wrong."""
    limit = env.max_bytes()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    _READ.add(real_path(path))
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise AuditorError(f"{what} not found", file=path) from None
    except IsADirectoryError:
        raise AuditorError(f"expected a {what}, found a directory", file=path) from None
    except OSError as exc:
        raise AuditorError(f"cannot read {what}: {exc.strerror or exc}", file=path) from None
    try:
        info = os.fstat(fd)
        problem = not_regular(info, what)
        if problem:
            raise AuditorError(problem, file=path)
        if info.st_size > limit:  # a sparse file claims its full size here
            raise too_big(what, f"{info.st_size} bytes", limit, path)
        parts: list[bytes] = []
        got = 0
        while got <= limit:  # the file may grow between fstat and read
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except AuditorError:
        raise
    except OSError as exc:
        raise AuditorError(f"cannot read {what}: {exc.strerror or exc}", file=path) from None
    finally:
        os.close(fd)
    if got > limit:
        raise too_big(what, f"more than {limit} bytes", limit, path)
    return b"".join(parts)


_READ: set[str] = set()  # real paths of every file opened through read_input in this process


def real_path(path: Path | str) -> str:
    """The path with every symlink resolved, for comparing files by identity."""
    return os.path.realpath(os.fspath(path))


def read_paths() -> frozenset[str]:
    """What this run has read, so that no report can overwrite it."""
    return frozenset(_READ)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_json_depth(text: str, limit: int, path: Path | str, what: str = "file") -> None:
    """Refuse JSON nested deeper than ``limit`` before a recursive parser or validator meets it.

    Linear: strings are cut out and only brackets are walked; a text with fewer brackets
    than the limit cannot be too deep and costs two ``count`` calls.
    """
    if text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for char in _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text)):
        depth = depth + 1 if char in "[{" else depth - 1
        if depth > limit:
            raise AuditorError(f"{what} nests deeper than {limit} levels; expected a flatter document", file=path)
