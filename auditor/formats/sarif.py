"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Results point at the manifest file and the YAML line of the entry, so a dashboard
shows them on the manifest itself; waived findings become external suppressions
rather than disappearing, and a baseline run sets ``baselineState``.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from auditor.formats.json_report import dumps_indented
from auditor.findings import CATEGORY_MEANINGS, AuditResult, Certainty, Finding, Severity
from auditor.formats.markdown import md

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "auditorFindingId/v1"

LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

# GitHub code scanning reads this rule property for its own severity column
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
PRECISION = {Certainty.CLEAR: "high", Certainty.UNCERTAIN: "medium"}  # SARIF's rule precision for each certainty



def render(result: AuditResult) -> str:
    return dumps_indented(document(result)) + "\n"  # the stdlib's indenting encoder is pure Python: seconds at 10,000 findings


def document(result: AuditResult) -> dict[str, Any]:
    rules, index = _rules(result.findings)
    uri, base = _artifact_uri(result.manifest_path)
    location: dict[str, Any] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "rules": rules,
            }
        },
        "artifacts": [{"location": dict(location), "hashes": {"sha-256": result.manifest_sha256}, "roles": ["analysisTarget"]}],
        "results": [_result(f, index, location) for f in result.findings],
        "invocations": [_invocation(result)],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "model": result.model_name,
            "passed": result.passed,
            "failOn": result.fail_on_label,
            "policies": [p.to_dict() for p in result.policies],
            "overrides": [o.to_dict() for o in result.overrides],
            "notices": result.notices(),
        },
    }
    if base:
        run["originalUriBaseIds"] = {base: {"description": {"text": "The folder the audit ran in."}}}
    if result.baseline:
        run["properties"]["baseline"] = result.baseline
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifact_uri(path: str) -> tuple[str, str | None]:
    """Always a URI relative to %SRCROOT% (the folder the audit ran in), never ``file://``.

    An absolute path inside the current folder becomes relative to it; any other
    anchored path (``/x``, ``c:m.yaml``, ``d:/m.yaml``, ``\\\\srv\\share\\m.yaml``) keeps
    only its file name: a code-scanning page must not link to a network share or a
    path on the auditing machine.
    """
    windows = PureWindowsPath(path)
    posix = PurePosixPath(path.replace("\\", "/"))
    if windows.drive or windows.root or posix.is_absolute():
        import os

        inside = None
        if posix.is_absolute() and not windows.drive:
            relative = os.path.relpath(str(posix), os.getcwd())
            inside = None if relative.startswith("..") else relative
        posix = PurePosixPath(inside or (windows.name or posix.name or "manifest"))
    return _percent(str(posix)), "%SRCROOT%"


def _percent(text: str) -> str:
    return quote(text, safe="/-._~")


def _rules(findings: list[Finding]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One rule per rule id that fired, described by its highest-ranked finding (findings are sorted)."""
    first: dict[str, Finding] = {}
    worst: dict[str, Severity] = {}
    for f in findings:
        first.setdefault(f.rule, f)
        if f.rule not in worst or f.severity.rank < worst[f.rule].rank:
            worst[f.rule] = f.severity
    rules = []
    for rule_id in sorted(first):
        f = first[rule_id]
        category_text = CATEGORY_MEANINGS.get(f.category, f.category)
        rules.append(
            {
                "id": rule_id,
                "name": _pascal(rule_id),
                "shortDescription": {"text": f.title},
                "fullDescription": {"text": f"{category_text} {f.message}"},
                "help": {"text": f.remediation, "markdown": f"**Remediation:** {md(f.remediation)}"},
                "defaultConfiguration": {"level": LEVELS[worst[rule_id]]},
                "properties": {
                    "category": f.category,
                    "tags": sorted({"compliance", "licence", f.category}),
                    "precision": PRECISION[f.certainty],
                    "problem.severity": _PROBLEM_SEVERITY[LEVELS[worst[rule_id]]],
                },
            }
        )
    return rules, {r["id"]: i for i, r in enumerate(rules)}


def _pascal(rule_id: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in rule_id).split()
    return "".join(w[:1].upper() + w[1:] for w in words) or "Rule"


def _result(f: Finding, index: dict[str, int], location: dict[str, Any]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": dict(location, index=0)}
    if f.line and f.line > 0:
        physical["region"] = {"startLine": f.line}
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "kind": "fail",
        "message": {"text": f"{f.title}: {f.message}"},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": f.subject, "name": f.subject_id, "kind": "member"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "id": f.id,
            "severity": f.severity.value,
            "category": f.category,
            "subject": f.subject,
            "certainty": f.certainty.value,
            "waived": f.waived,
            "evidence": [e.to_dict() for e in f.evidence],
            "remediation": f.remediation,
        },
    }
    if f.waiver is not None:
        w = f.waiver
        note = f"{w.reason} (approved by {w.approved_by}, expires {w.expires or 'never'})"
        out["suppressions"] = [
            {
                "kind": "external",
                # an expired waiver is recorded but rejected: the result is not suppressed
                "status": "rejected" if w.expired else "accepted",
                "justification": f"expired: {note}" if w.expired else note,
                "properties": w.to_dict(),
            }
        ]
    if f.new is not None:
        out["baselineState"] = "new" if f.new else "unchanged"
    return out


def _invocation(result: AuditResult) -> dict[str, Any]:
    notes = [
        {
            "level": "warning",
            "message": {"text": f"waiver matched nothing: {u.reason}"},
            "descriptor": {"id": "unmatched-waiver"},
            "properties": u.waiver.to_dict(),
        }
        for u in result.unmatched_waivers
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        invocation["toolConfigurationNotifications"] = notes
    return invocation
