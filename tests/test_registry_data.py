"""The shipped registry's data: well-known datasets and models resolve with the facts their cards state.

Written against registry/ as shipped (curated files and the DPI-generated file), so a curation
slip (an id given to the wrong entry, a lost variant, a dropped copyright note) fails here.
"""

from __future__ import annotations

import pytest

from auditor.licences import fallback_categories, identify
from auditor.registry import Index, Recognition, load_registry


@pytest.fixture(scope="module")
def shipped() -> Index:
    return Index(load_registry())


def known(index: Index, name: str) -> Recognition:
    found = index.recognise(name=name)
    assert isinstance(found, Recognition), f"{name}: {found!r}"
    return found


@pytest.mark.parametrize("hf_id,entry_id,licence", [
    ("HuggingFaceFW/fineweb", "fineweb", "ODC-By-1.0"),
    ("HuggingFaceFW/fineweb-edu", "fineweb-edu", "ODC-By-1.0"),
    ("EleutherAI/pile", "the-pile", "NOASSERTION"),
    ("EleutherAI/the_pile_deduplicated", "the-pile-deduplicated", "NOASSERTION"),
    ("monology/pile-uncopyrighted", "pile-uncopyrighted", "NOASSERTION"),
    ("openai/openai_humaneval", "openai-humaneval", "MIT"),
    ("bigcode/the-stack", "the-stack", "LicenseRef-The-Stack-Terms"),
    ("ILSVRC/imagenet-1k", "imagenet", "LicenseRef-ImageNet-Terms"),
])
def test_well_known_datasets_resolve_with_their_licence(shipped, hf_id, entry_id, licence):
    found = known(shipped, hf_id)
    assert (found.entry.id, found.how, found.licence) == (entry_id, "hf-id", licence)


def test_each_pile_variant_keeps_its_own_copyright_facts(shipped):
    pile = known(shipped, "EleutherAI/pile").entry
    assert "books3" in pile.derived_from and "Books3" in (pile.copyright or "")
    assert "Books3" in (known(shipped, "EleutherAI/the_pile_deduplicated").entry.copyright or "")
    assert known(shipped, "monology/pile-uncopyrighted").entry.derived_from == ["the-pile"]


def test_books3_carries_its_copyright_note(shipped):
    books3 = known(shipped, "Books3").entry
    assert books3.kind == "dataset" and books3.origin == "scraped"
    assert "Bibliotik" in (books3.copyright or "") and "takedown" in (books3.copyright or "")


@pytest.mark.parametrize("hf_id,licence", [
    ("Qwen/Qwen2.5-3B-Instruct", "LicenseRef-Qwen-Research"),
    ("Qwen/Qwen2.5-72B-Instruct", "LicenseRef-Qwen"),
    ("Qwen/Qwen2.5-7B-Instruct", "Apache-2.0"),
])
def test_qwen_sizes_get_their_own_licence(shipped, hf_id, licence):
    found = known(shipped, hf_id)
    assert (found.entry.id, found.licence) == ("qwen-2.5", licence)


@pytest.mark.parametrize("written,licence,category", [
    ("ImageNet Terms of Access", "LicenseRef-ImageNet-Terms", "non-commercial"),
    ("SA-1B research license", "LicenseRef-SA-1B-Research", "research-only"),
    ("OPT-175B License Agreement", "LicenseRef-OPT-175B", "research-only"),
    ("Panda-70M license", "LicenseRef-Snap-Panda-70M", "non-commercial"),
    ("Common Crawl Terms of Use", "LicenseRef-Common-Crawl-Terms", "use-restriction"),
    ("Terms of Use for The Stack", "LicenseRef-The-Stack-Terms", "attribution"),
    ("Kimi K2 license", "LicenseRef-Modified-MIT-Kimi", "scale-threshold"),
])
def test_registry_terms_resolve_and_carry_their_main_clauses(written, licence, category):
    assert identify(licence).spdx == licence and identify(written).spdx == licence
    assert category in (fallback_categories(licence) or set())


def test_a_research_only_model_is_not_read_as_permissive(shipped):
    opt = known(shipped, "facebook/opt-1.3b")
    assert opt.licence == "LicenseRef-OPT-175B"
    assert {"research-only", "non-commercial"} <= (fallback_categories(opt.licence) or set())


@pytest.mark.parametrize("hf_id,licence", [
    ("THUDM/glm-4-9b-chat", "LicenseRef-GLM-4"),
    ("THUDM/glm-4v-9b", "LicenseRef-GLM-4"),
    ("THUDM/GLM-4-32B-0414", "MIT"),
    ("THUDM/chatglm3-6b", "LicenseRef-ChatGLM"),
])
def test_glm_releases_get_the_licence_their_card_names(shipped, hf_id, licence):
    """The 0414 releases moved to MIT; the older glm-4 pattern must not swallow them."""
    assert known(shipped, hf_id).licence == licence


def test_zyda_takes_the_uncopyrighted_pile_not_books3(shipped):
    zyda = known(shipped, "Zyphra/Zyda").entry
    assert "pile-uncopyrighted" in zyda.derived_from and "the-pile" not in zyda.derived_from


def test_generators_the_cards_name_are_recorded(shipped):
    assert "alibaba/qwq-32b" in known(shipped, "open-thoughts/OpenThoughts3-1.2M").entry.generated_by
    assert "google/bard" in known(shipped, "openbmb/UltraFeedback").entry.generated_by
    assert "sa-1b" in known(shipped, "Lin-Chen/ShareGPT4V").entry.derived_from


def test_llama_4_records_the_eu_carve_out_for_multimodal_models(shipped):
    assert "EU" in (known(shipped, "meta-llama/Llama-4-Scout-17B-16E-Instruct").entry.copyright or "")


@pytest.mark.parametrize("hf_id,licence", [
    ("Qwen/Qwen2-72B-Instruct", "LicenseRef-Tongyi-Qianwen"),
    ("Qwen/Qwen2-VL-72B-Instruct", "LicenseRef-Tongyi-Qianwen"),
    ("Qwen/Qwen2-7B-Instruct", "Apache-2.0"),
])
def test_qwen2_72b_keeps_the_older_tongyi_qianwen_licence(shipped, hf_id, licence):
    """Qwen2's 72B cards name tongyi-qianwen; the later Qwen licence only came with Qwen2.5."""
    assert known(shipped, hf_id).licence == licence


def test_plain_wikipedia_names_the_dump_and_the_dated_snapshot_keeps_its_own_ids(shipped):
    """"Wikipedia" was a shared-name near miss: the 20220301 snapshot's repos are both named "wikipedia"."""
    found = known(shipped, "Wikipedia")
    assert (found.entry.id, found.licence) == ("wikipedia", "CC-BY-SA-4.0")
    assert "GFDL-1.3-only" in [o.licence for o in found.entry.other_licences]
    for written in ("olm/wikipedia", "graelo/wikipedia", "wikipedia-20220301"):
        assert known(shipped, written).entry.id == "wikipedia-20220301"


def test_alpaca_cleaned_is_known_and_inherits_alpaca(shipped):
    found = known(shipped, "yahma/alpaca-cleaned")
    assert (found.entry.id, found.how) == ("alpaca-cleaned", "hf-id")
    assert found.entry.derived_from == ["tatsu-lab--alpaca"]
    assert "openai/text-davinci-003" in found.entry.generated_by
    assert "CC-BY-NC-4.0" in [o.licence for o in found.entry.other_licences]  # the other card revision
    assert known(shipped, "tatsu-lab/alpaca").licence == "CC-BY-NC-4.0"  # flows downstream to the copy


@pytest.mark.parametrize("name,url,entry_id", [
    ("tatsu-lab/alpaca", None, "tatsu-lab--alpaca"),
    ("vicgalle/alpaca-gpt4", None, "alpaca-gpt4-vicgalle"),
    ("teknium/GPT4-LLM-Cleaned", None, "teknium--gpt4-llm-cleaned"),
    ("GPT-4 Alpaca data", "https://github.com/Instruction-Tuning-with-GPT-4/GPT-4-LLM", "teknium--gpt4-llm-cleaned"),
    ("Alpaca Cleaned", None, "alpaca-cleaned"),
])
def test_widely_used_alpaca_variants_are_recognised(shipped, name, url, entry_id):
    found = shipped.recognise(name=name, url=url, kind="dataset")
    assert isinstance(found, Recognition) and found.entry.id == entry_id, found


@pytest.mark.parametrize("hf_id,entry_id", [
    ("HuggingFaceH4/ultrachat_200k", "huggingfaceh4--ultrachat_200k"),
    ("stingning/ultrachat", "stingning--ultrachat"),
])
def test_ultrachat_takes_the_card_mit_and_keeps_dpi_non_commercial_reading(shipped, hf_id, entry_id):
    """The cards say MIT; DPI read CC BY-NC 4.0 from an early UltraChat README. Both are kept, and
    the ChatGPT generator still carries OpenAI's terms."""
    found = known(shipped, hf_id)
    assert (found.entry.id, found.licence, found.entry.licence_basis) == (entry_id, "MIT", "card")
    assert "CC-BY-NC-4.0" in [o.licence for o in found.entry.other_licences]
    assert "DPI" in (found.entry.uncertain or "") and "openai/gpt-3.5-turbo" in found.entry.generated_by


def test_ultrafeedback_binarisations_carry_their_card_licence(shipped):
    for hf_id in ("HuggingFaceH4/ultrafeedback_binarized", "argilla/ultrafeedback-binarized-preferences-cleaned"):
        found = known(shipped, hf_id)
        assert found.licence == "MIT" and "openbmb-ultrafeedback" in found.entry.derived_from


def test_ultrafeedback_takes_its_card_licence(shipped):
    """It was NOASSERTION, so every recognised UltraFeedback source read as an unknown licence."""
    found = known(shipped, "openbmb/UltraFeedback")
    assert (found.licence, found.entry.licence_basis) == ("MIT", "card")
    assert {"openai/gpt-4", "google/bard"} <= set(found.entry.generated_by)


@pytest.mark.parametrize("hf_id,generators", [
    ("nickrosh/Evol-Instruct-Code-80k-v1", {"openai/gpt-3.5-turbo"}),
    ("m-a-p/Code-Feedback", {"openai/gpt-3.5-turbo", "openai/gpt-4"}),
    ("PKU-Alignment/PKU-SafeRLHF", {"pku-alignment/alpaca2-7b", "pku-alignment/alpaca3-8b"}),
])
def test_generators_found_on_recheck_are_recorded(shipped, hf_id, generators):
    """These were recorded without generators although their repositories or papers name them."""
    assert generators <= set(known(shipped, hf_id).entry.generated_by)


def test_redpajama_sample_is_not_read_as_apache_and_keeps_its_books_slice(shipped):
    """The sample's card has no licence tag (Apache-2.0 is only its loading script) and it still
    ships book_sample.jsonl, cut from the Books3-bearing Books slice."""
    found = known(shipped, "togethercomputer/RedPajama-Data-1T-Sample")
    assert found.licence == "NOASSERTION" and "Books3" in (found.entry.copyright or "")
    assert "Apache-2.0" in [o.licence for o in found.entry.other_licences]


def test_institutional_books_terms_are_non_commercial(shipped):
    found = known(shipped, "institutional/institutional-books-1.0")
    assert found.licence == "LicenseRef-Research-Only"
    assert "non-commercial" in (fallback_categories(found.licence) or set())


def test_rechecked_parents_and_card_facts(shipped):
    assert "starcoderdata" in known(shipped, "allenai/olmo-mix-1124").entry.derived_from
    assert "bigquery-github" in known(shipped, "RedPajama GitHub").entry.derived_from
    assert known(shipped, "lmarena-ai/arena-hard-auto-v0.1").licence == "Apache-2.0"
    assert "MIT" in [o.licence for o in known(shipped, "PleIAs/common_corpus").entry.other_licences]
    assert "unavailab" in (known(shipped, "bookcorpusopen").entry.copyright or "")  # defunct, not a takedown
    assert "LLM" in (known(shipped, "Stack Exchange data dump").entry.copyright or "")


# Facts re-read from the cards for issue 17 (verification pass over synthetic.yaml and more.yaml).

def test_i17b_magpie_llama_31_pro_carries_its_card_llama_31_licence(shipped):
    """It was NOASSERTION ("card licence not seen"); the card tags llama3.1."""
    found = known(shipped, "Magpie-Align/Magpie-Llama-3.1-Pro-500K-Filtered")
    assert (found.licence, found.entry.licence_basis) == ("LicenseRef-Llama-3.1", "card")
    assert found.entry.generated_by == ["meta/llama-3.1-70b-instruct"]


def test_i17b_llava_instruct_keeps_the_non_commercial_card_revision(shipped):
    found = known(shipped, "liuhaotian/LLaVA-Instruct-150K")
    assert found.licence == "CC-BY-4.0" and found.entry.generated_by == ["openai/gpt-4-0314"]
    old = [o for o in found.entry.other_licences if o.licence == "CC-BY-NC-4.0"]
    assert old and "9d451dc" in old[0].where


def test_i17b_s1k_11_ships_the_gemini_traces_beside_the_r1_ones(shipped):
    assert set(known(shipped, "simplescaling/s1K-1.1").entry.generated_by) == {
        "deepseek/deepseek-r1", "google/gemini-2.0-flash-thinking"}
    assert known(shipped, "simplescaling/s1K").entry.generated_by == ["google/gemini-2.0-flash-thinking"]


@pytest.mark.parametrize("hf_id,parents", [
    ("open-r1/Mixture-of-Thoughts", {"codeforces-cots", "llama-nemotron-post-training-dataset"}),
    ("open-r1/OpenR1-Math-220k", {"numinamath-1.5"}),
    ("open-thoughts/OpenThoughts2-1M", {"openthoughts-114k", "openr1-math-220k"}),
    ("Skywork/Skywork-Reward-Preference-80K-v0.1", {"helpsteer2", "magpie-air-dpo-100k"}),
])
def test_i17b_mixtures_name_the_parents_their_cards_list(shipped, hf_id, parents):
    assert parents <= set(known(shipped, hf_id).entry.derived_from)


def test_i17b_kodcode_sft_sets_are_non_commercial_and_name_their_teacher(shipped):
    for hf_id, teacher in (("KodCode/KodCode-V1-SFT-4o", "openai/gpt-4o"),
                           ("KodCode/KodCode-V1-SFT-R1", "deepseek/deepseek-r1")):
        found = known(shipped, hf_id)
        assert found.licence == "CC-BY-NC-4.0" and found.entry.generated_by == [teacher]
        assert "name" in (found.entry.uncertain or "")


@pytest.mark.parametrize("hf_id,licence", [
    ("allenai/tulu-3-sft-personas-math", "ODC-By-1.0"),
    ("open-r1/codeforces", "CC-BY-4.0"),
    ("Congliu/Chinese-DeepSeek-R1-Distill-data-110k", "Apache-2.0"),
    ("MMMU/MMMU", "Apache-2.0"),
    ("facebook/belebele", "CC-BY-SA-4.0"),
    ("xlangai/DS-1000", "CC-BY-SA-4.0"),
    ("allenai/pixmo-cap-qa", "ODC-By-1.0"),
])
def test_i17d_licences_follow_the_card_tags_read(shipped, hf_id, licence):
    assert known(shipped, hf_id).licence == licence


def test_i17d_arc_agi_takes_the_repository_apache_licence(shipped):
    found = known(shipped, "ARC-AGI")
    assert found.licence == "Apache-2.0" and found.entry.licence_basis == "repository"


@pytest.mark.parametrize("hf_id,generators", [
    ("allenai/tulu-3-sft-personas-math", {"openai/gpt-4o", "anthropic/claude-3.5-sonnet"}),
    ("cruxeval-org/cruxeval", {"meta/code-llama-34b"}),
    ("TAUR-Lab/MuSR", {"openai/chatgpt"}),
])
def test_i17d_benchmarks_built_with_a_model_name_it(shipped, hf_id, generators):
    assert set(known(shipped, hf_id).entry.generated_by) == generators


@pytest.mark.parametrize("name,parents", [
    ("argilla/dpo-mix-7k", {"distilabel-intel-orca-dpo-pairs", "ultrafeedback-binarized-preferences-cleaned"}),
    ("HuggingFaceH4/aime_2024", {"aimo-validation-aime"}),
    ("BAAI/TACO", {"codeparrot--apps"}),
    ("MIMIC-IV-Note", {"mimic-iv"}),
])
def test_i17d_parents_named_by_the_cards_are_recorded(shipped, name, parents):
    assert parents <= set(known(shipped, name).entry.derived_from)


def test_i17d_mimic_records_the_credentialed_agreement_and_the_api_ban(shipped):
    mimic = known(shipped, "MIMIC-IV").entry
    assert mimic.licence == "LicenseRef-PhysioNet-Credentialed-Health-Data"
    assert "1.5.0" in (mimic.copyright or "") and "OpenAI API" in (mimic.copyright or "")


def test_i17d_hle_keeps_the_do_not_train_request(shipped):
    hle = known(shipped, "cais/hle").entry
    assert "training corpora" in (hle.copyright or "") and "canary" in (hle.copyright or "")


@pytest.mark.parametrize("old_id,entry_id", [
    ("HuggingFaceH4/ifeval", "ifeval"),
    ("SWE-bench/SWE-bench_Verified", "swe-bench-verified"),
    ("zai-org/humaneval-x", "humaneval-x"),
])
def test_i17d_moved_hub_ids_still_resolve(shipped, old_id, entry_id):
    assert known(shipped, old_id).entry.id == entry_id


def test_i17d_earlier_card_licences_stay_recorded(shipped):
    lcb = known(shipped, "livecodebench/code_generation_lite").entry
    assert any(o.licence == "Apache-2.0" and "e8e93c7" in o.where for o in lcb.other_licences)
    assert any(o.licence == "ODC-By-1.0" for o in known(shipped, "open-r1/codeforces").entry.other_licences)


# --- models.yaml and multimodal.yaml checked against their cards (issue 17, verify-c) ---

@pytest.mark.parametrize("hf_id,entry_id,licence", [
    ("mistralai/Codestral-22B-v0.1", "codestral", "LicenseRef-Mistral-Non-Production"),
    ("mistralai/Mistral-Large-Instruct-2407", "mistral-research", "LicenseRef-Mistral-Research"),
    ("facebook/opt-1.3b", "opt", "LicenseRef-OPT-175B"),
    ("FacebookAI/xlm-roberta-base", "bert", "MIT"),
    ("distilbert/distilbert-base-uncased", "distilbert", "Apache-2.0"),
    ("EleutherAI/gpt-neo-1.3B", "eleutherai-models", "MIT"),
    ("EleutherAI/pythia-6.9b", "eleutherai-models", "Apache-2.0"),
    ("mosaicml/mpt-7b-chat", "mpt", "CC-BY-NC-SA-4.0"),
    ("apple/OpenELM-270M", "apple-openelm", "LicenseRef-Apple-AMLR"),
    ("apple/OpenELM-3B", "apple-openelm", "LicenseRef-Apple-Sample-Code"),
])
def test_verify_c_model_cards_pin_their_licence(shipped, hf_id, entry_id, licence):
    found = known(shipped, hf_id)
    assert (found.entry.id, found.licence) == (entry_id, licence)


def test_verify_c_models_trained_on_generated_sets_carry_those_parents(shipped):
    """Zephyr was tuned on UltraChat and UltraFeedback, SmolLM on Cosmopedia, Dolly v2 on Dolly 15k."""
    assert {"huggingfaceh4--ultrachat_200k", "ultrafeedback-binarized-h4"} <= set(known(shipped, "HuggingFaceH4/zephyr-7b-beta").entry.derived_from)
    assert "cosmopedia" in known(shipped, "HuggingFaceTB/SmolLM-1.7B").entry.derived_from
    assert "databricks--databricks-dolly-15k" in known(shipped, "databricks/dolly-v2-12b").entry.derived_from


def test_verify_c_multimodal_terms_and_takedowns(shipped):
    relaion = known(shipped, "laion/relaion2B-multi-research-safe").entry
    assert relaion.id == "re-laion-5b" and "CSAM" in (relaion.copyright or "")
    pmd = known(shipped, "facebook/pmd").entry
    assert pmd.licence == "NOASSERTION" and "laion-400m" not in pmd.derived_from and "redcaps" in pmd.derived_from
    assert known(shipped, "HuggingFaceM4/flickr30k").entry.licence == "LicenseRef-Research-Only"
    webvid = known(shipped, "WebVid-10M").entry
    assert webvid.licence == "LicenseRef-Research-Only" and "Shutterstock" in (webvid.copyright or "")
    assert "NONE" in [o.licence for o in known(shipped, "Panda-70M").entry.other_licences]


def test_verify_c_speech_and_video_terms_read_from_their_sites(shipped):
    """WenetSpeech's CC-BY-4.0 is granted for non-commercial purposes only; CVDF hosts Kinetics clips."""
    wenet = known(shipped, "WenetSpeech").entry
    assert wenet.licence == "LicenseRef-Research-Only" and "CC-BY-4.0" in [o.licence for o in wenet.other_licences]
    assert known(shipped, "AISHELL/AISHELL-1").entry.id == "aishell-1"
    assert "CVDF" in (known(shipped, "Kinetics-700").entry.copyright or "")
    assert known(shipped, "moonshotai/Kimi-K2-Base").licence == "LicenseRef-Modified-MIT-Kimi"


def test_verify_c_mpt_instruct_follows_its_card_text_not_its_tag(shipped):
    """The mpt-7b-instruct tag says apache-2.0; its Model License section says CC-By-SA-3.0."""
    assert known(shipped, "mosaicml/mpt-7b-instruct").licence == "CC-BY-SA-3.0"
    assert known(shipped, "mosaicml/mpt-7b").licence == "Apache-2.0"
