"""Hostile YAML: alias bombs, deep nesting and cycles end in one clear error, fast and small.

libyaml (via PyYAML) crashes the whole process on ~10,000 levels
of nesting, so these tests also prove that no recursive parser ever sees such a text.
"""

from __future__ import annotations

import resource
import time

import pytest
from click.testing import CliRunner

from auditor import yamlio
from auditor.cli import cli
from auditor.errors import AuditorError


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def load_error(text: str, budget_s: float = 5.0) -> str:
    start = time.perf_counter()
    with pytest.raises(AuditorError) as caught:
        yamlio.load(text, source="hostile.yaml")
    assert time.perf_counter() - start < budget_s
    return str(caught.value)


def test_billion_laughs_is_refused_quickly() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = load_error(billion_laughs())
    assert "alias" in message and "hostile.yaml" in message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: no expansion happened


def test_billion_laughs_through_merge_keys_is_refused_too() -> None:
    # each level merges the one below it under many keys: shared objects, counted all the same
    lines = ["a0: &a0 {x: [" + ", ".join(["lol"] * 9) + "]}"]
    lines += [f"a{i}: &a{i} {{<<: *a{i - 1}, " + ", ".join(f"k{j}: *a{i - 1}" for j in range(9)) + "}" for i in range(1, 9)]
    message = load_error("\n".join(lines) + "\n")
    assert "alias" in message


def test_moderate_alias_use_still_loads() -> None:
    text = "base: &b {licence: MIT, origin: human}\nitems: [" + ", ".join(["*b"] * 500) + "]\n"
    data = yamlio.load(text, source="ok.yaml")
    assert len(data["items"]) == 500 and data["items"][0] == {"licence": "MIT", "origin": "human"}


def test_recursive_alias_is_refused() -> None:
    assert "cycle" in load_error("a: &a\n  - x\n  - *a\n") or "alias" in load_error("a: &a\n  - x\n  - *a\n")


@pytest.mark.parametrize(
    "text",
    [
        "- " * 50_000 + "x\n",  # block sequences, one line
        "[" * 50_000 + "]" * 50_000 + "\n",  # flow sequences
        "{a: " * 20_000 + "1" + "}" * 20_000 + "\n",  # flow mappings
        "".join(" " * i + "k:\n" for i in range(3_000)) + " " * 3_000 + "v: 1\n",  # indented block mappings
        "[" * 50_000 + "\n",  # deep and unterminated
    ],
)
def test_deep_nesting_is_a_clear_error_not_a_crash(text: str) -> None:
    message = load_error(text)
    assert "nest" in message or "invalid YAML" in message


def test_nesting_within_the_limit_loads() -> None:
    assert yamlio.load("[" * 50 + "]" * 50 + "\n", source="ok.yaml") is not None


def test_line_index_on_deep_text_does_not_crash() -> None:
    index = yamlio.LineIndex("- " * 50_000 + "x\n")
    assert index.line((0, 0)) is None or isinstance(index.line((0, 0)), int)


def test_cli_exit_2_for_a_bomb(tmp_path) -> None:
    manifest = tmp_path / "bomb.yaml"
    manifest.write_text("apiVersion: auditor/v1\n" + billion_laughs(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(manifest)])
    assert result.exit_code == 2
    assert "alias" in result.output and "Traceback" not in result.output


def test_a_scalar_pyyaml_cannot_build_is_a_clear_error_with_line_and_field() -> None:
    with pytest.raises(AuditorError) as caught:
        yamlio.load("id: x\neffective: 2025-13-01\n", source="p.yaml")
    assert str(caught.value).startswith("p.yaml:2: effective: invalid value '2025-13-01'")


@pytest.mark.parametrize(
    "text, lines",
    [
        ("teachers:\n  - id: a\n    provider: openai\nmodel: {name: m}\nteachers: []\n", (1, 5)),
        ("model:\n  name: m\n  use: research\n  name: other\n", (2, 4)),
        ("- {id: a, id: b}\n", (1, 1)),
    ],
    ids=["top level", "nested", "flow"],
)
def test_a_key_written_twice_is_an_error_naming_both_lines(text: str, lines: tuple[int, int]) -> None:
    with pytest.raises(AuditorError) as info:
        yamlio.load(text, source="m.yaml")
    message = str(info.value)
    assert f"at lines {lines[0]} and {lines[1]}" in message and message.startswith(f"m.yaml:{lines[1]}:")


def test_a_duplicate_teachers_key_fails_the_check_instead_of_dropping_findings(tmp_path) -> None:
    from click.testing import CliRunner

    from auditor.cli import cli

    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "apiVersion: auditor/v1\nmodel: {name: m, type: llm, use: commercial, release: open-weights}\n"
        "teachers:\n  - {id: gpt, provider: openai, model: gpt-4o, purpose: [distillation]}\nteachers: []\n"
    )
    result = CliRunner().invoke(cli, ["check", str(manifest)])
    assert result.exit_code == 2 and "appears twice" in result.output and "lines 3 and 5" in result.output


def test_merge_keys_are_not_duplicates() -> None:
    data = yamlio.load("base: &b {licence: MIT, origin: web}\nsource:\n  <<: *b\n  licence: CC0-1.0\n", source="m.yaml")
    assert data["source"] == {"licence": "CC0-1.0", "origin": "web"}
