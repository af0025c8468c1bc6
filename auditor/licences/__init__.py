"""Licence names, SPDX expressions and full texts -> precise licence ids.

Public interface (the engine and the CLI use only these):

- ``identify(text) -> LicenceMatch``: a name, alias or SPDX expression as people write it
- ``identify_file(path) -> LicenceMatch``: a LICENSE file, identified by its text
- ``expression_branches(spdx) -> list[tuple[str, ...]]``: the expression in disjunctive
  normal form: each branch is one choice (OR), all ids in a branch apply together (AND)
- ``fallback_categories(licence_id) -> set[str] | None``: clause categories for a licence no
  policy pack covers, from license-expression's ScanCode index
"""

from __future__ import annotations

from auditor.licences.model import LicenceMatch
from auditor.licences.identify import expression_branches, fallback_categories, identify, identify_file

__all__ = ["LicenceMatch", "identify", "identify_file", "expression_branches", "fallback_categories"]
