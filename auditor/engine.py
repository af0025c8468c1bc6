"""evaluate(manifest, policies, inputs) -> findings.  Pure: no file I/O, no printing.

Facts come from auditor/facts/; rules are YAML data (policies/rules/), compiled once
into predicates.  Every finding cites the manifest entry it is about and the
clauses that made it fire.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from auditor.policy.conditions import Predicate, compile_condition, fact_names
from auditor.errors import AuditorError
from auditor.facts import Inputs, SubjectFacts
from auditor.citations import NOTHING_CITED, Citation, Citations
from auditor.findings import Certainty, Evidence, Finding, Severity
from auditor.manifest import Manifest
from auditor.policy import PolicySet, Rule
from auditor.facts import FACTS, FIELD_OF_FACT, build
from auditor.facts.common import COMMON

LineLookup = Callable[[str], "int | None"]


Template = tuple[str, tuple[str, ...]]  # (format string with positional fields, placeholder names), parsed once


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    when: Predicate
    cases: tuple[tuple[Predicate, Severity], ...]
    default: Severity
    cites: frozenset[str]
    title: Template
    message: Template
    remediation: Template
    reads: frozenset[str]  # every fact its conditions test
    base_model: tuple[Template, Template, Template] | None = None  # title, message, remediation for base models
    field: str | None = None  # the entry's field its facts all come from: findings cite that line


def evaluate(
    manifest: Manifest,
    policies: PolicySet,
    inputs: Inputs | None = None,
    *,
    line_of: LineLookup | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[Finding]:
    """All findings, sorted.  ``tick(n)`` is called as subjects are judged (a progress bar)."""
    judge = _Judge(_Verdicts(compile_rules(policies)), line_of, tick)
    findings = judge.all(build(manifest, policies, inputs or Inputs()))
    findings.sort(key=Finding.sort_key)
    return findings


class _Judge:
    """The rules' findings on a list of subjects."""

    def __init__(self, verdicts: _Verdicts, line_of: LineLookup | None, tick: Callable[[int], None] | None) -> None:
        self._verdicts = verdicts
        self._line_of = line_of
        self._tick = tick

    def all(self, subjects: list[SubjectFacts]) -> list[Finding]:
        tick = self._tick
        line_of = self._line_of
        citations = Citations()
        findings: list[Finding] = []
        append = findings.append
        for index, facts in enumerate(subjects):
            subjects[index] = None  # type: ignore[call-overload]  # free each subject's facts once judged
            if tick is not None and index % 1000 == 999:
                tick(1000)
            if facts.values.get("trained_on") is False:
                continue  # a parent listed only for derived_from: its duties reach the model through its children
            fired = self._verdicts.of(facts)
            if fired:
                line = line_of(facts.line_at or facts.subject) if line_of is not None else None  # only for subjects with findings
                for compiled, severity in fired:
                    citation = citations.of(compiled.cites, facts.obligations) if compiled.cites else NOTHING_CITED
                    field = None if facts.line_at or line_of is None else compiled.field or citation.field
                    cited_line = line if field is None else line_of(f"{facts.subject}.{field}")  # type: ignore[misc]
                    append(_finding(compiled, severity, facts, cited_line, citation))
        return findings


Verdict = tuple[tuple[_CompiledRule, Severity], ...]  # the rules that fire on a subject, with their severities


class _Verdicts:
    """Which rules fire, worked out once per distinct set of the facts the rules read.

    Rules read a handful of facts (data sources: eight), and a large manifest repeats
    their combinations, so most subjects are judged by one dictionary lookup.
    """

    def __init__(self, rules_by_kind: dict[str, list[_CompiledRule]]) -> None:
        self._rules = rules_by_kind
        self._reads = {kind: tuple(sorted(frozenset().union(*(c.reads for c in rules)))) for kind, rules in rules_by_kind.items()}
        self._known: dict[tuple, Verdict] = {}

    def of(self, facts: SubjectFacts) -> Verdict:
        values = facts.values
        try:
            key = (facts.kind, *[tuple(v) if type(v) is list else v for v in map(values.get, self._reads.get(facts.kind, ()))])
            found = self._known.get(key)
        except TypeError:  # a fact that cannot be a key (a list of lists): judge it directly
            return self._judge(facts.kind, values)
        if found is None:
            found = self._known[key] = self._judge(facts.kind, values)
        return found

    def _judge(self, kind: str, values: dict) -> Verdict:
        fired = []
        for compiled in self._rules.get(kind, ()):
            if compiled.when(values):
                severity = next((then for predicate, then in compiled.cases if predicate(values)), compiled.default)
                fired.append((compiled, severity))
        return tuple(fired)


def compile_rules(policies: PolicySet) -> dict[str, list[_CompiledRule]]:
    """Rules grouped by subject kind, checked against the facts the engine provides.

    Everything ``audit check`` would stumble on is an error here, naming the rule's file
    and line: a fact the subject does not have, a placeholder that names none or does not
    close.  ``audit policies --validate`` runs the same check.
    """
    grouped: dict[str, list[_CompiledRule]] = {}
    for rule in sorted(policies.rules.values(), key=lambda r: r.id):
        read = fact_names(rule.when).union(*(fact_names(c.when) for c in rule.severity.cases))
        known = FACTS[rule.subject]
        unknown = sorted(read - known)
        if unknown:
            raise _rule_error(
                policies, rule, "when",
                f"rule {rule.id} tests fact(s) {', '.join(unknown)} that {rule.subject} do not have; known facts: {', '.join(sorted(known))}",
            )
        templates = {}
        wording = rule.base_model
        parts = [(p, getattr(rule, p)) for p in ("title", "message", "remediation")]
        parts += [(f"base_model.{p}", getattr(wording, p) or getattr(rule, p)) for p in ("title", "message", "remediation")] if wording else []
        for part, text in parts:
            try:
                templates[part] = _parse_template(text)
            except ValueError as exc:  # an unbalanced brace: str.format would fail on every finding
                raise _rule_error(policies, rule, part, f"rule {rule.id} {part} is not a valid template ({exc}); write a literal brace as {{{{ or }}}}") from None
            missing = sorted(f for f in templates[part][1] if not _placeholder_known(f, known))
            if missing:
                raise _rule_error(
                    policies, rule, part,
                    f"rule {rule.id} {part} names placeholder(s) {', '.join('{' + m + '}' for m in missing)} that {rule.subject} do not have; "
                    f"known: {', '.join(sorted(known | _TEXT_ONLY))}",
                )
        grouped.setdefault(rule.subject, []).append(
            _CompiledRule(
                rule,
                compile_condition(rule.when),
                tuple((compile_condition(c.when), Severity(c.then)) for c in rule.severity.cases),
                Severity(rule.severity.default),
                frozenset(rule.cites),
                templates["title"],
                templates["message"],
                templates["remediation"],
                frozenset(read),
                tuple(templates[f"base_model.{p}"] for p in ("title", "message", "remediation")) if wording else None,  # type: ignore[arg-type]
                _one_field(FIELD_OF_FACT.get(rule.subject, {}), read - COMMON),
            )
        )
    return grouped


def _one_field(field_of_fact: dict[str, str], reads: frozenset[str]) -> str | None:
    fields = {field_of_fact.get(fact) for fact in reads}
    return next(iter(fields)) if len(fields) == 1 else None  # None among them: some fact is not tied to a field


_TEXT_ONLY = frozenset({"cited", "cited_sources", "subject"})  # placeholders rule texts have beside the facts


def _placeholder_known(name: str, known: frozenset[str]) -> bool:
    return name in _TEXT_ONLY or name in known or name.replace("_", ".", 1) in known


def _rule_error(policies: PolicySet, rule: Rule, part: str, message: str) -> AuditorError:
    """An error about a rule, at its file and line."""
    where = policies.rule_sources.get(rule.id)
    if where is None:
        return AuditorError(message, field=f"rules.{rule.id}.{part}")
    from auditor import yamlio

    path, index = where
    try:
        line = yamlio.LineIndex(yamlio.read_text(Path(path), what="rules file")).line(("rules", index, *part.split(".")))
    except AuditorError:
        line = None
    return AuditorError(message, file=path, line=line, field=f"rules[{index}].{part}")


def _parse_template(text: str) -> Template:
    """'{label} is ...' -> ('{} is ...', ('label',)): filled by str.format, in C.  ValueError if a brace does not close."""
    pattern, fields = [], []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        pattern.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            if not name or spec or conversion or not name.replace("_", "").replace(".", "").isalnum():
                raise ValueError(f"'{{{name}}}' is not a placeholder name")
            pattern.append("{}")
            fields.append(name)
    return "".join(pattern), tuple(fields)


# facts that come from the registry: a rule reading one cites the registry entry as evidence
_REGISTRY_READS = frozenset({"registry_licence_conflict", "undeclared_generators", "registry_origin_conflict", "registry_copyright", "registry_licence_applied"})


def _registry_evidence(facts: SubjectFacts) -> Evidence:
    values = facts.values
    return Evidence(
        quote=f"{values['registry_name']}: licence {values['registry_licence']}",
        note=f"registry entry {values['registry_id']} ({values['registry_file']})",
        registry=values["registry_id"],
        url=values["registry_source"],
    )


def _finding(compiled: _CompiledRule, severity: Severity, facts: SubjectFacts, line: int | None, citation: Citation) -> Finding:
    rule = compiled.rule
    words = _Placeholders(facts, citation)
    title, message_template, remediation = (
        compiled.base_model if compiled.base_model and facts.values.get("base_model") else (compiled.title, compiled.message, compiled.remediation)
    )
    message = words.fill(message_template)
    evidence = citation.evidence
    if facts.values.get("registry_id") and compiled.reads & _REGISTRY_READS:
        evidence = (*evidence, _registry_evidence(facts))
    registry = citation.registry
    if facts.values.get("registry_id") and compiled.reads & _REGISTRY_READS:
        registry = "; ".join(sorted({registry, f"{facts.values['registry_id']} ({facts.values['registry_source']})"} - {""}))
    if registry:
        message += f" This rests on the registry: {registry}."
    if citation.doubts:
        message += (" Part of it needs judgement: " if citation.settled else " Needs judgement: ") + citation.doubts
    return Finding(
        rule.id,
        rule.category,
        severity,
        facts.subject,
        facts.subject_id,
        words.fill(title),
        message,
        words.fill(remediation),
        evidence,
        Certainty.UNCERTAIN if rule.uncertain or (citation.doubts and not citation.settled) else Certainty.CLEAR,
        line,
    )




class _Placeholders:
    """Values for rule texts: facts shown as words (lists joined), computed only when a text asks."""

    __slots__ = ("_facts", "_citation")

    def __init__(self, facts: SubjectFacts, citation: Citation) -> None:
        self._facts = facts
        self._citation = citation

    def fill(self, template: Template) -> str:
        pattern, fields = template
        return pattern.format(*[self.value(field) for field in fields]) if fields else pattern

    def value(self, key: str) -> str:
        words = self._facts.words
        found = words.get(key)
        if found is not None:
            return found
        if key == "cited":
            return self._citation.categories
        if key == "cited_sources":
            return self._citation.sources
        if key == "subject":
            return self._facts.subject
        values = self._facts.values
        raw = values.get(key, _UNSET)
        if raw is _UNSET:  # "model_name" for the fact "model.name"
            raw = values.get(key.replace("_", ".", 1), _UNSET)
        if raw is _UNSET:
            found = "{" + key + "}"  # an unknown placeholder stays visible, never a crash
        elif isinstance(raw, (list, tuple)):
            found = ", ".join(str(v) for v in raw) or "none"
        else:
            found = str(raw)
        words[key] = found
        return found


_UNSET = object()
