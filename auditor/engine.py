"""evaluate(manifest, policies, inputs) -> findings.  Pure: no I/O, no printing.

Facts come from subjects.py; rules are YAML data (policies/rules/).  Every
finding cites the manifest entry it is about and the clauses that made it fire.
"""

from __future__ import annotations

import string
from typing import Any, Callable, Mapping

from auditor.conditions import holds
from auditor.facts import Inputs, Obligation, SubjectFacts
from auditor.findings import Evidence, Finding, Severity
from auditor.manifest import Manifest
from auditor.policy import PolicySet, Rule
from auditor.subjects import build

LineLookup = Callable[[str], "int | None"]


def evaluate(
    manifest: Manifest,
    policies: PolicySet,
    inputs: Inputs | None = None,
    *,
    line_of: LineLookup | None = None,
) -> list[Finding]:
    subjects = build(manifest, policies, inputs or Inputs())
    rules_by_kind: dict[str, list[Rule]] = {}
    for rule in sorted(policies.rules.values(), key=lambda r: r.id):
        rules_by_kind.setdefault(rule.subject, []).append(rule)
    findings: list[Finding] = []
    for facts in subjects:
        for rule in rules_by_kind.get(facts.kind, ()):
            if holds(rule.when, facts.values):
                findings.append(_finding(rule, facts))
    findings.sort(key=Finding.sort_key)
    if line_of is not None:
        lines: dict[str, int | None] = {}
        findings = [f.with_changes(line=lines.setdefault(f.subject, line_of(f.subject))) for f in findings]
    return findings


def _finding(rule: Rule, facts: SubjectFacts) -> Finding:
    severity = Severity(rule.severity.default)
    for case in rule.severity.cases:
        if holds(case.when, facts.values):
            severity = Severity(case.then)
            break
    cited = [o for o in facts.obligations if o.category in rule.cites]
    doubts = sorted({o.uncertain for o in cited if o.uncertain})
    uncertain = rule.uncertain or bool(doubts)
    values = _template_values(facts, cited)
    message = _fill(rule.message, values)
    if doubts:
        message += " Needs judgement: " + " ".join(doubts)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=severity,
        subject=facts.subject,
        subject_id=facts.subject_id,
        title=_fill(rule.title, values),
        message=message,
        remediation=_fill(rule.remediation, values),
        evidence=tuple(_evidence(facts, cited)),
        certainty="uncertain" if uncertain else "clear",
    )


def _template_values(facts: SubjectFacts, cited: list[Obligation]) -> dict[str, Any]:
    values: dict[str, Any] = {k.replace(".", "_"): v for k, v in facts.values.items()}
    values["cited"] = ", ".join(sorted({o.category for o in cited})) or "none"
    values["cited_sources"] = "; ".join(sorted({_source_text(o) for o in cited})) or "none"
    values["subject"] = facts.subject
    for key, value in list(values.items()):
        if isinstance(value, (list, tuple)):
            values[key] = ", ".join(str(v) for v in value) or "none"
    return values


def _source_text(ob: Obligation) -> str:
    text = ob.source
    if ob.via:
        text += " via " + " <- ".join(ob.via)
    return text


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, Any]) -> str:
    return string.Formatter().vformat(template, (), _Missing(values))


def _evidence(facts: SubjectFacts, cited: list[Obligation]) -> list[Evidence]:
    evidence: list[Evidence] = []
    seen: set[tuple] = set()
    for ob in sorted(cited, key=_evidence_order):
        item = Evidence(
            policy=ob.pack.id if ob.pack else None,
            document=ob.document,
            section=ob.section,
            page=ob.page,
            quote=ob.quote,
            subject=ob.via[-1] if ob.via else facts.subject,
            note=_note(ob),
        )
        key = (item.policy, item.document, item.section, item.quote, item.subject)
        if key not in seen:
            seen.add(key)
            evidence.append(item)
    return evidence


def _evidence_order(ob: Obligation) -> tuple:
    return (ob.origin != "document", ob.category, ob.pack.id if ob.pack else "", ob.document or "", ob.section or "", ob.via)


def _note(ob: Obligation) -> str:
    parts = [f"{ob.category} ({ob.source}"]
    if ob.pack is not None:
        parts[0] += f", pack {ob.pack.id} version {ob.pack.version}"
    parts[0] += ")"
    if ob.via:
        parts.append("reached this entry through " + " <- ".join(ob.via))
    return "; ".join(parts)
