"""Clause categories for a licence that no policy pack covers.

The project's own ``LicenseRef-`` ids carry categories in refs.py; every other
id falls back on the licence category in license-expression's packaged ScanCode
index.  A pack, when there is one, always wins: this is the safety net.
"""

from __future__ import annotations

from auditor.licences.names import index

# ScanCode licence category -> CONTRACT clause categories (None: cannot say)
SCANCODE_CATEGORIES: dict[str, frozenset[str] | None] = {
    "Permissive": frozenset({"attribution"}),
    "Copyleft": frozenset({"share-alike", "attribution"}),
    "Copyleft Limited": frozenset({"share-alike", "attribution"}),
    "Public Domain": frozenset(),
    "Free Restricted": frozenset({"use-restriction", "attribution"}),
    "Proprietary Free": frozenset({"use-restriction"}),
    "Source-available": frozenset({"use-restriction"}),
    "Commercial": frozenset({"use-restriction"}),
    "Patent License": frozenset({"use-restriction"}),
    "CLA": frozenset(),
    "Unstated License": None,
}


def fallback_categories(licence_id: str) -> set[str] | None:
    """Categories for one licence id; None when the id is unknown (an unknown-licence finding)."""
    idx = index()
    key = (licence_id or "").strip().lower()
    ref = idx.refs.get(key)
    if ref is not None:
        return set(ref.categories)
    canonical = idx.ids.get(key)
    category = idx.scancode.get(key) or (idx.scancode.get(canonical.lower()) if canonical else None)
    if category is None:
        return None
    mapped = SCANCODE_CATEGORIES.get(category)
    return None if mapped is None else set(mapped)
