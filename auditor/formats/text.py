"""Plain text for a person at a terminal: verdict, then findings grouped by severity."""

from __future__ import annotations

from typing import Iterator

from auditor.findings import SEVERITIES, AuditResult, Finding
from auditor.formats.sanitize import clean

WIDTH = 100


def render(result: AuditResult) -> str:
    return "".join(render_chunks(result))


def render_chunks(result: AuditResult) -> Iterator[str]:
    """Header, then one chunk per finding, so a huge report streams."""
    out: list[str] = []
    counts = result.counts()
    verdict = "PASSED" if result.passed else "BLOCKED"
    out.append(f"auditor: {clean(result.model_name)} ({result.manifest_path})")
    out.append(
        f"{verdict} at --fail-on {result.fail_on_label}: "
        + ", ".join(f"{counts[s.value]} {s.value}" for s in SEVERITIES)
        + _waived_note(result)
    )
    out.extend(f"! {notice}" for notice in result.notices())
    for severity in SEVERITIES:
        group = [f for f in result.findings if f.severity is severity]
        if not group:
            continue
        out.append("")
        out.append(f"== {severity.value.upper()} ({len(group)}) ==")
        for finding in group:
            out.extend(_finding(finding))
            yield "\n".join(out) + "\n"
            out = []
    for unmatched in result.unmatched_waivers:
        out.append("")
        target = unmatched.waiver.id or unmatched.waiver.rule
        out.append(f"! waiver {target} matched nothing: {unmatched.reason}")
    if not result.findings:
        out.append("")
        out.append("No findings.")
    out.append("")
    used = {e.policy for f in result.findings for e in f.evidence}
    out.append("Policy packs: " + (", ".join(f"{p.id}@{p.version}" for p in result.policies if p.id in used) or "none"))
    yield "\n".join(out) + "\n"


def _waived_note(result: AuditResult) -> str:
    waived = sum(1 for f in result.findings if f.waived)
    return f" ({waived} waived)" if waived else ""


def _finding(finding: Finding) -> list[str]:
    marks = []
    if finding.waived:
        marks.append("WAIVED")
    if finding.new is True:
        marks.append("NEW")
    if finding.certainty.needs_judgement:
        marks.append(finding.certainty.value)
    mark = f" [{', '.join(marks)}]" if marks else ""
    where = f"{finding.subject}" + (f" (line {finding.line})" if finding.line else "")
    lines = [f"- {finding.rule} {finding.category}: {finding.title}{mark}", f"  at {where}  id {finding.id}"]
    lines += _wrap("why: " + finding.message)
    for ev in finding.evidence:
        cite = ", ".join(
            x for x in (
                ev.document or (f"pack {ev.policy}" if ev.policy else None),
                f"section {ev.section}" if ev.section else None,
                f"page {ev.page}" if ev.page else None,
                f"registry {ev.registry}" + (f" ({ev.url})" if ev.url else "") if ev.registry else None,
            ) if x
        )
        quote = f' "{_short(ev.quote)}"' if ev.quote else ""
        via = f" (via {ev.subject})" if ev.subject and ev.subject != finding.subject else ""
        lines += _wrap(f"evidence{via}: {cite}:{quote}", indent="    ")
    lines += _wrap("fix: " + finding.remediation)
    if finding.waiver is not None:
        w = finding.waiver
        state = "EXPIRED" if w.expired else "waived"
        lines += _wrap(f"{state} by {w.approved_by} until {w.expires}: {w.reason}")
    return lines


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _wrap(text: str, indent: str = "  ") -> list[str]:
    """Greedy word wrap, continuation lines indented two more: each line cut at the last space that fits.

    Cutting lines rather than adding words keeps a 100,000-finding report quick
    (textwrap, or a loop over the words, takes several times as long).
    """
    rest = " ".join(text.split())
    prefix = indent
    lines: list[str] = []
    while len(prefix) + len(rest) > WIDTH:
        cut = rest.rfind(" ", 0, WIDTH - len(prefix) + 1)
        if cut < 0:  # a first word longer than the line stands alone
            cut = rest.find(" ")
            if cut < 0:
                break
        lines.append(prefix + rest[:cut])
        rest = rest[cut + 1 :]
        prefix = indent + "  "
    lines.append(prefix + rest)
    return lines
