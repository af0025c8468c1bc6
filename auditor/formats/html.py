"""A self-contained HTML report a legal reviewer can read on screen, print to A4 and sign.

All layout lives in ``templates/report.html.j2``; this module only shapes the
AuditResult into plain values (verdict, lineage tree, look-ups) so the template
stays free of logic.  Autoescape is always on: every manifest and document string
is untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from auditor.findings import SEVERITIES, AuditResult, Finding, PackInfo
from auditor.resources import templates_dir

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one jinja2 environment for HTML reports (autoescape on, undefined names fail)."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["safe_url"] = safe_url
    return env


def _finalize(value: Any) -> Any:
    """Every value the template prints (the manifest's too) passes through the one sanitiser."""
    from markupsafe import Markup

    from auditor.formats.sanitize import clean

    return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def render(result: AuditResult, *, generated_at: str | None = None) -> str:
    """Render the report; ``generated_at`` is shown only when given, so output stays reproducible."""
    return environment().get_template(TEMPLATE).render(**context(result, generated_at=generated_at))


def safe_url(value: str | None) -> str | None:
    """Only http(s) addresses become links: a manifest could carry ``javascript:``."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


def verdict_text(result: AuditResult) -> str:
    blocking = len(result.blocking())
    if result.fail_on is None:
        return "Passed: the gate is disabled (--fail-on never)"
    if blocking:
        plural = "s" if blocking != 1 else ""
        return f"Blocked at threshold {result.fail_on_label}: {blocking} unwaived finding{plural} at or above {result.fail_on_label}"
    return f"Passed at threshold {result.fail_on_label}: no unwaived finding at or above {result.fail_on_label}"


def status(finding: Finding, blocking_ids: set[str]) -> str:
    """Why a finding does or does not fail the gate, in words."""
    if finding.waived:
        return "waived: does not block release"
    if finding.id in blocking_ids:
        return "blocks release"
    if finding.new is False:
        return "in baseline: does not block release"
    return "below the threshold: does not block release"


def short_status(finding: Finding, blocking_ids: set[str]) -> str:
    """The status column of the at-a-glance table."""
    return status(finding, blocking_ids).split(":")[0].replace("below the threshold", "below threshold")


@dataclass
class LineageNode:
    """One data source in the lineage tree; ``repeat`` marks a source already drawn above."""

    index: int
    source: Any
    children: list["LineageNode"] = field(default_factory=list)
    repeat: bool = False
    cycle: bool = False
    continued: bool = False  # its children start new trees below (the tree is cut at MAX_TREE_DEPTH)


MAX_TREE_DEPTH = 40  # deeper chains continue as new trees: the page stays readable and rendering stays shallow


def lineage_tree(sources: list[Any]) -> list[LineageNode]:
    """Upstream sources first, each followed by what derives from it (restrictions flow down).

    Only sources with some lineage (a parent, a child or a generating model) appear; a source with two parents appears under the first and is referenced under the
    second; cycles (which the manifest does not forbid) are cut and marked, and a chain deeper
    than MAX_TREE_DEPTH continues as a new tree.
    """
    by_id = {s.id: i for i, s in enumerate(sources)}
    children: dict[int, list[int]] = {i: [] for i in range(len(sources))}
    for i, source in enumerate(sources):
        for parent in dict.fromkeys(source.derived_from):
            if parent in by_id:
                children[by_id[parent]].append(i)
    expanded: set[int] = set()

    def build(index: int, path: frozenset[int]) -> LineageNode:
        node = LineageNode(index, sources[index])
        if index in path:
            node.cycle = True
            return node
        if index in expanded:
            node.repeat = True
            return node
        expanded.add(index)
        if len(path) + 1 >= MAX_TREE_DEPTH:
            node.continued = bool(children[index])
            return node
        node.children = [build(c, path | {index}) for c in children[index]]
        return node

    linked = {i for i, kids in children.items() if kids} | {c for kids in children.values() for c in kids}
    linked |= {i for i, s in enumerate(sources) if s.generated_by}
    roots = [
        build(i, frozenset())
        for i, s in enumerate(sources)
        if i in linked and not any(p in by_id for p in s.derived_from)
    ]
    for i in sorted(linked):  # sources reachable only through a cycle, or below a cut
        if i not in expanded:
            roots.append(build(i, frozenset()))
    return roots


def context(result: AuditResult, *, generated_at: str | None = None) -> dict[str, Any]:
    manifest = result.manifest
    blocking_ids = {f.id for f in result.blocking()}
    packs: dict[str, PackInfo] = {p.id: p for p in result.policies}
    by_subject: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_subject.setdefault(finding.subject, []).append(finding)
    teacher_ids = {t.id: i for i, t in enumerate(manifest.teachers)}
    counts = result.counts()
    waived = result.counts(include_waived=True)
    blocking_counts = {s.value: 0 for s in SEVERITIES}
    for finding in result.blocking():
        blocking_counts[finding.severity.value] += 1
    lineage = lineage_tree(list(manifest.data_sources))
    in_lineage = _ids_in(lineage)  # once: asked per source, it made the report quadratic
    pack_uses = {p.id: 0 for p in result.policies}
    for finding in result.findings:
        for policy in {e.policy for e in finding.evidence if e.policy}:
            if policy in pack_uses:
                pack_uses[policy] += 1
    rows = [
        {"severity": s.value, "open": counts[s.value], "waived": waived[s.value] - counts[s.value], "blocking": blocking_counts[s.value]}
        for s in SEVERITIES
    ]
    return {
        "result": result,
        "manifest": manifest,
        "model": manifest.model,
        "passed": result.passed,
        "verdict": verdict_text(result),
        "count_rows": rows,
        "total_open": sum(counts.values()),
        "total_waived": sum(waived.values()) - sum(counts.values()),
        "total_blocking": len(blocking_ids),
        "findings": result.findings,
        "status": lambda f: status(f, blocking_ids),
        "short_status": lambda f: short_status(f, blocking_ids),
        "blocking_ids": blocking_ids,
        "packs": packs,
        "pack_uses": pack_uses,
        "cited_packs": [p for p in result.policies if pack_uses[p.id]],
        "other_packs": [p for p in result.policies if not pack_uses[p.id]],
        "by_subject": by_subject,
        "anchor": _anchor,
        "teacher_ids": teacher_ids,
        "packs_cited": lambda subject: sorted(
            {e.policy for f in by_subject.get(subject, []) for e in f.evidence if e.policy}
        ),
        "lineage": lineage,
        "no_lineage": [s for s in manifest.data_sources if s.id not in in_lineage],
        "thousands": _thousands,
        "has_lineage": any(s.derived_from or s.generated_by for s in manifest.data_sources),
        "has_baseline": any(f.new is not None for f in result.findings),
        "generated_at": generated_at,
    }


def _ids_in(nodes: list[LineageNode]) -> set[str]:
    found: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        found.add(node.source.id)
        stack.extend(node.children)
    return found


def _anchor(subject: str) -> str:
    """In-page id of the manifest entry a path points into: 'data_sources[2].generated_by[0]' -> 'data_sources-2'."""
    entry = subject.split("]", 1)[0].split(".", 1)[0]
    return entry.replace("[", "-")


def _thousands(value: int | None) -> str | None:
    return None if value is None else f"{value:,}"
