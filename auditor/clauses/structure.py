"""Which sentence introduces each sentence's list: the structure a prohibition is inherited through.

Terms put the verb of a ban in a lead-in or a heading and the act in an item below it
("4.1 Restrictions. You will not:" ... "4.1.3 use any output to train other models"), often
several levels down, as bullets, numbered or lettered items, or inline "(i) ...; (ii) ..."
parts of one sentence.  An item's lead is found by walking back over its siblings and over
deeper items to the nearest shallower item that ends with a colon, or else to the text
before the list (a lead-in sentence or a heading).  Leads chain, so an item three levels
down still reaches the "You will not:" at the top.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from auditor.clauses.lines import Lines

_DECIMAL = re.compile(r"^\W{0,2}(\d{1,3}(?:\.\d{1,3}|\.[a-z]){0,4})[.)]?\s")
_LEAD_END = re.compile(r"(?::|\bto|\bnot|following|\bwill|\bmay|\bshall)\W*$", re.I)
# A sentence announcing "the following acts" introduces the list below, even when it ends with a full stop.
_ANNOUNCES = re.compile(
    r"\bthe\s+following\s+(?:\w+\s+){0,2}?(?:acts?|activities|conduct|uses?|actions?|things|behaviou?rs?|practices)\b"
    r"|\b(?:any|all|each|one|none)\s+of\s+the\s+following\b",
    re.I,
)
# A paragraph opened by a short label and a colon: an item of a definition-style list.
_LABEL = re.compile(r"^[A-Z][\w'\-]*(?:[ ,/&]+[\w'\-()]+){0,7}:\s+\S")
MAX_WALK = 400  # sentences searched back for a lead; lists are never this long


@dataclass(frozen=True)
class Layout:
    """Where a sentence sits: its list marker (if any), its column, its paragraph."""

    marker: str | None
    column: int
    inline: bool  # an item that starts mid-line ("...: (i) ...; (ii) ...")
    paragraph: int
    colon: bool  # ends with a colon (or a dash): introduces what follows
    text: str

    @cached_property  # read for every sentence a lead is searched across
    def style(self) -> str | None:
        """The marker kind, with the depth of decimal numbering ("4.1" and "4.1.3" differ)."""
        if self.marker is None:
            return None
        match = _DECIMAL.match(self.text)
        depth = match.group(1).count(".") if match and self.marker.endswith("num") else 0
        return f"{'inline-' if self.inline else ''}{self.marker}{depth}"


_MAX_COLUMN = 256  # beyond this, tabs are not expanded: only indentation needs them


def layout(text: str, start: int, sentence: str, marker: str | None, paragraph: int, lines: Lines | None = None) -> Layout:
    lines = lines or Lines.of(text)
    line_start = lines.start(start)
    if start - line_start <= _MAX_COLUMN:
        column = len(text[line_start:start].expandtabs(4))
    else:
        column = start - line_start
    inline = lines.words_start(start) < start
    stripped = sentence.rstrip()
    if marker is None and not inline and _LABEL.match(stripped):
        marker = "label"  # "Synthetic data: generating ..." under "... the following uses:" is an item
    return Layout(marker, column, inline, paragraph, stripped.endswith((":", "\u2014", ":-")), stripped)


def leads(items: list[Layout]) -> list[int | None]:
    """For each sentence, the index of the sentence that introduces it, or None.

    An item's lead is the nearest shallower item ending with a colon above it, else the text
    before its list; both are found through indexes built once, so a list of a hundred thousand
    items (or one line of "; (a)" parts) costs one pass, not a walk back per item.
    """
    continuation = [False] * len(items)
    for index in range(1, len(items)):
        item, prev = items[index], items[index - 1]
        if item.marker is None and not item.colon:
            continuation[index] = (prev.marker is not None or continuation[index - 1]) and prev.paragraph == item.paragraph
    walk = _Walk(items, continuation)
    out: list[int | None] = []
    for index in range(len(items)):
        out.append(walk.lead(index, out))
    return out


class _Walk:
    """What the walk back from an item needs: the nearest plain sentence, colon items, siblings."""

    def __init__(self, items: list[Layout], continuation: list[bool]) -> None:
        self.items = items
        self.continuation = continuation
        self.styles = [item.style for item in items]
        self.plain: list[int] = []  # nearest earlier sentence that is neither an item nor its continuation
        self.colons: list[int] = []  # items ending with a colon, in order
        self.siblings: dict[tuple[str | None, int], list[int]] = {}
        last = -1
        for index, item in enumerate(items):
            self.plain.append(last)
            if item.marker is None and not continuation[index]:
                last = index
            if item.marker is not None:
                self.siblings.setdefault((self.styles[index], item.column), []).append(index)
                if item.colon:
                    self.colons.append(index)

    def lead(self, index: int, done: list[int | None]) -> int | None:
        items = self.items
        item = items[index]
        if item.marker is None:
            if self.continuation[index]:
                return self._owner(index, done)
            return index - 1 if index and items[index - 1].colon else None
        if index and self._sibling(index - 1, index):
            return done[index - 1]  # siblings share their lead
        plain = self.plain[index]
        floor = max(plain, index - MAX_WALK)
        for j in reversed(self.colons[bisect_right(self.colons, floor) : bisect_left(self.colons, index)]):
            if _shallower(items[j], item, self.styles[j], self.styles[index]):
                return j
        if plain < 0 or plain <= index - MAX_WALK:
            return None
        row = self.siblings.get((self.styles[index], item.column), [])
        first = bisect_right(row, plain)
        run_paragraph = items[row[first]].paragraph if first < len(row) and row[first] < index else item.paragraph
        other = items[plain]
        announces = _ANNOUNCES.search(other.text)
        if other.colon or _LEAD_END.search(other.text[-40:]) or other.paragraph == run_paragraph or _heading_like(other.text) or announces:
            return plain
        return self._resumed(index, done)

    def _resumed(self, index: int, done: list[int | None]) -> int | None:
        """A list broken by a paragraph of its own (a definition between items "i." and "ii.") resumes
        where it stopped: the item that numbers on from the sibling before the break shares its lead."""
        row = self.siblings.get((self.styles[index], self.items[index].column), [])
        before = bisect_left(row, index) - 1
        if before < 0 or row[before] <= index - MAX_WALK:
            return None
        sibling = row[before]
        return done[sibling] if _numbers_on(self.items[sibling].text, self.items[index].text) else None

    def _sibling(self, j: int, index: int) -> bool:
        other = self.items[j]
        return other.marker is not None and self.styles[j] == self.styles[index] and other.column == self.items[index].column

    def _owner(self, index: int, done: list[int | None]) -> int | None:
        j = index - 1
        while j >= 0 and self.items[j].marker is None and self.continuation[j]:
            j -= 1
        return done[j] if j >= 0 and self.items[j].marker is not None else None


def _shallower(parent: Layout, child: Layout, parent_style: str | None, child_style: str | None) -> bool:
    """``parent`` is an item above ``child`` in the list tree (not a sibling, not deeper)."""
    if child.inline and not parent.inline:
        return True
    if parent.column != child.column:
        return parent.column < child.column
    return parent_style != child_style


_ORDINAL = re.compile(r"^\W{0,2}([ivxlc]{1,6}|[a-z]|\d{1,3})[.)]", re.I)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _ordinals(text: str) -> set[int]:
    """What an item's marker counts as: "ii." is 2, "c)" is 3, "i." is 1 (roman) or 9 (a letter)."""
    match = _ORDINAL.match(text)
    if not match:
        return set()
    mark = match.group(1).lower()
    if mark.isdigit():
        return {int(mark)}
    values = {ord(mark) - 96} if len(mark) == 1 else set()
    if all(ch in _ROMAN for ch in mark):
        digits = [_ROMAN[ch] for ch in mark]
        values.add(sum(-d if d < nxt else d for d, nxt in zip(digits, digits[1:] + [0])))
    return values


def _numbers_on(previous: str, item: str) -> bool:
    return any(b == a + 1 for a in _ordinals(previous) for b in _ordinals(item))


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 10 and not text.endswith((".", ";", ","))
