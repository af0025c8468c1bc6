"""Real training setups (issue 14): base models, the Llama family, owned data, parents, SPDX words.

Each manifest is written by the project to mirror a publicly documented setup.
"""

from __future__ import annotations

import pytest

from audit_helpers import audit, manifest, source, teacher
from auditor.facts.base_models import base_model_licence
from auditor.errors import AuditorError
from auditor.licences import identify
from auditor.manifest import parse_manifest

RELEASED = {"use": "commercial", "release": "open-weights"}
RESEARCH = {"use": "research", "release": "open-weights"}


def findings(data, policies):
    return audit(data, policies)


def by_subject(found, subject):
    return [f for f in found if f.subject == subject]


# ---- Llama 2 / Tongyi Qianwen derivative exception ------------------------------

def test_fine_tune_of_llama_2_gets_no_ban_from_its_own_base(builtin_policies) -> None:
    data = manifest(model={**RESEARCH, "name": "vicuna-7b-v1.5", "base_models": ["meta-llama/Llama-2-7b-hf"]},
                    data_sources=[source("sharegpt", "Apache-2.0", generated_by=["openai/gpt-3.5-turbo"])])
    found = findings(data, builtin_policies)
    assert not [f for f in found if f.category == "distillation-ban" and "llama" in f.message.lower()]
    base = by_subject(found, "model.base_models[0]")
    assert all(f.category != "distillation-ban" for f in base)


def test_llama_2_outputs_used_to_train_another_family_are_still_banned(builtin_policies) -> None:
    data = manifest(model={**RESEARCH, "base_models": ["mistralai/Mistral-7B-v0.1"]},
                    teachers=[teacher("meta", "llama-2-70b-chat", "synthetic-data")])
    found = findings(data, builtin_policies)
    assert [f for f in found if f.subject == "teachers[0]" and f.category == "distillation-ban"]


def test_qwen_fine_tune_keeps_tongyi_qianwen_exception(builtin_policies) -> None:
    quiet = manifest(model={**RESEARCH, "base_models": ["Qwen/Qwen-7B"]}, teachers=[teacher("alibaba", "qwen-72b-chat", "synthetic-data")])
    fires = manifest(model=RESEARCH, teachers=[teacher("alibaba", "qwen-72b-chat", "synthetic-data")])
    assert not [f for f in findings(quiet, builtin_policies) if f.category == "distillation-ban"]
    assert [f for f in findings(fires, builtin_policies) if f.category == "distillation-ban"]


# ---- version-less Llama names ----------------------------------------------------

@pytest.mark.parametrize("text", ["LLaMA License", "llama", "Llama License", "Meta Llama Community License"])
def test_versionless_llama_is_ambiguous_and_judged_by_llama_1(text: str) -> None:
    match = identify(text)
    assert match.spdx == "LicenseRef-LLaMA-1"
    assert any("ambiguous" in p and "LicenseRef-Llama-4" in p for p in match.problems)


def test_versionless_llama_source_is_non_commercial_and_uncertain_without_a_naming_blocker(builtin_policies) -> None:
    data = manifest(model={**RELEASED, "name": "acme-7b"}, data_sources=[source("weights", "LLaMA License")])
    found = findings(data, builtin_policies)
    non_commercial = [f for f in found if f.category == "non-commercial"]
    assert non_commercial and all(f.certainty == "uncertain" for f in non_commercial)
    assert not [f for f in found if "start with" in f.title.lower() or "naming" in f.rule.lower()]
    assert [f for f in found if f.rule == "AUD703"]


def test_named_llama_versions_stay_exact() -> None:
    assert identify("Llama 2").spdx == "LicenseRef-Llama-2"
    assert identify("LLaMA 1").spdx == "LicenseRef-LLaMA-1"
    assert not identify("llama3.1").problems


# ---- base models ---------------------------------------------------------------

def test_base_model_licence_resolution(builtin_policies) -> None:
    assert base_model_licence("meta-llama/Llama-3.1-8B", builtin_policies).licence == "LicenseRef-Llama-3.1"
    assert base_model_licence("google/gemma-2-9b", builtin_policies).licence == "LicenseRef-Gemma"
    assert base_model_licence("acme/unknown-7b", builtin_policies).pack is None
    registry = {"tiiuae/falcon-180b": "LicenseRef-TII-Falcon-180B"}
    assert base_model_licence("tiiuae/falcon-180B", builtin_policies, registry).pack.id == "tii-falcon-180b"


def test_base_model_naming_applies_to_the_model(builtin_policies) -> None:
    fires = manifest(model={**RELEASED, "name": "acme-8b", "base_models": ["meta-llama/Llama-3.1-8B"]})
    quiet = manifest(model={**RELEASED, "name": "Llama-acme-8b", "base_models": ["meta-llama/Llama-3.1-8B"]})
    def naming(data):
        return [f for f in findings(data, builtin_policies) if f.subject == "model" and "Llama" in f.message and f.category == "attribution" and "name" in f.title.lower()]
    assert naming(fires)
    assert not naming(quiet)


def test_research_base_blocks_commercial_release(builtin_policies) -> None:
    fires = manifest(model={**RELEASED, "base_models": ["microsoft/Orca-2-13b"]})
    fires["model"]["base_models"] = ["acme/orca"]
    assert [f for f in findings(fires, builtin_policies) if f.subject == "model.base_models[0]" and f.category == "unknown-licence"]
    quiet = manifest(model={**RESEARCH, "base_models": ["meta-llama/Llama-2-13b-hf"]})
    assert not [f for f in findings(quiet, builtin_policies) if f.category == "non-commercial"]


# ---- owned data, parents, SPDX words, copyright coverage --------------------------

def test_owned_synthetic_data_needs_no_licence_but_keeps_its_generator(builtin_policies) -> None:
    owned = manifest(model=RESEARCH, data_sources=[source("synthetic", owner="self", generated_by=["openai/gpt-4"])])
    found = findings(owned, builtin_policies)
    assert not [f for f in found if f.category == "unknown-licence"]
    assert [f for f in found if f.category == "distillation-ban"]
    unowned = manifest(model=RESEARCH, data_sources=[source("synthetic", generated_by=["openai/gpt-4"])])
    assert [f for f in findings(unowned, builtin_policies) if f.category == "unknown-licence"]


def test_parent_not_trained_on_has_no_findings_but_passes_to_children(builtin_policies) -> None:
    data = manifest(model=RELEASED, data_sources=[
        source("ultrachat-raw", "MIT", generated_by=["openai/gpt-3.5-turbo"], trained_on=False),
        source("ultrachat-200k", "MIT", derived_from=["ultrachat-raw"]),
    ])
    found = findings(data, builtin_policies)
    assert not by_subject(found, "data_sources[0]")
    assert [f for f in by_subject(found, "data_sources[1]") if f.category == "distillation-ban"]
    trained = manifest(model=RELEASED, data_sources=[source("ultrachat-raw", "MIT", generated_by=["openai/gpt-3.5-turbo"])])
    assert by_subject(findings(trained, builtin_policies), "data_sources[0]")


def test_noassertion_reads_as_no_licence_stated(builtin_policies) -> None:
    found = findings(manifest(model=RELEASED, data_sources=[source("stack", "NOASSERTION")]), builtin_policies)
    assert [f.rule for f in found if f.subject == "data_sources[0]"] == ["AUD713"]


def test_copyright_entry_answers_the_licence_question_of_its_source(builtin_policies) -> None:
    covered = manifest(model=RELEASED, data_sources=[source("stack", "NOASSERTION")], copyrighted_material=[
        {"id": "code", "permission": "opt-out-honoured", "tdm_opt_out_respected": True, "data_sources": ["stack"]}])
    assert not [f for f in findings(covered, builtin_policies) if f.subject == "data_sources[0]"]
    with pytest.raises(AuditorError, match="unknown data source id 'nope'"):
        parse_manifest(manifest(copyrighted_material=[{"id": "c", "data_sources": ["nope"]}]), source="m.yaml")


# ---- pass-down scope -------------------------------------------------------------

def test_mit_notice_of_deepseek_r1_stays_with_its_weights(builtin_policies) -> None:
    outputs = manifest(model=RELEASED, data_sources=[source("r1-traces", "MIT", generated_by=["deepseek/deepseek-r1"])])
    notices = [f for f in findings(outputs, builtin_policies) if "deepseek" in " ".join(e.policy or "" for e in f.evidence)]
    assert not notices
    weights = manifest(model={**RELEASED, "base_models": ["deepseek-ai/DeepSeek-R1"]})
    assert [f for f in findings(weights, builtin_policies) if any(e.policy == "deepseek-r1-mit" for e in f.evidence)]


# ---- manifest fields -------------------------------------------------------------

def test_teacher_used_period_is_validated() -> None:
    ok = manifest(teachers=[teacher("openai", "text-davinci-003", "synthetic-data", used={"from": "2023-03-01", "until": "2023-03-31"})])
    assert parse_manifest(ok, source="m.yaml").teachers[0].used.until.isoformat() == "2023-03-31"
    bad = manifest(teachers=[teacher("openai", "gpt-4", "synthetic-data", used={"from": "2024-05-01", "until": "2024-01-01"})])
    with pytest.raises(AuditorError, match="after"):
        parse_manifest(bad, source="m.yaml")


# ---- small things ---------------------------------------------------------------

def test_stderr_says_blocked_and_reports_respect_the_umask(tmp_path) -> None:
    import os
    import stat

    from click.testing import CliRunner

    from auditor.cli import cli
    from conftest import SAMPLES

    target = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["check", str(SAMPLES / "manifest.yaml"), "--format", "json", "--output", str(target)])
    finally:
        os.umask(old)
    assert result.exit_code == 1
    assert "BLOCKED" in result.stderr and "FAILED" not in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
