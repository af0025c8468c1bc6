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
        # an opening condition only says who is bound (blind round 3); a comma after it is no boundary
        ("If you use the beta, do not use its outputs for training other models.", _TRAINING),
        ("Unless you hold our licence, the use of results to train models, whether direct or not, is not permitted.", _TRAINING),
        # outputs put to training with no model word: the object (outputs, responses) makes it machine learning
        ("Users may not use generated responses for training.", _TRAINING),
        ("You must not use any completions for fine-tuning or retraining.", _TRAINING),
        ("The customer shall not use outputs to train.", _TRAINING),
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
        # a main clause's prohibition does not reach back into an opening condition (blind round 3)
        "If you would not like your outputs used for model training, do not switch on the sharing option.",
        "Should you not wish your drafts to be used for model training, do not switch on the sharing option.",
        "If you object to your generations being used for training, do not use the experimental models.",
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


# --- blind review (issue 16, third pass): our own paraphrases of each cause -------------


@pytest.mark.parametrize(
    "item",
    [
        "2. reuse any article on the site for any machine learning and/or artificial intelligence training or development purposes;",
        "2. reuse any result of the tool for any AI training purposes;",
        "2. reuse any recording for any machine learning training purposes;",
    ],
)
def test_training_inside_a_purpose_noun_phrase(tmp_path, item):
    text = f"You will not do any of the following:\n\n1. harass other members;\n{item}\n"
    assert [c for c, _ in _bans(tmp_path, text, ".txt")] == [_TRAINING]


def test_a_purpose_noun_phrase_without_machine_learning_stays_quiet(tmp_path):
    text = "You will not do any of the following:\n\n1. harass other members;\n2. reuse any article for any staff training purposes;\n"
    assert _bans(tmp_path, text, ".txt") == []


_LIST = "\n\n1. Posting spam,\n2. Building a model that competes with the app by using its generated songs,\n"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Members shall NOT engage in any of the following conduct, or conduct leading to it, while using the app.", [_COMPETING]),
        ("Members must not do any of the following when they use the app.", [_COMPETING]),
        ("Members may do any of the following when they use the app.", []),  # a permission announces the list
        ("Members must not share their passwords.", []),  # a ban that announces no list
    ],
)
def test_a_lead_in_ending_in_a_full_stop(tmp_path, lead, expected):
    assert [c for c, _ in _bans(tmp_path, f"# Terms\n\n{lead}{_LIST}")] == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("2. write any program that functions substantially the same as the Services and sell it to others;", [_COMPETING]),
        ("2. offer a tool that replicates the functionality of our models;", [_COMPETING]),
        ("2. sell an app substantially the same as the Platform;", [_COMPETING]),
        # the compared thing is not the provider's own
        ("2. decompile the app or write a substantially similar program;", []),
        ("2. use the feed to build a product substantially similar to the services of the feed vendor;", []),
        ("2. write a program that works substantially the same as any third-party tool;", []),
    ],
)
def test_a_functional_clone(tmp_path, item, expected):
    text = f"You agree not to:\n\n1. harass anyone;\n{item}\n"
    assert [c for c, _ in _bans(tmp_path, text, ".txt")] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the provider's promises about itself
        ("The Company will not use your prompts or results to train models.", []),
        ("By turning on private mode, you acknowledge that the Company will not use your prompts or results to train models.", []),
        ("ZENTRIX WILL NOT USE YOUR FILES TO TRAIN, OR LET ANY PARTNER TRAIN, ANY AI MODELS.", []),
        ("Company shall not use your uploads to train artificial intelligence models.", []),
        # the user's undertakings, whatever their case
        ("You agree that Licensed Materials will not be used to train any AI model.", [_TRAINING]),
        ("THE RESULTS MAY NOT BE USED TO TRAIN ANY AI MODELS.", [_TRAINING]),
        ("YOU WILL NOT USE THE RESULTS TO TRAIN ANY AI MODELS.", [_TRAINING]),
    ],
)
def test_who_promises_not_to_train(tmp_path, sentence, expected):
    assert [c for c, _ in _bans(tmp_path, f"# Terms\n\n{sentence}\n")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "You will not: (i) resell access; (ii) copy or reverse engineer the tool (but this does not prevent you from fine-tuning "
        "or distilling any of our AI models through the tool's own features); (iii) spam anyone.\n",
        "Nothing in this section stops you from distilling our models with the tuning feature.\n",
    ],
)
def test_a_carve_out_from_a_ban_is_a_permission(tmp_path, text):
    found = {c for c, _ in _found(tmp_path, f"# Terms\n\n{text}")}
    assert "distillation-permitted" in found and not found & BANS


def test_a_carve_out_that_permits_no_training_is_no_permission(tmp_path):
    text = "# Terms\n\nThis does not prevent us from suspending your account or deleting your models.\n"
    assert "distillation-permitted" not in {c for c, _ in _found(tmp_path, text)}


def test_a_naming_condition_on_training_is_no_ban(tmp_path):
    text = (
        "If you use the tool or any of its results to build, train or improve an AI model that you distribute, "
        "you shall also put \u201cAcme\u201d at the beginning of that model's name.\n"
    )
    found = {c for c, _ in _found(tmp_path, text, ".txt")}
    assert "naming" in found and not found & BANS


# --- blind-review causes (a second set of unseen terms) -------------------------------------


_RIVAL = "competing-models"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # what a rival is: an app, a website or a platform as much as a product
        ("3. use the dashboard in order to build a similar or competitive website, app or platform;", [_RIVAL]),
        # competing is the purpose itself, with no development verb
        ("3. use the API or any data it returns to compete with or replicate any of our apps or services;", [_RIVAL]),
        ("3. use the reports in competition with the vendor;", [_RIVAL]),
        # the rival named before the competition word
        ("3. use the usage statistics to create, advertise, market or distribute any product or service that is competitive with the vendor's offerings;", [_RIVAL]),
        # an allowed purpose, described with "not to compete"
        ("3. embed the widget on another site, unless its main purpose is to show our pictures and not to compete with us;", []),
        # copying a program's expression (software law's decompilation exception) is no rival
        ("3. use what decompiling teaches you to create any software or service substantially similar in its expression to our app;", []),
    ],
)
def test_rivals_and_competing_purposes(tmp_path, item, expected):
    text = f"You must not:\n\n1. share your key;\n2. spam anyone;\n{item}\n"
    assert [c for c, _ in _bans(tmp_path, text, ".txt")] == expected


def test_a_list_broken_by_a_definition_resumes_its_lead_in(tmp_path):
    text = (
        "Extra rules for the partner's models\n\nYou shall not:\n\n"
        "i. alter the partner's technology.\n\n"
        "\u201cTechnology\u201d means the partner's code, weights and tools.\n\n"
        "ii. use any prompt or result to develop a product that competes with the partner's image models;\n\n"
        "iii. post unlawful pictures.\n"
    )
    assert [c for c, t in _bans(tmp_path, text, ".txt") if t.startswith("ii.")] == [_RIVAL]


def test_items_that_do_not_number_on_keep_no_lead(tmp_path):
    text = (
        "You shall not:\n\ni. alter the partner's technology.\n\n"
        "A note on pictures, for the curious reader.\n\n"
        "iv. use any prompt or result to develop a product that competes with the partner's image models;\n"
    )
    assert _bans(tmp_path, text, ".txt") == []


def test_a_definition_that_excludes_is_no_ban(tmp_path):
    sentence = "\u201cOutputs\u201d do not include any parts of a vendor model, such as any fine-tuned versions of the vendor models, the weights or the settings."
    assert _bans(tmp_path, f"# Terms\n\n{sentence}\n") == []


def test_a_carve_out_keeps_the_ban_it_follows(tmp_path):
    text = (
        "# Terms\n\nYou may not use the results to train any machine learning model (this does not prevent you "
        "from fine-tuning our own models with the tuning feature).\n"
    )
    found = {c for c, _ in _found(tmp_path, text)}
    assert {"model-training-ban", "distillation-permitted"} <= found



@pytest.mark.parametrize(
    "sentence",
    [
        "Staff must not use customer files for training sessions.",  # training people, and not outputs
        "We use outputs for training our own assistants.",  # the provider, permitted to itself
        "You may use outputs for training your models.",  # a permission
    ],
)
def test_training_with_outputs_look_alikes_stay_quiet(tmp_path, sentence):
    assert _bans(tmp_path, f"# Terms\n\n{sentence}\n") == []
