"""The CONTRACT JSON report, schema ``auditor.report/v1``: sorted keys, no timestamps."""

from __future__ import annotations

import json
from typing import Any

from auditor.findings import AuditResult

SCHEMA = "auditor.report/v1"


def report_dict(result: AuditResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": result.tool_version},
        "manifest": {"path": result.manifest_path, "sha256": result.manifest_sha256, "model": result.model_name},
        "policies": [p.to_dict() for p in result.policies],
        "documents": [d.to_dict() for d in result.documents],
        "summary": {
            "passed": result.passed,
            "fail_on": result.fail_on_label,
            "counts": result.counts(),
            "waived": sum(1 for f in result.findings if f.waived),
            "blocking": len(result.blocking()),
            "baseline": result.baseline,
        },
        "findings": [f.to_dict() for f in result.findings],
        "unmatched_waivers": [
            {"waiver": u.waiver.to_dict(), "reason": u.reason} for u in result.unmatched_waivers
        ],
    }


def render(result: AuditResult) -> str:
    return json.dumps(report_dict(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
