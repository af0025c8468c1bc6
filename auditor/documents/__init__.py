"""Terms documents (PDF, HTML, Markdown, text) loaded into one citable ``Document``.

``load_document(path)`` is the only entry point; parsers import their libraries
(pypdf, selectolax) lazily so ``audit --help`` stays fast.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.documents.model import FORMATS, HTML, MARKDOWN, PDF, TEXT, Document, Section
from auditor.documents.source import decode_text, read_bytes, sniff_format

__all__ = ["Document", "Section", "load_document", "load_bytes", "FORMATS", "PDF", "HTML", "MARKDOWN", "TEXT"]


def load_document(path: Path) -> Document:
    """Read and parse a terms document; every problem is an ``AuditorError`` naming the file."""
    path = Path(path)
    return load_bytes(read_bytes(path), path)


def load_bytes(data: bytes, path: Path) -> Document:
    """Parse bytes already read (the cache hashes them first) as the document at ``path``."""
    fmt = sniff_format(data, path)
    if fmt == PDF:
        from auditor.documents.pdf import parse_pdf

        text, sections, pages = parse_pdf(data, path)
    else:
        source = decode_text(data, path)
        if fmt == HTML:
            from auditor.documents.html import parse_html

            text, sections, pages = parse_html(source, path)
        elif fmt == MARKDOWN:
            from auditor.documents.markdown import parse_markdown

            text, sections, pages = parse_markdown(source)
        else:
            from auditor.documents.text import parse_text

            text, sections, pages = parse_text(source)
    return Document(
        path=str(path), format=fmt, text=text, sha256=hashlib.sha256(data).hexdigest(), sections=sections, pages=pages
    )
