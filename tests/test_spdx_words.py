"""SPDX's NONE (no licence granted: all rights reserved) and NOASSERTION (unknown), each with its own finding.

Both may stand alone, inside an expression, or come from a BOM (CycloneDX licence names,
SPDX 3 NoneLicense / NoAssertionLicense individuals).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit_helpers import audit, manifest, source, spdx3_bom
from auditor.cli import cli
from auditor.licences import identify

RELEASED = {"use": "commercial", "release": "open-weights"}


def rules_on(data, policies, subject="data_sources[0]"):
    return [f.rule for f in audit(data, policies) if f.subject == subject]


@pytest.mark.parametrize("text, spdx", [("NONE", "NONE"), ("none", "NONE"), ("NOASSERTION", "NOASSERTION"),
                                         ("MIT AND NONE", "MIT AND NONE"), ("Apache-2.0 OR noassertion", "Apache-2.0 OR NOASSERTION")])
def test_spdx_words_are_identified_not_unrecognised(text: str, spdx: str) -> None:
    match = identify(text)
    assert match.spdx == spdx
    assert not any("not a recognised" in p for p in match.problems)


def test_none_is_no_licence_granted_and_noassertion_is_unknown(builtin_policies) -> None:
    none = audit(manifest(model=RELEASED, data_sources=[source("scraped", "NONE")]), builtin_policies)
    assert [(f.rule, f.category, f.severity.value) for f in none] == [("AUD712", "copyright", "high")]
    assert "all rights reserved" in none[0].title and "permission" in none[0].message
    unknown = audit(manifest(model=RELEASED, data_sources=[source("scraped", "NOASSERTION")]), builtin_policies)
    assert [(f.rule, f.category) for f in unknown] == [("AUD713", "unknown-licence")]
    assert "unknown" in unknown[0].title and "not determined" in unknown[0].title
    assert none[0].title != unknown[0].title


@pytest.mark.parametrize("licence, rule", [("MIT AND NONE", "AUD712"), ("CC-BY-4.0 AND NOASSERTION", "AUD713"),
                                           ("MIT OR NONE", None), ("(MIT AND NONE) OR CC-BY-NC-4.0", "AUD201")])
def test_spdx_words_inside_expressions(builtin_policies, licence: str, rule: str | None) -> None:
    fired = rules_on(manifest(model=RELEASED, data_sources=[source("mixed", licence)]), builtin_policies)
    assert "AUD702" not in fired
    if rule is None:
        assert not {"AUD712", "AUD713"} & set(fired)  # the MIT branch is the least restrictive choice
    else:
        assert rule in fired


def test_a_copyright_assessment_answers_a_none_source(builtin_policies) -> None:
    covered = manifest(model=RELEASED, data_sources=[source("books", "NONE")], copyrighted_material=[
        {"id": "books", "permission": "licensed", "tdm_opt_out_respected": True, "data_sources": ["books"]}])
    assert not rules_on(covered, builtin_policies)
    owned = manifest(model=RELEASED, data_sources=[source("ours", "NONE", owner="self")])
    assert not rules_on(owned, builtin_policies)


def _spdx3(tmp_path: Path, licence_type: str) -> Path:
    return spdx3_bom(tmp_path / "bom.spdx.json", [
        {"type": "dataset_DatasetPackage", "spdxId": "Dataset/d", "name": "forum-dump", "software_primaryPurpose": "data"},
        {"type": licence_type, "spdxId": "License/l"},
    ], [("AIPackage/m", "trainedOn", "Dataset/d"), ("Dataset/d", "hasDeclaredLicense", "License/l")])


@pytest.mark.parametrize("licence_type, rule", [("expandedlicensing_NoneLicense", "AUD712"),
                                                ("expandedlicensing_NoAssertionLicense", "AUD713")])
def test_spdx3_none_and_noassertion_licences(tmp_path: Path, licence_type: str, rule: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(_spdx3(tmp_path, licence_type)), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    assert rule in [f["rule"] for f in found if f["subject"] == "data_sources[0]"]


def test_cyclonedx_none_licence(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {"type": "machine-learning-model", "bom-ref": "m", "name": "acme-7b",
                                   "modelCard": {"modelParameters": {"datasets": [{"ref": "d"}]}}}},
        "components": [{"type": "data", "bom-ref": "d", "name": "forum-dump", "licenses": [{"expression": "NONE"}]}],
    }
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "AUD712" in [f["rule"] for f in json.loads(result.stdout)["findings"]]
