"""Import spaCy without its command-line package, which auditor never uses.

``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer ``spacy.info()``; that
pulls in spaCy's whole CLI (typer, weasel, project tooling): a quarter of a second
of every ``audit terms`` start.  While spaCy loads, a placeholder stands in for
``spacy.cli``; it is removed afterwards, so a later ``import spacy.cli`` gets the
real package.  If spaCy's layout ever changes so that this fails, spaCy is
imported the ordinary way.
"""

from __future__ import annotations

import sys
import types


def import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    cli.__path__ = []  # type: ignore[attr-defined]  # a package, so "spacy.cli.info" resolves
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    except Exception:  # noqa: BLE001 - spaCy changed: fall back to a plain import
        _forget(cli, info)
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    else:
        _forget(cli, info)
        if getattr(spacy, "cli", None) is cli:
            del spacy.cli
    return spacy


def _forget(*placeholders: types.ModuleType) -> None:
    for module in placeholders:
        if sys.modules.get(module.__name__) is module:
            del sys.modules[module.__name__]


def _real_info(*args, **kwargs):  # type: ignore[no-untyped-def]
    """spacy.info(), loading the real CLI when someone actually asks for it."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
