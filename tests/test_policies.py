"""Policy packs: the built-in set, provider resolution, overrides and validation errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from conftest import SAMPLES

CONTRACT_PROVIDERS = ["openai", "anthropic", "google", "meta", "mistral", "deepseek", "alibaba", "cohere", "xai", "microsoft"]


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("alias,provider", [("OpenAI", "openai"), ("facebook", "meta"), ("qwen", "alibaba"), ("x.ai", "xai"), ("Mistral AI", "mistral"), ("deepseek-ai", "deepseek")])
def test_aliases_resolve(builtin_policies, alias, provider):
    assert builtin_policies.resolve_provider(alias) == provider


@pytest.mark.parametrize(
    "provider,model,pack",
    [
        ("meta", "llama-2-70b-chat", "meta-llama-2"),
        ("meta", "llama-3.1-8b-instruct", "meta-llama-3-1"),
        ("meta", "Meta-Llama-3-70B-Instruct", "meta-llama-3"),
        ("google", "gemini-1.5-pro", "google-gemini-api-terms"),
        ("google", "gemma-2-9b", "google-gemma-terms"),
        ("deepseek", "deepseek-r1", "deepseek-r1-mit"),
        ("openai", "gpt-4o", "openai-business-terms"),
    ],
)
def test_pack_depends_on_provider_and_model(builtin_policies, provider, model, pack):
    assert builtin_policies.pack_for_teacher(provider, model).id == pack


def test_every_contract_provider_has_a_pack(builtin_policies):
    for provider in CONTRACT_PROVIDERS:
        assert builtin_policies.pack_for_teacher(provider, "some-model") is not None or provider == "meta", provider


def test_every_pack_is_dated_sourced_and_summarised(builtin_policies):
    for pack in builtin_policies.packs.values():
        assert pack.version and pack.effective and pack.source.startswith("http")
        for clause in pack.clauses:
            assert clause.summary and clause.section


def test_policies_command_lists_packs():
    result = run("policies", "--format", "json")
    data = json.loads(result.output)
    ids = {p["id"] for p in data["packs"]}
    assert {"openai-business-terms", "meta-llama-3-1", "licence-cc-by-nc"} <= ids
    assert all(p["effective"] and p["source"] and p["version"] for p in data["packs"])
    assert "AUD101" in {r["id"] for r in data["rules"]}


def test_policies_dir_overrides_a_pack_by_id(tmp_path):
    (tmp_path / "openai.yaml").write_text(
        "id: openai-business-terms\ntitle: OpenAI terms as negotiated\nkind: provider-terms\nversion: 'custom-2026'\n"
        "effective: 2026-01-01\nsource: https://contracts.acme.example/openai\n"
        "applies_to: {providers: [openai], models: ['*']}\nclauses: []\n"
    )
    result = run("policies", "--policies", str(tmp_path))
    assert "custom-2026" in result.output and f"(from {tmp_path})" in result.output
    sample = run("check", "samples/manifest.yaml", "--policies", str(tmp_path), "--format", "json")
    report = json.loads(sample.output)
    assert not [f for f in report["findings"] if f["rule"] == "AUD101" and f["subject"] == "teachers[0]"]


BAD_PACKS = [
    ("id: x\ntitle: t\nkind: licence\nversion: '1'\neffective: 2025-13-01\nsource: https://e.org\napplies_to: {}\n", ":5: effective:"),
    ("id: x\ntitle: t\nkind: licence\nversion: '1'\neffective: 2025-01-01\nsource: https://e.org\napplies_to: {}\nclauses:\n  - id: a\n    category: no-such-thing\n    section: s\n    summary: s\n", ":10: clauses[0].category:"),
    ("id: x\ntitle: t\nkind: licence\nversion: '1'\neffective: 2025-01-01\nsource: https://e.org\napplies_to: {}\ncolour: red\n", ":8: colour: unknown key 'colour'"),
    ("id: x\ntitle: t\nkind: licence\nversion: '1'\neffective: 2025-01-01\nsource: https://e.org\napplies_to: {}\nColour: red\n", ":8: Colour: unknown key 'Colour'"),
    ("rules:\n  - id: AUD999\n    name: r\n    category: copyright\n    subject: model\n    when: {fact: x, frobs: 1}\n    severity: {default: high}\n    title: t\n    message: m\n    remediation: r\n", "rules[0].when"),
]


@pytest.mark.parametrize("text,expected", BAD_PACKS)
def test_validate_reports_bad_packs_with_file_and_line(tmp_path, text, expected):
    (tmp_path / "bad.yaml").write_text(text)
    result = run("policies", "--validate", str(tmp_path))
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and expected in result.output
    assert "Traceback" not in result.output


def test_validate_accepts_the_builtin_folder():
    result = run("policies", "--validate", "policies")
    assert result.exit_code == 0 and "valid" in result.output


def test_readme_example_pack_is_valid(tmp_path):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    start = readme.index("```yaml\nid: acme-negotiated-openai") + len("```yaml\n")
    (tmp_path / "pack.yaml").write_text(readme[start : readme.index("```", start)])
    result = run("policies", "--validate", str(tmp_path))
    assert result.exit_code == 0, result.output


USER_RULE = """rules:
  - id: AUD901
    name: acme-rule
    category: unknown-licence
    subject: data_sources
    when: {fact: WHEN, equals: unknown}
    severity: {default: low}
    title: "TITLE"
    message: "{label} needs a look."
    remediation: "Check it."
"""


@pytest.mark.parametrize(
    "when, title, expected",
    [
        ("licnce_status", "Licence of {label}", "tests fact(s) licnce_status"),
        ("licence_status", "Licence of {label", "title is not a valid template"),
        ("licence_status", "Licence of {lable}", "placeholder(s) {lable}"),
        ("licence_status", "Licence {0} of {label}", "placeholder(s) {0}"),
    ],
    ids=["unknown fact", "unbalanced brace", "unknown placeholder", "positional placeholder"],
)
def test_validate_rejects_what_check_would_with_file_and_line(tmp_path, when, title, expected):
    rules = tmp_path / "rules.yaml"
    rules.write_text(USER_RULE.replace("WHEN", when).replace("TITLE", title))
    validated = run("policies", "--validate", str(tmp_path))
    assert validated.exit_code == 2 and expected in validated.output, validated.output
    assert f"{rules}:" in validated.output and "rules[0]." in validated.output
    line = 6 if "fact" in expected else 8
    assert f"{rules}:{line}:" in validated.output
    checked = run("check", str(SAMPLES / "clean.yaml"), "--policies", str(tmp_path))
    assert checked.exit_code == 2 and expected in checked.output and "Traceback" not in checked.output


PACK_HEAD = "id: x\ntitle: t\nkind: provider-terms\nversion: '2'\neffective: 2025-01-01\nsource: https://e.org\n"
RULE_HEAD = "rules:\n  - id: AUD998\n    name: r\n    subject: model\n    when: {fact: model.released, equals: true}\n"


@pytest.mark.parametrize(
    "text, line, expected",
    [
        (PACK_HEAD + "applies_to: {providers: [openai, acme-nope]}\n", 7,
         "applies_to.providers[1]: pack 'x' applies to provider 'acme-nope', which no providers.yaml defines"),
        (PACK_HEAD + "applies_to: {}\nhistory:\n  - {version: '1', effective: 2024-01-01, source: https://e.org/1}\n"
         "  - {version: '0', effective: 2026-01-01, source: https://e.org/0}\n", 10,
         "history[1].effective: each earlier version needs its own effective date, before the pack's own (2025-01-01); got 2026-01-01"),
        (RULE_HEAD + "    category: copyright\n    severity: {default: severe}\n    title: t\n    message: m\n    remediation: r\n", 7,
         "rules[0].severity.default: got 'severe'"),
        (RULE_HEAD + "    category: copyrite\n    severity: {default: high}\n    title: t\n    message: m\n    remediation: r\n", 6,
         "rules[0].category: unknown category 'copyrite'"),
        (RULE_HEAD + "    category: copyright\n    severity: {default: high}\n    cites: [no-scrapping]\n    title: t\n"
         "    message: m\n    remediation: r\n", 8, "rules[0].cites[0]: got 'no-scrapping'"),
        (PACK_HEAD + "applies_to: {}\nclauses:\n  - {id: a, category: attribution, section: s, summary: s}\n"
         "  - {id: a, category: naming, section: s, summary: s}\n", 10, "clauses[1].id: duplicate clause id 'a'"),
        ("rules:\n  - id: AUD998\n    name: r\n    subject: model\n    category: copyright\n"
         "    when: {all: [{fact: model.released, equals: true}, {not: {fact: model.use, equal: research}}]}\n"
         "    severity: {default: high}\n    title: t\n    message: m\n    remediation: r\n", 6,
         "rules[0].when.all[1].not.equal: unknown key 'equal'"),
    ],
    ids=["unknown provider", "history date", "unknown severity", "unknown category", "unknown clause category", "clause id twice",
         "misspelt operator"],
)
def test_validate_and_check_refuse_the_same_packs_at_the_same_line(tmp_path, text, line, expected):
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "bad.yaml").write_text(text)
    for result in (run("policies", "--validate", str(folder)), run("check", str(SAMPLES / "clean.yaml"), "--policies", str(folder))):
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert f"{folder / 'bad.yaml'}:{line}: {expected}" in result.output, result.output


def test_equal_folders_each_name_their_own_files(tmp_path, monkeypatch):
    """The validated-pack cache is keyed by content: two folders with the same files must not share file names."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    outputs = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "rules.yaml").write_text(USER_RULE.replace("WHEN", "licence_status").replace("TITLE", "Licence of {lable}"))
        outputs.append(run("policies", "--validate", str(folder)).output)
    assert str(tmp_path / "first" / "rules.yaml") in outputs[0]
    assert str(tmp_path / "second" / "rules.yaml") in outputs[1]
