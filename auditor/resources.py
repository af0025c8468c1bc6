"""Find the packaged policies/ and templates/ folders.

In a source checkout (or an editable install) they sit beside the package; in a
wheel they are shipped as ``auditor/_data/...`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"auditor is installed without its {name}/ folder")


def policies_dir() -> Path:
    return _data_dir("policies")


def templates_dir() -> Path:
    return _data_dir("templates")


def registry_dir() -> Path:
    return _data_dir("registry")
