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
from dataclasses import dataclass
from functools import cached_property

_DECIMAL = re.compile(r"^\W{0,2}(\d{1,3}(?:\.\d{1,3}|\.[a-z]){0,4})[.)]?\s")
_LEAD_END = re.compile(r"(?::|\bto|\bnot|following|\bwill|\bmay|\bshall)\W*$", re.I)
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


def layout(text: str, start: int, sentence: str, marker: str | None, paragraph: int) -> Layout:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    column = len(before.expandtabs(4))
    inline = bool(before.strip())
    stripped = sentence.rstrip()
    if marker is None and not inline and _LABEL.match(stripped):
        marker = "label"  # "Synthetic data: generating ..." under "... the following uses:" is an item
    return Layout(marker, column, inline, paragraph, stripped.endswith((":", "\u2014", ":-")), stripped)


def leads(items: list[Layout]) -> list[int | None]:
    """For each sentence, the index of the sentence that introduces it, or None."""
    out: list[int | None] = []
    continuation = [False] * len(items)
    for index, item in enumerate(items):
        if index and item.marker is None and not item.colon:
            prev = items[index - 1]
            continuation[index] = (prev.marker is not None or continuation[index - 1]) and prev.paragraph == item.paragraph
        out.append(_lead(items, continuation, index))
    return out


def _lead(items: list[Layout], continuation: list[bool], index: int) -> int | None:
    item = items[index]
    if item.marker is None:
        if continuation[index]:
            return _owner_lead(items, continuation, index)
        previous = items[index - 1] if index else None
        return index - 1 if previous is not None and previous.colon else None
    run_paragraph = item.paragraph
    for j in range(index - 1, max(-1, index - MAX_WALK), -1):
        other = items[j]
        if other.marker is not None or continuation[j]:
            if other.marker is not None and other.colon and _shallower(other, item):
                return j
            if other.marker is not None and other.style == item.style and other.column == item.column:
                run_paragraph = other.paragraph
            continue
        if other.colon or _LEAD_END.search(other.text[-40:]) or other.paragraph == run_paragraph or _heading_like(other.text):
            return j
        return None
    return None


def _owner_lead(items: list[Layout], continuation: list[bool], index: int) -> int | None:
    j = index - 1
    while j >= 0 and items[j].marker is None and continuation[j]:
        j -= 1
    return _lead(items, continuation, j) if j >= 0 and items[j].marker is not None else None


def _shallower(parent: Layout, child: Layout) -> bool:
    """``parent`` is an item above ``child`` in the list tree (not a sibling, not deeper)."""
    if child.inline and not parent.inline:
        return True
    if parent.column != child.column:
        return parent.column < child.column
    return parent.style != child.style


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 10 and not text.endswith((".", ";", ","))
