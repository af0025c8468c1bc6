"""Find the YAML line of a path such as ("data_sources", 3, "licence"), only when asked.

Split from yamlio.py: loading is the hot path, line numbers are needed only for an
error message or a report's locations.  Block-style documents are answered by a
linear indentation scan; anything else by composing the text with PyYAML.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.yamlio import _SAFE_STATIC_DEPTH, _SAFE_TEXTS, PathPart, _block_depth_bound, _Loader, _measure_depth


class LineIndex:
    """Maps a path such as ("data_sources", 3, "licence") to its 1-based line in the text.

    Block-style documents (every manifest a person or script writes) are answered by a
    scan of indentation, linear in the text and done once per section; anything else
    (flow style, anchors, tags, odd line breaks) by composing the YAML with PyYAML.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._block: _BlockLines | None | bool = False  # False: not built yet
        self._root: Any = False

    def line(self, path: tuple[PathPart, ...]) -> int | None:
        if self._block is False:
            self._block = _BlockLines.build(self._text)
        if self._block is not None:
            found = self._block.line(path)
            if found is not _UNKNOWN:
                return found
        return self._composed_line(path)

    def key_line(self, path: tuple[PathPart, ...]) -> int | None:
        """Line where the last key of ``path`` is written (an unknown key's value may start below it)."""
        if not path or not isinstance(path[-1], str):
            return self.line(path)
        start = self.line(path[:-1]) or 1
        pattern = re.compile(rf"^\s*(?:-\s+)?['\"]?{re.escape(path[-1])}['\"]?\s*:")
        for number, text in enumerate(self._text.splitlines()[start - 1 :], start):
            if pattern.match(text):
                return number
        return self.line(path)

    def _composed_line(self, path: tuple[PathPart, ...]) -> int | None:
        if self._root is False:
            try:
                self._root = _compose(self._text)
            except (yaml.YAMLError, RecursionError, AuditorError):
                self._root = None
        node = self._root
        best: int | None = node.start_mark.line + 1 if node is not None else None
        for part in path:
            if node is None:
                break
            node = _child(node, part)
            if node is not None:
                best = node.start_mark.line + 1
        return best


def _compose(text: str) -> yaml.Node | None:
    if not any(seen is text for seen in _SAFE_TEXTS):
        if _block_depth_bound(text) + text.count("[") + text.count("{") > _SAFE_STATIC_DEPTH:
            _measure_depth(text, "<text>")
    return yaml.compose(text, Loader=_Loader)


def _child(node: yaml.Node, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        found = None
        for key, value in node.value:  # the last duplicate wins, as when loading
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                # a scalar value sits on the key's line; a block value starts below it
                found = value if not isinstance(value, yaml.ScalarNode) else _KeyAnchor(key, value)
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


class _KeyAnchor(yaml.ScalarNode):
    """A scalar value reported at its key's line."""

    def __init__(self, key: yaml.Node, value: yaml.Node) -> None:
        super().__init__(value.tag, value.value, key.start_mark, value.end_mark)


_UNKNOWN: Any = object()
_KEY_LINE = re.compile(r"""(?:"([^"\\]*)"|'([^']*)'|([^\s#'"\-?:,\[\]{}&*!|>%@`][^\n]*?|-[^\s\n][^\n]*?))[ \t]*:(?:[ \t]+(.*))?$""")
_UNSUPPORTED = re.compile(r"^(?:---|\.\.\.|%|\t)|[\x85\u2028\u2029]|\r(?!\n)", re.M)


class _BlockLines:
    """Line lookup by indentation for block-style YAML; answers ``_UNKNOWN`` when unsure.

    A state is (kind, node, line) with node = (first line index, content column, end
    line index); states are memoised per path, key maps and item lists per node, so
    each section of the text is scanned once however many paths are asked.
    """

    def __init__(self, lines: list[str], first: int) -> None:
        self.lines = lines
        self.states: dict[tuple[PathPart, ...], Any] = {(): ("map", (0, 0, len(lines)), first + 1)}
        self.keymaps: dict[tuple[int, int, int], dict[str, tuple[int, bool]]] = {}
        self.itemlists: dict[tuple[int, int, int], list[int]] = {}

    @classmethod
    def build(cls, text: str) -> _BlockLines | None:
        if _UNSUPPORTED.search(text):
            return None
        lines = text.replace("\r\n", "\n").split("\n")
        first = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
        if first is None or lines[first][:1].isspace() or not _KEY_LINE.match(lines[first]):
            return None
        return cls(lines, first)

    def line(self, path: tuple[PathPart, ...]) -> Any:
        state = self._state(path)
        return _UNKNOWN if state is _UNKNOWN else state[2]

    def _state(self, path: tuple[PathPart, ...]) -> Any:
        state = self.states.get(path)
        if state is None:
            parent = self._state(path[:-1])
            state = parent if parent is _UNKNOWN else self._step(parent, path[-1])
            self.states[path] = state
        return state

    def _step(self, state: tuple[str, Any, int | None], part: PathPart) -> Any:
        if state[0] == "item":
            state = self._item(state)
            if state is _UNKNOWN:
                return _UNKNOWN
        kind, node, line = state
        if kind == "flat":
            return state  # everything inside a one-line flow collection is on that line
        if kind == "inline":
            return _UNKNOWN  # perhaps a flow collection: let PyYAML answer
        if kind == "map" and isinstance(part, str):
            found = self._keymap(node).get(part)
            if found is None:
                return ("missing", None, line)
            index, inline = found
            if inline:
                rest = self.lines[index].split(":", 1)[-1].strip()
                if rest[:1] in "[{" and rest[-1:] in "]}" and not any(c in rest for c in "\"'#&*!"):
                    return ("flat", None, index + 1)
                return ("inline" if rest[:1] in "[{&*!" else "scalar", None, index + 1)
            value = self._value(index, node[1], node[2])
            if value is None or value[0] == "scalar":
                return ("scalar", None, index + 1)  # a scalar is reported at its key's line
            return (value[0], value[1], value[1][0] + 1)
        if kind == "seq" and isinstance(part, int):
            items = self._items(node)
            if not 0 <= part < len(items):
                return ("missing", None, line)
            start = items[part]
            end = items[part + 1] if part + 1 < len(items) else node[2]
            rest = self.lines[start][node[1] + 1 :]
            if not rest.strip() or rest.lstrip()[:1] in "#&*!":
                return _UNKNOWN  # "-" alone (the item on the lines below), or an anchor, alias or tag
            # what the item holds is worked out only if a deeper path asks (_item): most asks stop here
            return ("item", (start, node[1], end), start + 1)
        return ("missing", None, line)

    def _item(self, state: tuple[str, Any, int | None]) -> Any:
        """A sequence item's state as a map or a scalar."""
        start, dash_column, end = state[1]
        rest = self.lines[start][dash_column + 1 :]
        column = dash_column + 1 + len(rest) - len(rest.lstrip(" "))
        return ("map" if _KEY_LINE.match(rest.strip()) else "scalar", (start, column, end), start + 1)

    def _keymap(self, node: tuple[int, int, int]) -> dict[str, tuple[int, bool]]:
        keys = self.keymaps.get(node)
        if keys is None:
            keys = {}
            start, column, end = node
            for index in range(start, end):
                text = self.lines[index]
                if index != start and (len(text) <= column or text[column] in " #-" or (column and text[:column].strip())):
                    continue
                match = _KEY_LINE.match(text, column)
                if match:
                    name = next(g for g in match.groups()[:3] if g is not None)
                    rest = (match.group(4) or "").strip()
                    keys[name] = (index, bool(rest) and not rest.startswith("#"))  # the last duplicate wins
            self.keymaps[node] = keys
        return keys

    def _value(self, index: int, column: int, end: int) -> tuple[str, tuple[int, int, int]] | None:
        """The block value below the key on line ``index``: its kind and extent."""
        for first in range(index + 1, end):
            text = self.lines[first]
            stripped = text.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            indent = len(text) - len(stripped)
            is_item = stripped == "-" or stripped.startswith("- ")
            if indent < column or (indent == column and not is_item):
                return None
            last = first + 1
            while last < end:
                other = self.lines[last]
                body = other.lstrip(" ")
                if body and not body.startswith("#"):
                    other_indent = len(other) - len(body)
                    if other_indent < indent or (other_indent == indent and is_item and not (body == "-" or body.startswith("- "))):
                        break
                last += 1
            if is_item:
                return "seq", (first, indent, last)
            return ("map" if _KEY_LINE.match(stripped) else "scalar"), (first, indent, last)
        return None

    def _items(self, node: tuple[int, int, int]) -> list[int]:
        items = self.itemlists.get(node)
        if items is None:
            start, column, end = node
            prefix = " " * column + "-"
            items = [
                index
                for index in range(start, end)
                if self.lines[index].startswith(prefix) and self.lines[index][column + 1 : column + 2] in ("", " ")
            ]
            self.itemlists[node] = items
        return items


def format_path(path: tuple[PathPart, ...]) -> str:
    """("data_sources", 2, "licence") -> "data_sources[2].licence"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def parse_path(text: str) -> tuple[PathPart, ...]:
    """"data_sources[2].licence" -> ("data_sources", 2, "licence"): the inverse of format_path."""
    parts: list[PathPart] = []
    for piece in text.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indexes if i.isdigit())
    return tuple(parts)
