"""Find the YAML line of a path such as ("data_sources", 3, "licence"), only when asked.

Split from yamlio.py: loading is the hot path, line numbers are needed only for an
error message or a report's locations.  Block-style documents are answered by a
linear indentation scan; anything else by composing the text with PyYAML.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.yamlio import _SAFE_STATIC_DEPTH, _SAFE_TEXTS, PathPart, _block_depth_exceeds, _doc_markers, _Loader, _measure_depth


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
        self._item_lines: dict[str, list[int | None]] = {}

    def line(self, path: tuple[PathPart, ...]) -> int | None:
        block = self._blocks()
        if block is not None:
            found = block.line(path)
            if found is not _UNKNOWN:
                return found
        return self._composed_line(path)

    def item_line(self, section: str, index: int) -> int | None:
        """``line((section, index))`` for an item of a top-level sequence, from one scan of all its items.

        The engine asks this for every entry that has findings: 100,000 of them on a large manifest.
        """
        lines = self._item_lines.get(section)
        if lines is None:
            block = self._blocks()
            lines = self._item_lines[section] = (block.item_lines((section,)) if block is not None else None) or []
        found = lines[index] if 0 <= index < len(lines) else None
        return found if found is not None else self.line((section, index))

    def _blocks(self) -> _BlockLines | None:
        if self._block is False:
            self._block = _BlockLines.build(self._text)
        return self._block  # type: ignore[return-value]

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
        if _block_depth_exceeds(text, _SAFE_STATIC_DEPTH - text.count("[") - text.count("{")):
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
_CONTENT_LINE = re.compile(r"\n( *)[^ \n#]")  # the next line that is neither blank nor a comment

# A node is (index of its first line, column of its content, offset of its first line, offset of
# the end of its last line): the text is scanned with regexes that start with "\n", so re jumps
# from line break to line break, and line numbers are counted only for what is asked.
_Node = tuple[int, int, int, int]


def _unsupported(text: str) -> bool:
    """Document markers, directives, a tab at a line start, or a line break other than \n and \r\n."""
    return (
        ("\t" in text and (text.startswith("\t") or "\n\t" in text))
        or ("\r" in text and text.count("\r") != text.count("\r\n"))
        or (not text.isascii() and any(mark in text for mark in "\x85\u2028\u2029"))
        or bool(_doc_markers(text))
    )


@lru_cache(maxsize=64)
def _key_candidates(column: int) -> re.Pattern[str]:
    """Lines that may hold a key at ``column``: blanks before it, and no space, comment or dash at it."""
    return re.compile(rf"\n[^\S\n]{{{column}}}(?![ #-])")


@lru_cache(maxsize=64)
def _item_starts(column: int) -> re.Pattern[str]:
    return re.compile(rf"\n {{{column}}}-(?=[ \n]|\Z)")


@lru_cache(maxsize=128)
def _block_end(indent: int, is_item: bool) -> re.Pattern[str] | None:
    """The line that ends a block at ``indent``: not deeper, blank, a comment or (in a sequence) an item."""
    if is_item:
        return re.compile(rf"\n(?! {{{indent + 1}}}| *(?:[#\n]|\Z)| {{{indent}}}-(?:[ \n]|\Z))")
    return re.compile(rf"\n(?! {{{indent}}}| *(?:[#\n]|\Z))") if indent else None


class _BlockLines:
    """Line lookup by indentation for block-style YAML; answers ``_UNKNOWN`` when unsure.

    A state is (kind, node, line); states are memoised per path, key maps and item lists
    per node, so each section of the text is scanned once however many paths are asked.
    """

    def __init__(self, text: str, first: int) -> None:
        self.text = text  # line breaks are "\n" only
        self.states: dict[tuple[PathPart, ...], Any] = {(): ("map", (0, 0, 0, len(text)), first + 1)}
        self.keymaps: dict[_Node, dict[str, tuple[int, bool]]] = {}
        self.itemlists: dict[_Node, tuple[list[tuple[int, int]], Iterator[re.Match[str]]]] = {}

    @classmethod
    def build(cls, text: str) -> _BlockLines | None:
        if _unsupported(text):
            return None
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        first, start = 0, 0
        while not (line := cls._line_at(text, start)).strip() or line.lstrip().startswith("#"):
            if start + len(line) >= len(text):
                return None  # nothing but blank lines and comments
            first, start = first + 1, start + len(line) + 1
        if line[:1].isspace() or not _KEY_LINE.match(line):
            return None
        return cls(text, first)

    @staticmethod
    def _line_at(text: str, start: int) -> str:
        end = text.find("\n", start)
        return text[start:] if end == -1 else text[start:end]

    def _line_index(self, node: _Node, offset: int) -> int:
        """Index of the line starting at ``offset`` inside ``node``."""
        return node[0] + self.text.count("\n", node[2], offset)

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
            start, inline = found
            index = self._line_index(node, start)
            if inline:
                rest = self._line_at(self.text, start).split(":", 1)[-1].strip()
                if rest[:1] in "[{" and rest[-1:] in "]}" and not any(c in rest for c in "\"'#&*!"):
                    return ("flat", None, index + 1)
                return ("inline" if rest[:1] in "[{&*!" else "scalar", None, index + 1)
            value = self._value(index, start, node[1], node[3])
            if value is None or value[0] == "scalar":
                return ("scalar", None, index + 1)  # a scalar is reported at its key's line
            return (value[0], value[1], value[1][0] + 1)
        if kind == "seq" and isinstance(part, int):
            items = self._items(node, part + 1) if part >= 0 else []
            if not 0 <= part < len(items):
                return ("missing", None, line)
            index, start = items[part]
            stop = items[part + 1][1] - 1 if part + 1 < len(items) else node[3]
            rest = self._line_at(self.text, start)[node[1] + 1 :]
            if not rest.strip() or rest.lstrip()[:1] in "#&*!":
                return _UNKNOWN  # "-" alone (the item on the lines below), or an anchor, alias or tag
            # what the item holds is worked out only if a deeper path asks (_item): most asks stop here
            return ("item", (index, node[1], start, stop), index + 1)
        return ("missing", None, line)

    def item_lines(self, path: tuple[PathPart, ...]) -> list[int | None] | None:
        """Lines of every item of the block sequence at ``path``; None where only PyYAML can tell (see _step)."""
        state = self._state(path)
        if state is _UNKNOWN or state[0] != "seq":
            return None
        column = state[1][1]
        return [
            None if not (rest := self._line_at(self.text, start)[column + 1 :]).strip() or rest.lstrip()[:1] in "#&*!" else index + 1
            for index, start in self._items(state[1], sys.maxsize)
        ]

    def _item(self, state: tuple[str, Any, int | None]) -> Any:
        """A sequence item's state as a map or a scalar."""
        index, dash_column, start, stop = state[1]
        rest = self._line_at(self.text, start)[dash_column + 1 :]
        column = dash_column + 1 + len(rest) - len(rest.lstrip(" "))
        return ("map" if _KEY_LINE.match(rest.strip()) else "scalar", (index, column, start, stop), index + 1)

    def _keymap(self, node: _Node) -> dict[str, tuple[int, bool]]:
        """Key -> (offset of its line, whether a value follows it on that line)."""
        keys = self.keymaps.get(node)
        if keys is None:
            keys = {}
            column, start, stop = node[1:]
            starts = [start] + [m.start() + 1 for m in _key_candidates(column).finditer(self.text, start, stop)]
            for offset in starts:
                match = _KEY_LINE.match(self._line_at(self.text, offset), column)
                if match:
                    name = next(g for g in match.groups()[:3] if g is not None)
                    rest = (match.group(4) or "").strip()
                    keys[name] = (offset, bool(rest) and not rest.startswith("#"))  # the last duplicate wins
            self.keymaps[node] = keys
        return keys

    def _value(self, index: int, start: int, column: int, stop: int) -> tuple[str, _Node] | None:
        """The block value below the key on line ``index`` (at offset ``start``): its kind and extent."""
        found = _CONTENT_LINE.search(self.text, start, stop)
        if found is None:
            return None
        indent, first = len(found.group(1)), found.start() + 1
        stripped = self._line_at(self.text, first)[indent:]
        is_item = stripped == "-" or stripped.startswith("- ")
        if indent < column or (indent == column and not is_item):
            return None
        end = _block_end(indent, is_item)
        found = end.search(self.text, first, stop) if end else None
        node = (index + self.text.count("\n", start, first), indent, first, found.start() if found else stop)
        if is_item:
            return "seq", node
        return ("map" if _KEY_LINE.match(stripped) else "scalar"), node

    def _items(self, node: _Node, upto: int) -> list[tuple[int, int]]:
        """(line index, offset) of the node's items, found lazily: at least up to item ``upto`` when there are so many."""
        entry = self.itemlists.get(node)
        if entry is None:
            entry = self.itemlists[node] = ([(node[0], node[2])], _item_starts(node[1]).finditer(self.text, node[2], node[3]))
        items, rest = entry
        while len(items) <= upto and (match := next(rest, None)) is not None:
            line, offset = items[-1]
            items.append((line + self.text.count("\n", offset, match.start()) + 1, match.start() + 1))
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
