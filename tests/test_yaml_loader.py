"""The one YAML loader (``yamlio.load``, ``LineIndex``, and ``audit check`` through them): data, lines and errors.

PyYAML's own safe load (``yaml.load(..., CSafeLoader)``) and its node tree
(``yaml.compose``) are the oracles for data and lines on generated documents; the
refusals (a key twice, a complex key, a second document, ...) are checked by their
messages, and through the CLI as one line with exit 2.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import yamlio
from auditor.cli import cli
from auditor.errors import AuditorError
from test_yamlio_properties import composed_line, documents, same


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Paths into the data through keys that are strings (a key such as 3 or true is written otherwise)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_every_path_of_a_generated_document_has_its_composed_line(text: str) -> None:
    try:
        data = yamlio.load(text, source="gen.yaml")
    except AuditorError:  # refused texts are checked against PyYAML in test_yamlio_properties
        return
    try:
        composed_line(text, ())
    except yaml.YAMLError:  # the pure-Python reference refuses what libyaml reads (a tab inside a flow sequence)
        return
    index = yamlio.LineIndex(text)
    for path in paths(data)[:300]:
        assert index.line(path) == composed_line(text, path), (path, text)


def merge_document(rng: random.Random) -> str:
    """Anchored mappings of one-letter keys, then mappings merging them (one or several <<, lists, own keys).

    One-letter keys, and an anchor merging only keys it does not write itself: there
    PyYAML 6.0.4's merge is YAML's (see the test below for where it is not).
    """
    lines, bodies = [], []
    for a in range(rng.randrange(1, 4)):
        keys = rng.sample("abcxyz", rng.randrange(1, 4))
        body = {k: rng.randrange(9) for k in keys}
        if rng.random() < 0.5:
            lines.append(f"m{a}: &m{a} {{" + ", ".join(f"{k}: {v}" for k, v in body.items()) + "}")
        else:
            lines.append(f"m{a}: &m{a}")
            lines += [f"  {k}: {v}" for k, v in body.items()]
            if a and rng.random() < 0.5 and not set(bodies[-1]) & set(body):
                lines.append(f"  <<: *m{a - 1}")
                body = {**bodies[-1], **body}
        bodies.append(body)
    for t in range(rng.randrange(1, 4)):
        lines.append(f"t{t}:")
        written: set[str] = set()
        for _ in range(rng.randrange(1, 4)):
            choice = rng.random()
            if choice < 0.4:
                lines.append(f"  <<: *m{rng.randrange(len(bodies))}")
            elif choice < 0.7:
                lines.append("  <<: [" + ", ".join(f"*m{rng.randrange(len(bodies))}" for _ in range(rng.randrange(1, 4))) + "]")
            else:
                key = rng.choice("abcxyzq")
                if key not in written:
                    written.add(key)
                    lines.append(f"  {key}: own")
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32))
def test_merge_keys_read_as_pyyaml_reads_them(seed: int) -> None:
    text = merge_document(random.Random(seed))
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    assert same(yamlio.load(text, source="m.yaml"), expected), text


def test_merge_semantics_and_lines() -> None:
    text = (
        "defaults: &defaults\n  licence: MIT\n  origin: human\n"
        "scraped: &scraped {origin: scraped, url: x}\n"
        "a:\n  <<: *defaults\n  licence: CC0-1.0\n"
        "b:\n  <<: [*scraped, *defaults]\n"
        "c:\n  <<: *defaults\n  <<: *scraped\n"
        "d:\n  <<: {<<: *scraped, extra: 1}\n"
    )
    data = yamlio.load(text, source="m.yaml")
    assert data["a"] == {"licence": "CC0-1.0", "origin": "human"}  # the mapping's own key wins
    assert data["b"] == {"origin": "scraped", "url": "x", "licence": "MIT"}  # the first of a list wins
    assert data["c"] == {"licence": "MIT", "origin": "human", "url": "x"}  # the first of several << wins
    assert data["d"] == {"origin": "scraped", "url": "x", "extra": 1}
    assert list(data["a"]) == ["licence", "origin"]
    index = yamlio.LineIndex(text)
    assert index.line(("a", "licence")) == 7 and index.line(("a", "origin")) == 3  # a merged key: where its mapping writes it
    assert index.line(("b", "origin")) == 4 and index.line(("b", "licence")) == 2


def test_equal_merged_keys_of_several_letters_follow_the_first_mapping() -> None:
    """YAML's merge type: earlier mappings win (PyYAML 6.0.4 gets this right only for one-letter keys)."""
    data = yamlio.load("a: &a {name: first}\nb: &b {name: second}\nc:\n  <<: [*a, *b]\n", source="m.yaml")
    assert data["c"] == {"name": "first"}


def test_tags_of_the_safe_loader() -> None:
    text = "b: !!binary aGVsbG8=\ns: !!set {x, y}\no: !!omap [{x: 1}, {y: 2}]\np: !!pairs [{x: 1}, {x: 2}]\nq: !!str 12\nr: ! 12\ni: !!int '7'\n"
    data = yamlio.load(text, source="t.yaml")
    assert same(data, yaml.load(text, Loader=yaml.CSafeLoader))
    assert data["o"] == [("x", 1), ("y", 2)] and data["q"] == "12" and data["r"] == 12
    assert yamlio.LineIndex("a: 1\no: !!omap\n  - x: 1\n  - y: 2\n").line(("o", 1)) == 4


def test_an_anchored_converted_collection_is_shared_converted() -> None:
    data = yamlio.load("a: &s !!set {x, y}\nb: *s\nc: [&o !!omap [{k: 1}], *o]\n", source="t.yaml")
    assert data["a"] is data["b"] == {"x", "y"} and data["c"][0] is data["c"][1] == [("k", 1)]


REFUSED = {
    "a: 1\nb: 2\na: 3\n": "t.yaml:3: invalid YAML: key 'a' appears twice in one mapping, at lines 1 and 3 (remove one: the second would silently replace the first)",
    "yes: a\ntrue: b\n": "t.yaml:2: invalid YAML: key 'true' appears twice in one mapping, at lines 1 and 2",
    "1: a\n'1': b\n": "t.yaml:2: invalid YAML: key '1' appears twice in one mapping, at lines 1 and 2",
    "? [a]\n: b\n": "t.yaml:1: invalid YAML: expected a plain value as a key, found a list (complex keys are not supported)",
    "{{a: 1}: b}\n": "t.yaml:1: invalid YAML: expected a plain value as a key, found a mapping",
    "a: &x [1]\n*x : 2\n": "t.yaml:1: invalid YAML: expected a plain value as a key, found a list",
    "a: 1\n---\nb: 2\n": "t.yaml:2: invalid YAML: expected one document, found a second one",
    "a: *nowhere\n": "t.yaml:1: invalid YAML: alias *nowhere refers to no anchor (expected &nowhere on a value before it)",
    "a: &x 1\nb: &x 2\n": "t.yaml:2: invalid YAML: anchor &x is defined twice, at lines 1 and 2",
    "a: !custom x\n": "t.yaml:1: invalid YAML: tag !custom is not allowed on a scalar (expected no tag, or one of !!str, !!int",
    "a: !!python/object:os.system x\n": "t.yaml:1: invalid YAML: tag !!python/object:os.system is not allowed on a scalar",
    "a: !!str {b: 1}\n": "t.yaml:1: invalid YAML: tag !!str is not allowed on a mapping (expected no tag, or one of !!map, !!set)",
    "a: !!omap [{x: 1, y: 2}]\n": "t.yaml:1: invalid YAML: expected a mapping of one key for each item of an !!omap or !!pairs",
    "k: <<\n": "t.yaml:1: invalid YAML: << (YAML's merge key) is valid only as a key; quote it ('<<') for the text",
    "- =\n": "t.yaml:1: invalid YAML: = (YAML 1.1's value key) is valid only as a key",
    "b: {x: 1}\nc: {&m <<: {y: 1}}\nd: *m\n": "t.yaml:3: invalid YAML: << (YAML's merge key) is valid only as a key",
    "c:\n  <<: x\n": "t.yaml:2: invalid YAML: expected a mapping or a list of mappings to merge (<<), found 'x'",
    "c:\n  <<: [{a: 1}, x]\n": "t.yaml:2: invalid YAML: expected a mapping or a list of mappings to merge (<<), found a list holding other values",
    "a: &a\n  b:\n    <<: *a\n": "t.yaml:3: invalid YAML: a merge (<<) refers to a mapping that contains it (a cycle)",
    "a: &a\n  - x\n  - *a\n": "t.yaml: invalid YAML: an alias refers to its own anchor (a cycle)",
    "k: " + "[" * 101 + "]" * 101 + "\n": "t.yaml:1: invalid YAML: nested deeper than 100 levels; expected a flatter document",
    "[" * 201 + "]" * 201 + "\n": "t.yaml:1: invalid YAML: nested deeper than 200 levels",
    "id: x\neffective: 2025-13-01\n": "t.yaml:2: effective: invalid value '2025-13-01': month must be in 1..12",
    "l:\n  - ok\n  - {when: 2025-02-30}\n": "t.yaml:3: l[1].when: invalid value '2025-02-30': day is out of range for month",
    "a: !!bool maybe\n": "t.yaml:1: a: invalid value 'maybe'",
    "a: [1\n": "t.yaml:2: invalid YAML: did not find expected ',' or ']'",
    "a: b: c\n": "t.yaml:1: invalid YAML: mapping values are not allowed in this context",
    "a:\n\tb: 1\n": "t.yaml:2: invalid YAML: found character that cannot start any token",
    "a: ok\nk: \x01\n": "t.yaml:2: invalid YAML: unacceptable character #x0001: control characters are not allowed",
    "- a\nb: c\n": "t.yaml:2: invalid YAML: did not find expected '-' indicator",
}


@pytest.mark.parametrize("text", REFUSED)
def test_each_refusal_is_one_line_naming_the_line_and_what_is_expected(text: str) -> None:
    with pytest.raises(AuditorError) as caught:
        yamlio.load(text, source="t.yaml")
    assert str(caught.value).startswith(REFUSED[text]) and "\n" not in str(caught.value)


def test_within_the_limits_loads() -> None:
    assert yamlio.load("k: " + "[" * 99 + "]" * 99 + "\n", source="t.yaml") is not None
    assert yamlio.load("[" * 150 + "]" * 150 + "\n", source="t.json") is not None  # JSON text: load_json's limit
    assert yamlio.load("", source="t.yaml") is None and yamlio.load("---\n...\n", source="t.yaml") is None


@pytest.mark.parametrize("body, expected", [
    ("teachers: []\n? [x]\n: y\n", "m.yaml:3: invalid YAML: expected a plain value as a key"),
    ("teachers: []\n---\nteachers: []\n", "m.yaml:3: invalid YAML: expected one document, found a second one"),
    ("base: &b {name: m}\nmodel:\n  <<: *b\n  <<: x\n", "m.yaml:5: invalid YAML: expected a mapping or a list of mappings to merge"),
    ("model: !secret m\n", "m.yaml:2: invalid YAML: tag !secret is not allowed on a scalar"),
])
def test_the_cli_reports_a_refused_manifest_in_one_line_with_exit_2(tmp_path, body: str, expected: str) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text("apiVersion: auditor/v1\n" + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(manifest)])
    message = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(message) == 1 and "Traceback" not in result.output
    assert message[0].replace(str(tmp_path) + "/", "").split("error: ", 1)[-1].startswith(expected), message


def test_a_manifest_with_merge_keys_is_audited_as_if_written_out(tmp_path) -> None:
    common = "    licence: CC-BY-NC-4.0\n    origin: human\n"
    head = "apiVersion: auditor/v1\nmodel: {name: m, type: llm, use: commercial, release: open-weights}\n"
    merged = tmp_path / "merged.yaml"
    merged.write_text(head + "data_sources:\n  - &nc\n    id: a\n" + common + "  - <<: *nc\n    id: b\n", encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text(head + "data_sources:\n  - id: a\n" + common + "  - id: b\n" + common, encoding="utf-8")
    reports = [CliRunner().invoke(cli, ["check", str(path), "--format", "json"]) for path in (merged, plain)]
    assert reports[0].exit_code == reports[1].exit_code == 1
    strip = [r.output.replace(str(path), "M") for r, path in zip(reports, (merged, plain))]
    assert '"data_sources[1]"' in strip[0]
    assert [line for line in strip[0].splitlines() if "sha256" not in line and '"line"' not in line] == \
        [line for line in strip[1].splitlines() if "sha256" not in line and '"line"' not in line]
