"""The one shape every loader produces, so clauses can cite text, section and page alike."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

PDF = "pdf"
HTML = "html"
MARKDOWN = "markdown"
TEXT = "text"
FORMATS = (PDF, HTML, MARKDOWN, TEXT)


@dataclass(frozen=True)
class Section:
    """A span of the extracted text under one heading; ``title`` is the full path ("3 Use > Restrictions")."""

    start: int
    end: int
    title: str


@dataclass(frozen=True)
class Document:
    """Extracted text plus the structure needed to cite any character offset in it."""

    path: str
    format: str
    text: str
    sha256: str
    sections: tuple[Section, ...] = ()
    pages: tuple[tuple[int, int], ...] | None = None
    _section_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _page_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        if self.pages is not None:
            object.__setattr__(self, "pages", tuple(tuple(p) for p in self.pages))
        object.__setattr__(self, "_section_starts", tuple(s.start for s in self.sections))
        object.__setattr__(self, "_page_starts", tuple(start for start, _ in self.pages or ()))

    def section_at(self, offset: int) -> str | None:
        """Title path of the innermost section holding ``offset``, or None before the first heading."""
        index = bisect_right(self._section_starts, offset) - 1
        if index < 0:
            return None
        section = self.sections[index]
        return section.title if section.start <= offset < max(section.end, section.start + 1) else None

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset`` (PDF only)."""
        if not self.pages:
            return None
        index = bisect_right(self._page_starts, offset) - 1
        return index + 1 if index >= 0 else 1

    def line_at(self, offset: int) -> int:
        """1-based line of ``offset`` in the extracted text (text loaders keep source lines)."""
        return self.text.count("\n", 0, max(0, offset)) + 1


def build_sections(headings: list[tuple[int, int, str]], length: int) -> tuple[Section, ...]:
    """Turn (offset, level, title) headings into consecutive spans carrying their title path.

    Each span runs to the next heading of any level, so ``section_at`` is one bisect.
    """
    stack: list[tuple[int, str]] = []
    out: list[Section] = []
    ordered = sorted(headings, key=lambda h: h[0])
    for index, (offset, level, title) in enumerate(ordered):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        end = ordered[index + 1][0] if index + 1 < len(ordered) else length
        if end > offset:
            out.append(Section(offset, end, " > ".join(t for _, t in stack)))
    return tuple(out)
