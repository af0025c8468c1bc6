"""Parsed terms documents cached by content hash, so a CI re-run skips spaCy and pypdf.

The cache is an optimisation only: any unreadable, corrupt or stale entry is
ignored and rewritten, and a cache folder that cannot be written is skipped.  It
lives in the user's cache folder (``auditor.env.cache_dir``), never in
the checkout: an entry committed to a repository is input a pull request controls.
Entries are keyed by the document's SHA-256, auditor's version and a hash of the reading code, carry a checksum
of their body (``diskcache.store_entry``), are validated on load, and reports list
every document whose clauses came from the cache.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from auditor.clauses.model import Clause
from auditor.documents import Document, Section
from auditor.documents.model import HTML, MARKDOWN, PDF, TEXT
from auditor.diskcache import load_entry, store_entry
from auditor import env
from auditor.documents.source import read_bytes

CACHE_VERSION = "terms-15"
FORMATS = frozenset({HTML, MARKDOWN, PDF, TEXT})


@functools.cache
def _code_fingerprint() -> str:
    """A hash of the readers' and the detector's own source, so an edited checkout never reuses
    answers that an older version of the code produced under the same version number."""
    digest = hashlib.sha256()
    for package in ("clauses", "documents"):
        for module in sorted((Path(__file__).parent.parent / package).glob("*.py")):
            digest.update(module.name.encode())
            digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def _key(digest: str) -> str:
    from auditor import __version__

    return f"{CACHE_VERSION}:{__version__}:{_code_fingerprint()}:{digest}"


def parse_terms(path: Path, cache_dir: Path | None = None) -> tuple[Document, list[Clause]]:
    """The document and its clauses, from the cache when this exact content was parsed before."""
    document, clauses, _ = parse_terms_traced(path, cache_dir)
    return document, clauses


def parse_terms_traced(path: Path, cache_dir: Path | None = None) -> tuple[Document, list[Clause], bool]:
    """As ``parse_terms``, and whether the result came from the cache (reports say so)."""
    path = Path(path)
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    folder = cache_dir if cache_dir is not None else env.cache_dir()
    entry = folder / "terms" / f"{digest}.json"
    enabled = env.caching_enabled()
    cached = _read(entry, digest) if enabled else None
    if cached is not None:
        document, clauses = cached
        return (*_relocate(document, clauses, str(path)), True)
    document, clauses = parse_uncached(data, path)
    if enabled:
        store_entry(entry, _key(digest), _payload(document, clauses))
    return document, clauses, False


def parse_uncached(data: bytes, path: Path) -> tuple[Document, list[Clause]]:
    """Parse the document, then detect its clauses."""
    from auditor.clauses import detect_clauses
    from auditor.documents import load_bytes

    document = load_bytes(data, path)
    return document, detect_clauses(document)


def _read(entry: Path, digest: str) -> tuple[Document, list[Clause]] | None:
    body = load_entry(entry, _key(digest))
    if not isinstance(body, dict):
        return None
    try:
        doc = body["document"]
        text = doc["text"]
        if not isinstance(text, str) or not isinstance(doc["path"], str) or doc["format"] not in FORMATS:
            return None
        document = Document(
            path=doc["path"],
            format=doc["format"],
            text=text,
            sha256=digest,
            sections=tuple(Section(int(s), int(e), str(t)) for s, e, t in doc["sections"]),
            pages=tuple((int(s), int(e)) for s, e in doc["pages"]) if doc["pages"] is not None else None,
        )
        return document, [Clause.from_dict(item) for item in body["clauses"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _payload(document: Document, clauses: list[Clause]) -> dict[str, Any]:
    return {
        "document": {
            "path": document.path,
            "format": document.format,
            "text": document.text,
            "sections": [[s.start, s.end, s.title] for s in document.sections],
            "pages": [list(p) for p in document.pages] if document.pages is not None else None,
        },
        "clauses": [clause.to_dict() for clause in clauses],
    }


def _relocate(document: Document, clauses: list[Clause], path: str) -> tuple[Document, list[Clause]]:
    """Same content under another name: report the name the user gave this time."""
    if document.path == path:
        return document, clauses
    from dataclasses import replace

    return replace(document, path=path), [replace(c, document=path) for c in clauses]
