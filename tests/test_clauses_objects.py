"""What a clause acts on: the object of its verbs, the series they are listed in, the term it defines.

Each case is our own paraphrase.  A pronoun item takes its lead-in's content; using content as part
of a machine-learning activity is training; recreating the provider's service is building a rival;
a licence's list of dealing verbs over "the Model" builds no model; a definition that counts distilled
models as derivatives, in a licence that grants derivatives, permits distillation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.clauses import BANS, detect_clauses
from auditor.documents import load_document


def _clauses(tmp_path: Path, text: str):
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    return detect_clauses(load_document(path))


def _bans(tmp_path: Path, text: str) -> set[str]:
    return {c.category for c in _clauses(tmp_path, text) if c.category in BANS}


@pytest.mark.parametrize(
    "text",
    [
        "Subscribers must not use Partner Listings shown through our map search to (i) mirror or index the Partner Listings, "
        "(ii) sell or license the Partner Listings, (iii) use them as part of any machine learning or comparable computational "
        "activity, or (iv) build offerings for third parties.\n",
        "You may not use the licensed articles to:\n\n(a) resell them;\n\n(b) feed them into any artificial intelligence training process.\n",
        "You may not use the shared content to:\n\n(a) resell it;\n\n(b) train on it.\n",
        "Do not use the records returned by the Lookup API as part of any public directory or machine learning activity.\n",
    ],
)
def test_content_put_to_machine_learning_is_a_training_ban(tmp_path, text):
    assert _bans(tmp_path, text) == {"model-training-ban"}


@pytest.mark.parametrize(
    "text",
    [
        "We use the feedback you send as part of our machine learning activity to improve the app.\n",
        "You may not use the Service as part of any unlawful activity.\n",
        "Our team may study the results in a machine learning process.\n",
        "You may not use the records in any legal proceeding or machine learning seminar without attribution.\n",
        "Northwind shall not use any Customer Content for any of its internal AI or other training purposes.\n",
        "You may not use the shared content to:\n\n(a) resell it;\n\n(b) frame it on another site.\n",
    ],
)
def test_machine_learning_look_alikes_stay_quiet(tmp_path, text):
    assert not _bans(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "Licensees may not use Orbit Routing Data to recreate an Orbit service or product (for example, a standalone navigation app).\n",
        "You must not replicate the Services for anyone else.\n",
        "Developers may not clone any Acme product.\n",
    ],
)
def test_recreating_the_providers_offering_is_a_competing_ban(tmp_path, text):
    assert _bans(tmp_path, text) == {"competing-models"}


@pytest.mark.parametrize(
    "text",
    [
        "You may not reproduce the content of the Service without permission.\n",
        "You may not copy, reproduce, duplicate, sell or resell any portion of the Services.\n",
        "You may not copy or reproduce the Software.\n",
        "You may not reproduce any product images without credit.\n",
        "You may not use the data to recreate a database of products.\n",
    ],
)
def test_copying_a_work_is_no_competing_ban(tmp_path, text):
    assert not _bans(tmp_path, text)


def test_a_licence_lead_in_of_dealing_verbs_builds_no_model(tmp_path):
    text = (
        "As a condition of this licence, you agree not to use, copy, modify, create or share the Model, any Derivatives "
        "of the Model, or Output in any of these ways:\n\n(a) to break any law;\n\n(b) to harass people.\n"
    )
    assert not _bans(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "You agree not to use, copy, create, train or improve any model with the Output.\n",
        "You may not use the outputs to create machine learning models.\n",
    ],
)
def test_a_verb_series_with_a_training_verb_still_bans(tmp_path, text):
    assert _bans(tmp_path, text) == {"model-training-ban"}


_DEFINITION = (
    "1. Definitions.\n\n"
    "(b) \u201cNetwork Derivatives\u201d shall mean: (i) changes to the Network; (ii) works built on the Network; or (iii) any "
    "other model created by transfer of patterns of the Network's weights or outputs to that model, including distillation.\n\n"
)


def test_distilled_models_defined_as_granted_derivatives_permit_distillation(tmp_path):
    text = _DEFINITION + (
        "2. Grant.\n\nLicensor hereby grants You a worldwide licence to use, copy, distribute and create derivative works "
        "of the Network (including Network Derivatives), subject to the use restrictions of Schedule B.\n"
    )
    permits = [c for c in _clauses(tmp_path, text) if c.category == "distillation-permitted"]
    assert len(permits) == 1
    assert permits[0].text.startswith("(b) \u201cNetwork Derivatives\u201d shall mean:") and permits[0].text.endswith("distillation.")
    assert permits[0].section == "1 Definitions > b"


@pytest.mark.parametrize(
    "grant",
    [
        "2. Grant.\n\nNo licence is granted to create derivative works of the Network.\n",
        "2. Grant.\n\nLicensor grants You a licence to run the Network for evaluation.\n",
    ],
)
def test_a_derivative_definition_without_a_grant_of_derivatives_permits_nothing(tmp_path, grant):
    assert not [c for c in _clauses(tmp_path, _DEFINITION + grant) if c.category == "distillation-permitted"]


def test_handing_a_model_to_others_is_no_chinese_permission_and_definitions_are_no_headings(tmp_path):
    text = (
        "1.释义。\n"
        "a. “平台”指我们运营的网站及相关应用，包括其移动端版本和网页端版本。\n"
        "b. “用户”指注册并使用平台的个人。\n\n"
        "2. 使用规则。\n"
        "a.在遵守本条款的前提下，您可以向合作方提供模型文件，但须满足下列条件：\n"
        "b.您不得使用平台的输出来训练其他模型。\n"
    )
    clauses = _clauses(tmp_path, text)
    assert not [c for c in clauses if c.category == "distillation-permitted"]
    bans = [c for c in clauses if c.category in BANS]
    assert [c.section for c in bans] == ["2 使用规则 > b"]
