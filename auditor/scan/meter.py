"""The scan's progress line: rows, MB/s and time left, on a terminal only.

Uses ``auditor.progress.enabled`` (a TTY on stderr, not CI), so CI logs and piped
output never see it.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from auditor.progress import enabled

INTERVAL = 0.2


class Meter:
    def __init__(self, total_bytes: int, stream: TextIO | None = None) -> None:
        self.out = stream if stream is not None else sys.stderr
        self.on = enabled(self.out)
        self.total, self.done, self.rows = total_bytes, 0, 0
        self.started = time.monotonic()
        self.last = 0.0

    def advance(self, nbytes: int, rows: int) -> None:
        self.done += nbytes
        self.rows += rows
        now = time.monotonic()
        if not self.on or now - self.last < INTERVAL:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        share = self.done / self.total if self.total else 1.0
        bar = "#" * int(20 * share)
        self.out.write(f"\rscanning [{bar:.<20}] {share:4.0%} {self.rows:,} rows {rate / 1e6:,.0f} MB/s ETA {left:,.0f}s\x1b[K")
        self.out.flush()

    def close(self) -> None:
        if self.on and self.last:
            self.out.write("\r\x1b[K")
            self.out.flush()
