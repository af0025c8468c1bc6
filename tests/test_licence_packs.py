"""The licence packs in policies/licences: valid, complete, and in the CONTRACT's terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.licences import expression_branches, identify
from auditor.clauses.categories import CATEGORIES as CLAUSE_CATEGORIES
from auditor.policy import validate_dir

PACKS = Path(__file__).resolve().parents[1] / "policies" / "licences"
PROVIDER_REFS = re.compile(r"LicenseRef-(Llama|Gemma|Tongyi|Qwen|DeepSeek|Mistral)")


@pytest.fixture(scope="module")
def packs():
    return validate_dir(PACKS).packs


def test_every_pack_is_a_licence_pack_with_known_categories(packs) -> None:
    assert len(packs) >= 25
    for pack in packs.values():
        assert pack.kind == "licence"
        assert pack.categories() <= set(CLAUSE_CATEGORIES)


def test_each_licence_id_is_valid_and_in_one_pack(packs) -> None:
    seen: dict[str, str] = {}
    for pack in packs.values():
        for licence_id in pack.applies_to.licences:
            assert licence_id not in seen, f"{licence_id} in {seen.get(licence_id)} and {pack.id}"
            seen[licence_id] = pack.id
            assert identify(licence_id).spdx == licence_id, licence_id
            assert not PROVIDER_REFS.match(licence_id), "model licences belong to the provider packs"


@pytest.mark.parametrize(
    ("licence_id", "expected"),
    [
        ("CC-BY-4.0", {"attribution"}),
        ("CC-BY-SA-3.0", {"attribution", "share-alike"}),
        ("CC-BY-NC-2.0", {"attribution", "non-commercial"}),
        ("CC-BY-NC-SA-4.0", {"attribution", "non-commercial", "share-alike"}),
        ("CC-BY-ND-4.0", {"attribution", "no-derivatives"}),
        ("CC-BY-NC-ND-3.0-IGO", {"attribution", "non-commercial", "no-derivatives"}),
        ("CC0-1.0", set()),
        ("PDDL-1.0", set()),
        ("ODbL-1.0", {"attribution", "share-alike"}),
        ("CDLA-Sharing-1.0", {"attribution", "share-alike"}),
        ("LicenseRef-CreativeML-OpenRAIL-M", {"attribution", "use-restriction"}),
        ("LicenseRef-Research-Only", {"non-commercial", "research-only"}),
        ("PolyForm-Noncommercial-1.0.0", {"attribution", "non-commercial"}),
        ("GPL-3.0-or-later", {"attribution", "share-alike"}),
        ("Apache-2.0", {"attribution"}),
    ],
)
def test_categories_by_licence(builtin_policies, licence_id: str, expected: set[str]) -> None:
    pack = builtin_policies.pack_for_licence(licence_id)
    assert pack is not None and pack.categories() == expected


def test_every_cc_licence_on_the_spdx_list_is_covered(builtin_policies) -> None:
    from auditor.licences._spdx_names import SPDX_NAMES

    cc = [i for i in SPDX_NAMES if re.match(r"CC-BY-(?:NC-|SA-|ND-|NC-SA-|NC-ND-)?\d", i)]
    assert len(cc) > 40
    assert [i for i in cc if builtin_policies.pack_for_licence(i) is None] == []


def test_licence_ids_from_packs_expand_to_themselves(packs) -> None:
    for pack in packs.values():
        for licence_id in pack.applies_to.licences:
            assert expression_branches(licence_id) == [(licence_id,)]
