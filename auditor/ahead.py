"""Parse a large manifest on the second core while the audit's modules import.

``audit check`` spends its first fifth of a second importing pydantic, the rules and
the engine, pure-Python work the YAML parse of a big manifest cannot overlap in one
process (the GIL).  ``start`` forks a child that reads and parses the file; the
parent's loader takes the child's data only if it parsed exactly the text the parent
read.  Any failure there (an error in the file, a dead child) leaves the parent to
parse the text itself, so results and error messages never depend on this.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any, Callable

from auditor.errors import AuditorError
from auditor.forked import can_fork, run_forked

# Worth it between these sizes: below, a parse is quicker than a fork; above, the parse
# outlasts the imports, and sending its data back (even as marshal bytes) costs more than they saved.
MIN_BYTES = 256 * 1024
MAX_BYTES = 4 * 1024 * 1024
MISSING: Any = object()
_AHEAD: dict[str, Callable[[], "tuple[tuple[int, int], tuple[str, Any]] | None"]] = {}


def start(path: Path) -> None:
    """Begin parsing ``path`` in a child, if it is a file of a size that gains from it."""
    try:
        worth_it = path.is_file() and MIN_BYTES <= path.stat().st_size <= MAX_BYTES
    except OSError:
        return
    if worth_it and can_fork():
        _AHEAD[str(path)] = run_forked(lambda: _parse(path), lambda: None)


def parsed(path: Path, text: str) -> Any:
    """The child's data for ``text`` read from ``path``, or MISSING."""
    waiting = _AHEAD.pop(str(path), None)
    result = waiting() if waiting is not None else None
    if result is None or result[0] != _fingerprint(text):
        return MISSING
    kind, data = result[1]
    return marshal.loads(data) if kind == "marshal" else data


def _parse(path: Path) -> "tuple[tuple[int, int], tuple[str, Any]] | None":
    from auditor import yamlio

    try:
        text = yamlio.read_text(path, what="manifest")
        if text.lstrip().startswith(("{", "[")):
            return None  # JSON: the parent's detect() reads it with json
        data = yamlio.load(text, source=path)
        try:  # plain data crosses as marshal bytes, several times quicker to write than a pickle
            return _fingerprint(text), ("marshal", marshal.dumps(data))
        except ValueError:  # a timestamp, or another type marshal does not know
            return _fingerprint(text), ("data", data)
    except AuditorError:
        return None  # the parent parses again and words the error itself


def _fingerprint(text: str) -> tuple[int, int]:
    # a forked child shares the parent's string-hash secret, so equal texts hash alike
    return len(text), hash(text)
