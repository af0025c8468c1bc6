"""The CONTRACT JSON report, schema ``auditor.report/v1``: sorted keys, no timestamps.

Written in chunks (one finding at a time) so a report of 100,000 data sources never
holds its whole text, or one giant dict, in memory.  orjson does the encoding;
its indented, key-sorted output is byte-for-byte what ``json.dumps(indent=2,
sort_keys=True, ensure_ascii=False)`` gives, only much faster.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

import orjson

from auditor.findings import AuditResult
from auditor.schemas import REPORT_SCHEMA

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def header_dict(result: AuditResult) -> dict[str, Any]:
    """Everything but the findings."""
    blocking = len(result.blocking())
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "auditor", "version": result.tool_version},
        "manifest": {"path": result.manifest_path, "sha256": result.manifest_sha256, "model": result.model_name},
        "policies": [p.to_dict() for p in result.policies],
        "documents": [d.to_dict() for d in result.documents],
        "overrides": [o.to_dict() for o in result.overrides],
        "notices": result.notices(),
        "summary": {
            "passed": not blocking,
            "fail_on": result.fail_on_label,
            "counts": result.counts(),
            "waived": sum(1 for f in result.findings if f.waived),
            "blocking": blocking,
            "baseline": result.baseline,
        },
        "unmatched_waivers": [{"waiver": u.waiver.to_dict(), "reason": u.reason} for u in result.unmatched_waivers],
        **({"registry_overrides": [o.to_dict() for o in result.registry_overrides]}
           if result.registry_overrides else {}),
    }


def dumps_indented(value: Any, indent: str = "") -> str:
    """``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)``, byte for byte, in orjson's time; each line after the first indented by ``indent``."""
    try:
        return orjson.dumps(value, option=_OPTIONS).replace(b"\n", b"\n" + indent.encode()).decode("utf-8")
    except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits: the standard encoder handles it
        return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n" + indent)


def render_chunks(result: AuditResult) -> Iterator[str]:
    """The report as consecutive pieces of text; joined, they are the whole report."""
    header = header_dict(result)
    header["findings"] = None  # placeholder that keeps the sorted key order
    keys = sorted(header)
    yield "{\n"
    for position, key in enumerate(keys):
        comma = "," if position < len(keys) - 1 else ""
        if key != "findings":
            yield f'  "{key}": {dumps_indented(header[key], "  ")}{comma}\n'
            continue
        if not result.findings:
            yield f'  "findings": []{comma}\n'
            continue
        yield '  "findings": [\n'
        yield from _finding_batches(result)
        yield f"  ]{comma}\n"
    yield "}\n"


_BATCH = 512


def _finding_batches(result: AuditResult) -> Iterator[str]:
    """Findings encoded a batch at a time (one orjson call each), indented as array items."""
    findings = result.findings
    evidence_dicts: dict[int, list[dict[str, Any]]] = {}  # evidence tuples are shared between findings
    for start in range(0, len(findings), _BATCH):
        batch = []
        for finding in findings[start : start + _BATCH]:
            data = finding.to_dict(evidence=False)
            key = id(finding.evidence)
            if key not in evidence_dicts:
                evidence_dicts[key] = [e.to_dict() for e in finding.evidence]
            data["evidence"] = evidence_dicts[key]
            batch.append(data)
        text = dumps_indented(batch, "  ")  # "[\n    {...},\n    {...}\n  ]"
        tail = ",\n" if start + _BATCH < len(findings) else "\n"
        yield text[2:-4] + tail


def render(result: AuditResult) -> str:
    return "".join(render_chunks(result))
