"""The byte-level prefilter: which lines (or field values) are worth decoding.

Python's ``re`` reads about 13 MB/s line by line; hyperscan (Intel's multi-pattern
regex engine) runs every anchor of every trace over raw bytes in one pass at
memory speed, so only the few rows that can hold a trace are ever decoded or
parsed.  The database is compiled once per worker thread (it cannot be pickled,
so engines ship tasks, never matchers).
"""

from __future__ import annotations

from dataclasses import dataclass
import threading

import hyperscan

from auditor.scan.patterns import TraceSet, load_traces

IDENTITY = -1  # candidate id of the declared-identity pattern
STRUCTURE = -2  # a JSON Lines row that does not look like one object: parse it to report the error

# A line that does not start with { or [, or does not end with } or ]: probably broken JSON.
_STRUCTURE = (rb"^[ \t]*[^{\[ \t\r\n]", rb"[^}\] \t\r\n][ \t\r]*$")


@dataclass
class Prefilter:
    """Anchors of a trace set compiled for hyperscan; candidate trace indices per match."""

    anchors: "hyperscan.Database"
    with_structure: "hyperscan.Database"
    targets: tuple[tuple[int, ...], ...]  # expression id -> trace indices (or IDENTITY / STRUCTURE)

    def line_candidates(self, block: bytes, structure: bool = False) -> dict[int, set[int]]:
        """Start offset of each line of ``block`` with a match -> candidate trace indices."""
        found: list[tuple[int, int]] = []

        def on_match(expr: int, start: int, end: int, flags: int, ctx: object) -> None:
            found.append((expr, end))

        (self.with_structure if structure else self.anchors).scan(block, match_event_handler=on_match)
        lines: dict[int, set[int]] = {}
        rfind, targets = block.rfind, self.targets
        for expr, end in found:
            start = rfind(b"\n", 0, max(end - 1, 0)) + 1
            lines.setdefault(start, set()).update(targets[expr])
        return lines

    def text_candidates(self, text: str) -> set[int]:
        """Candidate trace indices (and IDENTITY) for one decoded field value."""
        found: set[int] = set()

        def on_match(expr: int, start: int, end: int, flags: int, ctx: object) -> None:
            found.update(self.targets[expr])

        self.anchors.scan(text.encode("utf-8", "surrogatepass"), match_event_handler=on_match)
        return found


def _database(expressions: list[bytes], flags: list[int]) -> "hyperscan.Database":
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions), flags=flags)
    return db


def build(traces: TraceSet) -> Prefilter:
    by_anchor: dict[str, set[int]] = {}
    for index, trace in enumerate(traces.traces):
        for anchor in trace.anchors:
            by_anchor.setdefault(anchor.lower(), set()).add(index)
    for anchor in traces.identity.anchors:
        by_anchor.setdefault(anchor.lower(), set()).add(IDENTITY)
    anchors = sorted(by_anchor)
    expressions = [a.encode("utf-8") for a in anchors]
    caseless = hyperscan.HS_FLAG_CASELESS
    targets = [tuple(sorted(by_anchor[a])) for a in anchors]
    plain = _database(expressions, [caseless] * len(expressions))
    structured = _database(
        expressions + list(_STRUCTURE), [caseless] * len(expressions) + [hyperscan.HS_FLAG_MULTILINE] * len(_STRUCTURE)
    )
    return Prefilter(plain, structured, tuple(targets + [(STRUCTURE,)] * len(_STRUCTURE)))


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
