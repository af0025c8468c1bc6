"""Progress shows on a terminal only: never in pipes, files or CI."""

from __future__ import annotations

import io

import pytest

from auditor.progress import enabled, progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def work(stream: io.StringIO, total: int | None = 5) -> None:
    with progress(total, "reading documents", stream=stream, delay=0) as tick:
        for n in range(5):
            tick(item=f"doc{n}.pdf")


def test_quiet_when_not_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = io.StringIO()
    work(stream)
    assert stream.getvalue() == ""
    assert not enabled(stream)


def test_quiet_in_ci_even_on_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    stream = FakeTTY()
    work(stream)
    assert stream.getvalue() == ""


def test_draws_on_a_terminal_and_cleans_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTTY()
    work(stream)
    out = stream.getvalue()
    assert "reading documents [" in out and "/5" in out
    assert out.endswith("\r\x1b[K")


def test_unknown_total_and_quick_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTTY()
    work(stream, total=None)
    assert "reading documents 1" in stream.getvalue()
    quick = FakeTTY()
    with progress(3, "quick", stream=quick) as tick:  # default delay: fast work shows nothing
        tick()
    assert quick.getvalue() == ""
