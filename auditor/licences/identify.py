"""Minimal first version: exact SPDX ids and expressions via license-expression.

(Extended by the names/aliases/fuzzy/text work: see the package docstring for the interface.)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from auditor.licences.model import LicenceMatch


@lru_cache(maxsize=1)
def _licensing():
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


_UNKNOWN = {"", "unknown", "other", "none", "n/a", "unspecified", "proprietary"}


def identify(text: str) -> LicenceMatch:
    raw = (text or "").strip()
    if raw.lower() in _UNKNOWN:
        return LicenceMatch(raw, None, None, 0.0, "none")
    licensing = _licensing()
    try:
        parsed = licensing.parse(raw, validate=True, strict=False)
    except Exception:  # noqa: BLE001 - license-expression raises several error types
        return LicenceMatch(raw, None, None, 0.0, "none", ("not a recognised licence name or SPDX expression",))
    return LicenceMatch(raw, str(parsed), str(parsed), 1.0, "exact")


def identify_file(path: Path) -> LicenceMatch:
    return LicenceMatch(str(path), None, None, 0.0, "none", ("licence text identification not available",))


def expression_branches(spdx: str) -> list[tuple[str, ...]]:
    from license_expression import AND, OR

    parsed = _licensing().parse(spdx, strict=False)

    def dnf(node) -> list[tuple[str, ...]]:
        if isinstance(node, OR):
            return [b for arg in node.args for b in dnf(arg)]
        if isinstance(node, AND):
            branches: list[tuple[str, ...]] = [()]
            for arg in node.args:
                branches = [a + b for a in branches for b in dnf(arg)]
            return branches
        key = getattr(node, "key", None) or str(node)
        return [(key,)]

    return [tuple(dict.fromkeys(b)) for b in dnf(parsed)]


def fallback_categories(licence_id: str) -> set[str] | None:
    return None
