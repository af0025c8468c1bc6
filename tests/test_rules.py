"""Rule behaviour beyond firing and staying quiet: severity cases, lineage, evidence, message texts.

The plain fire/quiet case of every rule lives beside it in tests/rules/AUDnnn.yaml
(run by tests/test_rule_fixtures.py); this file keeps what a fixture cannot say."""

from __future__ import annotations

import pytest

from audit_helpers import manifest, rules_fired, source, teacher
from auditor.errors import AuditorError
from auditor.facts import DocClause, Inputs

RELEASED = {"use": "commercial", "release": "open-weights"}
INTERNAL = {"use": "research", "release": "none"}


def fired(policies, rule, **kwargs):
    return rules_fired(manifest(**kwargs), policies).get(rule, [])


# ---- distillation-ban ---------------------------------------------------------

def test_aud101_api_teacher_used_for_synthetic_data_is_critical_when_released(builtin_policies):
    found = fired(builtin_policies, "AUD101", model=RELEASED, teachers=[teacher("openai", "gpt-4o", "synthetic-data")])
    assert [f.severity.value for f in found] == ["critical"]
    assert found[0].evidence[0].policy == "openai-business-terms"
    assert found[0].certainty == "uncertain"  # "compete" needs judgement


def test_aud101_training_ban_for_internal_research_is_lower(builtin_policies):
    found = fired(builtin_policies, "AUD101", model=INTERNAL, teachers=[teacher("microsoft", "copilot", "labeling")])
    assert [f.severity.value for f in found] == ["high"]
    found = fired(builtin_policies, "AUD101", model=INTERNAL, teachers=[teacher("openai", "gpt-4o", "labeling")])
    assert [f.severity.value for f in found] == ["medium"]  # competing-models only, not released


@pytest.mark.parametrize(
    "provider,model",
    [("deepseek", "deepseek-r1"), ("meta", "llama-3.1-8b-instruct"), ("cohere", "command-r"), ("mistral", "mixtral-8x7b")],
)
def test_aud101_quiet_when_terms_permit_or_do_not_ban(builtin_policies, provider, model):
    assert fired(builtin_policies, "AUD101", teachers=[teacher(provider, model, "distillation")]) == []


@pytest.mark.parametrize("provider,model", [("meta", "llama-2-70b-chat"), ("alibaba", "qwen-72b-chat"), ("x.ai", "grok-2"), ("Anthropic", "claude-3-5-sonnet"), ("google", "gemini-1.5-pro")])
def test_aud101_fires_for_banning_terms(builtin_policies, provider, model):
    assert len(fired(builtin_policies, "AUD101", teachers=[teacher(provider, model, "distillation")])) == 1


def test_aud102_evaluation_only_is_info_and_replaces_aud101(builtin_policies):
    got = rules_fired(manifest(teachers=[teacher("openai", "gpt-4o", "evaluation")]), builtin_policies)
    assert [f.severity.value for f in got["AUD102"]] == ["info"]
    assert "AUD101" not in got
    assert fired(builtin_policies, "AUD102", teachers=[teacher("deepseek", "deepseek-r1", "evaluation")]) == []


def test_aud103_lineage_carries_generator_terms_transitively(builtin_policies):
    sources = [
        source("alpaca", "CC-BY-NC-4.0", generated_by=["openai/text-davinci-003"]),
        source("cleaned", "Apache-2.0", derived_from=["alpaca"]),
        source("mix", "MIT", derived_from=["cleaned"]),
        source("clean", "MIT"),
    ]
    found = fired(builtin_policies, "AUD103", data_sources=sources)
    assert sorted(f.subject_id for f in found) == ["alpaca", "cleaned", "mix"]
    mix = next(f for f in found if f.subject_id == "mix")
    assert "data_sources[1]" in mix.message and "data_sources[0]" in mix.message


def test_aud103_quiet_for_permissive_generator(builtin_policies):
    sources = [source("r1", "MIT", generated_by=["deepseek/deepseek-r1"]), source("d", "MIT", derived_from=["r1"])]
    assert fired(builtin_policies, "AUD103", data_sources=sources) == []


def test_generated_by_a_manifest_teacher_uses_its_terms(builtin_policies):
    found = fired(
        builtin_policies, "AUD103",
        teachers=[teacher("xai", "grok-2", "synthetic-data", id="grok")],
        data_sources=[source("synth", "MIT", generated_by=["grok"])],
    )
    assert len(found) == 1 and found[0].evidence[0].policy == "xai-terms"


def test_lineage_cycle_is_a_clear_error(builtin_policies):
    sources = [source("a", "MIT", derived_from=["b"]), source("b", "MIT", derived_from=["c"]), source("c", "MIT", derived_from=["a"])]
    with pytest.raises(AuditorError, match="cycle: .*a -> b -> c -> a|cycle"):
        rules_fired(manifest(data_sources=sources), builtin_policies)


# ---- non-commercial -----------------------------------------------------------

def test_aud201_non_commercial_flows_downstream(builtin_policies):
    sources = [source("nc", "CC-BY-NC-SA-4.0"), source("d", "MIT", derived_from=["nc"])]
    assert {f.subject_id for f in fired(builtin_policies, "AUD201", model=RELEASED, data_sources=sources)} == {"nc", "d"}


def test_research_only_data_gets_one_finding_not_two(builtin_policies):
    got = rules_fired(manifest(model=RELEASED, data_sources=[source("a", "research only"), source("b", "CC-BY-NC-4.0", derived_from=["a"])]), builtin_policies)
    assert [f.subject_id for f in got["AUD202"]] == ["a", "b"]
    assert "AUD201" not in got  # b's non-commercial licence is cited by AUD202 instead
    assert {e.policy for e in got["AUD202"][1].evidence} >= {"licence-cc-by-nc", "licence-research-only"}


def test_spdx_or_takes_least_restrictive_branch_and_and_carries_all(builtin_policies):
    assert fired(builtin_policies, "AUD201", model=RELEASED, data_sources=[source("a", "CC-BY-NC-4.0 OR MIT")]) == []
    assert len(fired(builtin_policies, "AUD201", model=RELEASED, data_sources=[source("a", "CC-BY-NC-4.0 AND MIT")])) == 1


# ---- share-alike / no-derivatives -----------------------------------------------

# ---- attribution / naming ---------------------------------------------------------

def test_aud401_attribution_once_for_the_model_listing_sources(builtin_policies):
    sources = [source("c", "CC-BY-4.0"), source("m", "MIT"), source("n", "CC-BY-4.0"), source("p", "CC0-1.0")]
    found = fired(builtin_policies, "AUD401", model=RELEASED, data_sources=sources)
    assert len(found) == 1 and found[0].subject == "model"
    assert "3 data sources" in found[0].title
    assert "licence-cc-by: c, n" in found[0].message and "licence-mit: m" in found[0].message
    assert {e.policy for e in found[0].evidence} == {"licence-cc-by", "licence-mit"}
    assert fired(builtin_policies, "AUD401", model=INTERNAL, data_sources=sources) == []
    assert fired(builtin_policies, "AUD401", model=RELEASED, data_sources=[source("p", "CC0-1.0")]) == []


def test_aud402_llama_naming(builtin_policies):
    llama = [teacher("meta", "llama-3.1-70b-instruct", "distillation")]
    assert [f.severity.value for f in fired(builtin_policies, "AUD402", model=RELEASED, teachers=llama)] == ["high"]
    assert fired(builtin_policies, "AUD402", model={**RELEASED, "name": "Llama-acme-7b"}, teachers=llama) == []
    assert fired(builtin_policies, "AUD402", model=INTERNAL, teachers=llama) == []


def test_aud403_naming_via_generated_data(builtin_policies):
    data = [source("s", "MIT", generated_by=["meta/llama-3.3-70b-instruct"]), source("t", "MIT", derived_from=["s"])]
    found = fired(builtin_policies, "AUD403", model=RELEASED, data_sources=data)
    assert len(found) == 1 and found[0].subject == "model" and "s, t" in found[0].message
    assert fired(builtin_policies, "AUD403", model={**RELEASED, "name": "llama-acme"}, data_sources=data) == []


# ---- use restrictions and scale -------------------------------------------------------

def test_api_usage_policies_govern_the_service_and_do_not_pass_down(builtin_policies):
    """A usage policy (scope: service) binds use of the API, not a model trained on its outputs."""
    for provider, model in [("anthropic", "claude-3-5-sonnet"), ("mistral", "mistral-large-latest"), ("cohere", "command-r")]:
        assert fired(builtin_policies, "AUD501", model=RELEASED, teachers=[teacher(provider, model, "distillation")]) == []
    data = [source("s", "MIT", generated_by=["mistral/mistral-large-latest"])]
    assert fired(builtin_policies, "AUD502", model=RELEASED, data_sources=data) == []


def test_aud502_use_restrictions_from_data(builtin_policies):
    found = fired(builtin_policies, "AUD502", model=RELEASED, data_sources=[source("s", "openrail++"), source("t", "MIT")])
    assert len(found) == 1 and found[0].subject == "model" and found[0].severity.value == "medium"
    assert fired(builtin_policies, "AUD502", model=RELEASED, data_sources=[source("s", "MIT")]) == []


def test_aud503_scale_threshold(builtin_policies):
    llama = [teacher("meta", "llama-3.1-8b", "distillation")]
    assert [f.severity.value for f in fired(builtin_policies, "AUD503", model={**RELEASED, "monthly_active_users": 800_000_000}, teachers=llama)] == ["critical"]
    assert fired(builtin_policies, "AUD503", model={**RELEASED, "monthly_active_users": 1_000}, teachers=llama) == []
    qwen = [teacher("qwen", "qwen-72b-chat", "evaluation")]
    assert len(fired(builtin_policies, "AUD503", model={**RELEASED, "monthly_active_users": 150_000_000}, teachers=qwen)) == 1


# ---- copyright ---------------------------------------------------------------------------

def material(**extra):
    return [{"id": "books", "description": "novels", **extra}]


def test_aud602_fair_use(builtin_policies):
    assert [f.severity.value for f in fired(builtin_policies, "AUD602", copyrighted_material=material(permission="fair-use-claimed", jurisdiction="DE"))] == ["high"]
    assert [f.severity.value for f in fired(builtin_policies, "AUD602", copyrighted_material=material(permission="fair-use-claimed", jurisdiction="US"))] == ["medium"]
    assert fired(builtin_policies, "AUD602", copyrighted_material=material(permission="licensed")) == []


def test_aud603_tdm_opt_out(builtin_policies):
    eu = material(permission="none", jurisdiction="EU", tdm_opt_out_respected=False)
    assert [f.severity.value for f in fired(builtin_policies, "AUD603", copyrighted_material=eu)] == ["high"]
    ok = material(permission="none", jurisdiction="EU", tdm_opt_out_respected=True)
    assert fired(builtin_policies, "AUD603", copyrighted_material=ok) == []
    us = material(permission="none", jurisdiction="US", tdm_opt_out_respected=False)
    assert fired(builtin_policies, "AUD603", copyrighted_material=us) == []


# ---- unknown licence / provider ----------------------------------------------------------

@pytest.mark.parametrize("text", ["see website", "other", "Frobnicate Public Licence 9"])
def test_aud702_unrecognised_licence(builtin_policies, text):
    assert len(fired(builtin_policies, "AUD702", data_sources=[source("x", text)])) == 1


@pytest.mark.parametrize("text", ["unknown", "NOASSERTION", "not specified", "TBD"])
def test_aud713_undetermined_licence_is_unknown_not_unrecognised(builtin_policies, text):
    assert len(fired(builtin_policies, "AUD713", data_sources=[source("x", text)])) == 1
    assert fired(builtin_policies, "AUD702", data_sources=[source("x", text)]) == []


def test_aud704_unknown_provider_is_a_finding_not_a_crash(builtin_policies):
    assert len(fired(builtin_policies, "AUD704", teachers=[teacher("frobnicate-ai", "frob-1", "distillation")])) == 1
    assert len(fired(builtin_policies, "AUD704", teachers=[teacher("meta", "some-unknown-model", "distillation")])) == 1
    assert fired(builtin_policies, "AUD704", teachers=[teacher("OpenAI", "gpt-4o", "distillation")]) == []


def test_aud710_confusable_teacher_keeps_its_critical(builtin_policies):
    got = rules_fired(manifest(model=RELEASED, teachers=[teacher("\u041epenai", "gpt-4o", "distillation")]), builtin_policies)
    assert "AUD710" in got and got["AUD101"][0].severity.value == "critical"
    assert "AUD710" not in rules_fired(manifest(teachers=[teacher("Openai", "gpt-4o", "distillation")]), builtin_policies)


def test_aud711_confusable_data_source(builtin_policies):
    assert "AUD711" in rules_fired(manifest(data_sources=[source("w\u0456ki", "MIT")]), builtin_policies)
    assert "AUD711" not in rules_fired(manifest(data_sources=[source("wiki\u00e9", "MIT")]), builtin_policies)


# ---- conflicts and drift ---------------------------------------------------------------------

def _doc(*categories):
    return tuple(DocClause(c, "4.2", 3, f"text for {c}", "terms/x.pdf") for c in categories)


def test_aud901_document_adds_ban_the_pack_lacks(builtin_policies):
    data = manifest(teachers=[teacher("mistral", "mistral-large-latest", "distillation", terms="t.md")])
    inputs = Inputs(terms={"teachers[0]": _doc("model-training-ban")})
    got = rules_fired(data, builtin_policies, inputs)
    assert got["AUD901"][0].severity.value == "high"
    assert "AUD101" in got  # the document's clause drives the ban, quoted
    assert got["AUD101"][0].evidence[0].document == "terms/x.pdf" and got["AUD101"][0].evidence[0].page == 3
    quiet = Inputs(terms={"teachers[0]": _doc("output-ownership")})
    assert "AUD901" not in rules_fired(data, builtin_policies, quiet)


# ---- what the registry knows (policies/rules/registry.yaml) ---------------------

from pathlib import Path  # noqa: E402

TINY_REGISTRY = Path(__file__).parent / "registry" / "tiny.yaml"


def registry_fired(policies, rule, sources, overrides=(TINY_REGISTRY,), **kwargs):
    from auditor.manifest import parse_manifest
    from auditor.registry.known import recognise_all

    data = manifest(data_sources=sources, **kwargs)
    known = recognise_all(parse_manifest(data, source="test.yaml"), tuple(overrides)).sources
    return rules_fired(data, policies, Inputs(known=known)).get(rule, [])


def test_aud707_declared_licence_contradicts_the_registry(builtin_policies):
    found = registry_fired(builtin_policies, "AUD707", [source("s", "MIT", url="https://huggingface.co/datasets/Acme/chat_synth")])
    assert [f.severity.value for f in found] == ["high"]
    assert any(e.registry == "acme--chat-synth" and e.url for e in found[0].evidence)
    assert "rests on the registry" in found[0].message
    # the stricter reading applies: the registry's non-commercial licence fires too
    assert registry_fired(builtin_policies, "AUD201", [source("s", "MIT", url="https://huggingface.co/datasets/Acme/chat_synth")])


def test_silent_licence_comes_from_the_registry(builtin_policies):
    sources = [source("s", name="acme/CHAT_SYNTH")]
    assert registry_fired(builtin_policies, "AUD701", sources) == []  # no "licence missing": the registry knows it
    nc = registry_fired(builtin_policies, "AUD201", sources)
    assert nc and nc[0].evidence[0].registry == "acme--chat-synth"
    # a parent known to the registry passes its share-alike licence down
    assert registry_fired(builtin_policies, "AUD301", sources)


def test_aud708_near_miss_is_info_and_applies_nothing(builtin_policies):
    found = registry_fired(builtin_policies, "AUD708", [source("s", name="Acme Chat Synt")])
    assert [f.severity.value for f in found] == ["info"] and "acme--chat-synth" in found[0].title
    assert registry_fired(builtin_policies, "AUD201", [source("s", name="Acme Chat Synt")]) == []
    assert registry_fired(builtin_policies, "AUD708", [source("s", name="Acme Chat Synth")]) == []


def test_aud910_known_generator_not_declared(builtin_policies):
    found = registry_fired(builtin_policies, "AUD910", [source("s", "CC-BY-NC-4.0", name="AcmeSynth")])
    assert [f.severity.value for f in found] == ["high"] and "openai/gpt-4" in found[0].title
    assert registry_fired(builtin_policies, "AUD103", [source("s", "CC-BY-NC-4.0", name="AcmeSynth")])  # its terms apply


def test_aud911_origin_human_contradicts_known_generated(builtin_policies):
    found = registry_fired(builtin_policies, "AUD911", [source("s", "CC-BY-NC-4.0", name="AcmeSynth", origin="human")])
    assert [f.severity.value for f in found] == ["medium"]
    assert registry_fired(builtin_policies, "AUD911", [source("s", "CC-BY-SA-4.0", name="Acme Seed Questions", origin="human")]) == []


def test_aud605_known_copyright_problem_without_copyrighted_material(builtin_policies):
    found = registry_fired(builtin_policies, "AUD605", [source("s", url="https://huggingface.co/datasets/Acme/books")])
    assert [f.severity.value for f in found] == ["high"] and found[0].certainty == "uncertain"
    assert registry_fired(builtin_policies, "AUD605", [source("s", name="Acme Seed Questions")]) == []


def test_a_wrong_entry_is_corrected_by_an_override_file_visibly(builtin_policies, tmp_path):
    fix = tmp_path / "corrections.yaml"
    fix.write_text(
        "entries:\n  - id: acme--chat-synth\n    kind: dataset\n    names: [Acme Chat Synth]\n    hf_ids: [Acme/chat_synth]\n"
        "    licence: MIT\n    licence_basis: repository\n    origin: human\n    sources: [https://acme.example/relicensing]\n"
        "    verified: 2026-12-01\n"
    )
    sources = [source("s", "CC-BY-NC-4.0", name="Acme/chat_synth")]
    found = registry_fired(builtin_policies, "AUD707", sources, overrides=(TINY_REGISTRY, fix))
    assert found and "MIT" in found[0].title
    note = next(e.note for e in found[0].evidence if e.registry)
    assert str(fix) in note and "override" in note
    assert registry_fired(builtin_policies, "AUD910", sources, overrides=(TINY_REGISTRY, fix)) == []


def test_registry_keeps_the_clause_own_doubt(builtin_policies):
    """A known generator's 'competing' ban stays uncertain when applied from the registry."""
    found = registry_fired(builtin_policies, "AUD103", [source("s", "CC-BY-NC-4.0", name="AcmeSynth")])
    assert found[0].certainty == "uncertain"


def test_aud903_period_older_than_every_known_version(builtin_policies):
    old = teacher("openai", "text-davinci-003", "synthetic-data", used={"from": "2019-01-01", "until": "2019-12-31"})
    found = fired(builtin_policies, "AUD903", model=RELEASED, teachers=[old])
    assert [f.severity.value for f in found] == ["medium"] and found[0].certainty == "uncertain"
    assert "oldest known is version 2023-03-14" in found[0].message
    covered = teacher("openai", "text-davinci-003", "synthetic-data", used={"from": "2024-02-01", "until": "2024-03-01"})
    assert fired(builtin_policies, "AUD903", model=RELEASED, teachers=[covered]) == []
    assert fired(builtin_policies, "AUD903", model=RELEASED, teachers=[teacher("openai", "gpt-4o", "synthetic-data")]) == []
