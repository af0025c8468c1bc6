"""Findings on model.base_models say "base model", cite the entry's own line in every format, and
use a licence the manifest or a BOM states for the base weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit_helpers import audit, manifest, spdx3_bom
from auditor.cli import cli

MANIFEST = """\
apiVersion: auditor/v1
model:
  name: acme-7b
  type: llm
  use: commercial
  release: open-weights
  base_models:
    - acme-labs/nowhere-base
    - name: some-org/research-base
      licence: CC-BY-NC-4.0
data_sources:
  - id: notes
    licence: MIT
"""


def run(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture()
def written(tmp_path: Path) -> Path:
    path = tmp_path / "manifest.yaml"
    path.write_text(MANIFEST, encoding="utf-8")
    return path


def test_base_model_findings_say_base_model_and_cite_their_line(written: Path) -> None:
    found = {f["subject"]: f for f in json.loads(run(written, "json"))["findings"]}
    unknown, non_commercial = found["model.base_models[0]"], found["model.base_models[1]"]
    assert (unknown["rule"], unknown["line"]) == ("AUD701", 8)
    assert (non_commercial["rule"], non_commercial["line"]) == ("AUD201", 10)  # the stated licence's line
    for finding in (unknown, non_commercial):
        words = " ".join((finding["title"], finding["message"], finding["remediation"])).lower()
        assert "base model" in words
        assert "data source" not in words and "dataset" not in words
    assert "weights" in non_commercial["message"] and "CC-BY-NC-4.0" in non_commercial["message"]


def test_every_format_cites_the_base_model_line(written: Path) -> None:
    sarif = json.loads(run(written, "sarif"))
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]}
    assert regions["AUD701"] == 8 and regions["AUD201"] == 10
    assert "model.base_models[0] (line 8)" in run(written, "text")
    assert r"model\.base\_models\[1\] (some\-org/research\-base), manifest line 10" in run(written, "markdown")
    assert "model.base_models[1]</a> <span class=\"mono\">(some-org/research-base)</span> in" in run(written, "html")
    assert "line 10</dd>" in run(written, "html")


def test_model_wide_duties_name_base_models(builtin_policies) -> None:
    data = manifest(model={"base_models": ["meta-llama/Llama-2-7b-hf"]})
    titles = [f.title for f in audit(data, builtin_policies) if f.subject == "model"]
    assert titles and all("data source" not in t for t in titles)
    assert any("1 base model" in t for t in titles)


def test_llama_2_acceptable_use_binds_a_fine_tune_without_doubt(builtin_policies) -> None:
    found = audit(manifest(model={"base_models": ["meta-llama/Llama-2-7b-hf"]}), builtin_policies)
    restriction = [f for f in found if f.category == "use-restriction"]
    assert restriction and all(f.certainty == "clear" for f in restriction)
    as_data = audit(manifest(data_sources=[{"id": "llama-made", "licence": "LicenseRef-Llama-2"}]), builtin_policies)
    assert [f for f in as_data if f.category == "use-restriction" and f.certainty == "uncertain"]


def test_a_stated_base_licence_is_used(builtin_policies) -> None:
    stated = manifest(model={"base_models": [{"name": "acme/base", "licence": "CC-BY-NC-4.0"}]})
    assert [f.rule for f in audit(stated, builtin_policies) if f.subject == "model.base_models[0]"] == ["AUD201"]
    permissive = manifest(model={"base_models": [{"name": "acme/base", "license": "Apache-2.0"}]})
    assert not [f for f in audit(permissive, builtin_policies) if f.subject == "model.base_models[0]"]


def _bom(tmp_path: Path, licence: dict) -> Path:
    bom = {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {
            "type": "machine-learning-model", "bom-ref": "m", "name": "acme-chat", "licenses": [{"license": {"id": "Apache-2.0"}}],
            "pedigree": {"ancestors": [{"type": "machine-learning-model", "bom-ref": "base", "group": "acme-research",
                                        "name": "tiny-base", "licenses": [licence]}],
                         "notes": "Supervised fine-tune of the base."},
            "modelCard": {"modelParameters": {"datasets": [{"ref": "d"}]}}}},
        "components": [{"type": "data", "bom-ref": "d", "name": "notes", "licenses": [{"license": {"id": "MIT"}}]}],
    }
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(bom, indent=1), encoding="utf-8")
    return path


def test_a_bom_states_the_base_model_licence_for_check_and_convert(tmp_path: Path) -> None:
    path = _bom(tmp_path, {"license": {"id": "CC-BY-NC-SA-4.0"}})
    converted = CliRunner().invoke(cli, ["convert", str(path)])
    assert "licence: CC-BY-NC-SA-4.0" in converted.stdout and "acme-research/tiny-base" in converted.stdout
    found = [f for f in json.loads(run(path, "json"))["findings"] if f["subject"] == "model.base_models[0]"]
    assert {f["rule"] for f in found} >= {"AUD201", "AUD301"}
    line = path.read_text(encoding="utf-8").splitlines()[found[0]["line"] - 1]
    assert '"type": "machine-learning-model"' in line or "tiny-base" in line or '"base"' in line
    quiet = [f for f in json.loads(run(_bom(tmp_path, {"expression": "Apache-2.0"}), "json"))["findings"]
             if f["subject"] == "model.base_models[0]"]
    assert not quiet


def test_an_spdx_3_bom_states_the_base_model_licence(tmp_path: Path) -> None:
    path = spdx3_bom(tmp_path / "bom.spdx.json", [
        {"type": "ai_AIPackage", "spdxId": "AIPackage/base", "name": "acme-research/tiny-base", "software_primaryPurpose": "model"},
        {"type": "dataset_DatasetPackage", "spdxId": "Dataset/d", "name": "notes", "software_primaryPurpose": "data"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "License/nc", "simplelicensing_licenseExpression": "CC-BY-NC-4.0"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "License/mit", "simplelicensing_licenseExpression": "MIT"},
    ], [("AIPackage/m", "trainedOn", "Dataset/d"), ("AIPackage/m", "descendantOf", "AIPackage/base"),
        ("AIPackage/base", "hasDeclaredLicense", "License/nc"), ("Dataset/d", "hasDeclaredLicense", "License/mit")])
    converted = CliRunner().invoke(cli, ["convert", str(path)])
    assert "licence: CC-BY-NC-4.0" in converted.stdout
    found = [f for f in json.loads(run(path, "json"))["findings"] if f["subject"] == "model.base_models[0]"]
    assert [f["rule"] for f in found] == ["AUD201"]
    assert "AIPackage/base" in path.read_text(encoding="utf-8").splitlines()[found[0]["line"] - 1]


def test_apple_research_weights_are_known_without_a_stated_licence(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MANIFEST.replace("    - acme-labs/nowhere-base\n", "    - apple/aimv2-large-patch14-224\n"), encoding="utf-8")
    found = {f["rule"]: f for f in json.loads(run(path, "json"))["findings"] if f["subject"] == "model.base_models[0]"}
    assert found["AUD202"]["severity"] == "high"  # research-only weights under a commercial model
    assert "Apple Machine Learning Research Model" in found["AUD202"]["message"] + found["AUD202"]["title"]
