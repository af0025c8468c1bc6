"""Read user-supplied text files within the size limit, and parse them as YAML with lines (yamlload.py, yamllines.py) or as strict JSON.

Callers use this module alone: ``read_text``, ``load``, ``load_json``, ``LineIndex``, ``format_path``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from auditor.errors import AuditorError
from auditor.safeio import check_json_depth, read_input
from auditor.yamlload import MAX_JSON_DEPTH, Lines, load, load_with_lines
from auditor.yamllines import LineIndex
from auditor.yamlpath import PathPart, format_path, parse_path

__all__ = ["MAX_JSON_DEPTH", "LineIndex", "Lines", "PathPart", "format_path", "load", "load_json", "load_with_lines", "parse_path", "read_text"]


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


class _DuplicateKey(Exception):
    """Raised inside ``json.loads`` (not a ValueError, so no caller takes it for a syntax error)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _DuplicateKey
    return data


def load_json(text: str, *, source: str | Path, what: str = "file") -> Any:
    """Parse JSON (a BOM, an SPDX document, a report) as strictly as YAML: a key twice in one object is an error.

    The standard parser keeps the last of two equal keys, so a second ``"licenses"``
    would silently replace the first; here it is refused, naming both lines, as the
    YAML loader does.  Nesting is bounded before the recursive parser meets it.  A
    syntax error is left to the caller (``json.JSONDecodeError``): what to say, or
    whether to try YAML instead, depends on what the file was expected to be.
    """
    check_json_depth(text, MAX_JSON_DEPTH, source, what)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKey:
        raise _duplicate_error(text, source) from None
    except RecursionError:
        raise AuditorError("invalid JSON: nesting too deep", file=source) from None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _duplicate_error(text: str, source: str | Path) -> AuditorError:
    """Find the repeated key and both its lines: one linear pass over strings and brackets, on the error path only."""
    objects: list[dict[str, int] | None] = []  # per open bracket: an object's keys and their offsets, None for an array
    last: re.Match[str] | None = None
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char in "{[":
            objects.append({} if char == "{" else None)
        elif char in "}]":
            objects.pop()
        elif char == ":" and last is not None and objects and objects[-1] is not None:
            key, keys = json.loads(last.group()), objects[-1]
            if key in keys:
                first, second = (text.count("\n", 0, offset) + 1 for offset in (keys[key], last.start()))
                return AuditorError(
                    f"invalid JSON: key '{key}' appears twice in one object, at lines {first} and {second} "
                    "(remove one: the second would silently replace the first)",
                    file=source,
                    line=second,
                )
            keys[key] = last.start()
        last = token if char.startswith('"') else None
    return AuditorError("invalid JSON: a key appears twice in one object", file=source)
