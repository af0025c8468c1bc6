"""Sentence boundaries for legal text, found on characters (no spaCy needed).

Terms are not prose: a clause is often a list item ("* Use Output to ..."), an
enumerated part of one long sentence ("...; (b) reverse engineer ...; or (c) ..."),
or a numbered paragraph hard-wrapped across lines.  Boundaries are found on the
characters (markers, blank lines, sentence punctuation).
"""

from __future__ import annotations

import re

from auditor.clauses.lines import Lines


BULLETS = "-*\u2022\u00b7\u2013\u2014\u2023\u25aa\u25cf+"
# list markers at the start of a line: bullets, 1. 2.3 1.b.v a. iv. (a) (iv) a) 1)
MARKER = re.compile(
    r"(?:[" + re.escape(BULLETS) + r"](?=\s)"
    r"|\(?(?:\d{1,3}(?:\.\d{1,3}|\.[a-z]|\.[ivx]{1,5}){0,4}|[a-zA-Z]|[ivxIVX]{1,5})[.)](?=\s|\S)(?!\d)"
    r"|\((?:\d{1,3}|[a-zA-Z]|[ivx]{1,5})\)"
    r"|\d{1,3}(?:\.\d{1,3}){1,4}(?=\s))"
)
_LINE_MARKER = re.compile(r"[ \t]*(?:" + MARKER.pattern + r")")
_INLINE_ITEM = re.compile(r"(?:;|:)\s*(?:(?:and|or)\s+)?(?=\((?:[a-z]|[ivx]{1,5}|\d{1,2})\))")
# "...: (a) rent the Products, (b) provide access ..., (c) ...": items run on with commas; a comma
# starts an item only when its marker follows the one before it in the same series (a parenthetical
# "(s)" or "(of which ...)" is none)
_COMMA_ITEM = re.compile(r",\s*(?:(?:and|or)\s+)?\(([a-z]|[ivx]{1,5}|\d{1,2})\)\s")
_FIRST_ITEM = re.compile(r"[:;]\s*\(([a-z]|[ivx]{1,5}|\d{1,2})\)\s")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
# The punctuation is matched, not looked behind for: a lookbehind is tried at every character.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_GLUED_QUESTION = re.compile(r"[a-z][?!](?=[A-Z][a-z])")  # "...train AI?We never ..." (markup lost between them)
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "no", "nos", "sec", "art", "vs", "mr", "ms", "mrs", "dr", "u.s",
    "cf", "para", "approx", "st", "incl", "fig", "p", "pp", "vol", "jr", "sr", "llc", "l.l.c", "u.k", "e.u", "v",
}
MAX_SENTENCE_CHARS = 4000
_SHORT_HEAD = re.compile(r"\(?[\w.]{1,8}[.)]")
_LAST_WORD = re.compile(r"([\w.]+)\W*$")
_MAX_HEAD = 40  # longer than any list marker (29 characters at most) or short head


def boundaries(text: str, lines: Lines | None = None) -> list[int]:
    """Sorted character offsets where a new sentence starts."""
    lines = lines or Lines.of(text)
    starts: set[int] = {0}
    offset = 0
    previous = ""
    previous_whole = True
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            indent = len(line) - len(line.lstrip())
            begin = offset + indent
            prev = previous.rstrip()
            if (
                not prev
                or prev.endswith((".", ":", ";", "!", "?"))
                or _LINE_MARKER.match(line)
                or (previous_whole and len(prev) < 50 and not prev.endswith((",", "-", "(")) and stripped[:1].isupper())
            ):
                starts.add(begin)
                previous_whole = True
            else:
                previous_whole = False
            previous = line
        else:
            previous = ""
        offset += len(line) + 1
    for match in _SENTENCE_END.finditer(text):
        if not _is_abbreviation(text, match.start() + 1, lines):
            starts.add(match.end())
    for match in _GLUED_QUESTION.finditer(text):
        starts.add(match.end())
    for match in _INLINE_ITEM.finditer(text):
        starts.add(match.end())
    starts.update(_comma_items(text))
    return _cap(sorted(s for s in starts if s < len(text)), len(text))


def _comma_items(text: str) -> list[int]:
    """Where comma-separated inline items start: each marker the successor of the item before it,
    counted from a first item right after a colon or semicolon."""
    if not _FIRST_ITEM.search(text):
        return []
    found: list[int] = []
    marker, last = None, -1
    for match in sorted([*_FIRST_ITEM.finditer(text), *_COMMA_ITEM.finditer(text)], key=lambda m: m.start()):
        if text[match.start()] != ",":  # a first item, after ":" or ";": a new series
            marker, last = match.group(1), match.end()
        elif marker is not None and match.start() - last < 1500 and _follows(marker, match.group(1)):
            found.append(match.start() + match.group(0).index("("))
            marker, last = match.group(1), match.end()
    return found


def _follows(before: str, marker: str) -> bool:
    """``marker`` comes next after ``before`` in a series of letters, roman numerals or numbers."""
    if before.isdigit() and marker.isdigit():
        return int(marker) == int(before) + 1
    if before in _ROMAN and marker in _ROMAN and _ROMAN.index(marker) == _ROMAN.index(before) + 1:
        return True
    return len(before) == 1 and len(marker) == 1 and before.isalpha() and ord(marker) == ord(before) + 1


def _is_abbreviation(text: str, end: int, lines: Lines) -> bool:
    """The period at text[end-1] ends an abbreviation or a list marker, not a sentence."""
    begin = lines.words_start(end - 1)  # a bisect: a one-line megabyte is not scanned back per sentence
    head = text[begin:end].strip() if end - begin <= _MAX_HEAD else ""  # the head, unless too long to be one
    if head and (_LINE_MARKER.fullmatch(head) or _SHORT_HEAD.fullmatch(head)):
        return True
    word = _LAST_WORD.search(text[max(0, end - 12) : end])
    if not word:
        return False
    token = word.group(1).rstrip(".").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _cap(starts: list[int], length: int) -> list[int]:
    """Split runaway sentences (tables, PDFs without punctuation) so a quote stays readable."""
    out: list[int] = []
    for index, start in enumerate(starts):
        out.append(start)
        end = starts[index + 1] if index + 1 < len(starts) else length
        cut = start + MAX_SENTENCE_CHARS
        while end - cut > 0:
            out.append(cut)
            cut += MAX_SENTENCE_CHARS
    return out


def marker_kind(sentence: str) -> str | None:
    """What kind of list item a sentence is: 'bullet', 'paren', 'dot', or None."""
    head = sentence.lstrip()[:16]
    if not head:
        return None
    if head[0] in BULLETS and len(head) > 1 and head[1].isspace():
        return "bullet"
    match = MARKER.match(head)
    if not match:
        return None
    marker = match.group(0)
    label = marker.strip("().")
    style = "num" if label[:1].isdigit() else "roman" if re.fullmatch(r"[ivx]+|[IVX]{2,}", label) else "alpha"
    if marker.startswith("("):
        return "paren-" + style
    if marker.endswith(")"):
        return "close-" + style
    return "dot-" + style
