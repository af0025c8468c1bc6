"""Text, JSON and Markdown views of clauses and clause diffs (pure functions: data in, string out).

Clause text, section titles and file names come from documents and command lines a pull
request may control: text and Markdown pass them through ``formats.sanitize`` (and
Markdown through the report's own escaping), as every human-facing report does; JSON is
exact data.
"""

from __future__ import annotations

import json
import textwrap

from auditor.clauses.categories import BANS
from auditor.clauses.diff import Change
from auditor.clauses.model import Clause
from auditor.formats.sanitize import clean_all

QUOTE_CHARS = 300


def render_clauses(clauses: list[Clause], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([c.to_dict() for c in clauses], indent=2, ensure_ascii=False) + "\n"
    clauses = clean_all(clauses)
    if fmt == "markdown":
        return _markdown(clauses)
    return _text(clauses)


def render_diff(changes: list[Change], old: str, new: str, fmt: str) -> str:
    if fmt == "json":
        payload = {"old": old, "new": new, "changes": [ch.to_dict() for ch in changes]}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    changes, old, new = clean_all((changes, old, new))
    if fmt == "markdown":
        lines = [f"# Terms diff: {_esc(old)} -> {_esc(new)}", ""]
        if not changes:
            lines.append("No clause-level changes.")
        lines += ["| change | category | old | new |", "| --- | --- | --- | --- |"] if changes else []
        for ch in changes:
            lines.append(f"| {ch.kind} | {ch.category} | {_cell(ch.old)} | {_cell(ch.new)} |")
        return "\n".join(lines) + "\n"
    lines = [f"terms diff {old} -> {new}: {len(changes)} change(s)"]
    for ch in changes:
        mark = {"added": "+", "removed": "-", "changed": "~"}[ch.kind]
        where = ch.new or ch.old
        extra = f" (similarity {ch.similarity / 100:.2f})" if ch.kind == "changed" else ""
        lines.append(f"{mark} {ch.kind} {ch.category}{_ban(ch.category)} [{_where(where)}]{extra}")  # type: ignore[arg-type]
        if ch.old is not None:
            lines.append(_indent("old: " + _quote(ch.old.text)))
        if ch.new is not None:
            lines.append(_indent("new: " + _quote(ch.new.text)))
    return "\n".join(lines) + "\n"


def _text(clauses: list[Clause]) -> str:
    if not clauses:
        return "no clauses found\n"
    lines: list[str] = []
    current = None
    for clause in clauses:
        if clause.document != current:
            current = clause.document
            count = sum(1 for c in clauses if c.document == current)
            lines.append(f"{current}: {count} clause(s)")
        lines.append(f"  {clause.category}{_ban(clause.category)}  confidence {clause.confidence:.2f}  [{_where(clause)}]")
        lines.append(_indent(_quote(clause.text), 4))
    return "\n".join(lines) + "\n"


def _markdown(clauses: list[Clause]) -> str:
    lines = ["# Clauses", ""]
    if not clauses:
        return "# Clauses\n\nNo clauses found.\n"
    lines += ["| document | category | section | page | confidence | text |", "| --- | --- | --- | --- | --- | --- |"]
    for c in clauses:
        page = str(c.page) if c.page is not None else ""
        lines.append(f"| {_esc(c.document)} | {c.category} | {_esc(c.section or '')} | {page} | {c.confidence:.2f} | {_esc(_quote(c.text))} |")
    return "\n".join(lines) + "\n"


def _where(clause: Clause) -> str:
    parts = [clause.section or "no section"]
    if clause.page is not None:
        parts.append(f"page {clause.page}")
    parts.append(f"chars {clause.start}-{clause.end}")
    return ", ".join(parts)


def _ban(category: str) -> str:
    return " (ban)" if category in BANS else ""


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 3] + "..."


def _indent(text: str, width: int = 4) -> str:
    return textwrap.indent(textwrap.fill(text, 100), " " * width)


def _cell(clause: Clause | None) -> str:
    return _esc(_quote(clause.text)) if clause else ""


def _esc(text: str) -> str:
    from auditor.formats.markdown import md

    return md(text)
