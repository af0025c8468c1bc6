"""Clause detection in terms documents: ``detect_clauses(document) -> list[Clause]``.

spaCy is imported only when a document is actually analysed (see ``detect``).
"""

from __future__ import annotations

from auditor.clauses.categories import BANS, CATEGORIES
from auditor.clauses.model import Clause


def detect_clauses(document):  # type: ignore[no-untyped-def]
    """Every clause of a CONTRACT category in ``document`` (an ``auditor.documents.Document``)."""
    from auditor.clauses.detect import detect_clauses as _detect

    return _detect(document)


__all__ = ["BANS", "CATEGORIES", "Clause", "detect_clauses"]
