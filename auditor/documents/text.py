"""Plain text: the text as written, numbered clauses as sections."""

from __future__ import annotations

from auditor.documents.model import build_sections
from auditor.documents.outline import Outline


def numbered_headings(text: str, base_level: int = 0) -> list[tuple[int, int, str]]:
    """(offset, level, title) for each line that opens a numbered clause."""
    outline = Outline(base_level)
    headings: list[tuple[int, int, str]] = []
    offset = 0
    previous = ""
    for line in text.split("\n"):
        found = outline.heading(line, previous)
        if found:
            headings.append((offset + len(line) - len(line.lstrip()), found[0], found[1]))
        if line.strip():
            previous = line
        else:
            previous = ""
        offset += len(line) + 1
    return headings


def parse_text(text: str):
    return text, build_sections(numbered_headings(text), len(text)), None
