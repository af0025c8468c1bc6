"""Neutralise what a user string could do to a reader: the one sanitiser of every human-facing format.

Ids, names and document text reach terminals, CI logs, HTML pages and pull-request
comments.  A terminal escape (``ESC ] 52`` writes the clipboard, ``ESC [2J`` clears
the screen), a newline followed by a forged ``PASSED at ...`` line, or a bidi control
(U+202E reverses what follows) would let a manifest lie to its reviewer.  Here line
breaks become spaces (a value stays on its line), other control characters and every
bidi control become visible escapes (``\\x1b``, ``\\u202e``).  JSON is exact data and
is not passed through here; every other format is.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from collections.abc import Iterable
from typing import Any, TypeVar

T = TypeVar("T")

_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]")
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value: str) -> str:
    """One safe line: no line breaks, no control characters, no bidi controls (shown escaped)."""
    if value.isprintable():  # the usual case costs one C-level scan (bidi controls are not printable)
        return value
    return _UNSAFE.sub(_visible, _BREAKS.sub(" ", value))


def clean_lines(lines: Iterable[str]) -> str:
    """A report of lines, each made one safe line: a value's own break or escape cannot forge a line."""
    return "".join(clean(line) + "\n" for line in lines)


def clean_all(value: T) -> T:
    """``clean`` every string inside findings, evidence, waivers, documents (tuples, lists, dataclasses)."""
    return _walk(value)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return value if isinstance(value, Enum) else clean(value)
    if isinstance(value, tuple):
        items = [_walk(v) for v in value]
        return type(value)._make(items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_walk(v) for v in value]
    if isinstance(value, dict):
        return {_walk(k): _walk(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _walk(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
