"""The registry: schema, loading and overrides, recognition (ids, URLs, names, near misses, case)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.errors import AuditorError
from auditor.registry import Index, NearMiss, Recognition, load_registry
from auditor.registry.recognise import hf_id_in, url_key
from auditor.registry.validate import validate
from conftest import ROOT

TINY = Path(__file__).parent / "registry"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_registry(folder=TINY))


@pytest.mark.parametrize(
    "name,url,expected,how",
    [
        (None, "https://huggingface.co/datasets/Acme/chat_synth", "acme--chat-synth", "hf-id"),
        (None, "https://HUGGINGFACE.co/datasets/acme/CHAT_SYNTH/tree/main", "acme--chat-synth", "hf-id"),
        ("acme/chat_synth", None, "acme--chat-synth", "hf-id"),
        ("hf://datasets/Acme/chat_synth", None, "acme--chat-synth", "hf-id"),
        ("our copy", "https://github.com/acme/chat-synth.git", "acme--chat-synth", "url"),
        (None, "https://github.com/Acme/chat-synth/blob/main/README.md", "acme--chat-synth", "url"),
        ("ACME chat-synth", None, "acme--chat-synth", "name"),
        ("acmesynth", None, "acme--chat-synth", "name"),
        ("AcmeLabs/acme-lm-7b-instruct", None, "acme-lm", "hf-id"),
        (None, "https://huggingface.co/AcmeLabs/acme-lm-72b", "acme-lm", "hf-id"),
    ],
)
def test_recognised(index, name, url, expected, how):
    found = index.recognise(name=name, url=url)
    assert isinstance(found, Recognition)
    assert (found.entry.id, found.how) == (expected, how)


def test_size_dependent_licence(index):
    assert index.recognise(name="AcmeLabs/acme-lm-72b-instruct").licence == "LicenseRef-Qwen"
    assert index.recognise(name="AcmeLabs/acme-lm-7b").licence == "Apache-2.0"


@pytest.mark.parametrize("name,reason,candidates", [
    ("Acme Chat Synt", "close name", ["acme--chat-synth"]),
    ("Common Crawl Extract", "shared name", ["shared-a", "shared-b"]),
    ("AcmeSynth Pro 2", "close name", ["acme--chat-synth"]),  # a known name, qualified
    ("Our Acme Seed Questions", "close name", ["acme--seed"]),
    ("Acme Book", "close name", ["acme--books"]),  # the start of a known name (a family)
])
def test_near_misses_are_never_recognitions(index, name, reason, candidates):
    found = index.recognise(name=name)
    assert isinstance(found, NearMiss)
    assert found.reason == reason and [e.id for e in found.candidates] == candidates


def test_name_matches_only_the_kind_asked_for_but_a_hub_id_any(index):
    assert index.recognise(name="Acme LM", kind="dataset") is None
    assert index.recognise(name="Acme LM", kind="model").entry.id == "acme-lm"
    assert index.recognise(name="AcmeLabs/acme-lm-7b", kind="dataset").entry.id == "acme-lm"


@pytest.mark.parametrize("provider,model,expected,licence", [
    (None, "AcmeLabs/acme-lm-72b-instruct", "acme-lm", "LicenseRef-Qwen"),
    ("AcmeLabs", "acme-lm-7b", "acme-lm", "Apache-2.0"),  # the provider written as the Hub organisation
    (None, "https://huggingface.co/AcmeLabs/acme-lm-7b", "acme-lm", "Apache-2.0"),
    ("acme", "Acme LM", "acme-lm", "Apache-2.0"),  # by family name
])
def test_teacher_models_are_recognised_as_model_families(index, provider, model, expected, licence):
    found = index.recognise_model(provider=provider, model=model)
    assert isinstance(found, Recognition) and (found.entry.id, found.licence) == (expected, licence)


@pytest.mark.parametrize("provider,model", [(None, "Acme/chat_synth"), ("acme", "Acme Chat Synth"), ("openai", "gpt-4o"), (None, "AcmeLabs/other-7b")])
def test_teacher_models_never_match_datasets_or_unknown_hub_ids(index, provider, model):
    assert index.recognise_model(provider=provider, model=model) is None


def test_shared_url_is_a_near_miss(index):
    found = index.recognise(url="https://example.org/shared/")
    assert isinstance(found, NearMiss) and found.reason == "shared URL"


@pytest.mark.parametrize("name,url", [("totally unrelated", None), ("chat", None), (None, "https://example.org/other"), ("Acme/unknown", None)])
def test_unknown_is_none(index, name, url):
    assert index.recognise(name=name, url=url) is None


def test_hf_id_in_ignores_hosts_and_hub_pages():
    assert hf_id_in("example.org/alpaca") is None
    assert hf_id_in("https://huggingface.co/docs/hub") is None
    assert hf_id_in("https://hf.co/datasets/a/b?x=1") == ("a/b", "datasets")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_recognise_never_crashes(text):
    index = Index(load_registry(folder=TINY))
    found = index.recognise(name=text, url=text)
    assert found is None or isinstance(found, (Recognition, NearMiss))
    url_key(text)
    model = index.recognise_model(provider=text[:9] or None, model=text[9:] or None)
    assert model is None or (isinstance(model, Recognition) and model.entry.kind == "model") or (
        isinstance(model, NearMiss) and all(e.kind == "model" for e in model.candidates))


def test_override_replaces_an_entry_visibly(tmp_path):
    fix = tmp_path / "ours.yaml"
    fix.write_text(
        "entries:\n  - id: acme--seed\n    kind: dataset\n    names: [Acme Seed Questions]\n    hf_ids: [Acme/seed]\n"
        "    licence: CC0-1.0\n    licence_basis: repository\n    sources: [https://acme.example/contract]\n    verified: 2026-12-01\n"
    )
    registry = load_registry([fix], folder=TINY)
    assert registry.get("acme--seed").licence == "CC0-1.0"
    assert [(o.id, o.file, o.replaced) for o in registry.overrides] == [("acme--seed", str(fix), "tiny.yaml")]


def test_bad_registry_file_names_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: x\n    kind: dataset\n    names: [X]\n    licence: MIT\n    licence_basis: card\n"
                   "    sources: [https://x.example]\n    verified: 2026-12-01\n    licnce: MIT\n")
    with pytest.raises(AuditorError) as exc:
        load_registry([bad], folder=TINY)
    text = str(exc.value)
    assert "bad.yaml" in text and ":9" in text and "licnce" in text


def test_duplicate_ids_across_built_in_files_are_errors(tmp_path):
    (tmp_path / "a.yaml").write_text((TINY / "tiny.yaml").read_text())
    (tmp_path / "b.yaml").write_text((TINY / "tiny.yaml").read_text())
    with pytest.raises(AuditorError, match="already used"):
        load_registry(folder=tmp_path)


def test_validation_finds_problems(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "entries:\n  - id: x\n    kind: dataset\n    names: [X]\n    hf_ids: [Acme/seed]\n    licence: LicenseRef-Nobody-Knows\n"
        "    licence_basis: card\n    derived_from: [missing-parent]\n    generated_by: [nobody/model-1]\n"
        "    sources: [https://x.example]\n    verified: 2026-12-01\n"
    )
    (tmp_path / "y.yaml").write_text((TINY / "tiny.yaml").read_text())
    report = validate(load_registry(folder=tmp_path), {"openai"})
    joined = "\n".join(report.problems)
    assert "LicenseRef-Nobody-Knows" in joined and "missing-parent" in joined and "also claimed" in joined
    assert any("nobody" in n for n in report.notes)


def test_shipped_registry_is_valid(builtin_policies):
    registry = load_registry()
    report = validate(registry, set(builtin_policies.providers))
    assert report.problems == []
    assert len(registry.entries) >= 800


def test_build_script_check_passes_on_the_shipped_registry():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_registry.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stdout


def test_hf_card_datasets_go_through_the_registry(tmp_path):
    """A card's datasets list carries no licence: the registry's licence and generator apply."""
    import json as _json

    from click.testing import CliRunner

    from auditor.cli import cli

    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\ndatasets:\n  - tatsu-lab/alpaca\nbase_model: AcmeLabs/acme-lm-7b\n---\n# m\n")
    result = CliRunner().invoke(cli, ["check", str(card), "--format", "json", "--registry", str(TINY / "tiny.yaml")])
    findings = _json.loads(result.output)["findings"]
    rules = {(f["rule"], f["subject"]) for f in findings}
    assert ("AUD201", "data_sources[0]") in rules and ("AUD910", "data_sources[0]") in rules
    assert not any(f["rule"] in ("AUD701", "AUD702") and f["subject"] == "data_sources[0]" for f in findings)
    assert not any(f["rule"] in ("AUD701", "AUD702") and "acme-lm" in f["title"] for f in findings)  # base model known


def test_reports_show_the_override_and_its_file(tmp_path):
    import json as _json

    from click.testing import CliRunner

    from auditor.cli import cli

    fix = tmp_path / "ours.yaml"
    fix.write_text(
        "entries:\n  - id: tatsu-lab--alpaca\n    kind: dataset\n    names: [Alpaca]\n    hf_ids: [tatsu-lab/alpaca]\n"
        "    licence: CC0-1.0\n    licence_basis: repository\n    sources: [https://acme.example/contract]\n    verified: 2026-12-01\n"
    )
    manifest = tmp_path / "m.yaml"
    manifest.write_text("apiVersion: auditor/v1\nmodel: {name: m, use: research, release: none}\n"
                        "data_sources:\n  - {id: a, url: 'https://huggingface.co/datasets/tatsu-lab/alpaca'}\n")
    data = _json.loads(CliRunner().invoke(cli, ["check", str(manifest), "--format", "json", "--registry", str(fix)]).output)
    assert data["registry_overrides"] == [{"id": "tatsu-lab--alpaca", "file": str(fix), "replaced": "generated/dpi.yaml"}]
    assert not any(f["rule"] in ("AUD201", "AUD910") for f in data["findings"])  # the corrected entry is what applies
    assert any(n.startswith(f"Registry override: tatsu-lab--alpaca from {fix}") for n in data["notices"])
    for fmt in ("text", "markdown", "html", "sarif", "junit"):  # every format names the override and its file
        out = CliRunner().invoke(cli, ["check", str(manifest), "--format", fmt, "--registry", str(fix)]).output.replace("\\", "")  # Markdown escapes punctuation
        assert "tatsu-lab--alpaca" in out and fix.name in out, fmt
