"""Licence names, SPDX expressions and full texts -> precise licence ids.

Public interface (the engine and the CLI use only these):

- ``identify(text) -> LicenceMatch``: a name, alias or SPDX expression as people write it
- ``identify_file(path) -> LicenceMatch``: a LICENSE file, identified by its text
- ``expression_branches(spdx) -> list[tuple[str, ...]]``: the expression in disjunctive
  normal form: each branch is one choice (OR), all ids in a branch apply together (AND)
- ``fallback_categories(licence_id) -> set[str] | None``: clause categories for a licence no
  policy pack covers, from license-expression's ScanCode index

Importing this package is cheap: the name index, license-expression and the text
fingerprints load on first use.
"""

from __future__ import annotations

from pathlib import Path

from auditor.licences.model import LicenceMatch

__all__ = ["LicenceMatch", "identify", "identify_file", "expression_branches", "fallback_categories"]


def identify(text: str) -> LicenceMatch:
    from auditor.licences.resolve import identify as _identify

    return _identify(text)


def identify_file(path: Path) -> LicenceMatch:
    from auditor.licences.resolve import identify_file as _identify_file

    return _identify_file(path)


def expression_branches(spdx: str) -> list[tuple[str, ...]]:
    from auditor.licences.expression import branches

    return branches(spdx)


def fallback_categories(licence_id: str) -> set[str] | None:
    from auditor.licences.categories import fallback_categories as _fallback

    return _fallback(licence_id)
