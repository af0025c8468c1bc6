"""JUnit XML for CI test dashboards: one test case per rule and subject.

A case fails when it has an unwaived finding that blocks the gate; waived cases
are recorded as skipped (with the waiver), others pass with their details in
``system-out``.  Built with ElementTree, never by string concatenation; characters
XML 1.0 cannot carry (control characters from a manifest) are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from auditor.findings import AuditResult, Finding

# XML 1.0 Char production: everything else (e.g. \x00-\x08, lone surrogates) is made visible instead
_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Replace characters XML 1.0 forbids by a visible escape, so the file always parses."""
    return _INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def render(result: AuditResult) -> str:
    blocking = {f.id for f in result.blocking()}
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.rule, finding.subject), []).append(finding)

    cases: list[ET.Element] = []
    failures = skipped = 0
    for (rule, subject), found in groups.items():
        case = _element("testcase", classname=f"auditor.{rule}", name=f"{subject} ({found[0].subject_id})", time="0")
        failing = [f for f in found if f.id in blocking]
        if failing:
            failures += 1
            worst = failing[0]
            _sub(case, "failure", _details(failing), message=worst.title, type=worst.severity.value)
        elif all(f.waived for f in found):
            skipped += 1
            waiver = found[0].waiver
            _sub(case, "skipped", None, message=f"waived: {waiver.reason if waiver else ''}")
        if not failing:
            _sub(case, "system-out", _details(found))
        cases.append(case)
    if not cases:
        case = _element("testcase", classname="auditor", name="no findings", time="0")
        cases.append(case)

    attrs = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": str(skipped), "time": "0"}
    root = _element("testsuites", name="auditor", **attrs)
    suite = ET.SubElement(root, "testsuite", {"name": clean(f"auditor check {result.manifest_path}"), **attrs})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("manifest", result.manifest_path),
        ("manifest.sha256", result.manifest_sha256),
        ("model", result.model_name),
        ("fail_on", result.fail_on_label),
        ("passed", str(result.passed).lower()),
        *((f"policy.{p.id}", f"{p.version} (effective {p.effective})") for p in result.policies),
        *((f"notice.{i}", notice) for i, notice in enumerate(result.notices())),
        *((f"unmatched_waiver.{i}", f"{u.waiver.id or u.waiver.rule}: {u.reason}") for i, u in enumerate(result.unmatched_waivers)),
    ):
        ET.SubElement(properties, "property", {"name": clean(name), "value": clean(value)})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _element(tag: str, **attrs: str) -> ET.Element:
    return ET.Element(tag, {k: clean(v) for k, v in attrs.items()})


def _sub(parent: ET.Element, tag: str, text: str | None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        child.text = clean(text)
    return child


def _details(findings: list[Finding]) -> str:
    """Plain-text body of a case: what a CI log reader needs without opening the HTML report."""
    blocks = []
    for f in findings:
        lines = [
            f"[{f.severity.value}] {f.title}",
            f"id: {f.id}  rule: {f.rule}  category: {f.category}  subject: {f.subject}"
            + (f"  line: {f.line}" if f.line else ""),
            f.message,
        ]
        if f.certainty.needs_judgement:
            lines.append(f"certainty: {f.certainty.label}")
        for e in f.evidence:
            where = ", ".join(
                str(part)
                for part in (e.policy, e.document, e.section and f"section {e.section}", e.page and f"page {e.page}",
                             e.registry and f"registry {e.registry}" + (f" ({e.url})" if e.url else ""), e.subject)
                if part
            )
            said = "; ".join(part for part in (e.quote and f'"{e.quote}"', e.note) if part)
            lines.append("evidence: " + ": ".join(part for part in (where, said) if part))
        lines.append(f"remediation: {f.remediation}")
        if f.waiver:
            state = "EXPIRED waiver (no longer waives)" if f.waiver.expired else "waived"
            lines.append(f"{state}: {f.waiver.reason}; approved by {f.waiver.approved_by}; expires {f.waiver.expires}")
        if f.new is not None:
            lines.append("baseline: new" if f.new else "baseline: already in baseline")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
