"""Find the YAML line of a path such as ("data_sources", 3, "licence") from the lines the loader recorded."""

from __future__ import annotations

from typing import Any

from auditor.errors import AuditorError
from auditor.yamlload import Lines, take_lines
from auditor.yamlpath import PathPart


class LineIndex:
    """Maps a path such as ("data_sources", 3, "licence") to its 1-based line in the text.

    The lines come from the one load of the text (``yamlio.load``), which hands them
    over, so a text already loaded is not parsed again and the document lives as long
    as its index (a second index of one text parses it again).  A text that does not
    load has no lines (None), which an error message about it then leaves out.
    """

    def __init__(self, text: str) -> None:
        try:
            self._lines = take_lines(text, source="<text>")
        except AuditorError:
            self._lines = Lines()

    def line(self, path: tuple[PathPart, ...]) -> int | None:
        """The line of the value at ``path`` (a scalar's key line; a block's first line), else of its deepest known part."""
        return self._walk(path)[0]

    def item_line(self, section: str, index: int) -> int | None:
        """``line((section, index))`` for an item of a top-level sequence."""
        return self.line((section, index))

    def key_line(self, path: tuple[PathPart, ...]) -> int | None:
        """Line where the last key of ``path`` is written (an unknown key's value may start below it)."""
        best, key = self._walk(path)
        return key if key is not None else best

    def written_key_line(self, path: tuple[PathPart, ...]) -> int | None:
        """Line of the last key of ``path`` when the whole path is written, else None."""
        return self._walk(path)[1]

    def _walk(self, path: tuple[PathPart, ...]) -> tuple[int | None, int | None]:
        """(line of the deepest part of ``path`` found, line of its last key if the whole path was found)."""
        tables = self._lines.tables
        node: Any = self._lines.root
        best = self._lines.root_line
        key_line: int | None = None
        for position, part in enumerate(path):
            table = tables.get(id(node))
            if isinstance(node, dict) and isinstance(table, dict) and str(part) in table:
                written, value_line, scalar = table[str(part)]
                best = written if scalar else value_line
                key_line = written if position == len(path) - 1 else None
                node = node[part] if part in node else node.get(_key_as_built(node, str(part)))
            elif isinstance(node, list) and isinstance(table, list) and isinstance(part, int) and 0 <= part < len(table):
                best = table[part]
                node = node[part]
            else:
                break
        return best, key_line


def _key_as_built(mapping: dict, written: str) -> Any:
    """The constructed key whose text is ``written`` (a key such as 1 or true is not a str)."""
    return next((key for key in mapping if str(key) == written or (isinstance(key, bool) and written.lower() == str(key).lower())), None)
