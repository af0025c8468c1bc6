"""A finding resting on one field of an entry cites that field's line, not the entry's first line.

Reviewers jump from the report to the manifest: for a licence finding the line that matters
is the `licence:` line; for lineage (a parent's licence) it is the entry itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

MANIFEST = """\
apiVersion: auditor/v1
model:
  name: demo
  use: commercial
  release: open-weights
teachers: []
data_sources:
  - id: nc-set
    name: A non-commercial set of my own
    origin: human
    {spelling}: CC-BY-NC-4.0
  - id: child
    name: Child of it
    origin: human
    licence: MIT
    derived_from: [nc-set]
  - id: undetermined
    name: Nobody checked
    origin: human
    licence: unknown
  - id: made
    name: Made by a model nobody knows
    origin: generated
    licence: MIT
    generated_by:
      - nowhere-labs/mystery-9000
"""


def _lines(tmp_path: Path, spelling: str) -> dict[tuple[str, str], int]:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(MANIFEST.format(spelling=spelling))
    result = CliRunner().invoke(cli, ["check", str(manifest), "--format", "json"])
    assert result.exit_code == 1, result.output
    return {(f["rule"], f["subject"]): f["line"] for f in json.loads(result.output)["findings"]}


@pytest.mark.parametrize("spelling", ["licence", "license"])
def test_an_own_licence_finding_cites_the_licence_line_in_either_spelling(tmp_path: Path, spelling: str) -> None:
    assert _lines(tmp_path, spelling)[("AUD201", "data_sources[0]")] == 11


def test_a_licence_inherited_from_a_parent_cites_the_entry(tmp_path: Path) -> None:
    assert _lines(tmp_path, "licence")[("AUD201", "data_sources[1]")] == 12


def test_an_undetermined_licence_cites_the_licence_line(tmp_path: Path) -> None:
    assert _lines(tmp_path, "licence")[("AUD713", "data_sources[2]")] == 20


def test_an_unknown_generator_cites_the_generated_by_line(tmp_path: Path) -> None:
    lines = _lines(tmp_path, "licence")
    assert lines[("AUD705", "data_sources[3]")] == 26  # the list under generated_by
