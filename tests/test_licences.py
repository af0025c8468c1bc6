"""Licence identification through the public interface of auditor.licences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.errors import AuditorError
from auditor.licences import LicenceMatch, expression_branches, fallback_categories, identify, identify_file
from auditor.licences.expression import licensing, parse_tree

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "spdx", "method"),
    [
        ("MIT", "MIT", "exact"),
        ("cc-by-nc-4.0", "CC-BY-NC-4.0", "exact"),
        ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0", "alias"),
        ("Creative Commons Attribution 4.0", "CC-BY-4.0", "alias"),
        ("apache 2", "Apache-2.0", "alias"),
        ("odc-by", "ODC-By-1.0", "alias"),
        ("GPLv3", "GPL-3.0-only", "alias"),
        ("GPLv2+", "GPL-2.0-or-later", "alias"),
        ("llama2", "LicenseRef-Llama-2", "alias"),
        ("llama3.1", "LicenseRef-Llama-3.1", "alias"),
        ("openrail++", "LicenseRef-OpenRAIL-PlusPlus", "alias"),
        ("gemma", "LicenseRef-Gemma", "alias"),
        ("bigscience-openrail-m", "LicenseRef-BigScience-OpenRAIL-M", "alias"),
        ("https://creativecommons.org/licenses/by-sa/3.0/", "CC-BY-SA-3.0", "alias"),
        ("Apche 2.0", "Apache-2.0", "fuzzy"),
        ("Creative Commons Attribtion 4.0 International", "CC-BY-4.0", "fuzzy"),
        ("This dataset is licensed under CC BY-NC 4.0.", "CC-BY-NC-4.0", "text"),
        ("research only", "LicenseRef-Research-Only", "alias"),
        ("non-commercial research use", "LicenseRef-Research-Only", "text"),
    ],
)
def test_names(text: str, spdx: str, method: str) -> None:
    match = identify(text)
    assert (match.spdx, match.method) == (spdx, method)
    assert 0.5 <= match.confidence <= 1.0


@pytest.mark.parametrize("text", ["other", "unknown", "see website", "various", "N/A", "proprietary", "custom", "", "   ", "cc", "unlicensed", "hello world"])
def test_strings_naming_no_licence_are_unknown(text: str) -> None:
    match = identify(text)
    assert match.spdx is None and match.method == "none" and match.confidence == 0.0
    assert not match.known


def test_versionless_name_takes_latest_and_says_so() -> None:
    match = identify("CC BY-SA")
    assert match.spdx == "CC-BY-SA-4.0"
    assert any("version missing" in p for p in match.problems)
    assert not identify("odbl").problems  # one version only: nothing to report


def test_expressions_are_validated_and_canonicalised() -> None:
    assert identify("mit OR apache-2.0").spdx == "MIT OR Apache-2.0"
    assert identify("Apache 2.0 OR MIT").spdx == "Apache-2.0 OR MIT"
    assert identify("MIT/Apache-2.0").spdx == "MIT OR Apache-2.0"
    assert identify("cc-by-4.0, cc-by-sa-3.0").spdx == "CC-BY-4.0 AND CC-BY-SA-3.0"
    unknown = identify("MIT AND no-such-licence-xyz")
    assert unknown.spdx is None


def test_user_defined_licenseref_is_kept_but_reported() -> None:
    match = identify("LicenseRef-acme-internal")
    assert match.spdx == "LicenseRef-acme-internal"
    assert match.problems


def test_expression_branches_are_disjunctive_normal_form() -> None:
    branches = expression_branches("(MIT OR Apache-2.0) AND CC-BY-4.0")
    assert branches == [("MIT", "CC-BY-4.0"), ("Apache-2.0", "CC-BY-4.0")]
    assert expression_branches("GPL-2.0-only WITH Classpath-exception-2.0") == [("GPL-2.0-only",)]
    assert expression_branches("LicenseRef-Llama-2") == [("LicenseRef-Llama-2",)]


def test_fallback_categories() -> None:
    assert fallback_categories("MIT") == {"attribution"}
    assert fallback_categories("GPL-3.0-only") == {"share-alike", "attribution"}
    assert fallback_categories("Unlicense") == set()
    assert {"research-only", "non-commercial"} <= (fallback_categories("LicenseRef-Research-Only") or set())
    assert fallback_categories("no-such-licence") is None


def test_identify_file_short_note(tmp_path: Path) -> None:
    note = tmp_path / "LICENSE"
    note.write_text("This data is released under the Open Database License.\n")
    assert identify_file(note).spdx == "ODbL-1.0"


def test_identify_file_readme_is_unknown(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Acme corpus\n\n" + "This corpus holds question and answer pairs about cooking. " * 40)
    assert identify_file(readme).spdx is None


def test_identify_file_missing_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(AuditorError):
        identify_file(tmp_path / "absent.txt")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("name", ["CC-BY-NC-4.0", "CC-BY-4.0", "CC-BY-SA-4.0", "MIT", "Apache-2.0", "ODbL-1.0", "CDLA-Permissive-2.0"])
def test_identify_file_licence_texts(name: str) -> None:
    path = CORPUS / "licences" / f"{name}.txt"
    rewrapped = " ".join(path.read_text(encoding="utf-8").split())
    match = identify_file(path)
    assert (match.spdx, match.method) == (name, "text")
    assert identify(rewrapped).spdx == name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_identify_file_model_licence() -> None:
    assert identify_file(CORPUS / "terms" / "meta__llama3_1_community_license.txt").spdx == "LicenseRef-Llama-3.1"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_any_string_gives_a_match(text: str) -> None:
    match = identify(text)
    assert isinstance(match, LicenceMatch)
    assert 0.0 <= match.confidence <= 1.0
    if match.spdx is not None:
        assert expression_branches(match.spdx)  # a valid, parseable expression


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["MIT", "cc by 4.0", "apache 2", "GPLv3", "llama2", "(", ")", " and ", " or ", "/", ",", "with", "+"]), max_size=8))
def test_licence_like_fragments_never_raise(parts: list[str]) -> None:
    match = identify("".join(parts))
    assert match.spdx is None or expression_branches(match.spdx)


def test_package_functions_survive_lazy_imports(tmp_path: Path) -> None:
    import auditor.licences as licences

    note = tmp_path / "LICENSE"
    note.write_text("MIT\n")
    licences.identify_file(note)
    licences.expression_branches("MIT")
    licences.fallback_categories("MIT")
    assert callable(licences.identify) and licences.identify("MIT").spdx == "MIT"


_KEYS = sorted(licensing().known_symbols)[::7]  # a spread of real keys, deprecated and ScanCode ones included


@given(
    st.lists(st.sampled_from(_KEYS), min_size=1, max_size=4),
    st.lists(st.sampled_from(["AND", "OR", "and", "or", "WITH"]), min_size=3, max_size=3),
    st.booleans(),
    st.booleans(),
)
def test_simple_tokenizer_shortcut_agrees_with_the_advanced_one(keys: list[str], ops: list[str], lower: bool, brackets: bool) -> None:
    """parse() reads plain key expressions with license-expression's simple tokenizer: it must change nothing."""
    text = keys[0]
    for op, key in zip(ops, keys[1:]):
        text += f" {op} {key}"
    text = text.lower() if lower else text
    text = f"({text})" if brackets else text

    def rendered(tree: object) -> str:
        return tree.render("{symbol.key}") if tree is not None else ""

    try:
        expected = rendered(licensing().parse(text, validate=False, strict=False, simple=False))
    except Exception:  # noqa: BLE001 - the shortcut must fail where the library fails
        with pytest.raises(Exception):  # noqa: B017
            parse_tree(text, validate=False, strict=False)
        return
    assert rendered(parse_tree(text, validate=False, strict=False)) == expected


def test_no_alias_names_two_licences_unless_declared_ambiguous() -> None:
    """Every spelling auditor knows names one licence; a genuinely ambiguous one is VERSIONLESS (or AMBIGUOUS)
    and resolves to its strictest candidate with every candidate listed, never silently to one of them."""
    from auditor.licences.normalize import name_key
    from auditor.licences.refs import ALIASES, AMBIGUOUS, REFS, VERSIONLESS

    targets: dict[str, set[str]] = {}
    for ref in REFS:
        for text in (ref.id.removeprefix("LicenseRef-"), ref.name, *ref.aliases):
            targets.setdefault(name_key(text), set()).add(ref.id)
    for text, target in ALIASES.items():
        targets.setdefault(name_key(text), set()).add(target)
    declared = {name_key(n) for n in VERSIONLESS} | set(AMBIGUOUS)
    clashes = {key: ids for key, ids in targets.items() if len(ids) > 1 and key not in declared}
    assert not clashes, f"aliases naming two licences: {clashes}"
    shadowed = {key: ids for key, ids in targets.items() if key in declared}
    assert not shadowed, f"aliases that a declared-ambiguous name hides (move them there): {shadowed}"
    for name, candidates in VERSIONLESS.items():
        match = identify(name)
        assert match.spdx == candidates[0] and all(c in " ".join(match.problems) for c in candidates)


@pytest.mark.parametrize("text, spdx", [("ChatGLM3 license", "LicenseRef-ChatGLM"), ("glm-4-9b license", "LicenseRef-GLM-4"),
                                        ("apple-amlr", "LicenseRef-Apple-AMLR"), ("Apple Sample Code License", "LicenseRef-Apple-Sample-Code")])
def test_glm_and_apple_licences_are_told_apart(text: str, spdx: str) -> None:
    assert identify(text).spdx == spdx


def test_glm_license_is_ambiguous() -> None:
    match = identify("GLM License")
    assert "ambiguous" in " ".join(match.problems) and "LicenseRef-GLM-4" in " ".join(match.problems)
