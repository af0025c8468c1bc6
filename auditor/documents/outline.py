"""Numbered headings in plain text ("1.", "2.3", "Section 4", "1.b.v", "(a)", "iv.") and their nesting.

Legal text numbers its clauses instead of marking headings, so the numbering *is*
the outline: a label style seen before closes back to that level, a new style opens
a deeper one (the way a reader of "1. ... a. ... v." understands it).
"""

from __future__ import annotations

import re

_SECTION = re.compile(r"^(?:section|article|attachment|schedule|appendix|exhibit|annex)\s+([0-9]{1,3}(?:\.[0-9]{1,3})*|[A-Z]|[IVX]{1,5})\b[.:]?\s*(.*)$", re.I)
_COMPOUND = re.compile(r"^([0-9]{1,2}(?:\.(?:[0-9]{1,3}|[a-z]|[ivx]{1,5})){1,4})\.?(?:\s+(.*))?$")
# Chinese writes no space after a label ("1.定义。", "b.在遵守……"): a Han character after it starts the title.
_HAN_NEXT = r"(?:\s+|(?=[\u3400-\u4dbf\u4e00-\u9fff\u201c\uff08]))"
_DECIMAL = re.compile(r"^([0-9]{1,2})\.(?:" + _HAN_NEXT + r"(.*))?$")
_LETTER = re.compile(r"^(\(?)([a-z]{1,4}|[A-Z])([.)])" + _HAN_NEXT + r"(.*)$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_MID_STOP = re.compile(r"[\uff0c\u3002\uff1b\uff1a\uff01\uff1f](?=.)")  # ，。；：！？ inside: a sentence, no title
_MAX_HAN_TITLE = 16  # about the eight words of an English title
_TITLE_ENDS = ".:\u3002\uff1a"
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)$")
_MAX_TITLE = 80


class Outline:
    """Feed lines in order; ``heading`` says whether a line opens a numbered section, and at what depth."""

    def __init__(self, base_level: int = 0) -> None:
        self.base_level = base_level
        self._kinds: list[tuple[str, str]] = []  # (kind, last label) per depth

    def reset(self) -> None:
        self._kinds.clear()

    def heading(self, line: str, previous: str) -> tuple[int, str] | None:
        stripped = line.strip()
        if not stripped or len(stripped) < 2 or not _starts_paragraph(previous):
            return None
        found = self._label(stripped)
        if found is None:
            return None
        kind, label, rest = found
        kind = self._resolve(kind, label)
        depth = next((i for i, (k, _) in enumerate(self._kinds) if k == kind), None)
        if depth is None:
            depth = len(self._kinds)
            self._kinds.append((kind, label))
        else:
            del self._kinds[depth + 1 :]
            self._kinds[depth] = (kind, label)
        return self.base_level + depth + 1, _title(label, rest)

    def _label(self, line: str) -> tuple[str, str, str] | None:
        match = _SECTION.match(line)
        if match:
            return "section", f"{line.split()[0].capitalize()} {match.group(1)}", match.group(2) or ""
        match = _COMPOUND.match(line)
        if match and (match.group(2) is None or len(line) < 400):
            label = match.group(1)
            return f"decimal{label.count('.') + 1}", label, match.group(2) or ""
        match = _DECIMAL.match(line)
        if match:
            return "decimal1", match.group(1), match.group(2) or ""
        match = _LETTER.match(line)
        if match and not (match.group(1) and match.group(3) == "."):
            letters = match.group(2)
            paren = "paren-" if match.group(1) else ("close-" if match.group(3) == ")" else "")
            if _ROMAN.match(letters.lower()) and (len(letters) > 1 or letters.islower()):
                return paren + "roman?", letters, match.group(4)
            if len(letters) == 1:
                return paren + ("upper" if letters.isupper() else "lower"), letters, match.group(4)
        return None

    def _resolve(self, kind: str, label: str) -> str:
        """Single i/v/x may be a letter (h, i, ...) or a roman numeral (iv, v, ...): ask the siblings."""
        if not kind.endswith("roman?"):
            return kind
        prefix = kind[: -len("roman?")]
        if len(label) == 1:
            for known, last in self._kinds:
                if known == prefix + "lower" and len(last) == 1 and ord(label) == ord(last) + 1:
                    return prefix + "lower"
        return prefix + "roman"


def _starts_paragraph(previous: str) -> bool:
    prev = previous.rstrip()
    return not prev or prev.endswith((".", ":", ";", ")", "\u201d", '"', "\u3002", "\uff1a", "\uff1b", "\uff09", "\uff01", "\uff1f")) or len(prev) < 60 and not prev.endswith(",")


def _title(label: str, rest: str) -> str:
    rest = rest.strip().strip("*_ ")
    if not rest:
        return label
    if _HAN.search(rest):  # Chinese has no spaces to count words by: a title is short and one phrase
        short = len(rest) <= _MAX_HAN_TITLE and not _MID_STOP.search(rest)
        return f"{label} {rest.rstrip(_TITLE_ENDS).strip()}" if short else label
    if len(rest) <= _MAX_TITLE and len(rest.split()) <= 8 and "," not in rest and not re.search(r"[.;:]\s+\S", rest):
        return f"{label} {rest.rstrip('.:').strip()}"
    lead = re.match(r"^([^.;:]{2,60})[.:]\s", rest)
    if lead and lead.group(1)[0].isupper():
        return f"{label} {lead.group(1).strip().strip('*_')}"
    return label
