"""evaluate(manifest, policies, inputs) -> findings.  Pure: no I/O, no printing.

Facts come from subjects.py; rules are YAML data (policies/rules/), compiled once
into predicates.  Every finding cites the manifest entry it is about and the
clauses that made it fire.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from auditor.conditions import Predicate, compile_condition, fact_names
from auditor.errors import AuditorError
from auditor.facts import Inputs, Obligation, SubjectFacts
from auditor.findings import Evidence, Finding, Severity
from auditor.manifest import Manifest
from auditor.policy import PolicySet, Rule
from auditor.subjects import FACTS, build

LineLookup = Callable[[str], "int | None"]


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    when: Predicate
    cases: tuple[tuple[Predicate, Severity], ...]
    default: Severity
    cites: frozenset[str]


def evaluate(
    manifest: Manifest,
    policies: PolicySet,
    inputs: Inputs | None = None,
    *,
    line_of: LineLookup | None = None,
) -> list[Finding]:
    rules_by_kind = compile_rules(policies)
    subjects = build(manifest, policies, inputs or Inputs())
    evidence_cache: dict[tuple, tuple[Evidence, ...]] = {}
    findings: list[Finding] = []
    for index, facts in enumerate(subjects):
        subjects[index] = None  # type: ignore[call-overload]  # free each subject's facts once judged
        line = line_of(facts.subject) if line_of is not None else None
        for compiled in rules_by_kind.get(facts.kind, ()):
            if compiled.when(facts.values):
                findings.append(_finding(compiled, facts, line, evidence_cache))
    findings.sort(key=Finding.sort_key)
    return findings


def compile_rules(policies: PolicySet) -> dict[str, list[_CompiledRule]]:
    """Rules grouped by subject kind, checked against the facts the engine provides."""
    grouped: dict[str, list[_CompiledRule]] = {}
    for rule in sorted(policies.rules.values(), key=lambda r: r.id):
        read = fact_names(rule.when).union(*(fact_names(c.when) for c in rule.severity.cases))
        unknown = sorted(read - FACTS[rule.subject])
        if unknown:
            raise AuditorError(
                f"rule {rule.id} tests fact(s) {', '.join(unknown)} that {rule.subject} do not have; "
                f"known facts: {', '.join(sorted(FACTS[rule.subject]))}",
                field=f"rules.{rule.id}.when",
            )
        grouped.setdefault(rule.subject, []).append(
            _CompiledRule(
                rule,
                compile_condition(rule.when),
                tuple((compile_condition(c.when), Severity(c.then)) for c in rule.severity.cases),
                Severity(rule.severity.default),
                frozenset(rule.cites),
            )
        )
    return grouped


def _finding(compiled: _CompiledRule, facts: SubjectFacts, line: int | None, evidence_cache: dict) -> Finding:
    rule = compiled.rule
    severity = compiled.default
    for predicate, then in compiled.cases:
        if predicate(facts.values):
            severity = then
            break
    cited = [o for o in facts.obligations if o.category in compiled.cites] if compiled.cites else []
    doubts = sorted({o.uncertain for o in cited if o.uncertain})
    values = _TemplateValues(facts, cited)
    message = rule.message.format_map(values)
    if doubts:
        message += " Needs judgement: " + " ".join(doubts)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=severity,
        subject=facts.subject,
        subject_id=facts.subject_id,
        title=rule.title.format_map(values),
        message=message,
        remediation=rule.remediation.format_map(values) if "{" in rule.remediation else rule.remediation,
        evidence=_evidence(facts.subject, cited, evidence_cache),
        certainty="uncertain" if rule.uncertain or doubts else "clear",
        line=line,
    )


class _TemplateValues(dict):
    """Placeholders of rule texts, computed only when a template asks for them."""

    def __init__(self, facts: SubjectFacts, cited: list[Obligation]) -> None:
        super().__init__()
        self._facts = facts
        self._cited = cited

    def __missing__(self, key: str) -> Any:
        if key == "cited":
            value: Any = ", ".join(sorted({o.category for o in self._cited})) or "none"
        elif key == "cited_sources":
            value = "; ".join(sorted({_source_text(o) for o in self._cited})) or "none"
        elif key == "subject":
            value = self._facts.subject
        else:
            values = self._facts.values
            raw = values.get(key, values.get(key.replace("_", ".", 1), _UNSET))
            if raw is _UNSET:
                return "{" + key + "}"
            value = ", ".join(str(v) for v in raw) or "none" if isinstance(raw, (list, tuple)) else raw
        self[key] = value
        return value


_UNSET = object()


def _source_text(ob: Obligation) -> str:
    return ob.source + (" via " + " <- ".join(ob.via) if ob.via else "")


def _evidence(subject: str, cited: list[Obligation], cache: dict) -> tuple[Evidence, ...]:
    """Evidence items, shared between findings that cite the same obligations (large manifests repeat them)."""
    if not cited:
        return ()
    key = (tuple((o.category, o.source, o.section, o.quote, o.document, o.via) for o in cited), subject if any(not o.via for o in cited) else None)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _build_evidence(subject, cited)
    return found


def _build_evidence(subject: str, cited: list[Obligation]) -> tuple[Evidence, ...]:
    evidence: list[Evidence] = []
    seen: set[tuple] = set()
    for ob in sorted(cited, key=_evidence_order):
        item = Evidence(
            policy=ob.pack.id if ob.pack else None,
            document=ob.document,
            section=ob.section,
            page=ob.page,
            quote=ob.quote,
            subject=ob.via[-1] if ob.via else subject,
            note=_note(ob),
        )
        key = (item.policy, item.document, item.section, item.quote, item.subject)
        if key not in seen:
            seen.add(key)
            evidence.append(item)
    return tuple(evidence)


def _evidence_order(ob: Obligation) -> tuple:
    return (ob.origin != "document", ob.category, ob.pack.id if ob.pack else "", ob.document or "", ob.section or "", ob.via)


def _note(ob: Obligation) -> str:
    note = f"{ob.category} ({ob.source}"
    if ob.pack is not None:
        note += f", pack {ob.pack.id} version {ob.pack.version}"
    note += ")"
    if ob.via:
        note += "; reached this entry through " + " <- ".join(ob.via)
    return note
