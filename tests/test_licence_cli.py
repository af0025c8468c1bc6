"""``audit licence``: output contract, exit codes, --file and --policies."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["licence", *args])


def test_json_contract_fields() -> None:
    result = run("cc by-nc-sa 4.0", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"input", "spdx", "name", "confidence", "method", "categories"} <= set(data)
    assert data["spdx"] == "CC-BY-NC-SA-4.0"
    assert data["method"] == "alias"
    assert {"non-commercial", "share-alike", "attribution"} <= set(data["categories"])


def test_unrecognised_input_is_null_and_exit_zero() -> None:
    result = run("see website", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["spdx"] is None and data["categories"] == []


def test_or_expression_reports_least_restrictive_branch() -> None:
    result = run("MIT OR CC-BY-NC-4.0", "-f", "json")
    data = json.loads(result.output)
    assert data["categories"] == ["attribution"]
    assert "MIT" in data["choice"]


def test_text_format_and_license_spelling() -> None:
    result = CliRunner().invoke(cli, ["license", "openrail++"])
    assert result.exit_code == 0
    assert "LicenseRef-OpenRAIL-PlusPlus" in result.output
    assert "use-restriction" in result.output


def test_file_option(tmp_path: Path) -> None:
    licence = tmp_path / "LICENSE"
    licence.write_text("Licensed under the Apache License, Version 2.0\n")
    result = run("--file", str(licence), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["spdx"] == "Apache-2.0"


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run().exit_code == 2
    assert run("MIT", "--file", str(tmp_path / "x")).exit_code == 2
    missing = run("--file", str(tmp_path / "absent"))
    assert missing.exit_code == 2 and "absent" in missing.output


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "licence.json"
    assert run("MIT", "-f", "json", "--output", str(out)).exit_code == 0
    assert json.loads(out.read_text())["spdx"] == "MIT"


def test_policies_dir_overrides_categories(tmp_path: Path) -> None:
    (tmp_path / "mit.yaml").write_text(
        "id: licence-mit\ntitle: MIT, stricter reading\nkind: licence\nversion: '1'\neffective: 2024-01-01\n"
        "source: https://example.org/mit\napplies_to:\n  licences: [MIT]\nclauses:\n"
        "  - {id: naming, category: naming, section: '1', summary: Keep the name.}\n"
    )
    data = json.loads(run("MIT", "-f", "json", "--policies", str(tmp_path)).output)
    assert data["categories"] == ["naming"]
