"""Parse a PDF on the second core while the main process loads spaCy.

Reading a PDF with pypdf and importing spaCy each take most of a second, and both
are pure-Python work that threads cannot overlap (the GIL).  A forked child parses
the PDF and sends the Document back through a pipe; the parent meanwhile builds
the clause pipeline.  Where fork is unavailable or unwise (no os.fork, threads
already running, spaCy already loaded), or if the child dies, the document is
parsed in-process, so the result and the errors are always the same.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Callable

from auditor.documents import Document, load_bytes
from auditor.documents.model import PDF
from auditor.documents.source import sniff_format
from auditor.errors import AuditorError


def parse_in_background(data: bytes, path: Path) -> Callable[[], Document]:
    """Start parsing; the returned function waits for the Document (or raises its AuditorError)."""
    if not _worth_forking(data, path):
        return lambda: load_bytes(data, path)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: load_bytes(data, path)
    if pid == 0:  # the child: parse, report, leave without running the parent's cleanup
        os.close(read_end)
        try:
            try:
                payload = pickle.dumps(("document", load_bytes(data, path)))
            except AuditorError as exc:
                payload = pickle.dumps(("error", (exc.message, exc.file, exc.line, exc.field)))
            with os.fdopen(write_end, "wb") as handle:
                handle.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    return lambda: _collect(read_end, pid, data, path)


def _worth_forking(data: bytes, path: Path) -> bool:
    return (
        hasattr(os, "fork")
        and "spacy" not in sys.modules
        and threading.active_count() == 1
        and sniff_format(data, path) == PDF
    )


def _collect(read_end: int, pid: int, data: bytes, path: Path) -> Document:
    with os.fdopen(read_end, "rb") as handle:
        payload = handle.read()
    os.waitpid(pid, 0)
    try:
        kind, value = pickle.loads(payload)  # noqa: S301 - written by our own child process
    except Exception:  # noqa: BLE001 - the child died (memory, signal): parse here instead
        return load_bytes(data, path)
    if kind == "error":
        message, file, line, field = value
        raise AuditorError(message, file=file, line=line, field=field)
    return value
