"""``audit check --scan``: what the scan finds in a data source's files, as findings.

For each data source with a ``path:``, its files are scanned; every provider the
traces point to that the source's ``generated_by`` does not declare becomes an
``undeclared-generation`` finding, and, when that provider's policy pack forbids
training on its outputs, a ``distillation-ban`` finding marked ``uncertain``
(traces identify a provider, not a contract: which terms were agreed to, and
whether the model competes, need review).  The scan's examples (file, row, field,
quote) are the evidence, so every report format shows them.
"""

from __future__ import annotations

from typing import Any, Callable

from auditor.clauses.categories import BANS
from auditor.errors import AuditorError
from auditor.findings import Certainty, Evidence, Finding, Severity
from auditor.manifest import RELEASED, DataSource, Manifest
from auditor.policy import PolicySet, Scope
from auditor.scan.engines import Engine
from auditor.scan.run import scan

RULE_UNDECLARED = "AUD951"
RULE_TERMS = "AUD952"
EVIDENCE_EXAMPLES = 5

LineLookup = Callable[[str], "int | None"]


def scan_sources(manifest: Manifest, engine: Engine, manifest_path: str) -> dict[int, dict[str, Any]]:
    """Scan report per data source index, for every source that has a ``path:``."""
    reports: dict[int, dict[str, Any]] = {}
    for index, source in enumerate(manifest.data_sources):
        if not source.path:
            continue
        report = scan([(source.path, str(manifest.resolve(source.path)))], engine)
        if not any(not f["unreadable"] for f in report["files"]):
            raise AuditorError(
                f"no readable data files at '{source.path}' (expected a file, folder or glob relative to the manifest)",
                file=manifest_path,
                field=f"data_sources[{index}].path",
            )
        reports[index] = report
    return reports


def declared_providers(source: DataSource, manifest: Manifest, policies: PolicySet) -> set[str]:
    teachers = {t.id: t for t in manifest.teachers}
    declared: set[str] = set()
    for generator in source.generated_by:
        teacher = teachers.get(generator)
        name = teacher.provider if teacher else generator.split("/", 1)[0]
        provider = policies.resolve_provider(name)
        if provider:
            declared.add(provider)
    return declared


def _evidence(index: int, examples: list[tuple[dict, dict]]) -> list[Evidence]:
    seen: set[tuple[str, int]] = set()
    unique = []
    for entry, ex in examples:  # one trace per row: a row often holds two (name and maker)
        if (entry["path"], ex["row"]) not in seen:
            seen.add((entry["path"], ex["row"]))
            unique.append((entry, ex))
    return [
        Evidence(
            document=entry["path"],
            section=f"row {ex['row']}, field {ex['field']}",
            quote=ex["quote"],
            subject=f"data_sources[{index}]",
            note=f"{ex['trace']} trace ({ex['provider'] or 'generic'}); file verdict {entry['verdict']}, "
            f"{entry['rows_with_traces']} of {entry['rows']} rows with traces",
        )
        for entry, ex in unique[:EVIDENCE_EXAMPLES]
    ]


def scan_findings(
    manifest: Manifest, policies: PolicySet, reports: dict[int, dict[str, Any]], line_of: LineLookup | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    commercial = manifest.model.use == "commercial" or manifest.model.release in RELEASED
    for index, report in sorted(reports.items()):
        source = manifest.data_sources[index]
        subject = f"data_sources[{index}]"
        line = line_of(subject) if line_of else None
        declared = declared_providers(source, manifest, policies)
        seen: dict[str, dict[str, Any]] = {}
        generic: list[tuple[dict, dict]] = []
        for entry in report["files"]:
            if entry["verdict"] == "no-evidence":
                continue
            for p in entry["providers"]:
                slot = seen.setdefault(p["provider"], {"rows": 0, "files": 0, "generated": False, "examples": []})
                slot["rows"] += p["rows"]
                slot["files"] += 1
                slot["generated"] |= entry["verdict"] == "generated"
                slot["examples"] += [(entry, e) for e in entry["examples"] if e["provider"] == p["provider"]]
            if not entry["providers"]:
                generic += [(entry, e) for e in entry["examples"]]
        for provider in sorted(p for p in seen if p not in declared):
            slot = seen[provider]
            evidence = _evidence(index, slot["examples"])
            first = slot["examples"][0][1] if slot["examples"] else None
            example = f' (e.g. row {first["row"]}: "{first["quote"]}")' if first else ""
            findings.append(
                Finding(
                    rule=RULE_UNDECLARED,
                    category="undeclared-generation",
                    severity=Severity.HIGH if slot["generated"] else Severity.MEDIUM,
                    subject=subject,
                    subject_id=source.id,
                    title=f"Data source '{source.id}' carries traces of {provider} model outputs not declared in generated_by",
                    message=f"{slot['rows']} rows in {slot['files']} file(s) under '{source.path}' read as {provider} model output"
                    f"{example}, but the manifest does not list a {provider} generator for this source.",
                    remediation=f"Declare the generator (a teacher with provider {provider}, or '{provider}/MODEL') in generated_by so "
                    "its terms are checked, or remove the generated rows; review the examples first.",
                    evidence=tuple(evidence),
                    certainty=Certainty.CLEAR if slot["generated"] else Certainty.UNCERTAIN,
                    line=line,
                    key=provider,
                )
            )
            pack = policies.pack_for_teacher(provider, None)
            bans = [c for c in pack.clauses if c.category in BANS and c.scope == Scope.OUTPUTS] if pack else []
            if bans:
                clause_evidence = [Evidence(policy=pack.id, section=c.section, quote=c.summary) for c in bans[:3]]
                findings.append(
                    Finding(
                        rule=RULE_TERMS,
                        category="distillation-ban",
                        severity=Severity.HIGH if commercial and slot["generated"] else Severity.MEDIUM,
                        subject=subject,
                        subject_id=source.id,
                        title=f"Undeclared {provider} outputs in '{source.id}' may fall under {provider}'s ban on training with them",
                        message=f"The traces point to {provider}; its terms ({pack.id} {pack.version}) restrict using outputs to train "
                        "models. Which terms applied to whoever generated this data, and whether this model competes, need review.",
                        remediation=f"Find out how the data was generated and under which {provider} terms; declare that teacher, "
                        "or replace the data.",
                        evidence=tuple(clause_evidence + evidence[:2]),
                        certainty=Certainty.UNCERTAIN,
                        line=line,
                        key=provider,
                    )
                )
        if generic and not seen and not source.generated_by and source.origin not in ("generated", "mixed"):
            findings.append(
                Finding(
                    rule=RULE_UNDECLARED,
                    category="undeclared-generation",
                    severity=Severity.LOW,
                    subject=subject,
                    subject_id=source.id,
                    title=f"Data source '{source.id}' may contain model outputs (generic traces only)",
                    message=f"Files under '{source.path}' hold generic traces of model output (an AI speaking of itself, "
                    "knowledge cutoffs) that point to no provider, and the manifest declares no generator.",
                    remediation="Check where the data came from; declare its generator in generated_by if it was generated.",
                    evidence=tuple(_evidence(index, generic)),
                    certainty=Certainty.UNCERTAIN,
                    line=line,
                    key="generic",
                )
            )
    return findings
