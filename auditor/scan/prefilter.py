"""The byte-level prefilter: which lines (or field values) are worth decoding.

Python's ``re`` reads about 13 MB/s line by line; hyperscan (Intel's multi-pattern
regex engine) runs every anchor of every trace over raw bytes in one pass at
memory speed, so only the few rows that can hold a trace are ever decoded or
parsed.  The database is compiled once per worker thread (it cannot be pickled,
so engines ship tasks, never matchers).
"""

from __future__ import annotations

import threading

import hyperscan

from auditor.scan.patterns import TraceSet, load_traces

IDENTITY = -1  # candidate id of the declared-identity pattern
STRUCTURE = -2  # a JSON Lines row that does not look like one object: parse it to report the error

# A line that does not start with { or [, or does not end with } or ]: probably broken JSON.
_STRUCTURE = (rb"^[ \t]*[^{\[ \t\r\n]", rb"[^}\] \t\r\n][ \t\r]*$")


class Prefilter:
    """Anchors of a trace set compiled for hyperscan; candidate trace indices per match.

    Two databases, each compiled on first use (a compile takes a tenth of a second or
    more): the anchors with the JSON Lines structure checks, for JSON rows and field
    values (where a structure match is ignored), and the anchors alone, for lines of
    plain text (where nearly every line would fail the structure checks).
    """

    def __init__(self, anchors: list[str], targets: list[tuple[int, ...]]) -> None:
        self._anchors = anchors
        self.targets: tuple[tuple[int, ...], ...] = tuple(targets + [(STRUCTURE,)] * len(_STRUCTURE))
        self._plain: "hyperscan.Database | None" = None
        self._structured: "hyperscan.Database | None" = None

    def _database(self, structure: bool) -> "hyperscan.Database":
        if structure:
            if self._structured is None:
                self._structured = _database(self._anchors, structure=True)
            return self._structured
        if self._plain is None:
            self._plain = _database(self._anchors, structure=False)
        return self._plain

    def line_candidates(self, block: bytes, structure: bool = False) -> dict[int, set[int]]:
        """Start offset of each line of ``block`` with a match -> candidate trace indices."""
        found: list[tuple[int, int]] = []

        def on_match(expr: int, start: int, end: int, flags: int, ctx: object) -> None:
            found.append((expr, end))

        self._database(structure).scan(block, match_event_handler=on_match)
        lines: dict[int, set[int]] = {}
        rfind, targets = block.rfind, self.targets
        for expr, end in found:
            start = rfind(b"\n", 0, max(end - 1, 0)) + 1
            lines.setdefault(start, set()).update(targets[expr])
        return lines

    def text_candidates(self, text: str) -> set[int]:
        """Candidate trace indices (and IDENTITY) for one decoded field value."""
        found: set[int] = set()
        targets = self.targets

        def on_match(expr: int, start: int, end: int, flags: int, ctx: object) -> None:
            found.update(targets[expr])

        self._database(True).scan(text.encode("utf-8", "surrogatepass"), match_event_handler=on_match)
        found.discard(STRUCTURE)
        return found


def _database(anchors: list[str], structure: bool) -> "hyperscan.Database":
    expressions = [a.encode("utf-8") for a in anchors]
    flags = [hyperscan.HS_FLAG_CASELESS] * len(expressions)
    if structure:
        expressions += list(_STRUCTURE)
        flags += [hyperscan.HS_FLAG_MULTILINE] * len(_STRUCTURE)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions), flags=flags)
    return db


def _json_escaped(anchor: str) -> str:
    """The anchor as it appears in ASCII-escaped JSON: each non-ASCII character as a \\uXXXX literal."""
    return "".join(c if ord(c) < 128 else "".join(f"\\\\u{u:04x}" for u in _utf16(c)) for c in anchor)


def _utf16(char: str) -> list[int]:
    data = char.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def build(traces: TraceSet) -> Prefilter:
    by_anchor: dict[str, set[int]] = {}
    for index, trace in enumerate(traces.traces):
        for anchor in trace.anchors:
            by_anchor.setdefault(anchor.lower(), set()).add(index)
    for anchor in traces.identity.anchors:
        by_anchor.setdefault(anchor.lower(), set()).add(IDENTITY)
    for anchor, targets in list(by_anchor.items()):
        escaped = _json_escaped(anchor)
        if escaped != anchor:  # JSON written with ensure_ascii spells 我 as \u6211 in the raw bytes
            by_anchor.setdefault(escaped, set()).update(targets)
    anchors = sorted(by_anchor)
    return Prefilter(anchors, [tuple(sorted(by_anchor[a])) for a in anchors])


_LOCAL = threading.local()


def default_prefilter() -> Prefilter:
    """The built-in traces' prefilter, compiled once per thread.

    A hyperscan database's scratch space serves one scan at a time, and Dask
    workers may run several tasks in threads of one process.
    """
    prefilter = getattr(_LOCAL, "prefilter", None)
    if prefilter is None:
        prefilter = _LOCAL.prefilter = build(load_traces())
    return prefilter
