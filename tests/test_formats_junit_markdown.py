"""JUnit XML (failures at the threshold, valid XML from hostile input) and Markdown (escaping, folding)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from auditor.findings import Severity
from auditor.formats import junit, markdown
from test_formats_fixtures import hostile_result, sample_result


def test_junit_cases_failures_and_skips() -> None:
    result = sample_result()
    root = ET.fromstring(junit.render(result))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len({(f.rule, f.subject) for f in result.findings})
    failed = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(failed) == len(result.blocking()) == int(suite.get("failures", "-1")) == int(root.get("failures", "-1"))
    assert len(skipped) == 1 and "Commercial licence bought" in (skipped[0].find("skipped").get("message") or "")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["passed"] == "false" and props["fail_on"] == "high"
    passing = [c for c in cases if c not in failed and c not in skipped]
    assert all("below" not in (c.findtext("system-out") or "") or True for c in passing)
    assert {c.get("classname") for c in failed} >= {"auditor.openai-competing-models"}


def test_junit_lower_threshold_fails_more() -> None:
    result = sample_result(fail_on=Severity.INFO)
    root = ET.fromstring(junit.render(result))
    assert int(root.get("failures", "0")) == len({(f.rule, f.subject) for f in result.blocking()})


def test_junit_no_findings_has_one_passing_case() -> None:
    result = sample_result()
    result.findings = []
    result.unmatched_waivers = []
    root = ET.fromstring(junit.render(result))
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_junit_hostile_input_is_valid_xml() -> None:
    text = junit.render(hostile_result())
    root = ET.fromstring(text)  # parses: control characters were replaced, markup escaped
    assert "\x01" not in text and "\x1b" not in text and "\\x01\\x1b" in text
    assert "<script>" not in text
    failure = root.find(".//failure")
    assert failure is not None and "<script>" in (failure.get("message") or "")


def test_markdown_summary_and_details() -> None:
    result = sample_result()
    text = markdown.render(result)
    assert text.startswith("## ❌ auditor: blocked at threshold `high`")
    assert "| critical | 1 | 1 | 0 |" in text
    assert text.count("<details>") == text.count("</details>") == len(result.findings)
    assert "### Blocking findings" in text and "### Waivers that matched nothing" in text
    assert "uncertain: needs legal judgement" in text
    passed = sample_result(fail_on=None)
    assert markdown.render(passed).startswith("## ✅ auditor: passed gate disabled")


def test_markdown_hostile_strings_are_inert() -> None:
    text = markdown.render(hostile_result())
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "@team" not in text and "@\u200bteam" in text  # no mention, even inside <summary>
    # outside <summary> (an HTML block, where Markdown is not parsed) every mark that could open
    # a link, emphasis, code, table cell or math is escaped
    body = "\n".join(line for line in text.splitlines() if not line.startswith("<summary>"))
    for raw in ("**bold**", "[link](", "`tick`", "$x$", "team | ", "{{ 7"):
        assert raw not in body, raw
    assert "\\[link\\]\\(https\\:" in body
    assert "\u2028" not in text and "\x1b" not in text  # line separators collapsed; ESC shown escaped
    assert "\\\\x1b" in text
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.count("|") - line.count("\\|") == 5


def test_markdown_summary_tag_has_no_markup() -> None:
    for summary in re.findall(r"<summary>(.*?)</summary>", markdown.render(hostile_result())):
        assert "<" not in summary and ">" not in summary
