"""Parse YAML (or JSON, which is YAML) safely into plain data and the line of each key and item.

One parser, one pass: ``yamlevents.build`` reads libyaml's events through PyYAML's
``CSafeLoader`` (YAML 1.1, PyYAML's safe types) and records each key's and item's line
as it places them (``Lines``), so a path such as ("data_sources", 3, "licence") finds
its line without a second parse.  Its semantics and refusals are described there.

Hostile input: the pass is iterative and stops at ``MAX_DEPTH`` levels (JSON text at
``MAX_JSON_DEPTH``, as ``load_json`` allows a CycloneDX BOM), and alias expansion
("billion laughs") is bounded and cycles are refused after the pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor import yamlevents
from auditor.errors import AuditorError

MAX_DEPTH = 100  # no manifest, policy pack or waiver file nests anywhere near this
MAX_JSON_DEPTH = 200  # a CycloneDX BOM nests components; JSON validators recurse per level
MAX_ALIAS_NODES = 1_000_000  # nodes that aliases may add by repeating anchored ones


class Lines:
    """The line of every key and item of one loaded document, keyed by the id() of the containers built."""

    def __init__(self, root: Any = None, root_line: int | None = None, tables: dict[int, Any] | None = None) -> None:
        self.root = root  # kept alive, so the ids stay theirs
        self.root_line = root_line
        self.tables: dict[int, Any] = tables if tables is not None else {}


_LOADED: list[tuple[str, Lines]] = []  # the last few texts load() read, with their lines, until an index takes them


def load(text: str, *, source: str | Path) -> Any:
    """Parse YAML or JSON text into plain Python data, with a one-line error naming the line."""
    return load_with_lines(text, source=source)[0]


def load_with_lines(text: str, *, source: str | Path) -> tuple[Any, Lines]:
    """The data and the line of each of its keys and items, from one pass (a text read again is not parsed again)."""
    for seen, lines in _LOADED:
        if seen is text:
            return lines.root, lines
    data, lines = _parse(text, source)
    _LOADED.append((text, lines))
    del _LOADED[:-4]
    return data, lines


def take_lines(text: str, *, source: str | Path) -> Lines:
    """The lines of ``text`` for an index that keeps them: from the load that read it, which lets them go
    (so a document is held only as long as its index), else from a pass of their own."""
    for position, (seen, lines) in enumerate(_LOADED):
        if seen is text:
            del _LOADED[position]
            return lines
    return _parse(text, source)[1]


def _parse(text: str, source: str | Path) -> tuple[Any, Lines]:
    depth = MAX_JSON_DEPTH if text.lstrip()[:1] in ("{", "[") else MAX_DEPTH
    data, root_line, tables = yamlevents.build(text, source, depth)
    if "*" in text:  # an alias: shared objects may expand to far more than the text holds
        _check_shared(data, source)
    return data, Lines(data, root_line, tables)


def _check_shared(data: Any, source: str | Path) -> None:
    """PyYAML shares aliased objects: count what they expand to, refuse cycles and deep nesting.

    Memoised per object, so a billion-laughs document costs as many steps as it has anchors.
    """
    done: dict[int, tuple[int, int]] = {}  # id -> (expanded nodes, depth)
    active: set[int] = set()
    literal = 0
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if not isinstance(node, (dict, list)) or (key in done and not finished):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not finished:
            if key in active:
                raise AuditorError("invalid YAML: an alias refers to its own anchor (a cycle)", file=source)
            active.add(key)
            stack.append((node, True))
            for child in children:
                if isinstance(child, (dict, list)):
                    if id(child) in active:
                        raise AuditorError("invalid YAML: an alias refers to its own anchor (a cycle)", file=source)
                    stack.append((child, False))
            continue
        active.discard(key)
        literal += 1 + len(children)
        size, depth = 1 + len(children), 0
        for child in children:
            if isinstance(child, (dict, list)):
                child_size, child_depth = done[id(child)]
                size += child_size
                depth = max(depth, child_depth)
        if depth + 1 > MAX_DEPTH:
            raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source)
        if size > MAX_ALIAS_NODES + literal:
            raise _alias_error(source)
        done[key] = (size, depth + 1)


def _alias_error(source: str | Path) -> AuditorError:
    return AuditorError(
        f"invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", file=source
    )

