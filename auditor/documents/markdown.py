"""Markdown: markup stripped line by line (so line numbers survive), ATX and setext headings as sections.

Numbered clauses under a heading ("4. **Use Restrictions.** ...") become subsections,
so a clause can be cited as "D. Customer Content > 4 Use Restrictions".
"""

from __future__ import annotations

import re

from auditor.documents.model import Section, build_sections
from auditor.documents.outline import Outline

# Every inner class excludes its construct's own opener (and a line break), so a match attempt
# stops at the next opener: runs of "![", "[", "<", "**" cost one pass, not one pass per opener.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # (url "title"), one level of parentheses as in Wikipedia URLs
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]\n]*)\](?:" + _TARGET + r"|\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<!--[^<\n]*?-->")
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_BULLET = re.compile(r"^(\s*)[*+-](\s+)")
_QUOTE = re.compile(r"^\s*>+\s?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def strip_inline(line: str) -> str:
    """Visible text of one Markdown line."""
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _QUOTE.sub("", line)
    line = _BULLET.sub(r"\1-\2", line)
    for _ in range(3):
        stripped = _STRONG.sub(r"\2", line)
        if stripped == line:
            break
        line = stripped
    line = _EMPH.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = line.replace("`", "")
    return _ESCAPE.sub(r"\1", line)


def parse_markdown(source: str) -> tuple[str, tuple[Section, ...], None]:
    lines = source.split("\n")
    out: list[str] = []
    headings: list[tuple[int, int, str]] = []
    outline = Outline(base_level=6)
    in_fence = False
    underline = False
    offset = 0
    previous = ""
    start = _front_matter_end(lines)
    for index, raw in enumerate(lines):
        line = raw
        heading: tuple[int, str] | None = None
        if index < start or underline:
            line = ""
            underline = False
        elif _FENCE.match(raw):
            in_fence = not in_fence
            line = ""
        elif not in_fence:
            atx = _atx(raw)
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            if atx:
                title = strip_inline(atx[1]).strip()
                line = title
                heading = (atx[0], title) if title else None
            elif raw.strip() and _SETEXT.match(nxt) and not _SETEXT.match(raw) and not _BULLET.match(raw):
                if nxt.strip().startswith("=") or len(nxt.strip()) >= 2:
                    line = strip_inline(raw).strip()
                    heading = (1 if nxt.strip().startswith("=") else 2, line)
                    underline = True
            else:
                line = strip_inline(raw)
        if heading and heading[1]:
            outline.reset()
            headings.append((offset, heading[0], heading[1]))
        elif line.strip():
            found = outline.heading(line, previous)
            if found:
                headings.append((offset + len(line) - len(line.lstrip()), found[0], found[1]))
        out.append(line)
        previous = line if line.strip() else ""
        offset += len(line) + 1
    text = "\n".join(out)
    return text, build_sections(headings, len(text)), None


def _atx(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and raw title ("## Title ##"), found without backtracking over trailing blanks."""
    match = _ATX.match(line)
    if not match:
        return None
    title = line[match.end() :].strip(" \t")
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):  # a closing run of '#' after a blank
        title = bare.rstrip(" \t")
    return len(match.group(1)), title


def _front_matter_end(lines: list[str]) -> int:
    """YAML front matter (MDX pages, dataset cards) is metadata, not terms."""
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 400)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0
