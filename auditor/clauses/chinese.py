"""The Chinese path of the clause pass: which lines are Chinese, their sentences, and their structure.

English sentence rules do not cut Chinese: a sentence ends with 。！？ or ；, never with a
space before a capital, and list items are marked 一、 （一） 1. 1.1 （1） 1） ① rather than (a).
Lines whose letters are mostly Han characters are read here (the English path sees them as
blank), so a mixed document is read line by line in its own script.  Structure is the English
path's (``structure.layout`` / ``structure.leads``): each Chinese sentence is given a layout
(marker, column, paragraph, whether it ends with a colon) and the same walk finds the lead-in
or heading that introduces it; ``chinese_scoring`` decides whether that lead prohibits.
Japanese (kana) and Korean lines are not Chinese and are left to the English path, which finds
nothing in them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from auditor.clauses.lines import Lines, trim
from auditor.clauses.model import Clause, cite
from auditor.clauses.segmenter import MAX_SENTENCE_CHARS
from auditor.clauses.structure import Layout, layout, leads
from auditor.documents import Document

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN = re.compile(r"[A-Za-z]")
MIN_HAN_SHARE = 0.4  # of a line's letters (Han + Latin): "5.1 使用AI云盘的规则" is Chinese, an English line quoting 中文 is not
# Where a Chinese sentence ends: full-width or ASCII end punctuation, and the semicolon that parts list items.
# A semicolon before "或 b)" / "以及" joins the parts of one enumeration, whose prohibition (and its purpose) is before it.
_END = re.compile(r"[。！？!?]+[”’\"')）】]*|[；;]+[”’\"')）】]*(?!\s*(?:或者?|和|以及|及|并且?|且)\s*(?:[a-zA-Z\d]{1,3}[.)）]|[（(]))")
# Inline items after a colon or semicolon: "……行为：（1）……；（2）……".
_INLINE = re.compile(r"(?<=[：:；;，,])\s*(?=[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|[\u2460-\u2473])")
_DECORATION = re.compile(r"^(?:\s|[#>*_]|\\(?=[.、]))*")
# List markers of Chinese terms, longest first: 第三条, 一、, （一）, 5.1.2, 1、, （1）, 1）, ①, i., a).
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh-article", re.compile(r"第[一二三四五六七八九十百零\d]{1,4}[条章节款部分]")),
    ("zh-num", re.compile(r"[一二三四五六七八九十]{1,3}[、.．]")),
    ("paren-zh", re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]")),
    ("dot-num", re.compile(r"\d{1,3}(?:\\?[.．]\d{1,3}){1,4}(?:\\?[.．、])?")),
    ("num", re.compile(r"\d{1,3}(?:\\?[.．、](?!\d)|\s)")),
    ("paren-num", re.compile(r"[（(]\d{1,3}[)）]")),
    ("close-num", re.compile(r"\d{1,3}[)）]")),
    ("circled", re.compile(r"[\u2460-\u2473]")),
    ("roman", re.compile(r"[ivx]{1,5}[.)）](?=\s|[^\x00-\x7f])")),
    ("alpha", re.compile(r"[a-zA-Z][.)）](?=\s|[^\x00-\x7f])")),
    ("bullet", re.compile(r"[-*\u2022\u00b7](?=\s)")),
)
_CLOSERS = ("：", ":", "。", "；", ";", "！", "？", "!", "?")
_HEADING_CHARS = 30  # a line this short without end punctuation is a heading, never half of a wrapped sentence


def is_chinese(line: str) -> bool:
    """A line (or any text) written in Chinese: Han characters are most of its letters, and no kana."""
    han = len(_HAN.findall(line))
    if not han or _KANA.search(line):
        return False
    return han >= MIN_HAN_SHARE * (han + len(_LATIN.findall(line)))


def has_han(text: str) -> bool:
    """One scan: a document without a Han character never enters the Chinese path (ASCII text: no scan)."""
    return not text.isascii() and _HAN.search(text) is not None


def split_scripts(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with its Chinese lines blanked (same length: offsets hold), and those lines' spans."""
    if not has_han(text):
        return text, []
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip() and is_chinese(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    if not spans:
        return text, []
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), spans


def marker_of(sentence: str) -> tuple[str | None, int]:
    """The kind of list marker a sentence opens with (depth-qualified for 5.1.2), and where its words start."""
    head = _DECORATION.match(sentence)
    begin = head.end() if head else 0
    for kind, pattern in MARKERS:
        match = pattern.match(sentence, begin)
        if match:
            if kind == "dot-num":
                kind = f"dot-num.{match.group(0).rstrip('.．、').count('.') + match.group(0).rstrip('.．、').count('．')}"
            return kind, match.end()
    return None, begin


@dataclass(frozen=True)
class ChineseOutline:
    """The Chinese sentences of a document: spans, layouts, and the lead of each (indices into these lists)."""

    spans: list[tuple[int, int]]
    layouts: list[Layout]
    lead_of: list[int | None]


def sentences(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans over the Chinese lines: end punctuation, inline items, and line ends that close a sentence.

    A line that runs on (no end punctuation, long, the next line neither a marker nor blank) is the
    first half of a sentence wrapped by a PDF, and continues on the next line."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for number, (a, b) in enumerate(lines):
        line = text[a:b]
        if start is None:
            start = a
        cuts = sorted({m.end() for m in _END.finditer(line)} | {m.start() for m in _INLINE.finditer(line)})
        for cut in cuts:
            if a + cut > start and text[start : a + cut].strip():
                spans.append((start, a + cut))
            start = a + cut
        following = lines[number + 1] if number + 1 < len(lines) else None
        runs_on = (
            following is not None
            and following[0] == b + 1  # the very next line, no blank between
            and len(line.strip()) > _HEADING_CHARS
            and not line.rstrip().endswith(_CLOSERS + ("*", "）", ")"))
            and marker_of(text[following[0] : following[1]])[0] is None
        )
        if not runs_on:
            if text[start:b].strip():
                spans.append((start, b))
            start = None
    capped = [(cut, min(cut + MAX_SENTENCE_CHARS, e)) for s, e in spans for cut in range(s, e, MAX_SENTENCE_CHARS)]
    return [trimmed for trimmed in (trim(text, s, e) for s, e in capped) if trimmed[1] > trimmed[0]]


def outline(text: str, lines: list[tuple[int, int]], headings: frozenset[int] = frozenset()) -> ChineseOutline:
    """Sentences and their structure, on the characters alone.

    ``headings``: where the document's section headings start.  A short heading ("4. 免责声明")
    is not an item of the list above it: it closes that list, so the items below it are never
    read as governed by the lead-in of the previous section."""
    spans = sentences(text, lines)
    where = Lines.of(text)
    breaks = _paragraph_breaks(text, lines)
    layouts: list[Layout] = []
    for a, b in spans:
        sentence = text[a:b]
        kind, _ = marker_of(sentence)
        if a in headings and len(sentence) <= _HEADING_CHARS and not sentence.rstrip("*_ ").endswith(_CLOSERS):
            kind = None
        item = layout(text, a, sentence, kind, bisect_right(breaks, a), where)
        stripped = _bare(sentence)
        layouts.append(replace(item, marker=kind, colon=stripped.endswith(("：", ":", "——", "—")), text=stripped))
    return ChineseOutline(spans, layouts, leads(layouts))


def _paragraph_breaks(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """Offsets where a new paragraph starts: after a blank (or non-Chinese) line."""
    out: list[int] = []
    for (_, end), (start, _) in zip(lines, lines[1:]):
        if start != end + 1:
            out.append(start)
    return out


def _bare(sentence: str) -> str:
    """The sentence without Markdown emphasis around it ("**5.1.2 ……：**" ends with a colon)."""
    return sentence.strip().strip("*_ ").strip()



def chinese_clauses(document: Document, lines: list[tuple[int, int]], min_confidence: float) -> list[Clause]:
    """Every clause the Chinese lines of ``document`` state, as the English path reports them."""
    from auditor.clauses.chinese_cues import anchor
    from auditor.clauses.chinese_scoring import ChineseSentence, governed, score

    if not lines:
        return []
    text = document.text
    shape = outline(text, lines, frozenset(section.start for section in document.sections))
    words = anchor()
    wanted = [i for i, item in enumerate(shape.layouts) if words.search(item.text)]
    judged: dict[int, ChineseSentence] = {}
    for index in wanted:
        step: int | None = index
        while step is not None and step not in judged:
            judged[step] = ChineseSentence.of(shape.layouts[step].text)
            step = shape.lead_of[step]
    under_ban = governed(shape.lead_of, judged)
    clauses: list[Clause] = []
    for index in wanted:
        start, end = shape.spans[index]
        for category, confidence in sorted(score(judged[index], under_ban[index]).items()):
            if confidence >= min_confidence:
                clauses.append(cite(document, category, start, end, confidence))
    return clauses
