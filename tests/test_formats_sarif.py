"""SARIF 2.1.0: validates against the official schema; levels, locations, suppressions, baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.findings import Severity
from auditor.formats import sarif
from test_formats_fixtures import hostile_result, sample_result

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _validate(doc: dict) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("build", [sample_result, hostile_result], ids=["sample", "hostile"])
def test_validates_against_official_schema(build) -> None:
    _validate(json.loads(sarif.render(build())))


def test_baseline_run_validates() -> None:
    result = sample_result()
    result.findings = [f.with_changes(new=i % 2 == 0) for i, f in enumerate(result.findings)]
    result.baseline = "old.json"
    doc = json.loads(sarif.render(result))
    _validate(doc)
    states = [r["baselineState"] for r in doc["runs"][0]["results"]]
    assert states[:2] == ["new", "unchanged"]


def test_results_rules_and_levels() -> None:
    result = sample_result()
    run = json.loads(sarif.render(result))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule for f in result.findings})
    for rule in rules:
        assert rule["help"]["text"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["properties"]["category"] in rule["properties"]["tags"]
    by_id = {r["properties"]["id"]: r for r in run["results"]}
    for f in result.findings:
        r = by_id[f.id]
        assert rules[r["ruleIndex"]]["id"] == f.rule
        assert r["level"] == {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}[f.severity.value]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "samples/manifest.yaml", "uriBaseId": "%SRCROOT%", "index": 0}
        assert loc["region"]["startLine"] == f.line
        assert r["partialFingerprints"] == {sarif.FINGERPRINT_KEY: f.fingerprint}
        assert "baselineState" not in r


def test_waivers_become_suppressions() -> None:
    run = json.loads(sarif.render(sample_result()))["runs"][0]
    suppressed = {r["ruleId"]: r["suppressions"][0] for r in run["results"] if "suppressions" in r}
    assert suppressed["nc-commercial-use"]["kind"] == "external"
    assert suppressed["nc-commercial-use"]["status"] == "accepted"
    assert suppressed["nc-commercial-use"]["justification"].startswith("Commercial licence bought")
    # an expired waiver is recorded but does not suppress
    assert suppressed["copyright-no-permission"]["status"] == "rejected"
    notes = run["invocations"][0]["toolConfigurationNotifications"]
    assert "share-alike-output did not fire" in notes[0]["message"]["text"]


def test_absolute_path_and_missing_line() -> None:
    result = sample_result(fail_on=Severity.LOW)
    result.manifest_path = "/abs/dir with space/m.yaml"
    result.findings = [f.with_changes(line=None) for f in result.findings]
    doc = json.loads(sarif.render(result))
    _validate(doc)
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "m.yaml"  # relative always: no file:// to the auditing machine
    assert "region" not in loc


def test_sorted_keys_and_trailing_newline() -> None:
    text = sarif.render(sample_result())
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
