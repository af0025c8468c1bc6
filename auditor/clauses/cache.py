"""Parsed terms documents cached by content hash, so a CI re-run skips spaCy and pypdf.

The cache is an optimisation only: any unreadable, corrupt or stale entry is
ignored and rewritten, and a cache folder that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from auditor.clauses.model import Clause
from auditor.documents import Document, Section
from auditor.documents.source import read_bytes

# Bump whenever the loaders or the detector change what they produce.
CACHE_VERSION = "terms-4"


def default_cache_dir() -> Path:
    configured = os.environ.get("AUDITOR_CACHE_DIR")
    return Path(configured) if configured else Path.cwd() / ".auditor-cache"


def parse_terms(path: Path, cache_dir: Path | None = None) -> tuple[Document, list[Clause]]:
    """The document and its clauses, from the cache when this exact content was parsed before."""
    path = Path(path)
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    entry = folder / "terms" / f"{digest}.json"
    cached = _read(entry, digest)
    if cached is not None:
        document, clauses = cached
        return _relocate(document, clauses, str(path))
    document, clauses = parse_uncached(data, path)
    _write(entry, document, clauses)
    return document, clauses


def parse_uncached(data: bytes, path: Path) -> tuple[Document, list[Clause]]:
    """Parse the document, then detect its clauses."""
    from auditor.clauses import detect_clauses
    from auditor.documents import load_bytes

    document = load_bytes(data, path)
    return document, detect_clauses(document)


def _read(entry: Path, digest: str) -> tuple[Document, list[Clause]] | None:
    try:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        if raw.get("version") != CACHE_VERSION or raw.get("sha256") != digest:
            return None
        doc = raw["document"]
        document = Document(
            path=doc["path"],
            format=doc["format"],
            text=doc["text"],
            sha256=digest,
            sections=tuple(Section(int(s), int(e), str(t)) for s, e, t in doc["sections"]),
            pages=tuple((int(s), int(e)) for s, e in doc["pages"]) if doc["pages"] is not None else None,
        )
        return document, [Clause.from_dict(item) for item in raw["clauses"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(entry: Path, document: Document, clauses: list[Clause]) -> None:
    payload = {
        "version": CACHE_VERSION,
        "sha256": document.sha256,
        "document": {
            "path": document.path,
            "format": document.format,
            "text": document.text,
            "sections": [[s.start, s.end, s.title] for s in document.sections],
            "pages": [list(p) for p in document.pages] if document.pages is not None else None,
        },
        "clauses": [clause.to_dict() for clause in clauses],
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
        os.replace(tmp, entry)
    except OSError:
        try:
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def _relocate(document: Document, clauses: list[Clause], path: str) -> tuple[Document, list[Clause]]:
    """Same content under another name: report the name the user gave this time."""
    if document.path == path:
        return document, clauses
    from dataclasses import replace

    return replace(document, path=path), [replace(c, document=path) for c in clauses]
