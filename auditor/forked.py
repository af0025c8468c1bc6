"""Run one job in a forked child on the second core, and collect its result later.

Two pure-Python jobs overlap only in two processes (the GIL): a PDF parse while
spaCy loads, a large manifest's YAML parse while the audit's modules import, and
the facts and rules of part of a large manifest while this process does the rest.
Where fork is unavailable or unwise (no os.fork, threads already running, one core,
``AUDITOR_NO_FORK``) or the child dies, ``fallback`` runs in-process instead, so
results and errors never differ.
"""

from __future__ import annotations

import os
import pickle
import threading
from typing import Any, Callable, TypeVar

from auditor.errors import AuditorError

S = TypeVar("S")
T = TypeVar("T")


def can_fork() -> bool:
    """True where a forked child can run beside this process: fork exists, no threads, a second core.

    ``AUDITOR_NO_FORK=1`` keeps all work in one process (a CI runner that counts
    processes, or a profiler that follows only one).
    """
    if os.environ.get("AUDITOR_NO_FORK", "").strip() not in ("", "0"):
        return False
    return hasattr(os, "fork") and threading.active_count() == 1 and _cores() >= 2


def _cores() -> int:
    """The CPUs this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_forked(work: Callable[[], T], fallback: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a child; the returned function waits for its value.

    An AuditorError raised by ``work`` is raised again by the returned function.
    """
    if not can_fork():
        return fallback
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return fallback
    if pid == 0:  # the child: work, report, leave without running the parent's cleanup
        os.close(read_end)
        try:
            try:
                payload = pickle.dumps(("value", work()), protocol=pickle.HIGHEST_PROTOCOL)
            except AuditorError as exc:
                payload = pickle.dumps(("error", (exc.message, exc.file, exc.line, exc.field)))
            with os.fdopen(write_end, "wb") as handle:
                handle.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    return lambda: _collect(read_end, pid, fallback)


def _collect(read_end: int, pid: int, fallback: Callable[[], T]) -> T:
    with os.fdopen(read_end, "rb") as handle:
        payload = handle.read()
    os.waitpid(pid, 0)
    try:
        kind, value = pickle.loads(payload)  # noqa: S301 - written by our own child process
    except Exception:  # noqa: BLE001 - the child died (memory, signal): do the work here instead
        return fallback()
    if kind == "error":
        message, file, line, field = value
        raise AuditorError(message, file=file, line=line, field=field)
    return value


def in_two(
    mine: S,
    theirs: S,
    work: Callable[[S, bool], T],
    *,
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> tuple[T, T]:
    """``(work(mine), work(theirs))``, the second done by a forked child while this process does the first.

    ``work(part, here)`` gets ``here=False`` in the child (which must not touch the
    terminal).  The child's result travels as ``encode``'s value: flat bytes (marshal)
    cross in about half of pickle's time.  With nothing in ``theirs`` no child is made.
    """
    if not theirs or not can_fork():
        return work(mine, True), work(theirs, True)
    waiting = run_forked(lambda: encode(work(theirs, False)), lambda: encode(work(theirs, True)))
    done = work(mine, True)
    return done, decode(waiting())
