"""HTML: the text a reader sees, with h1-h6 as sections; page chrome and code are dropped.

selectolax (lexbor) is fast and tolerant of broken markup; the tree is walked
iteratively so deeply nested pages cannot exhaust the stack.
"""

from __future__ import annotations

import re

from auditor.documents.model import Section, build_sections

_DROP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "head", "button", "form", "select", "canvas", "object"}
_BLOCK = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tr", "blockquote", "pre", "dl", "dt", "dd",
    "address", "figure", "figcaption", "hr", "br", "aside", "details", "summary", "body", "html", "fieldset", "center",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
_CELL = {"td", "th"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_SPACE = re.compile(r"\s+")


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


def parse_html(source: str) -> tuple[str, tuple[Section, ...], None]:
    from selectolax.lexbor import LexborHTMLParser

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
                start, level = heading_open.pop()
                title = _SPACE.sub(" ", "".join(writer.parts)[start:]).strip() if start < writer.length else ""
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
            heading_open.append((writer.offset(), _HEADINGS[tag]))
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
