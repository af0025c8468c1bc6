"""SPDX expressions: parsed and validated with license-expression.

license-expression knows the SPDX and ScanCode ids; the project's own
``LicenseRef-`` ids (model licences) are checked against refs.py, and any other
``LicenseRef-`` is accepted as syntax but reported, since nobody here knows its terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.licences.names import index
from auditor.licences.refs import SPDX_SPECIAL


@lru_cache(maxsize=1)
def licensing():
    """license-expression's SPDX Licensing (~0.07 s to build; not cached, since only pickle could hold it)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@dataclass(frozen=True)
class Parsed:
    expression: str  # canonical rendering, ids in their registered case
    symbols: tuple[str, ...]  # every licence (and exception) id, in order
    unknown: tuple[str, ...]  # symbols that are no known id
    problems: tuple[str, ...] = ()
    loose: bool = False  # some symbol was an alias ("GPL"), not an id as registered


_ID_SHAPE = re.compile(r"^[A-Za-z0-9.+-]+$")


_OPERATORS = frozenset({"and", "or", "with"})


def parse_tree(text: str, **options):
    """license-expression's parse tree of ``text``.

    Its simple tokenizer (words between spaces and parentheses) is used when every word
    is an operator or a known licence key, where it gives the advanced tokenizer's
    answer; the advanced one must first build an automaton of every key and alias.
    """
    known = licensing().known_symbols_lowercase
    words = text.replace("(", " ").replace(")", " ").lower().split()
    simple = bool(words) and all(w in _OPERATORS or w in known for w in words)
    return licensing().parse(text, simple=simple, **options)


def parse(text: str) -> Parsed | None:
    """An SPDX expression -> canonical form; None when it is not expression syntax at all."""
    try:
        tree = parse_tree(text, validate=False, strict=False)
    except Exception:  # noqa: BLE001 - license-expression and boolean.py raise many types (even IndexError)
        return None
    if tree is None:
        return None
    idx = index()
    rename: dict[str, str] = {}
    unknown: list[str] = []
    problems: list[str] = []
    for symbol in licensing().license_symbols(tree, unique=True, decompose=True):
        key = symbol.key
        known = key.upper() if key.upper() in SPDX_SPECIAL else idx.ids.get(key.lower())
        if known is not None:
            rename[key] = known
        elif key.lower().startswith("licenseref-") and _ID_SHAPE.match(key):
            problems.append(f"{key} is a user-defined licence: auditor does not know its terms")
        else:
            unknown.append(key)
    rendered = tree.render("{symbol.key}") if not rename else _render(tree, rename)
    written = licensing().license_symbols(tree, unique=True, decompose=True)
    symbols = tuple(rename.get(s.key, s.key) for s in written)
    loose = any(_as_written(s, text).lower() not in idx.written_ids and s.key not in SPDX_SPECIAL for s in written if s.key in rename)
    return Parsed(rendered, symbols, tuple(unknown), tuple(problems), loose)


def _as_written(symbol, text: str) -> str:
    """The symbol's spelling in the input (license-expression may have swapped in its id)."""
    for alias in (symbol.key, *getattr(symbol, "aliases", ())):
        if re.search(rf"(?<![\w.+-]){re.escape(alias)}(?![\w.+-])", text, re.I):
            return alias
    return symbol.key


def _render(tree, rename: dict[str, str]) -> str:
    # license-expression renders each symbol through this template; swap in canonical ids
    text = tree.render("{symbol.key}")
    for old, new in sorted(rename.items(), key=lambda kv: -len(kv[0])):
        if old != new:
            text = re.sub(rf"(?<![\w.+-]){re.escape(old)}(?![\w.+-])", new, text)
    return text


def branches(spdx: str) -> list[tuple[str, ...]]:
    """Disjunctive normal form: one tuple per OR-choice, ids applying together inside it.

    An exception (``X WITH Y``) counts as its licence ``X``: the exception only loosens it.
    """
    from license_expression import AND, OR

    tree = parse_tree(spdx, strict=False)
    ids = index().ids

    def dnf(node) -> list[tuple[str, ...]]:
        if isinstance(node, OR):
            return [b for arg in node.args for b in dnf(arg)]
        if isinstance(node, AND):
            result: list[tuple[str, ...]] = [()]
            for arg in node.args:
                result = [a + b for a in result for b in dnf(arg)]
            return result
        symbol = getattr(node, "license_symbol", node)
        key = getattr(symbol, "key", None) or str(symbol)
        return [(key.upper() if key.upper() in SPDX_SPECIAL else ids.get(key.lower(), key),)]

    if tree is None:
        return []
    return [tuple(dict.fromkeys(b)) for b in dnf(tree)]
