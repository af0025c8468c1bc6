"""The line-recording loader must read every manifest-like document exactly as PyYAML does.

Documents are generated as text, mixing block and flow styles, plain / quoted / block
scalars, comments, anchors and aliases, and scalars that YAML 1.1 and 1.2 read
differently (``yes``, ``0777``, ``1e3``, dates): ``yamlio.load`` must equal
``yaml.safe_load`` (types included), or both must refuse the text.
"""

from __future__ import annotations

import json
import math
import random
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from auditor import yamlio
from auditor.errors import AuditorError

TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "TRUE", "null", "Null", "~", "0777", "09", "0o17",
    "0x1F", "0X1F", "1_000", "_1", "1:20", "1e3", "1.5e+3", "-.5", "+.5", ".inf", ".NaN", "12.", "2024-01-01",
    "2024-01-01 10:00:00", "<<", "=", "+12", "0b101", "-0", "3", "1200000", "MIT", "CC-BY-NC-4.0", "research only",
    "a: b", "x #y", "#z", "- x", "[x]", "{x}", "it's", 'say "hi"', "<b>bold</b> & <i>x</i>", "`code` *em* _u_",
    "tab\there", "é ü 中文", "https://ex.org/a?b=1#c", "@x", "%x", "!x", "&x", "*x", "|", ">", "", " lead", "trail ",
]
KEYS = ["id", "name", "licence", "license", "origin", "derived_from", "generated_by", "purpose", "tdm_opt_out_respected", "yes", "3", "a b"]


def scalar_text(value: str, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return value  # plain, even when that is not valid or not a string: parity is the point
    if style == 1:
        return "'" + value.replace("'", "''") + "'"
    if style == 2:
        return json.dumps(value, ensure_ascii=rng.random() < 0.5)
    return rng.choice(["1", "0", "-7", "3.25", "true", "null", "yes", "2024-02-03"])


def render(value: Any, rng: random.Random, indent: int, anchors: list[str]) -> list[str]:
    """Block lines for a mapping or sequence (first line without indentation of its own)."""
    pad = " " * indent
    lines: list[str] = []
    items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    for key, child in items:
        head = pad + (f"{scalar_text(key, rng) if rng.random() < 0.2 else key}:" if key is not None else "-")
        if rng.random() < 0.1:
            lines.append(pad + "# a comment: with [brackets] & stuff")
        if isinstance(child, (dict, list)) and child:
            props = ""
            if rng.random() < 0.15:
                name = f"a{len(anchors)}"
                props = f" &{name}"
                anchors.append(name)
            if rng.random() < 0.3:
                lines.append(f"{head}{props} {flow(child, rng)}")
            else:
                lines.append(head + props)
                lines.extend(render(child, rng, indent + 2, anchors))
        elif anchors and rng.random() < 0.05:
            lines.append(f"{head} *{rng.choice(anchors)}")
        elif isinstance(child, str) and rng.random() < 0.1:
            lines.append(f"{head} {rng.choice(['|', '>', '|-', '>+'])}")
            lines.extend(" " * (indent + 2) + part for part in (child or "x").split("\n"))
        else:
            text = "[]" if child == [] else "{}" if child == {} else scalar_text(str(child), rng)
            comment = "  # note" if rng.random() < 0.1 else ""
            lines.append(f"{head} {text}{comment}")
    return lines


def flow(value: Any, rng: random.Random) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v, rng)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, rng) for v in value) + "]"
    return scalar_text(str(value), rng)


scalars = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12), st.integers(-5, 10**7).map(str))
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=25,
)
documents = st.builds(
    lambda body, seed: "\n".join(render(body, random.Random(seed), 0, [])) + "\n",
    st.dictionaries(st.sampled_from(KEYS + ["apiVersion", "model", "teachers", "data_sources"]), trees, min_size=1, max_size=5),
    st.integers(0, 2**32),
)


def same(a: Any, b: Any) -> bool:
    """Equal with types: True is not 1, 1.0 is not 1, NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def check_parity(text: str) -> None:
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)  # the safe loader auditor always used
    except yaml.YAMLError:
        try:
            yamlio.load(text, source="gen.yaml")
        except AuditorError:
            return
        raise AssertionError(f"PyYAML refuses this text but auditor accepted it:\n{text}")
    except RecursionError:  # pragma: no cover - the generator stays shallow
        return
    try:
        got = yamlio.load(text, source="gen.yaml")
    except AuditorError as exc:
        # the deliberate refusals: recursive aliases, a key written twice in one mapping
        assert "cycle" in str(exc) or "appears twice" in str(exc), f"{exc} for:\n{text}"
        return
    assert same(got, expected), f"{got!r} != {expected!r} for:\n{text}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_read_as_pyyaml_reads_them(text: str) -> None:
    check_parity(text)


SOUP = st.lists(st.sampled_from(TRICKY + ["a:", "- ", "  ", "\n", ": ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "---\n", "? "]), max_size=20)


@settings(max_examples=150, deadline=None)
@given(SOUP)
@example(["&x", "[x]"])
@example(["k: ", "&x", "{a: 1}"])
def test_token_soup_reads_as_pyyaml_reads_it(tokens: list[str]) -> None:
    check_parity("".join(tokens))


def test_each_tricky_scalar_plain_and_quoted() -> None:
    for value in TRICKY:
        for text in (f"k: {value}\n", f"k: '{value.replace(chr(39), chr(39) * 2)}'\n", f"k: {json.dumps(value)}\n", f"- [{value}]\n"):
            check_parity(text)


def test_manifest_semantics() -> None:
    text = """apiVersion: auditor/v1   # comment
model: {name: "acme", use: commercial, release: 'open-weights', monthly_active_users: 0}
teachers:
  - &t {id: gpt, provider: openai, purpose: [synthetic-data]}
data_sources:
  - id: a
    licence: "MIT"
    description: |
      line one
      line two: with colon
copyrighted_material:
  - id: novels
    tdm_opt_out_respected: true
    jurisdiction: EU
"""
    data = yamlio.load(text, source="m.yaml")
    assert same(data, yaml.safe_load(text))
    assert data["copyrighted_material"][0]["tdm_opt_out_respected"] is True
    assert data["data_sources"][0]["description"] == "line one\nline two: with colon\n"


def composed_line(text: str, path: tuple) -> int | None:
    """The reference: compose the text and walk its nodes (a scalar value is on its key's line)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    best = node.start_mark.line + 1
    for part in path:
        found = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    found = (value, (key if isinstance(value, yaml.ScalarNode) else value).start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            found = (node.value[part], node.value[part].start_mark.line + 1)
        if found is None:
            break
        node, best = found
    return best


def test_recorded_lines_agree_with_composed_lines() -> None:
    rng = random.Random(3)
    for _ in range(40):
        body = {"model": {"name": "m", "use": "research"}, "data_sources": [
            {"id": f"d{i}", "licence": rng.choice(["MIT", "'x'"]), "derived_from": ["a", "b"] if rng.random() < 0.5 else []}
            for i in range(rng.randrange(1, 6))
        ]}
        text = "\n".join(render(body, rng, 0, [])) + "\n"
        try:
            yamlio.load(text, source="gen.yaml")
        except AuditorError:  # a key rendered twice, or a recursive alias: no lines to compare
            continue
        index = yamlio.LineIndex(text)
        paths = [("model",), ("model", "use"), ("nope",), ("data_sources", 99)]
        for i in range(len(body["data_sources"])):
            paths += [("data_sources", i), ("data_sources", i, "licence"), ("data_sources", i, "derived_from", 0), ("data_sources", i, "x")]
        for path in paths:
            assert index.line(path) == composed_line(text, path), (path, text)
