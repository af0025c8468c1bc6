"""The trace patterns and the hyperscan prefilter, as properties over generated text."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.scan.evidence import confirm, speaks
from auditor.scan.patterns import load_traces
from auditor.scan.prefilter import default_prefilter

PROVIDERS = {
    "openai": ("ChatGPT", "OpenAI"),
    "anthropic": ("Claude", "Anthropic"),
    "google": ("Gemini", "Google"),
    "meta": ("Llama", "Meta"),
    "mistral": ("Le Chat", "Mistral AI"),
    "deepseek": ("DeepSeek-V3", "DeepSeek"),
    "alibaba": ("Qwen", "Alibaba Cloud"),
    "xai": ("Grok", "xAI"),
    "microsoft": ("Copilot", "Microsoft"),
    "cohere": ("Command R", "Cohere"),
}
filler = st.text(alphabet=st.sampled_from("abcdefghij klmnop,;"), max_size=60)


def providers_in(text: str) -> set[str | None]:
    hits, _ = confirm(text, default_prefilter().text_candidates(text), load_traces())
    return {h.provider for h in hits}


@settings(max_examples=60, deadline=None)
@given(provider=st.sampled_from(sorted(PROVIDERS)), before=filler, after=filler, curly=st.booleans())
def test_self_identification_names_the_provider(provider: str, before: str, after: str, curly: bool) -> None:
    model, maker = PROVIDERS[provider]
    sentence = f"I'm {model}, an AI assistant created by {maker}."
    if curly:
        sentence = sentence.replace("'", "\u2019")
    assert provider in providers_in(f"{before}. {sentence} {after}")


@settings(max_examples=60, deadline=None)
@given(provider=st.sampled_from(sorted(PROVIDERS)), before=filler)
def test_third_person_and_quoted_text_is_not_the_model_speaking(provider: str, before: str) -> None:
    model, maker = PROVIDERS[provider]
    assert providers_in(f"{before}. {model} is a chatbot that was created by {maker} in a lab.") == set()
    assert providers_in(f'{before}. The reply read: "I\'m {model}, an AI assistant created by {maker}."') == set()
    assert providers_in(f"I was not created by {maker}; I am not {model}.") == set()


def test_a_sentence_about_two_makers_points_to_the_speaker_only() -> None:
    assert providers_in("We are both chatbots, but I was created by Meta, while ChatGPT was developed by OpenAI.") == {"meta"}


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_every_pattern_match_is_found_by_its_anchors(seed: int) -> None:
    """Anchor completeness: the prefilter never drops a row that a pattern would match."""
    traces = load_traces()
    samples = [
        "As an AI language model, I cannot do that.",
        "I'm just an AI, so no opinions here.",
        "As of my last knowledge update in 2023, nothing changed.",
        "I am based on the GPT-4 architecture.",
        "My abilities have improved a lot compared to GPT-3.",
        "That goes against OpenAI's use case policy.",
        "I aim to be helpful, harmless, and honest.",
        "As a responsible AI language model, I must decline.",
        "I'm a text-based AI, and that is outside of my capabilities.",
        "Google DeepMind trained me on public data.",
        "I'm sorry, but I can't assist with that.",
        "<think>\nThe user wants a sum.",
    ]
    text = samples[seed % len(samples)]
    found = default_prefilter().text_candidates(text)
    matching = {i for i, t in enumerate(traces.traces) if t.pattern.search(text.replace("\u2019", "'"))}
    assert matching and matching <= found


def test_trace_data_is_well_formed() -> None:
    traces = load_traces()
    ids = [t.id for t in traces.traces]
    assert len(ids) == len(set(ids))
    for trace in traces.traces:
        assert trace.anchors and 0 < trace.weight <= 1
        assert trace.provider is None or trace.provider in PROVIDERS
        assert trace.provider is not None or trace.family in {"knowledge-cutoff", "ai-voice", "reasoning-markup"}


@pytest.mark.parametrize(("field", "role", "expected"), [("output", None, True), ("instruction", None, False), ("messages[0]", "user", False), ("messages[1]", "assistant", True), ("conversations[1]", "gpt", True)])
def test_who_speaks(field: str, role: str | None, expected: bool) -> None:
    assert speaks(field, role) is expected


def test_knowledge_cutoff_is_generic_only() -> None:
    assert providers_in("As of my knowledge cutoff in September 2021, it was not released.") == {None}
