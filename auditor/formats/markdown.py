"""Markdown for pull-request comments: verdict and summary first, details folded.

Every user string is escaped twice over: HTML-significant characters become
entities (GitHub renders inline HTML) and Markdown punctuation is backslash-escaped,
so a manifest cannot inject links, mentions, tables or markup into the comment.
"""

from __future__ import annotations

import re

from auditor.findings import SEVERITIES, AuditResult, Finding
from auditor.formats.sanitize import clean

MAX_DETAILS = 60  # keep a comment well under GitHub's 65,536-character limit
MAX_CHARS = 60_000  # the whole comment, whatever the lists hold; room left for the pointer line

# CommonMark/GFM punctuation that can start markup, a link, an autolink (:) or math ($);
# not ';' or '&', which form the entities html_text() produced
_PUNCT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:=$])")
_MENTION = re.compile(r"(?<!\w)@(?=\w)")


def html_text(value: object) -> str:
    """Escape for HTML contexts (inside <summary>), where Markdown is not parsed.

    GitHub finds @mentions in rendered text, after escapes are undone, so a zero-width
    space after a leading '@' is the only reliable way to stop a manifest pinging a team.
    """
    text = _MENTION.sub("@\u200b", " ".join(clean(str(value)).split()))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def md(value: object) -> str:
    """Escape a user string for inline Markdown: one line, no markup, no autolinks or mentions."""
    return _PUNCT.sub(r"\\\1", html_text(value).replace("&quot;", '"'))


def render(result: AuditResult) -> str:
    blocking = {f.id for f in result.blocking()}
    counts, everything = result.counts(), result.counts(include_waived=True)
    block_counts = {s.value: sum(1 for f in result.blocking() if f.severity == s) for s in SEVERITIES}
    model = result.manifest.model
    icon, word = ("✅", "passed") if result.passed else ("❌", "blocked")
    threshold = "gate disabled (`--fail-on never`)" if result.fail_on is None else f"at threshold `{result.fail_on_label}`"
    out = [
        f"## {icon} auditor: {word} {threshold}",
        "",
        f"**{md(model.name)}** ({md(model.type)}, {md(model.use)}, release {md(model.release)}) · "
        f"manifest {md(result.manifest_path)} · auditor {md(result.tool_version)}",
        "",
        _summary_sentence(result, len(blocking)),
        "",
        "| Severity | Unwaived | Blocking | Waived |",
        "| --- | ---: | ---: | ---: |",
    ]
    for s in SEVERITIES:
        v = s.value
        out.append(f"| {v} | {counts[v]} | {block_counts[v]} | {everything[v] - counts[v]} |")
    out.append(f"| **total** | **{sum(counts.values())}** | **{len(blocking)}** | **{sum(everything.values()) - sum(counts.values())}** |")

    if result.notices():
        out += ["", "### Overrides and cached documents", ""]
        out += [f"- {md(notice)}" for notice in result.notices()]
    if blocking:
        out += ["", "### Blocking findings", ""]
        out += [f"- **{f.severity.value.upper()}** {md(f.title)} ({_where(f)})" for f in result.findings if f.id in blocking]
    expired = [f for f in result.findings if f.waiver and f.waiver.expired]
    if expired:
        out += ["", "### Expired waivers (no longer waive)", ""]
        out += [f"- {md(f.title)} ({_where(f)}): expired {md(f.waiver.expires)}" for f in expired if f.waiver]
    if result.unmatched_waivers:
        out += ["", "### Waivers that matched nothing", ""]
        for u in result.unmatched_waivers:
            target = u.waiver.id or f"{u.waiver.rule}" + (f" on {u.waiver.subject}" if u.waiver.subject else "")
            out.append(f"- {md(target)}: {md(u.reason)}")

    if result.findings:
        shown = result.findings[:MAX_DETAILS]
        out += ["", f"### Details ({len(result.findings)} finding{'s' if len(result.findings) != 1 else ''})", ""]
        for f in shown:
            out += _details(f, f.id in blocking)
        if len(result.findings) > len(shown):
            out += [f"_{len(result.findings) - len(shown)} more findings: see the HTML or JSON report._", ""]
    else:
        out += ["", "No findings.", ""]
    return _fit(out)


def _fit(lines: list[str]) -> str:
    """Cut at a line boundary so a pull-request comment always fits, saying where the rest is."""
    total = sum(len(line) + 1 for line in lines)
    if total <= MAX_CHARS:
        return "\n".join(lines).rstrip("\n") + "\n"
    kept, used = [], 0
    for line in lines:
        if used + len(line) + 1 > MAX_CHARS:
            break
        kept.append(line)
        used += len(line) + 1
    if sum(1 for line in kept if line.startswith("<details")) > sum(1 for line in kept if line == "</details>"):
        kept.append("</details>")  # never leave a fold open
    kept += ["", f"_Comment cut at {used:,} of {total:,} characters (GitHub allows 65,536): the full report is the HTML or JSON one (`--report html:audit.html`)._"]
    return "\n".join(kept) + "\n"


def _summary_sentence(result: AuditResult, blocking: int) -> str:
    waived = sum(1 for f in result.findings if f.waived)
    parts = []
    if result.fail_on is not None:
        parts.append(f"{blocking} unwaived finding{'s' if blocking != 1 else ''} at or above {result.fail_on_label} block release")
    parts.append(f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''} in total")
    if waived:
        parts.append(f"{waived} waived")
    new = sum(1 for f in result.findings if f.new)
    if any(f.new is not None for f in result.findings):
        parts.append(f"{new} new since the baseline")
    return "; ".join(parts) + "."


def _where(f: Finding) -> str:
    return md(f.subject) + (f", line {f.line}" if f.line else "")


def _details(f: Finding, blocks: bool) -> list[str]:
    tags = []
    if blocks:
        tags.append("blocks release")
    if f.waived:
        tags.append("waived")
    if f.new is True:
        tags.append("new")
    elif f.new is False:
        tags.append("in baseline")
    if f.certainty.needs_judgement:
        tags.append(f.certainty.label)
    suffix = f" [{', '.join(tags)}]" if tags else ""
    summary = f"{f.severity.value.upper()} · {html_text(f.title)} · {html_text(f.subject)}{suffix}"
    lines = [
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        f"{md(f.message)}",
        "",
        f"- **Entry:** {md(f.subject)} ({md(f.subject_id)})" + (f", manifest line {f.line}" if f.line else ""),
        f"- **Rule:** {md(f.rule)} · category {md(f.category)} · id `{f.id}`",
        f"- **Certainty:** {f.certainty.label}",  # our own words, nothing to escape
    ]
    for e in f.evidence:
        cite = "; ".join(
            part
            for part in (
                e.policy and f"policy pack {md(e.policy)}",
                e.document and f"document {md(e.document)}",
                e.section and f"section {md(e.section)}",
                e.page is not None and f"page {e.page}",
                e.registry and f"registry entry {md(e.registry)}" + (f" ({md(e.url)})" if e.url else ""),
                e.subject and f"manifest entry {md(e.subject)}",
                e.note and md(e.note),
            )
            if part
        )
        lines.append(f"- **Evidence:** {cite}")
        if e.quote:
            lines.append(f"  > {md(e.quote)}")
    lines.append(f"- **Remediation:** {md(f.remediation)}")
    if f.waiver:
        w = f.waiver
        state = f"**Expired waiver** (expired {md(w.expires)}, no longer waives)" if w.expired else f"**Waived** until {md(w.expires or 'no expiry')}"
        lines.append(f"- {state}: {md(w.reason)}; approved by {md(w.approved_by)}")
    return lines + ["", "</details>", ""]

