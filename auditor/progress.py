"""Progress for long work, on a terminal only.

Parsing many terms documents can take a while; a person at a terminal wants to see
it move, while CI logs and piped output must stay clean (a report on stdout is
data).  So progress goes to stderr, only when stderr is a TTY and ``CI`` is unset,
and only once the work has lasted long enough to be worth showing::

    with progress(len(docs), "reading documents") as tick:
        for doc in docs:
            parse(doc)
            tick()
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from auditor import env

DELAY = 0.3  # seconds of silence before showing anything: quick runs never flicker
INTERVAL = 0.1  # at most ten redraws a second


def enabled(stream: TextIO | None = None) -> bool:
    """True when a person is watching: a TTY on stderr, not CI, not a dumb terminal."""
    stream = stream if stream is not None else sys.stderr
    if env.in_ci() or env.dumb_terminal():
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


@contextmanager
def progress(
    total: int | None,
    label: str,
    *,
    stream: TextIO | None = None,
    delay: float = DELAY,
) -> Iterator[Callable[..., None]]:
    """Yield ``tick(n=1, item=None)``; draw ``label [#####.....] 3/10 item`` on a terminal, nothing otherwise."""
    out = stream if stream is not None else sys.stderr
    if not enabled(out):
        yield _quiet
        return
    bar = _Bar(out, total, label, delay)
    try:
        yield bar.tick
    finally:
        bar.close()


def _quiet(n: int = 1, item: str | None = None) -> None:
    return None


class _Bar:
    def __init__(self, out: TextIO, total: int | None, label: str, delay: float) -> None:
        self.out, self.total, self.label = out, total, label
        self.done = 0
        self.started = time.monotonic()
        self.delay = delay
        self.last_draw = 0.0
        self.drawn = False

    def tick(self, n: int = 1, item: str | None = None) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.started < self.delay or now - self.last_draw < INTERVAL:
            return
        self.last_draw = now
        self._draw(item)

    def _draw(self, item: str | None) -> None:
        if self.total:
            filled = min(20, int(20 * self.done / self.total))
            line = f"{self.label} [{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total}"
        else:
            line = f"{self.label} {self.done}"
        if item:
            line += f" {item}"
        width = 79
        try:
            width = max(20, os.get_terminal_size(self.out.fileno()).columns - 1)
        except (AttributeError, OSError, ValueError):
            pass
        self.out.write("\r" + line[:width].ljust(width))
        self.out.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:  # leave the terminal as it was: erase the bar's line
            self.out.write("\r\x1b[K")
            self.out.flush()
