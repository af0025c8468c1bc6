"""JSON inputs are read as strictly as YAML ones: a key written twice in one object is an input error.

The standard JSON parser keeps the last of two equal keys, so a second ``"licenses"``
in a BOM would silently replace the first.  Every JSON input (CycloneDX, SPDX 3, a
JSON manifest, a baseline report) goes through ``yamlio.load_json``, which refuses it
naming the file and both lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import yamlio
from auditor.cli import cli
from auditor.errors import AuditorError
from conftest import SAMPLES


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.output


def with_line_after(text: str, anchor: str, extra: str) -> tuple[str, int, int]:
    """The text with ``extra`` inserted on a new line after the line holding ``anchor``: (text, anchor line, new line)."""
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if anchor in line)
    lines.insert(index + 1, extra + "\n")
    return "".join(lines), index + 1, index + 2


@pytest.mark.parametrize(
    "sample, anchor, extra",
    [
        ("cyclonedx-bom.json", '"specVersion": "1.6",', '  "specVersion": "1.5",'),
        ("spdx3-ai.json", '"specVersion": "3.0.1",', '      "specVersion": "3.0.0",'),
    ],
    ids=["cyclonedx", "spdx3"],
)
def test_a_bom_with_a_key_twice_names_the_file_and_both_lines(tmp_path: Path, sample: str, anchor: str, extra: str) -> None:
    text, first, second = with_line_after((SAMPLES / sample).read_text(encoding="utf-8"), anchor, extra)
    path = tmp_path / sample
    path.write_text(text, encoding="utf-8")
    code, output = check(str(path))
    assert code == 2 and "Traceback" not in output
    assert f"{path}:{second}:" in output and f"'specVersion' appears twice in one object, at lines {first} and {second}" in output


def test_the_samples_themselves_load(tmp_path: Path) -> None:
    for sample in ("cyclonedx-bom.json", "spdx3-ai.json"):
        code, output = check(str(SAMPLES / sample))
        assert code in (0, 1), output


def test_a_json_manifest_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(
        '{"apiVersion": "auditor/v1",\n'
        ' "model": {"name": "m", "use": "research", "release": "none"},\n'
        ' "teachers": [{"id": "g", "provider": "openai", "model": "gpt-4o", "purpose": ["distillation"]}],\n'
        ' "teachers": []}\n',
        encoding="utf-8",
    )
    code, output = check(str(path))
    assert code == 2 and "'teachers' appears twice" in output and "lines 3 and 4" in output


def test_a_baseline_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    baseline = tmp_path / "base.json"
    baseline.write_text('{"schema": "auditor.report/v1",\n "findings": [],\n "findings": [{"id": "x"}]}\n', encoding="utf-8")
    code, output = check(str(SAMPLES / "clean.yaml"), "--baseline", str(baseline))
    assert code == 2 and f"{baseline}:3:" in output and "'findings' appears twice in one object, at lines 2 and 3" in output


@pytest.mark.parametrize(
    "text",
    ['{"a": {"b": 1}, "b": [{"a": 1}, {"a": 2}]}', '{"k": "a\\"b", "k2": "{\\"k\\": 1}"}', '[{"x": 1}, {"x": 2}]'],
)
def test_equal_keys_in_different_objects_are_fine(text: str) -> None:
    yamlio.load_json(text, source="f.json")


def test_keys_equal_once_decoded_are_the_same_key() -> None:
    with pytest.raises(AuditorError, match="'a' appears twice in one object, at lines 1 and 2"):
        yamlio.load_json('{"\\u0061": 1,\n "a": 2}', source="f.json")
