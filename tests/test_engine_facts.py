"""The facts rules may test are exactly the facts the engine builds; unknown facts are rejected."""

from __future__ import annotations

import pytest

from audit_helpers import manifest, source, teacher
from auditor.engine import compile_rules
from auditor.errors import AuditorError
from auditor.facts import Inputs
from auditor.manifest import parse_manifest
from auditor.policy import load_policies
from auditor.facts import FACTS, build


def test_built_facts_match_the_declared_fact_names(builtin_policies):
    data = manifest(
        teachers=[teacher("openai", "gpt-4o", "distillation")],
        data_sources=[source("a", "MIT"), source("b", "CC-BY-SA-4.0", derived_from=["a"], generated_by=["openai/gpt-4o"])],
        copyrighted_material=[{"id": "c", "permission": "none"}],
    )
    subjects = build(parse_manifest(data, source="t.yaml"), builtin_policies, Inputs())
    for facts in subjects:
        assert set(facts.values) == FACTS[facts.kind], facts.kind


def test_a_rule_testing_an_unknown_fact_is_rejected(tmp_path):
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: AUD990\n    name: typo\n    category: copyright\n    subject: copyrighted_material\n"
        "    when: {fact: permision, equals: none}\n    severity: {default: high}\n"
        "    title: t\n    message: m\n    remediation: r\n"
    )
    with pytest.raises(AuditorError, match="AUD990 tests fact\\(s\\) permision"):
        compile_rules(load_policies([tmp_path]))


def test_a_custom_rule_from_policies_dir_fires(tmp_path):
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: AUD990\n    name: no-scraped-data\n    category: copyright\n    subject: data_sources\n"
        "    when: {fact: origin, equals: scraped}\n    severity: {default: medium}\n"
        "    title: '{label} was scraped'\n    message: 'Scraped: {label}, licence {licence}'\n    remediation: Check robots.txt.\n"
    )
    from auditor.engine import evaluate

    data = manifest(data_sources=[source("web", "MIT", origin="scraped"), source("books", "MIT", origin="licensed")])
    found = [f for f in evaluate(parse_manifest(data, source="t.yaml"), load_policies([tmp_path])) if f.rule == "AUD990"]
    assert [f.subject_id for f in found] == ["web"]
    assert found[0].message == "Scraped: data source 'web', licence MIT"


def test_evaluate_reports_progress_for_large_manifests(builtin_policies):
    from auditor.engine import evaluate

    data = manifest(data_sources=[source(f"s{i}", "MIT") for i in range(2500)])
    ticks: list[int] = []
    evaluate(parse_manifest(data, source="t.yaml"), builtin_policies, tick=ticks.append)
    assert sum(ticks) == 2000  # every 1,000 subjects judged
