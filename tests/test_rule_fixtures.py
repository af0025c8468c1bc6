"""Each built-in rule beside its fixture: `tests/rules/AUDnnn.yaml` shows it firing and staying quiet.

A fixture holds two cases, `fires` and `quiet`. Each case is a manifest written inline as a YAML
document, optional `files` (terms or licence text the manifest points at, written beside it) and an
optional `registry` (entries passed with `--registry`). Each case runs through `audit check
--format json`, as a user runs it, so a fixture proves the whole path from YAML to report.
`fires` may also say the `severity` (one entry per finding, in report order) and `certainty`.
Adding a rule means one YAML entry in policies/rules/ and one file here; a rule without a fixture
fails this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli
from auditor.policy import load_policies

FIXTURES = Path(__file__).parent / "rules"
CASE_KEYS = {"manifest", "files", "registry", "severity", "certainty"}


def load_fixture(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"fires", "quiet"}, f"{path.name}: needs exactly 'fires' and 'quiet'"
    for name, case in data.items():
        assert isinstance(case, dict) and "manifest" in case, f"{path.name}: {name} needs a manifest"
        assert set(case) <= CASE_KEYS, f"{path.name}: {name} has unknown keys {sorted(set(case) - CASE_KEYS)}"
    return data


def findings_of(rule: str, case: dict[str, Any], folder: Path) -> list[dict[str, Any]]:
    """Write the case's files into `folder`, audit its manifest and return the findings of `rule`."""
    folder.mkdir()
    (folder / "manifest.yaml").write_text(case["manifest"], encoding="utf-8")
    for name, text in (case.get("files") or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    args = ["check", str(folder / "manifest.yaml"), "--format", "json", "--fail-on", "never"]
    if case.get("registry"):
        (folder / "registry.yaml").write_text(case["registry"], encoding="utf-8")
        args += ["--registry", str(folder / "registry.yaml")]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.output)["findings"] if f["rule"] == rule]


RULES = sorted(load_policies().rules)


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    have = sorted(p.stem for p in FIXTURES.glob("*.yaml"))
    assert [r for r in RULES if r not in have] == [], "rules without a fixture in tests/rules/"
    assert [f for f in have if f not in RULES] == [], "fixtures for rules that do not exist"


@pytest.mark.parametrize("rule", RULES)
def test_rule_fires_and_stays_quiet(rule: str, tmp_path: Path) -> None:
    path = FIXTURES / f"{rule}.yaml"
    if not path.exists():
        pytest.fail(f"{rule} has no fixture: add tests/rules/{rule}.yaml")
    fixture = load_fixture(path)
    fires = fixture["fires"]
    found = findings_of(rule, fires, tmp_path / "fires")
    assert found, f"{rule} did not fire on its 'fires' manifest"
    if "severity" in fires:
        assert [f["severity"] for f in found] == list(fires["severity"])
    if "certainty" in fires:
        assert {f["certainty"] for f in found} == {fires["certainty"]}
    assert findings_of(rule, fixture["quiet"], tmp_path / "quiet") == [], f"{rule} fired on its 'quiet' manifest"
