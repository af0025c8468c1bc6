"""The one-pass event builder must give exactly what the node-building loader gives: data, types and lines.

Where the builder gives up (``Unsupported``), ``yamlio.load`` uses the node loader, so
only documents it builds are compared; the manifest-like ones below must all be built.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import yamlevents, yamlio
from auditor.errors import AuditorError
from auditor.yamlload import MAX_DEPTH, load_via_nodes
from test_yamlio_properties import SOUP, documents, same


def built(text: str) -> tuple[Any, int | None, dict[int, Any]] | None:
    loader = yaml.CSafeLoader(text)
    try:
        return yamlevents.build(loader, MAX_DEPTH)
    except Exception:  # noqa: BLE001 - any failure hands the text to the node loader
        return None
    finally:
        loader.dispose()


def same_tables(a: Any, b: Any, tables_a: dict[int, Any], tables_b: dict[int, Any]) -> bool:
    if not isinstance(a, (dict, list)):
        return True
    if tables_a.get(id(a)) != tables_b.get(id(b)):
        return False
    pairs = zip(a.values(), b.values()) if isinstance(a, dict) else zip(a, b)
    return all(same_tables(x, y, tables_a, tables_b) for x, y in pairs)


def check(text: str, *, must_build: bool = False) -> None:
    got = built(text)
    if got is None:
        assert not must_build, text
        return
    try:
        yamlio.load(text, source="gen.yaml")
    except AuditorError as exc:  # an alias that contains itself, refused after either loader built it
        assert "cycle" in str(exc), f"{exc} for:\n{text}"
        return
    try:
        expected = load_via_nodes(text, "gen.yaml")
    except AuditorError as exc:
        raise AssertionError(f"the node loader refuses what the builder built ({exc}):\n{text}") from None
    assert same(got[0], expected[0]), text
    assert got[1] == expected[1], text
    assert same_tables(got[0], expected[0], got[2], expected[2]), text


@settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents, SOUP.map("".join)))
def test_generated_texts_build_as_the_node_loader_builds_them(text: str) -> None:
    """Manifest-like documents, and soups of tokens that are often not YAML at all."""
    check(text)


@pytest.mark.parametrize("text", [
    "",
    "# only a comment\n",
    "---\n",
    "k: v\n",
    "a: &x {b: [1, 2.5, yes, ~, 2024-01-01]}\nc: *x\nd:\n  - *x\n  - 'q'\n",
    "- [a, {b: c}]\n- |\n  block\n- !!str 12\n- ! 12\n",
    "apiVersion: auditor/v1\nmodel: {name: m}\ndata_sources:\n  - id: a\n    licence: MIT\n    derived_from: [b]\n",
])
def test_manifest_shapes_are_built_in_one_pass(text: str) -> None:
    check(text, must_build=True)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a key twice: the node loader names both lines
    "base: &b {x: 1}\nother:\n  <<: *b\n",  # merge key
    "? [a]\n: b\n",  # complex key
    "a: !custom x\n",  # a tag of its own
    "a: 1\n---\nb: 2\n",  # two documents
    "a: *nowhere\n",  # an undefined alias
    "k: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # deeper than the limit
])
def test_what_the_builder_leaves_to_the_node_loader(text: str) -> None:
    assert built(text) is None
    try:
        expected: Any = load_via_nodes(text, "t.yaml")[0]
    except AuditorError as exc:
        with pytest.raises(AuditorError) as raised:
            yamlio.load(text, source="t.yaml")
        assert str(raised.value) == str(exc)
    else:
        assert same(yamlio.load(text, source="t.yaml"), expected)
