"""Environment variables: each read in auditor/env.py, each bad value one clear error (exit 2), never a silent default."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from conftest import SAMPLES


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("AUDITOR_MAX_BYTES", "64M", "AUDITOR_MAX_BYTES must be a whole number of bytes, got '64M'"),
        ("AUDITOR_MAX_BYTES", "0", "AUDITOR_MAX_BYTES must be positive, got '0'"),
        ("AUDITOR_MAX_BYTES", "-5", "AUDITOR_MAX_BYTES must be positive, got '-5'"),
        ("AUDITOR_NO_CACHE", "ture", "AUDITOR_NO_CACHE must be a boolean (1/true/yes/on or 0/false/no/off), got 'ture'"),
        ("AUDITOR_TODAY", "01/06/2026", "AUDITOR_TODAY must be a date YYYY-MM-DD, got '01/06/2026'"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(name: str, value: str, expected: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(SAMPLES / "clean.yaml")], env={name: value})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [f"audit: error: {expected}"]


@pytest.mark.parametrize("value", ["1", "TRUE", " yes ", "on"])
def test_a_flag_takes_the_spellings_of_yes_and_no(value: str, tmp_path) -> None:
    from auditor import env

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AUDITOR_NO_CACHE", value)
        assert env.caching_enabled() is False
        patch.setenv("AUDITOR_NO_CACHE", value.replace("1", "0").replace("TRUE", "false").replace("yes", "no").replace("on", "off"))
        assert env.caching_enabled() is True


@pytest.mark.parametrize("value, ci", [("true", True), ("1", True), ("woodpecker", True), ("0", False), ("false", False), ("", False)])
def test_ci_is_any_value_but_a_false_word(value: str, ci: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import env

    monkeypatch.setenv("CI", value)
    assert env.in_ci() is ci
