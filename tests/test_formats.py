"""Golden files, determinism and exhaustiveness for every report format.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py
and review the diff like code.
"""

from __future__ import annotations

import importlib
import json
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.formats import RENDERERS, Format
from test_formats_fixtures import sample_result

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {Format.TEXT: "txt", Format.JSON: "json", Format.HTML: "html", Format.SARIF: "sarif", Format.JUNIT: "xml", Format.MARKDOWN: "md"}
# renderers another engineer is writing: skipped, not failed, until their module exists
PENDING = {"text", "json_report"}


def _renderer(fmt: Format):
    name = RENDERERS[fmt]
    if importlib.util.find_spec(f"auditor.formats.{name}") is None:
        if name in PENDING:
            pytest.skip(f"auditor/formats/{name}.py has not landed yet")
        pytest.fail(f"{fmt} maps to auditor.formats.{name}, which does not exist")
    return importlib.import_module(f"auditor.formats.{name}").render


def test_every_format_maps_to_a_renderer() -> None:
    assert set(RENDERERS) == set(Format)
    assert set(EXTENSIONS) == set(Format)


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_renderer_is_importable(fmt: Format) -> None:
    assert callable(_renderer(fmt))


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_golden(fmt: Format) -> None:
    render = _renderer(fmt)
    actual = render(sample_result())
    path = GOLDEN / f"report.{EXTENSIONS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    if not path.exists():
        pytest.fail(f"{path} is missing: run UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py")
    assert actual == path.read_text(encoding="utf-8"), f"{fmt.value} output changed; if intended, regenerate with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_two_renders_are_byte_identical(fmt: Format) -> None:
    render = _renderer(fmt)
    assert render(sample_result()).encode() == render(sample_result()).encode()


_SUBPROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_formats_fixtures import sample_result
from auditor.formats import render
print(json.dumps({fmt: render(sample_result(), fmt) for fmt in sys.argv[2:]}))
"""


def test_render_does_not_depend_on_hash_seed() -> None:
    """A fresh interpreter with another hash seed (set/dict order of str) gives the same bytes."""
    formats = [Format.HTML, Format.SARIF, Format.JUNIT, Format.MARKDOWN]
    env = dict(os.environ, PYTHONHASHSEED="12345")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS, str(Path(__file__).parent), *(f.value for f in formats)],
        capture_output=True, env=env, cwd=root, check=True, text=True,
    ).stdout
    fresh = json.loads(out)
    for fmt in formats:
        assert fresh[fmt.value] == _renderer(fmt)(sample_result()), fmt.value


def test_format_and_report_accept_the_same_set_the_enum_names() -> None:
    from auditor.commands.check import command
    from auditor.formats.targets import parse_report_targets

    option = next(p for p in command.params if p.name == "fmt")
    assert list(option.type.choices) == [f.value for f in Format]
    for fmt in Format:
        assert parse_report_targets((f"{fmt.value}:out.{fmt.value}",))[0][0] is fmt
