"""Parse a PDF on the second core while the main process loads spaCy.

Reading a PDF with pypdf and importing spaCy each take most of a second, and both
are pure-Python work that threads cannot overlap (the GIL).  A forked child parses
the PDF and sends the Document back through a pipe; the parent meanwhile builds
the clause pipeline (auditor.forked).  Where fork is unavailable or unwise, or
spaCy is already loaded, the document is parsed in-process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from auditor.documents import Document, load_bytes
from auditor.documents.model import PDF
from auditor.documents.source import sniff_format
from auditor.forked import can_fork, run_forked


def parse_in_background(data: bytes, path: Path) -> Callable[[], Document]:
    """Start parsing; the returned function waits for the Document (or raises its AuditorError)."""
    parse = lambda: load_bytes(data, path)  # noqa: E731
    if not _worth_forking(data, path):
        return parse
    return run_forked(parse, parse)


def _worth_forking(data: bytes, path: Path) -> bool:
    return can_fork() and "spacy" not in sys.modules and sniff_format(data, path) == PDF
