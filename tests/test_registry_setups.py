"""Issue 17's new-user test: small manifests naming well-known datasets and models only by
Hugging Face id, URL or common name, each audited through the CLI against the shipped registry.

Each case says which findings must fire (rule, subject, and the registry entry the finding must
cite as evidence, with its source URL) and which must not: the facts a new user would expect
auditor to know, not the wording of today's messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli

RELEASED = {"name": "acme-7b", "type": "llm", "use": "commercial", "release": "open-weights"}
ULTRACHAT = "https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k"
ALPACA = "https://huggingface.co/datasets/tatsu-lab/alpaca"


class Case(NamedTuple):
    sections: dict[str, Any]  # manifest sections besides apiVersion (model defaults to RELEASED)
    fires: list[tuple[str, str, str | None]]  # (rule, subject, registry entry cited or None)
    quiet: list[str] = []  # rules that must not fire on any subject
    policy: dict[str, str] = {}  # subject -> a pack some finding on it must cite


def sources(*entries: dict) -> dict:
    return {"data_sources": [{"id": f"d{i}", **e} for i, e in enumerate(entries)]}


def bases(*refs: str) -> dict:
    return {"model": {**RELEASED, "base_models": list(refs)}}


def teachers(*entries: dict) -> dict:
    return {"teachers": [{"id": f"t{i}", "purpose": ["synthetic-data"], **e} for i, e in enumerate(entries)]}


D0, M, B0, T0 = "data_sources[0]", "model", "model.base_models[0]", "teachers[0]"
CASES: dict[str, Case] = {
    # a URL and a licence that the registry contradicts: the generator and both licences apply
    "alpaca-by-url-declared-mit": Case(
        sources({"url": ALPACA, "licence": "MIT"}),
        [("AUD707", D0, "tatsu-lab--alpaca"), ("AUD910", D0, "tatsu-lab--alpaca"), ("AUD103", D0, "tatsu-lab--alpaca")],
    ),
    # the card's MIT agrees with the declaration (DPI's CC BY-NC reading is kept aside); ChatGPT's terms still apply
    "ultrachat-by-url-declared-mit": Case(
        sources({"url": ULTRACHAT, "licence": "MIT"}),
        [("AUD910", D0, "huggingfaceh4--ultrachat_200k"), ("AUD103", D0, "huggingfaceh4--ultrachat_200k")], ["AUD707"],
    ),
    "alpaca-by-name": Case(
        sources({"name": "Alpaca"}), [("AUD201", D0, "tatsu-lab--alpaca"), ("AUD910", D0, "tatsu-lab--alpaca")], ["AUD701", "AUD702"]
    ),
    # the plain name is the dump, not a shared-name near miss with the dated snapshot
    "wikipedia-by-plain-name": Case(sources({"name": "Wikipedia"}), [("AUD301", D0, "wikipedia")], ["AUD708", "AUD701"]),
    "books3-without-copyrighted-material": Case(sources({"name": "Books3"}), [("AUD605", D0, "books3")]),
    "laion-for-an-image-model": Case(
        {"model": {**RELEASED, "type": "vision"}, **sources({"url": "https://huggingface.co/datasets/laion/laion2B-en"})}, [("AUD605", D0, "laion-5b")]
    ),
    "wildchat": Case(sources({"name": "allenai/WildChat-1M"}), [("AUD910", D0, "wildchat-1m"), ("AUD103", D0, "wildchat-1m")]),
    "tulu-3-sft-mixture": Case(
        sources({"url": "https://huggingface.co/datasets/allenai/tulu-3-sft-mixture"}), [("AUD910", D0, "tulu-3-sft-mixture")], ["AUD701"]
    ),
    "tulu-3-by-family-name-is-only-a-hint": Case(sources({"name": "Tulu 3"}), [("AUD708", D0, None)], ["AUD910", "AUD403"]),
    "magpie-carries-llama-3-terms": Case(
        sources({"url": "https://huggingface.co/datasets/Magpie-Align/Magpie-Pro-300K-Filtered"}),
        [("AUD910", D0, "magpie-align--magpie-pro-300k-filtered"), ("AUD403", M, "magpie-align--magpie-pro-300k-filtered")],
        policy={M: "meta-llama-3"},
    ),
    "openthoughts-r1-outputs-are-mit": Case(
        sources({"url": "https://huggingface.co/datasets/open-thoughts/OpenThoughts-114k"}),
        [("AUD910", D0, "openthoughts-114k")],
        ["AUD103", "AUD701"],
    ),
    "s1k-gemini-outputs": Case(sources({"name": "simplescaling/s1K"}), [("AUD910", D0, "s1k"), ("AUD103", D0, "s1k")]),
    "cosmopedia-mixtral-outputs": Case(
        sources({"url": "https://huggingface.co/datasets/HuggingFaceTB/cosmopedia"}), [("AUD910", D0, "cosmopedia")], ["AUD103", "AUD701"]
    ),
    "fineweb": Case(sources({"url": "https://huggingface.co/datasets/HuggingFaceFW/fineweb"}), [("AUD401", M, "fineweb")], ["AUD701", "AUD910"]),
    "dolly-share-alike": Case(sources({"name": "databricks-dolly-15k"}), [("AUD301", D0, "databricks--databricks-dolly-15k")], ["AUD701", "AUD910"]),
    "oasst": Case(sources({"url": "https://huggingface.co/datasets/OpenAssistant/oasst1"}), [("AUD401", M, "openassistant--oasst1")], ["AUD701", "AUD910", "AUD103"]),
    "hh-rlhf-published-by-its-provider": Case(
        sources({"url": "https://huggingface.co/datasets/Anthropic/hh-rlhf"}), [("AUD401", M, "anthropic--hh-rlhf")], ["AUD103", "AUD701"]
    ),
    "gemma-base": Case(bases("google/gemma-2-9b"), [("AUD502", M, "gemma-2")], ["AUD702"], {M: "google-gemma-terms"}),
    "qwen-2.5-3b-base-is-research-only": Case(bases("Qwen/Qwen2.5-3B"), [("AUD202", B0, "qwen-2.5")], policy={B0: "alibaba-qwen-research"}),
    "qwen-2.5-72b-base-is-the-qwen-licence": Case(bases("Qwen/Qwen2.5-72B-Instruct"), [("AUD401", M, "qwen-2.5")], ["AUD202"], {M: "alibaba-qwen-licence"}),
    "qwen-2.5-7b-base-is-apache": Case(bases("https://huggingface.co/Qwen/Qwen2.5-7B"), [("AUD401", M, "qwen-2.5")], ["AUD202"], {M: "alibaba-qwen-apache"}),
    "llama-3.1-teacher-by-hf-id-alone": Case(  # its terms reach the data it generated, and the model
        {**teachers({"model": "meta-llama/Llama-3.1-405B-Instruct"}), **sources({"name": "ours", "owner": "self", "generated_by": ["t0"]})},
        [("AUD402", T0, "llama-3.1"), ("AUD501", T0, "llama-3.1"), ("AUD403", M, "llama-3.1")], ["AUD704", "AUD705"],
        {T0: "meta-llama-3-1"},
    ),
    "deepseek-r1-teacher-by-hub-org": Case(
        {**teachers({"provider": "deepseek-ai", "model": "DeepSeek-R1", "purpose": ["distillation"]}), **sources({"name": "ours", "owner": "self", "generated_by": ["t0"]})},
        [], ["AUD704", "AUD101", "AUD102", "AUD103"],
    ),
    "qwen-2.5-72b-teacher-by-url": Case(
        teachers({"model": "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct"}), [("AUD404", T0, "qwen-2.5")], ["AUD704", "AUD203"],
        {T0: "alibaba-qwen-licence"},
    ),
    "qwen-2.5-3b-teacher-is-research-only": Case(
        teachers({"provider": "Qwen", "model": "Qwen2.5-3B-Instruct"}), [("AUD203", T0, "qwen-2.5")], policy={T0: "alibaba-qwen-research"}
    ),
    "generated-by-hub-ids-bring-the-family-licence": Case(
        sources({"name": "ours", "owner": "self", "generated_by": ["allenai/Llama-3.1-Tulu-3-70B"]},
                {"name": "ours too", "owner": "self", "generated_by": ["https://huggingface.co/Qwen/Qwen2.5-VL-3B-Instruct"]}),
        [("AUD403", M, "tulu-models"), ("AUD202", "data_sources[1]", "qwen-2.5")], ["AUD705"], {"data_sources[1]": "alibaba-qwen-research"},
    ),
    "near-miss-dataset-applies-nothing": Case(sources({"name": "UltraChatt 200k", "licence": "MIT"}), [("AUD708", D0, None)], ["AUD707", "AUD910", "AUD103"]),
    "near-miss-teacher-applies-nothing": Case(teachers({"provider": "acme", "model": "Qwen2.5-Coderr"}), [("AUD709", T0, None), ("AUD704", T0, None)]),
}


def audit(tmp_path: Path, sections: dict[str, Any], *args: str) -> dict:
    data = {"apiVersion": "auditor/v1", "model": RELEASED, **sections}
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", list(CASES))
def test_known_setup(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    findings = audit(tmp_path, case.sections)["findings"]
    for rule, subject, entry in case.fires:
        hits = [f for f in findings if f["rule"] == rule and f["subject"] == subject]
        assert hits, f"{rule} on {subject} missing; got {sorted((f['rule'], f['subject']) for f in findings)}"
        if entry is not None:  # it rests on the registry: the message says so, the evidence cites entry and source
            cited = [e for f in hits for e in f["evidence"] if e.get("registry") == entry]
            assert cited and all(e["url"].startswith("https://") for e in cited), (rule, [f["evidence"] for f in hits])
            assert any(f"rests on the registry: {entry} (" in f["message"] for f in hits)
    assert not [f for f in findings if f["rule"] in case.quiet], [(f["rule"], f["subject"], f["title"]) for f in findings if f["rule"] in case.quiet]
    for subject, pack in case.policy.items():
        assert any(e.get("policy") == pack for f in findings if f["subject"] == subject for e in f["evidence"]), (subject, pack)


def test_a_wrong_registry_entry_is_corrected_visibly(tmp_path: Path) -> None:
    """A team's --registry file replaces the built-in Alpaca entry; every report names it."""
    fix = tmp_path / "corrections.yaml"
    fix.write_text(yaml.safe_dump({"entries": [{
        "id": "tatsu-lab--alpaca", "kind": "dataset", "names": ["Alpaca"], "hf_ids": ["tatsu-lab/alpaca"],
        "licence": "MIT", "licence_basis": "card", "origin": "licensed", "sources": ["https://acme.example/contracts/alpaca"], "verified": "2026-12-01",
    }]}))
    before = audit(tmp_path, sources({"url": ALPACA, "licence": "MIT"}))
    after = audit(tmp_path, sources({"url": ALPACA, "licence": "MIT"}), "--registry", str(fix))
    assert {"AUD707", "AUD910"} <= {f["rule"] for f in before["findings"]}
    assert not {"AUD707", "AUD910", "AUD103"} & {f["rule"] for f in after["findings"]}
    assert after["registry_overrides"] == [{"id": "tatsu-lab--alpaca", "file": str(fix), "replaced": "generated/dpi.yaml"}]
    assert any(fix.name in n for n in after["notices"])


def test_hugging_face_card_datasets_and_base_model_go_through_the_registry(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\nbase_model: Qwen/Qwen2.5-3B\ndatasets:\n- tatsu-lab/alpaca\n- HuggingFaceFW/fineweb\n---\n# acme\n")
    result = CliRunner().invoke(cli, ["check", str(card), "--format", "json", "--fail-on", "never"])
    findings = json.loads(result.output)["findings"]
    fired = {(f["rule"], f["subject"]) for f in findings}
    assert {("AUD910", "data_sources[0]"), ("AUD201", "data_sources[0]")} <= fired  # Alpaca: generated, non-commercial
    assert not [r for r, s in fired if s == "data_sources[1]" and r in ("AUD701", "AUD702")]  # FineWeb's licence is known
    base = [f for f in findings if f["rule"] == "AUD202" and f["subject"].startswith("model.base_models")]
    assert base and any(e.get("registry") == "qwen-2.5" for f in base for e in f["evidence"])


def test_a_size_variant_cites_its_own_card(tmp_path: Path) -> None:
    """Qwen2.5-72B's licence is not the family's: the evidence cites the 72B card, not the 7B one."""
    findings = audit(tmp_path, teachers({"model": "Qwen/Qwen2.5-72B-Instruct"}))["findings"]
    urls = {e["url"] for f in findings for e in f["evidence"] if e.get("registry") == "qwen-2.5"}
    assert urls == {"https://huggingface.co/Qwen/Qwen2.5-72B"}


def test_teachers_covered_by_service_terms_do_not_load_the_registry(tmp_path: Path, monkeypatch) -> None:
    """An API model (OpenAI's, Anthropic's) is no model family: recognising it must cost nothing."""
    import auditor.registry.load as load

    def refuse(*args, **kwargs):
        raise AssertionError("the registry was loaded")

    monkeypatch.setattr(load, "load_registry", refuse)
    found = audit(tmp_path, teachers({"provider": "openai", "model": "gpt-4o"}, {"provider": "Anthropic", "model": "claude-3-5-sonnet"}))
    assert {f["rule"] for f in found["findings"]}  # audited as before, from the packs alone


@pytest.mark.parametrize(
    ("fmt", "cited"),
    [
        ("text", "evidence: registry huggingfaceh4--ultrachat_200k ("),
        ("markdown", "registry entry huggingfaceh4--ultrachat_200k ("),
        ("html", "registry entry huggingfaceh4--ultrachat_200k ("),
        ("junit", "registry huggingfaceh4--ultrachat_200k ("),
    ],
)
def test_every_human_format_names_the_registry_entry_in_the_evidence(tmp_path: Path, fmt: str, cited: str) -> None:
    """The evidence line itself names the entry and its source, not only the finding's message."""
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({"apiVersion": "auditor/v1", "model": RELEASED, **sources({"url": ULTRACHAT, "licence": "MIT"})}))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt])
    assert result.exit_code == 1, result.output
    assert cited in " ".join(result.output.replace("\\", "").split())  # unwrapped, Markdown escapes removed
