"""HTML: the text a reader sees, with h1-h6 as sections; page chrome and code are dropped.

selectolax (lexbor) is fast and tolerant of broken markup; the tree is walked
iteratively so deeply nested pages cannot exhaust the stack.
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.documents.model import Section, build_sections
from auditor.errors import AuditorError

_DROP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "head", "button", "form", "select", "canvas", "object"}
_BLOCK = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tr", "blockquote", "pre", "dl", "dt", "dd",
    "address", "figure", "figcaption", "hr", "br", "aside", "details", "summary", "body", "html", "fieldset", "center",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
_CELL = {"td", "th"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_SPACE = re.compile(r"\s+")
MAX_TITLE = 1_000  # characters of a heading kept as its section title


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending = ""

    def newline(self, count: int = 1) -> None:
        if self.length:
            self.pending = "\n" * max(count, len(self.pending))

    def write(self, text: str) -> None:
        if not text:
            return
        if self.pending:
            text = self.pending + text.lstrip(" ")
            self.pending = ""
        elif self.parts and self.parts[-1].endswith((" ", "\n")):
            text = text.lstrip(" ")
            if not text:
                return
        self.parts.append(text)
        self.length += len(text)

    def offset(self) -> int:
        return self.length + len(self.pending)

    def since(self, part: int, limit: int = MAX_TITLE) -> str:
        """What was written from ``parts[part]`` on, cut at ``limit`` characters: a heading's title
        costs its own length, not the length of the page before it."""
        out: list[str] = []
        size = 0
        for index in range(part, len(self.parts)):
            out.append(self.parts[index])
            size += len(self.parts[index])
            if size >= limit:
                break
        return "".join(out)[:limit]


MAX_NESTING = 5_000  # real terms pages nest a few dozen elements; lexbor's tree builder is quadratic in depth
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")  # stops at the next '<': "<a<a<a..." is one pass
# elements whose end tag may be left out, or that never have one: they do not deepen the estimate
_NOT_NESTING = frozenset(
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp "
    "area base br col embed hr img input link meta source track wbr".split()
)


def check_nesting(source: str, path: Path | str | None = None) -> None:
    """Refuse a page nested deeper than MAX_NESTING before the parser spends minutes on it (one linear pass)."""
    if source.count("<") <= MAX_NESTING:
        return
    depth = deepest = 0
    for match in _TAG.finditer(source):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _NOT_NESTING:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise AuditorError(
            f"expected an HTML page, found elements nested {deepest} deep (more than {MAX_NESTING}); "
            "save the terms as text or Markdown",
            file=path,
        )


def parse_html(source: str, path: Path | str | None = None) -> tuple[str, tuple[Section, ...], None]:
    from selectolax.lexbor import LexborHTMLParser

    check_nesting(source, path)
    tree = LexborHTMLParser(source)
    root = tree.body or tree.root
    writer = _Writer()
    headings: list[tuple[int, int, str]] = []
    if root is None:
        return "", (), None
    stack: list[tuple[object, bool]] = [(root, True)]
    heading_open: list[tuple[int, int]] = []
    while stack:
        node, entering = stack.pop()
        tag = (node.tag or "").lower()
        if not entering:
            if tag in _HEADINGS and heading_open:
                start, level, part = heading_open.pop()
                title = _SPACE.sub(" ", writer.since(part)).strip() if start < writer.length else ""
                if title:
                    headings.append((start, level, title))
            if tag in _BLOCK:
                writer.newline(2 if tag in ("p", "ul", "ol", "table", "pre") or tag in _HEADINGS else 1)
            elif tag in _CELL:
                writer.write(" ")
            continue
        if tag == "-text":
            writer.write(_SPACE.sub(" ", node.text_content or ""))
            continue
        if tag in _DROP or tag.startswith("-") or _hidden(node):
            continue
        if tag in _BLOCK:
            writer.newline(2 if tag in _HEADINGS or tag == "p" else 1)
        if tag in _HEADINGS:
            heading_open.append((writer.offset(), _HEADINGS[tag], len(writer.parts)))
        if tag == "li":
            writer.write("- ")
        stack.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    text = "".join(writer.parts)
    return text, build_sections(headings, len(text)), None


def _hidden(node) -> bool:
    attrs = node.attributes or {}
    return "hidden" in attrs or attrs.get("aria-hidden") == "true"
