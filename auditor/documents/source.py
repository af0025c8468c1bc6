"""Read a user's document safely and decide what kind of document it is."""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditorError
from auditor.safeio import read_input
from auditor.documents.model import HTML, MARKDOWN, PDF, TEXT

_EXTENSIONS = {
    ".pdf": PDF,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdx": MARKDOWN,
    ".txt": TEXT,
    ".text": TEXT,
}


def read_bytes(path: Path) -> bytes:
    """The document's bytes: a regular file within the size limit (see ``auditor.safeio``)."""
    return read_input(path, what="terms document")


def decode_text(data: bytes, path: Path | str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as legal teams' exports often are; never binary."""
    if b"\x00" in data:
        raise AuditorError("expected a PDF, HTML, Markdown or text document, found binary data (NUL bytes)", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise AuditorError(
                f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_format(data: bytes, path: Path) -> str:
    """Content first (a PDF is a PDF whatever its name), then the extension, then the text's shape."""
    head = data[:1024].lstrip()
    if b"%PDF-" in data[:1024]:
        return PDF
    by_name = _EXTENSIONS.get(path.suffix.lower())
    if by_name == PDF:
        raise AuditorError("the file has a .pdf name but is not a PDF (no %PDF- header)", file=path)
    if by_name:
        return by_name
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096].lower():
        return HTML
    sample = data[:8192].decode("utf-8", "ignore")
    lines = sample.splitlines()
    if any(line.startswith(("# ", "## ", "### ")) for line in lines) or any(
        set(line.strip()) <= {"="} and len(line.strip()) >= 3 for line in lines[1:]
    ):
        return MARKDOWN
    return TEXT
