"""PDF with pypdf: one text with page spans; numbered clauses as sections.

Encrypted, image-only and damaged files are common in legal folders; each gets an
error that says what to do instead of a traceback.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from auditor.errors import AuditorError
from auditor.documents.model import Section, build_sections
from auditor.documents.text import numbered_headings
from auditor import env


def parse_pdf(data: bytes, path: Path | str) -> tuple[str, tuple[Section, ...], tuple[tuple[int, int], ...]]:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its recoverable-damage notes are not ours to print
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - missing crypto backends raise several types
                opened = 0
            if not opened:
                raise AuditorError("the PDF is encrypted (password-protected); save an unprotected copy", file=path)
        _check_pages(len(reader.pages), path)
        page_texts = [_page_text(page) for page in reader.pages]
    except AuditorError:
        raise
    except RecursionError:
        raise AuditorError("the PDF is damaged (nesting too deep); re-export it", file=path) from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise AuditorError(f"the PDF cannot be read ({type(exc).__name__}); re-export or re-save it", file=path) from None
    if not page_texts:
        raise AuditorError("the PDF has no pages", file=path)
    if not any(t.strip() for t in page_texts):
        raise AuditorError(
            "the PDF has no extractable text (a scanned image?); run OCR on it or supply the text version", file=path
        )
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    offset = 0
    for index, page in enumerate(page_texts):
        if index:
            parts.append("\n\n")
            offset += 2
        pages.append((offset, offset + len(page)))
        parts.append(page)
        offset += len(page)
    text = "".join(parts)
    return text, build_sections(numbered_headings(text), len(text)), tuple(pages)


def _check_pages(count: int, path: Path | str) -> None:
    """Refuse a PDF longer than the page limit before extracting any page (a page costs ~2 ms)."""
    limit = env.max_pages()
    if count > limit:
        raise AuditorError(
            f"the PDF has {count} pages, more than the limit of {limit} (set AUDITOR_MAX_PAGES to raise it)", file=path
        )


def _page_text(page) -> str:
    text = page.extract_text() or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
