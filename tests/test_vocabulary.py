"""Each vocabulary is named once and everything else is derived from it.

Provider ids and aliases live in policies/providers.yaml only: a new provider is a
data change (proved here by adding one in a temporary --policies folder), and every
provider id the code or its data names is one that file defines.  `audit init`
offers exactly the values the manifest model accepts.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import get_args

from click.testing import CliRunner

from auditor.cli import cli
from auditor.findings import Certainty
from auditor.inputs.hfcard import GENERATOR_TAGS
from auditor.manifest import ModelType, ModelUse, Origin, Permission, Purpose, Release
from auditor.policy import DoubtReach, Scope, builtin_providers
from auditor.scan.patterns import load_traces

ACME_PROVIDERS = "providers:\n  acme-ai: {name: Acme AI Labs, aliases: [acme, acmelabs]}\n"
ACME_PACK = """\
id: acme-ai-terms
title: Acme AI terms of service
kind: provider-terms
version: "2026-01"
effective: 2026-01-01
source: https://acme.example/terms
applies_to: {providers: [acme-ai]}
clauses:
  - id: no-training
    category: competing-models
    section: "4.2"
    summary: Outputs may not be used to build models that compete with Acme.
"""
MANIFEST = """\
apiVersion: auditor/v1
model: {name: m, type: llm, use: commercial, release: open-weights}
teachers:
  - {id: t, provider: AcmeLabs, model: acme-1, purpose: [synthetic-data]}
"""


def test_a_new_provider_is_data_only(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "providers.yaml").write_text(ACME_PROVIDERS, encoding="utf-8")
    (policies / "acme.yaml").write_text(ACME_PACK, encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(MANIFEST, encoding="utf-8")
    runner = CliRunner()
    valid = runner.invoke(cli, ["policies", "--validate", str(policies)])
    assert valid.exit_code == 0, valid.output
    result = runner.invoke(cli, ["check", str(manifest), "--policies", str(policies), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    cited = {e.get("policy") for f in report["findings"] if f["subject"] == "teachers[0]" for e in f["evidence"]}
    assert "acme-ai-terms" in cited  # the alias 'AcmeLabs' reached the new provider's pack
    assert any(o == {"kind": "provider", "id": "acme-ai", "file": str(policies / "providers.yaml"), "replaced": False}
               for o in report["overrides"])


def test_every_provider_named_in_code_or_data_is_a_providers_yaml_id() -> None:
    known = set(builtin_providers().providers)
    named = {generator.split("/", 1)[0] for generator in GENERATOR_TAGS.values()}
    named |= {trace.provider for trace in load_traces().traces if trace.provider is not None}
    assert named and named <= known, named - known


def test_hugging_face_organisations_resolve_through_the_aliases() -> None:
    from auditor.inputs.common import provider_of

    assert [provider_of(org) for org in ("meta-llama", "Qwen", "CohereLabs", "xai-org", "someone-else")] == [
        "meta", "alibaba", "cohere", "xai", "someone-else"]
    assert provider_of("\u041epenai") == "\u043epenai"  # a look-alike is kept as written, for AUD706 to flag


def comment_values(text: str, key: str) -> list[str]:
    """The allowed values the starter's comment lists beside ``key``: 'type: other  # ASSUMED, check it: llm | ...'."""
    line = next(line for line in text.splitlines() if re.search(rf"\b{key}:", line))
    return [v.strip() for v in line.rsplit("#", 1)[-1].replace("ASSUMED, check it:", "").split("|")]


def test_init_offers_exactly_what_the_manifest_accepts(tmp_path: Path) -> None:
    path = tmp_path / "starter.yaml"
    result = CliRunner().invoke(cli, ["init", str(path), "--name", "m", "--teacher", "openai/gpt-4o:labeling"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    expected = {
        "type": get_args(ModelType), "use": get_args(ModelUse), "release": get_args(Release), "purpose": get_args(Purpose),
        "origin": get_args(Origin), "permission": get_args(Permission), "provider": tuple(builtin_providers().providers),
        "tdm_opt_out_respected": ("true", "false", "unknown"),
    }
    for key, values in expected.items():
        assert comment_values(text, key) == list(values), key


# fields whose values come from one enum each: comparing or setting one with a bare string is a stray copy
VOCABULARY_FIELDS = {"certainty": Certainty, "scope": Scope, "uncertain_for": DoubtReach}
ROOT = Path(__file__).resolve().parents[1]


def string_values(expr: ast.expr) -> list[str]:
    """The string literals an expression can evaluate to (directly, as either branch of ``x if c else y``, or in a tuple, list or set)."""
    if isinstance(expr, ast.Constant):
        return [expr.value] if isinstance(expr.value, str) else []
    if isinstance(expr, ast.IfExp):
        return string_values(expr.body) + string_values(expr.orelse)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return [value for element in expr.elts for value in string_values(element)]
    return []


def stray_literals(source: str, where: str) -> list[str]:
    """Each place in Python ``source`` that compares or sets a vocabulary field with a string literal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            fields = [s.attr for s in sides if isinstance(s, ast.Attribute) and s.attr in VOCABULARY_FIELDS]
            literals = [value for side in sides for value in string_values(side)]
            if fields and literals:
                found.append(f"{where}:{node.lineno}: {fields[0]} compared with {literals[0]!r}")
        elif isinstance(node, ast.keyword) and node.arg in VOCABULARY_FIELDS and string_values(node.value):
            found.append(f"{where}:{node.value.lineno}: {node.arg}= set with a string")
    return found


def test_no_vocabulary_value_is_written_as_a_string_outside_its_enum() -> None:
    found = []
    for path in sorted((ROOT / "auditor").rglob("*.py")):
        found += stray_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    fields = "|".join(VOCABULARY_FIELDS)
    for path in sorted((ROOT / "templates").glob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(rf"\b({fields})\s*(==|!=|\bin\b)\s*[\"'(\[]", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: compared with a string")
    assert found == []


def test_the_stray_literal_check_can_fail() -> None:
    snippet = 'if f.certainty == "uncertain":\n    x = Finding(certainty="clear" if a["b"] else Certainty.UNCERTAIN)\nkept = c.scope in ("outputs",)\n'
    assert len(stray_literals(snippet, "x.py")) == 3
    assert stray_literals('if f.certainty.needs_judgement:\n    x = Finding(certainty=Certainty.CLEAR if a["b"] else Certainty.UNCERTAIN)\n', "x.py") == []


def test_every_certainty_has_a_sarif_precision_and_a_label() -> None:
    from auditor.formats.sarif import PRECISION

    assert set(PRECISION) == set(Certainty)
    assert [c.label for c in Certainty] == ["clear", "uncertain: needs legal judgement"]
    assert [c.needs_judgement for c in Certainty] == [False, True]
