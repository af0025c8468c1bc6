"""``--report FORMAT:PATH`` parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.formats import Format
from auditor.formats.targets import parse_report_targets


def test_parses_several_targets_in_order() -> None:
    got = parse_report_targets(("sarif:out/a.sarif", "HTML:report.html", "junit:C:/x.xml", "markdown:dir:with:colons.md"))
    assert got == [
        (Format.SARIF, Path("out/a.sarif")),
        (Format.HTML, Path("report.html")),
        (Format.JUNIT, Path("C:/x.xml")),
        (Format.MARKDOWN, Path("dir:with:colons.md")),
    ]
    assert parse_report_targets(()) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("report.html", "expected FORMAT:PATH"),
        (":report.html", "expected FORMAT:PATH"),
        ("pdf:report.pdf", "unknown format 'pdf'"),
        ("html:", "expected a file path"),
        ("html:-", "expected a file path"),
    ],
)
def test_bad_values(value: str, words: str) -> None:
    with pytest.raises(AuditorError, match=words) as info:
        parse_report_targets((value,))
    assert info.value.field == "--report"


def test_same_path_twice_is_an_error() -> None:
    with pytest.raises(AuditorError, match="same file"):
        parse_report_targets(("html:a/r.out", "markdown:a/../a/r.out"))


def test_report_may_not_overwrite_output() -> None:
    with pytest.raises(AuditorError, match="same file"):
        parse_report_targets(("html:r.html",), output=Path("./r.html"))
    assert parse_report_targets(("html:r.html",), output=Path("-")) == [(Format.HTML, Path("r.html"))]
