"""How terms are written, cause by cause: each case is a short document written for the test.

Every sentence here is our own paraphrase of a way terms state (or only seem to state) a ban;
``detect_clauses`` is the public entry point ``audit terms`` uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.clauses import BANS, detect_clauses
from auditor.documents import load_document


def _found(tmp_path: Path, text: str, suffix: str = ".md") -> list[tuple[str, str]]:
    path = tmp_path / f"t{suffix}"
    path.write_text(text, encoding="utf-8")
    return [(c.category, c.text) for c in detect_clauses(load_document(path))]


def _bans(tmp_path: Path, text: str, suffix: str = ".md") -> list[tuple[str, str]]:
    return [(category, text) for category, text in _found(tmp_path, text, suffix) if category in BANS]


# --- structure: headings and lead-ins --------------------------------------------------


_STRUCTURED = {
    "heading 'must not' over a bare item": (
        "# Terms\n\n## Things you must not do\n\n- Share your password.\n- Using responses from the service to train a machine-learning model.\n",
        "model-training-ban",
        "- Using responses",
    ),
    "decimal lead-in two levels up": (
        "4.1 Restrictions. You will not:\n4.1.1 resell access;\n4.1.2 remove legal notices;\n"
        "4.1.3 use any output of the tool to train or develop other models;\n4.2 Support. We reply within a week.\n",
        "model-training-ban",
        "4.1.3",
    ),
    "typographic apostrophe, through an intermediate item": (
        "You are free to use the tool so long as you respect these rules:\n\n"
        "- For instance, don\u2019t use the tool or its outputs for harmful ends, including:\n"
        "    - Hurting the service, including by:\n"
        "        - Using any output to develop machine learning models that compete with us\n"
        "        - Sending spam\n",
        "competing-models",
        "- Using any output",
    ),
    "labelled paragraphs under a lead-in": (
        "You may not use our models in connection with any of the following prohibited uses:\n\n"
        "Harassment: bullying or threatening other people.\n\n"
        "Synthetic data: producing synthetic data with the models to train machine learning models.\n",
        "model-training-ban",
        "Synthetic data:",
    ),
    "inline letters under a consent lead-in": (
        "Without our prior written approval you shall not copy or reuse the articles: "
        "(a) for any machine learning or artificial intelligence-related purposes; (b) for any resale.\n",
        "model-training-ban",
        "(a)",
    ),
    "'including, but not limited to' in an item is no permission": (
        "You shall not:\n(1) use the articles for building any model, including, but not limited to, training a neural network on them;\n(2) frame the site.\n",
        "model-training-ban",
        "(1)",
    ),
}


@pytest.mark.parametrize("case", sorted(_STRUCTURED))
def test_structure_carries_the_ban_to_its_item(tmp_path, case):
    text, category, item = _STRUCTURED[case]
    bans = _bans(tmp_path, text, ".txt")
    assert [c for c, _ in bans] == [category] and bans[0][1].startswith(item)


# --- one-sentence bans: nominal, passive, consent, similarity ---------------------------


_TRAINING, _COMPETING, _OTHER = "model-training-ban", "competing-models", "improve-other-models"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # nominal and passive phrasing
        ("Use of outputs for training is not allowed.", _TRAINING),
        ("Training of models on responses is not permitted.", _TRAINING),
        # consent as the prohibition
        ("You may not use the articles without prior written authorization for the training of any model.", _TRAINING),
        ("Using the service outputs to train machine learning models without our prior written authorization.", _TRAINING),
        ("Neither the publisher nor any third party is allowed to use the recordings for training artificial intelligence technologies.", _TRAINING),
        # competition worded as similarity, substitution or competitors' access
        ("You must not use the service to build a product that is a substitute for the service.", _COMPETING),
        ("You may not use outputs to create an application similar in functionality to our models.", _COMPETING),
        ("You may not access the service if you are a competitor of ours, or for benchmarking or competitive purposes.", _COMPETING),
        # "any other <kind of> model"
        ("You will not use the outputs to train, improve or fine-tune any other machine learning model.", _OTHER),
    ],
)
def test_one_sentence_bans(tmp_path, sentence, category):
    assert [c for c, _ in _bans(tmp_path, f"# Terms\n\n{sentence}\n")] == [category]


# --- permissions with conditions --------------------------------------------------------


def test_conditional_permission_becomes_permission_and_naming(tmp_path):
    text = "If you use the weights or any outputs to fine-tune a model that you release, you must name that model so that its name begins with Acme.\n"
    found = {c for c, _ in _found(tmp_path, text, ".txt")}
    assert {"distillation-permitted", "naming"} <= found and not found & BANS


# --- look-alikes that must stay quiet ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We will not train on your data.",
        "When you link other apps, we read but do not train on what they hold.",
        "We will not use your content or usage data to compete with your products.",
        "Some members do not consent to their uploads being used by others for developing artificial intelligence systems.",
        "Outputs do not include any fine-tuned versions of the models.",
        "We give no guarantees that third parties will not use your uploads to train artificial intelligence models.",
        "Will your drafts be used to train AI?We never sell your drafts for AI training, and we do not train our own models on them.",
    ],
)
def test_look_alikes_are_no_bans(tmp_path, sentence):
    assert _bans(tmp_path, f"# Terms\n\n{sentence}\n") == []


def test_provider_prohibiting_is_a_ban_on_the_user(tmp_path):
    text = "# Terms\n\nTo the extent the law allows, we prohibit any use of our articles for training artificial intelligence models.\n"
    assert [c for c, _ in _bans(tmp_path, text)] == ["model-training-ban"]


def test_training_and_a_similar_model_in_two_verb_phrases_are_two_bans(tmp_path):
    text = "# Terms\n\nYou may not use the service to generate data for training an AI model or developing a substantially similar AI model.\n"
    assert sorted(c for c, _ in _bans(tmp_path, text)) == ["competing-models", "model-training-ban"]


@pytest.mark.parametrize(
    "sentence",
    [
        "To avoid confusion, the title of your app must not include the word Acme.",
        "If you ship a product built on the model, you shall prominently display \u201cBuilt with Acme\u201d on the user interface of that product.",
    ],
)
def test_naming_rules_without_the_word_name(tmp_path, sentence):
    assert "naming" in {c for c, _ in _found(tmp_path, f"# Terms\n\n{sentence}\n")}


def test_conditional_permission_with_a_long_condition(tmp_path):
    text = (
        "If you distribute the model, or a service that contains the model, or use the model or its outputs to create, "
        "train, fine tune, or otherwise improve an AI model, you will include \u201cBuilt on Acme\u201d on a related website.\n"
    )
    found = {c for c, _ in _found(tmp_path, text, ".txt")}
    assert {"distillation-permitted", "naming"} <= found and not found & BANS


def test_provider_improving_its_own_models_without_restriction_is_no_permission(tmp_path):
    text = "# Terms\n\nYou agree that Acme may use your feedback to improve its AI models without restriction.\n"
    assert "distillation-permitted" not in {c for c, _ in _found(tmp_path, text)}
