"""HTML report: escaping of hostile input, structure, self-containment, verdicts, lineage."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from auditor.findings import Severity
from auditor.formats import html
from auditor.formats.html import lineage_tree
from auditor.manifest import parse_manifest
from test_formats_fixtures import HOSTILE_URL, hostile_result, sample_result


class _Collector(HTMLParser):
    """Collects tags, attributes and text, so assertions look at the parsed document, not the raw string."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if dict(attrs).get("id"):
            self.ids.append(str(dict(attrs)["id"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(doc: str) -> _Collector:
    parser = _Collector()
    parser.feed(doc)
    parser.close()
    return parser


def test_hostile_strings_are_escaped() -> None:
    doc = html.render(hostile_result())
    parsed = _parse(doc)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags
    assert "<script>" not in doc and "<img" not in doc
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in doc  # quotes escaped too
    assert "{{ 7*7 }}" in "".join(parsed.text)  # data is never evaluated as a template
    assert "49" not in "".join(parsed.text)
    # javascript: never becomes a link; http(s) URLs keep their query escaped
    hrefs = [a.get("href") or "" for t, a in parsed.tags if t == "a"]
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    assert HOSTILE_URL in "".join(parsed.text)
    assert "https://ok.example/?a=1&b=<2>" in hrefs
    # every attribute value the parser saw is free of raw markup
    for _, attrs in parsed.tags:
        for name, value in attrs.items():
            assert name.isascii() and (value is None or "<script" not in value)


def test_self_contained_and_deterministic() -> None:
    doc = html.render(sample_result())
    parsed = _parse(doc)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "link", "img", "iframe", "object"}
        assert not (attrs.get("src") or "").strip()
    assert "@import" not in doc and "url(" not in doc
    assert doc == html.render(sample_result())
    assert "Generated</dt>" not in doc
    assert "<dt>Generated</dt><dd>2026-03-01T12:00Z</dd>" in html.render(sample_result(), generated_at="2026-03-01T12:00Z")


def test_structure_is_accessible() -> None:
    doc = html.render(sample_result())
    parsed = _parse(doc)
    assert doc.startswith("<!DOCTYPE html>")
    assert [t for t, _ in parsed.tags].count("h1") == 1
    assert all(a.get("scope") in {"col", "row"} for t, a in parsed.tags if t == "th")
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate element ids"
    targets = {a["href"][1:] for t, a in parsed.tags if t == "a" and (a.get("href") or "").startswith("#")}
    assert targets <= set(parsed.ids), f"broken in-page links: {targets - set(parsed.ids)}"
    # severity is written out, not only coloured
    assert re.search(r'<span class="sev sev-critical">critical</span>', doc)
    assert "@page" in doc and "size: A4" in doc and "@media print" in doc


def test_report_content() -> None:
    result = sample_result()
    doc = html.render(result)
    text = " ".join("".join(_parse(doc).text).split())
    assert "✘ BLOCKED" in text and "Blocked at threshold high: 3 unwaived findings at or above high" in text
    assert "uncertain: needs legal judgement" in text
    assert "Expired waiver: no longer waives." in text and "Waived until 2027-06-30." in text
    assert "policy pack openai-terms version 2024-12-11; document samples/terms/openai.pdf; section 2. Usage requirements; page 3" in text
    assert "samples/manifest.yaml, line 9" in text
    assert "rule share-alike-output did not fire" in text
    assert "3f" * 32 in text and result.manifest_sha256 in text
    assert "Pre-release review sign-off" in text and "Approve with conditions" in text
    for f in result.findings:
        assert f'id="{f.id}"' in doc


def test_passed_and_disabled_verdicts() -> None:
    passed = sample_result(fail_on=Severity.CRITICAL)
    passed.findings = [f for f in passed.findings if f.severity is not Severity.CRITICAL]
    assert "✔ PASSED" in html.render(passed)
    assert "the gate is disabled" in html.render(sample_result(fail_on=None))


def test_baseline_tags() -> None:
    result = sample_result()
    result.findings = [f.with_changes(new=(i % 2 == 0)) for i, f in enumerate(result.findings)]
    doc = html.render(result)
    assert '<span class="tag">new</span>' in doc and '<span class="tag">in baseline</span>' in doc


def _sources(*pairs: tuple[str, list[str]]):
    data = {
        "apiVersion": "auditor/v1",
        "model": {"name": "m", "use": "research", "release": "none"},
        "data_sources": [{"id": i, "derived_from": parents} for i, parents in pairs],
    }
    return list(parse_manifest(data, source="m.yaml").data_sources)


def test_lineage_diamond_draws_each_source_once_in_full() -> None:
    roots = lineage_tree(_sources(("a", []), ("b", ["a"]), ("c", ["a"]), ("d", ["b", "c"])))
    assert [r.source.id for r in roots] == ["a"]
    b, c = roots[0].children
    assert b.children[0].source.id == "d" and not b.children[0].repeat
    assert c.children[0].source.id == "d" and c.children[0].repeat


def test_lineage_cycle_terminates() -> None:
    roots = lineage_tree(_sources(("a", ["b"]), ("b", ["a"]), ("c", [])))
    ids = [r.source.id for r in roots]
    assert ids == ["a"]  # c has no lineage: listed apart, not drawn
    a = roots[0]
    assert a.children[0].source.id == "b" and a.children[0].children[0].cycle


def test_uncited_packs_are_listed_apart() -> None:
    from auditor.findings import PackInfo

    result = sample_result()
    result.policies = [*result.policies, PackInfo("mit", "MIT License", "data-licence", "1", "1988-01-01", "https://opensource.org/license/mit")]
    text = " ".join("".join(_parse(html.render(result)).text).split())
    assert "Policy packs cited by the findings (3)" in text
    assert "Other packs loaded (1) Evaluated, nothing cited: mit 1 (1988-01-01)." in text
