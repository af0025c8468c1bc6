"""Hostile markup: runs of one construct that a backtracking pattern would rescan once per opener.

Each input is large enough that reading it in time that grows with the square of its size
takes minutes, while a linear reader takes well under a second.  The deadline is a hang
guard (a quadratic reader never finishes in it), not a speed target: speed lives in bench/.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from auditor.clauses import detect_clauses
from auditor.documents import load_document

HANG_S = 30  # a linear read of these inputs takes a fraction of a second
KB = 1024


@contextmanager
def finishes() -> Iterator[None]:
    def hung(*_: object) -> None:
        raise AssertionError(f"reading did not finish in {HANG_S} s: its cost grows faster than its input")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(tmp_path: Path, name: str, text: str) -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with finishes():
        return detect_clauses(load_document(path))


def runs(unit: str, size: int = 200 * KB) -> str:
    return unit * (size // len(unit))


MARKDOWN: dict[str, Callable[[], str]] = {
    "image openers": lambda: runs("!["),
    "link openers": lambda: runs("["),
    "unclosed link targets": lambda: runs("[x]("),
    "unclosed image targets": lambda: runs("![x]("),
    "strong openers": lambda: runs("**x "),
    "underscore strong openers": lambda: runs("__x "),
    "emphasis openers": lambda: runs("*x "),
    "underscore emphasis": lambda: runs("_x "),
    "backticks": lambda: runs("`"),
    "tag openers": lambda: runs("<a"),
    "comment openers": lambda: runs("<!--"),
    "autolink openers": lambda: runs("<http://"),
    "escapes": lambda: runs("\\"),
    "heading with trailing blanks": lambda: "# a" + " " * 200 * KB + "b",
    "heading of hashes": lambda: "# " + "#" * 200 * KB + " x",
    "nested blockquotes": lambda: ">" * 200 * KB + " You may not train models.",
    "nested lists": lambda: "\n".join("  " * (i % 300) + "- a plain item" for i in range(10_000)),
}


@pytest.mark.parametrize("name", list(MARKDOWN))
def test_markdown_runs_read_in_linear_time(tmp_path: Path, name: str) -> None:
    read(tmp_path, "terms.md", MARKDOWN[name]())


def test_markdown_links_keep_their_text() -> None:
    from auditor.documents.markdown import strip_inline

    assert strip_inline("see [the policy](https://x.org/wiki/Terms_(2024)) and ![logo](a.png)") == "see the policy and logo"
    assert strip_inline("a **bold** and *soft* word, `code`") == "a bold and soft word, code"
    assert strip_inline("<b>kept</b> <!-- note --> <https://x.org>") == "kept  https://x.org"


def test_markdown_closing_hashes_leave_the_heading(tmp_path: Path) -> None:
    path = tmp_path / "terms.md"
    path.write_text("## Use Restrictions ##\n\nYou may not use outputs to train models.\n", encoding="utf-8")
    document = load_document(path)
    assert document.section_at(document.text.index("You")) == "Use Restrictions"


TEXT: dict[str, Callable[[], str]] = {
    "one character": lambda: "a" * 1024 * KB,
    "anchor words without spaces": lambda: runs("model."),
    "hyphenated anchors": lambda: runs("model-"),
    "inline items on one line": lambda: runs("; (a)", 100 * KB),
    "sentences on one line": lambda: runs("It is a warm day. ", 1024 * KB),
    "abbreviations on one line": lambda: runs("a. B "),
    "deep decimal label": lambda: ".".join(["1"] * 100 * KB) + " train",
    "nested numbered items": lambda: "\n".join("1." * (1 + i % 6) + " A plain item." for i in range(10_000)),
    "colon lead-ins": lambda: runs("1. You may not:\n"),
}


@pytest.mark.parametrize("name", list(TEXT))
def test_text_runs_read_in_linear_time(tmp_path: Path, name: str) -> None:
    read(tmp_path, "terms.txt", TEXT[name]())


HTML: dict[str, Callable[[], str]] = {
    "tag openers": lambda: "<html><body>" + runs("<a"),
    "many headings": lambda: "<html><body>" + runs("<h2>Use</h2><p>Plain words.</p>", 400 * KB),
}


@pytest.mark.parametrize("name", list(HTML))
def test_html_runs_read_in_linear_time(tmp_path: Path, name: str) -> None:
    read(tmp_path, "terms.html", HTML[name]())
