"""Scan reports as text, JSON and Markdown; one renderer per member of ``ScanFormat``."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Callable

from typing import assert_never

from auditor.formats.sanitize import clean_lines


class ScanFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def render(report: dict[str, Any], fmt: ScanFormat) -> str:
    if fmt is ScanFormat.TEXT:
        return render_text(report)
    if fmt is ScanFormat.JSON:
        return render_json(report)
    if fmt is ScanFormat.MARKDOWN:
        return render_markdown(report)
    assert_never(fmt)


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _providers(entry: dict[str, Any]) -> str:
    return ", ".join(f"{p['provider']} ({p['rows']} rows, confidence {p['confidence']:.2f})" for p in entry["providers"]) or "-"


def _rate(entry: dict[str, Any]) -> str:
    low, high = entry["rate_interval"]
    return f"{entry['rate']:.2%} (95% CI {low:.2%}-{high:.2%})"


def render_text(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for entry in report["files"]:
        lines.append(f"{entry['path']}: {entry['verdict']}  [{entry['rows']} rows, {entry['rows_with_traces']} with traces, rate {_rate(entry)}]")
        lines.append(f"  providers: {_providers(entry)}")
        for ex in entry["examples"]:
            who = ex["provider"] or "generic"
            lines.append(f"  row {ex['row']} {ex['field']}: {ex['trace']} ({who}): \"{ex['quote']}\"")
        for ident in entry["declared_identities"]:
            lines.append(f"  declared identity (not a teacher trace): {ident['name'] or '?'} by {ident['maker']} in {ident['rows']} rows")
        for err in entry["errors"]:
            where = f"row {err['row']}: " if err["row"] is not None else ""
            lines.append(f"  error: {where}{err['message']}")
        if entry["error_count"] > len(entry["errors"]):
            lines.append(f"  ... {entry['error_count'] - len(entry['errors'])} more errors")
    summary = report["summary"]
    for missing in summary["missing"]:
        lines.append(f"{missing}: error: no such file, folder or glob match")
    verdicts = ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items())
    lines.append(f"{summary['files']} files, {summary['rows']} rows, {summary['bytes']} bytes: {verdicts}")
    lines.append("no-evidence means no trace was found, not that the text was written by people.")
    return clean_lines(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict[str, Any]) -> str:
    out = ["# Training-data scan", "", "| file | rows | verdict | providers | rate (95% CI) |", "| --- | ---: | --- | --- | --- |"]
    for entry in report["files"]:
        out.append(f"| `{_cell(entry['path'])}` | {entry['rows']} | {entry['verdict']} | {_cell(_providers(entry))} | {_rate(entry)} |")
    for entry in report["files"]:
        if not (entry["examples"] or entry["errors"] or entry["declared_identities"]):
            continue
        out += ["", f"## `{_cell(entry['path'])}`", ""]
        if entry["examples"]:
            out += ["| row | field | trace | provider | quote |", "| ---: | --- | --- | --- | --- |"]
            out += [
                f"| {e['row']} | `{_cell(e['field'])}` | {e['trace']} | {e['provider'] or 'generic'} | {_cell(e['quote'])} |"
                for e in entry["examples"]
            ]
        for ident in entry["declared_identities"]:
            out.append(f"- declared identity (not a teacher trace): {_cell(ident['name'] or '?')} by {_cell(ident['maker'])}, {ident['rows']} rows")
        for err in entry["errors"]:
            out.append(f"- error{'' if err['row'] is None else ' at row ' + str(err['row'])}: {_cell(err['message'])}")
    summary = report["summary"]
    out += ["", f"{summary['files']} files, {summary['rows']} rows. No evidence is not proof of human writing."]
    return clean_lines(out)


RENDERERS: dict[ScanFormat, Callable[[dict[str, Any]], str]] = {
    ScanFormat.TEXT: render_text,
    ScanFormat.JSON: render_json,
    ScanFormat.MARKDOWN: render_markdown,
}
