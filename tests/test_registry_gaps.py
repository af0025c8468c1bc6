"""Recognition gaps a new user hit, audited through the CLI against the shipped registry.

A name spelt exactly as one entry's ("HumanEval", not its "HumanEval+" variant) picks that
entry; a name two entries share exactly is a "did you mean" naming both; Codestral's
Non-Production License is its own licence, known by name; bare legacy Hub ids without an
organisation ("gpt2", "t5-small", "bert-base-uncased") are recognised as base models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli

RELEASED = {"name": "acme-7b", "type": "llm", "use": "commercial", "release": "open-weights"}
D0, B0 = "data_sources[0]", "model.base_models[0]"


def audit(tmp_path: Path, sections: dict[str, Any], *args: str) -> list[dict]:
    data = {"apiVersion": "auditor/v1", "model": RELEASED, **sections}
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["findings"]


def cited(findings: list[dict], subject: str | None = None) -> set[str]:
    """Registry entries and packs the findings (on ``subject``, if given) cite as evidence."""
    return {
        e.get(key) or ""
        for f in findings
        if subject is None or f["subject"] == subject
        for e in f["evidence"]
        for key in ("registry", "policy")
    } - {""}


@pytest.mark.parametrize(
    ("name", "entry", "variant"),
    [  # a "+" variant derives from its base, so the base is cited too (its licence flows down)
        ("HumanEval", "openai-humaneval", "humanevalplus"),
        ("HumanEval+", "humanevalplus", None),
        ("MBPP", "mbpp", "mbppplus"),
        ("MBPP+", "mbppplus", None),
        ("humaneval plus", "humanevalplus", None),
    ],
)
def test_an_exact_name_picks_its_entry_not_its_variant(tmp_path: Path, name: str, entry: str, variant: str | None) -> None:
    """"HumanEval" and "HumanEval+" differ only by a sign once punctuation is ignored; the sign decides."""
    findings = audit(tmp_path, {"data_sources": [{"id": "d0", "name": name}]})
    assert not [f for f in findings if f["rule"] == "AUD708"], [f["title"] for f in findings if f["rule"] == "AUD708"]
    assert not [f for f in findings if f["rule"] == "AUD701" and f["subject"] == D0]  # its licence is known
    assert entry in cited(findings) and variant not in cited(findings)


def test_a_curated_entry_wins_over_a_generated_copy_of_the_same_name(tmp_path: Path) -> None:
    """DPI's xP3x copy of MBPP is also named "mbpp": the hand-checked MBPP entry is the one meant."""
    findings = audit(tmp_path, {"data_sources": [{"id": "d0", "name": "mbpp"}]})
    assert "mbpp" in cited(findings) and "muennighoff--mbpp" not in cited(findings)


def test_a_name_two_entries_share_exactly_is_a_did_you_mean_naming_both(tmp_path: Path) -> None:
    team = tmp_path / "ours.yaml"
    common = {"kind": "dataset", "licence": "MIT", "licence_basis": "card", "origin": "human", "verified": "2026-12-02"}
    team.write_text(yaml.safe_dump({"entries": [
        {"id": "acme-corpus-web", "names": ["Acme Corpus"], "sources": ["https://acme.example/web"], **common},
        {"id": "acme-corpus-books", "names": ["Acme Corpus"], "sources": ["https://acme.example/books"], **common},
        {"id": "acme-eval", "names": ["Acme Eval"], "sources": ["https://acme.example/eval"], **common},
        {"id": "acme-eval-plus", "names": ["Acme Eval+"], "sources": ["https://acme.example/evalplus"], **common},
    ]}))
    findings = audit(tmp_path, {"data_sources": [{"id": "d0", "name": "Acme Corpus"}, {"id": "d1", "name": "Acme Eval+"}]}, "--registry", str(team))
    hint = [f for f in findings if f["rule"] == "AUD708" and f["subject"] == D0]
    assert hint and hint[0]["severity"] == "info"
    assert "acme-corpus-web" in hint[0]["message"] and "acme-corpus-books" in hint[0]["message"]
    assert not cited(findings, D0) & {"acme-corpus-web", "acme-corpus-books"}  # nothing applied: no silent guess
    assert "acme-eval-plus" in cited(findings) and "acme-eval" not in cited(findings)
    assert not [f for f in findings if f["rule"] == "AUD708" and f["subject"] == "data_sources[1]"]


@pytest.mark.parametrize("written", ["Mistral AI Non-Production License", "MNPL-0.1", "mnpl"])
def test_the_mistral_non_production_licence_is_known_by_name(tmp_path: Path, written: str) -> None:
    findings = audit(tmp_path, {"data_sources": [{"id": "d0", "name": "code pairs", "licence": written, "owner": "self"}]})
    research = [f for f in findings if f["rule"] == "AUD202" and f["subject"] == D0]
    assert research and "mistral-non-production-licence" in cited(research)
    assert "mistral-research-licence" not in cited(findings)  # not the Research License: another text


def test_codestral_as_base_model_carries_the_non_production_licence(tmp_path: Path) -> None:
    findings = audit(tmp_path, {"model": {**RELEASED, "base_models": ["mistralai/Codestral-22B-v0.1"]}})
    on_base = [f for f in findings if f["subject"] == B0 and f["rule"] == "AUD202"]
    assert on_base and {"codestral", "mistral-non-production-licence"} <= cited(on_base)


@pytest.mark.parametrize(
    ("base", "entry"),
    [
        ("t5-small", "t5"), ("t5-base", "t5"), ("gpt2", "gpt-2"), ("gpt2-medium", "gpt-2"),
        ("bert-base-uncased", "bert"), ("roberta-base", "bert"), ("xlm-roberta-base", "bert"),
        ("distilbert-base-uncased", "distilbert"), ("distilgpt2", "distilbert"), ("EleutherAI/gpt-neo-1.3B", "eleutherai-models"),
    ],
)
def test_legacy_hub_ids_without_an_org_are_known_base_models(tmp_path: Path, base: str, entry: str) -> None:
    findings = audit(tmp_path, {"model": {**RELEASED, "base_models": [base]}})
    assert not [f for f in findings if f["subject"] == B0 and f["rule"] == "AUD701"], "no licence known"
    assert entry in cited(findings)


def test_opt_base_model_is_non_commercial_though_no_pack_covers_its_licence(tmp_path: Path) -> None:
    """OPT's licence has no policy pack: its clause categories still apply, citing the registry entry."""
    findings = audit(tmp_path, {"model": {**RELEASED, "base_models": ["facebook/opt-1.3b"]}})
    research = [f for f in findings if f["subject"] == B0 and f["rule"] == "AUD202"]
    assert research and "opt" in cited(research)


def test_a_bare_model_id_does_not_make_a_data_source_a_model(tmp_path: Path) -> None:
    findings = audit(tmp_path, {"data_sources": [{"id": "d0", "name": "gpt2", "licence": "MIT"}]})
    assert "gpt-2" not in cited(findings)
