"""auditor never opens a network connection: every socket connect raises during the main commands."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"network connection attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(SAMPLES / "manifest.yaml")],
        ["check", str(SAMPLES / "with-terms.yaml"), "--format", "sarif"],
        ["terms", str(SAMPLES / "terms" / "deepwater_api_terms.pdf")],
        ["terms", str(SAMPLES / "terms" / "quill_research_data_licence.html"), "--format", "json"],
        ["licence", "MIT"],
        ["licence", "cc by-nc 4.0", "--format", "json"],
        ["policies"],
    ],
)
def test_main_commands_use_no_network(no_network: list[str], args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # cold caches: parse everything for real
    result = CliRunner().invoke(cli, args)
    assert not no_network, no_network
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
