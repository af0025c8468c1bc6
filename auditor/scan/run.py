"""Run a scan: plan, hand the tasks to an engine, merge per file, judge, report.

The report is a plain dict in the ``auditor.scan/v1`` shape.  Everything in it
but ``summary.seconds`` depends only on the inputs, so the JSON is the same byte
for byte whatever the engine, the number of workers or the current folder.
"""

from __future__ import annotations

import time
from typing import Any

from auditor.scan.engines import Engine
from auditor.schemas import SCAN_SCHEMA
from auditor.scan.meter import Meter
from auditor.scan.plan import Plan, make_plan
from auditor.scan.verdict import Thresholds, confidence, decide, wilson
from auditor.scan.work import TaskResult

EXAMPLES_SHOWN = 10


def scan(
    inputs: list[tuple[str, str]],
    engine: Engine,
    fields: frozenset[str] | None = None,
    thresholds: Thresholds = Thresholds(),
    part_bytes: int | None = None,
) -> dict[str, Any]:
    """Scan ``inputs`` ((shown name, real path) pairs) and return the report."""
    started = time.monotonic()
    plan = make_plan(inputs) if part_bytes is None else make_plan(inputs, part_bytes)
    results: dict[int, TaskResult] = {}
    meter = Meter(sum(s.size for s in plan.sources))
    parts: dict[int, int] = {}
    for task in plan.tasks:
        parts[task.file] = parts.get(task.file, 0) + 1
    try:
        for index, result in engine.run(plan.tasks, fields):
            results[index] = result
            meter.advance(_task_bytes(plan, index, parts), result.rows)
    finally:
        meter.close()
    merged: dict[int, TaskResult] = {}
    for index in sorted(results):
        result = results[index]
        if result.file in merged:
            merged[result.file].merge(result)
        else:
            merged[result.file] = result
    files = [_file_entry(plan, i, merged.get(i), thresholds) for i in range(len(plan.sources))]
    readable = [f for f in files if not f["unreadable"]]
    summary: dict[str, Any] = {
        "files": len(files),
        "rows": sum(f["rows"] for f in files),
        "bytes": sum(f["bytes"] for f in files),
        "verdicts": {v: sum(1 for f in files if f["verdict"] == v) for v in ("generated", "possibly-generated", "no-evidence")},
        "unreadable": len(files) - len(readable),
        "missing": plan.missing,
        "seconds": round(time.monotonic() - started, 3),
    }
    return {"schema": SCAN_SCHEMA, "files": files, "summary": summary}


def _task_bytes(plan: Plan, index: int, parts: dict[int, int]) -> int:
    """Bytes of the file one task covers (a Parquet row group: its share), for the progress line."""
    task = plan.tasks[index]
    if task.format == "parquet" or task.end is None:
        return plan.sources[task.file].size // parts[task.file]
    return task.end - task.start


def _file_entry(plan: Plan, index: int, result: TaskResult | None, thresholds: Thresholds) -> dict[str, Any]:
    source = plan.sources[index]
    problem = plan.problems.get(index)
    if result is None:
        result = TaskResult(index, 0, failed=True)
    errors = [{"row": None, "message": problem}] if problem else []
    errors += [{"row": row, "message": message} for row, message in result.errors]
    low, high = wilson(result.rows_with_traces, result.rows)
    providers = sorted(
        (
            {"provider": p, "rows": result.provider_rows[p], "score": round(s, 3), "confidence": confidence(s)}
            for p, s in result.provider_score.items()
        ),
        key=lambda e: (-e["score"], e["provider"]),
    )
    scores = {p: s for p, s in result.provider_score.items()}
    return {
        "path": source.name,
        "format": source.format + (".gz" if source.gzip else ""),
        "rows": result.rows,
        "bytes": source.size,
        "verdict": decide(scores, result.generic_score, thresholds),
        "providers": providers,
        "rows_with_traces": result.rows_with_traces,
        "rate": round(result.rows_with_traces / result.rows, 6) if result.rows else 0.0,
        "rate_interval": [round(low, 6), round(high, 6)],
        "generic": {"rows": result.generic_rows, "score": round(result.generic_score, 3)},
        "examples": _examples(result),
        "declared_identities": _identities(result.identities),
        "errors": errors,
        "error_count": result.error_count + (1 if problem else 0),
        "unreadable": bool(problem) or (result.failed and result.rows == 0),
    }


def _examples(result: TaskResult) -> list[dict[str, Any]]:
    """Up to EXAMPLES_SHOWN examples: one of each kind (provider, family) on rows not yet shown, then the earliest rows."""
    kinds = sorted(result.examples)
    chosen: list = []
    rows: set[int] = set()
    for kind in kinds:
        pick = next((e for e in result.examples[kind] if e.row not in rows), None)
        if pick is not None:
            chosen.append(pick)
            rows.add(pick.row)
    rest = sorted((e for k in kinds for e in result.examples[k] if e.row not in rows), key=lambda e: (e.row, e.hit.trace))
    for example in rest:
        if len(chosen) >= EXAMPLES_SHOWN:
            break
        if example.row not in rows:
            chosen.append(example)
            rows.add(example.row)
    chosen.sort(key=lambda e: (e.row, e.field, e.hit.trace))
    return [
        {
            "row": e.row,
            "field": e.field,
            "quote": e.hit.quote,
            "trace": e.hit.family,
            "pattern": e.hit.trace,
            "provider": e.hit.provider,
            "weight": e.hit.weight,
        }
        for e in chosen[:EXAMPLES_SHOWN]
    ]


def _identities(found: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    """Declared identities per maker (rows that name the model and rows that do not, together)."""
    makers: dict[str, dict[str, int]] = {}
    for (name, maker), count in found.items():
        makers.setdefault(maker, {})[name] = makers.get(maker, {}).get(name, 0) + count
    entries = []
    for maker, names in makers.items():
        named = sorted((n for n in names if n), key=lambda n: (-names[n], n))
        entries.append({"name": named[0] if named else "", "maker": maker, "rows": sum(names.values())})
    return sorted(entries, key=lambda e: (-e["rows"], e["maker"]))[:5]
