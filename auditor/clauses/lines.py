"""Where each line of a text starts, and where its words start.

Sentences ask about "their line" (is this period the end of a list marker? how far is
this item indented?).  Scanning back to the line's start costs the line's length, and a
hostile or badly extracted document can be one line of a megabyte holding thousands of
sentences; a bisect over starts found once keeps every question logarithmic.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Lines:
    starts: tuple[int, ...]  # offset of each line's first character
    words: tuple[int, ...]  # offset of each line's first non-blank character (its end when blank)

    @classmethod
    def of(cls, text: str) -> Lines:
        starts: list[int] = []
        words: list[int] = []
        offset = 0
        for line in text.split("\n"):
            starts.append(offset)
            words.append(offset + len(line) - len(line.lstrip()))
            offset += len(line) + 1
        return cls(tuple(starts), tuple(words))

    def index(self, offset: int) -> int:
        """The line holding ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def start(self, offset: int) -> int:
        return self.starts[self.index(offset)]

    def words_start(self, offset: int) -> int:
        return self.words[self.index(offset)]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the blanks at either end (empty at ``start`` when all blank)."""
    chunk = text[start:end]
    kept = chunk.lstrip()
    if not kept:
        return start, start
    return start + len(chunk) - len(kept), start + len(chunk.rstrip())
