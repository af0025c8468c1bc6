"""Files that are not what they claim: each gives one clear error (exit 2), never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import yamlio
from auditor.cli import cli
from auditor.errors import AuditorError
from auditor.inputs import load_input


def error_of(path: Path) -> str:
    with pytest.raises(AuditorError) as caught:
        load_input(path)
    return str(caught.value)


def cli_error(path: Path, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, ["check", str(path)], env=env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in error_of(tmp_path / "nope.yaml")
    assert "not found" in cli_error(tmp_path / "nope.yaml") or "does not exist" in cli_error(tmp_path / "nope.yaml")


def test_directory(tmp_path: Path) -> None:
    assert "directory" in error_of(tmp_path)


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert "symbolic links" in error_of(tmp_path / "a.yaml")
    assert "manifest" in cli_error(tmp_path / "a.yaml")


def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "special file" in error_of(fifo)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"apiVersion: auditor/v1\n\x00\x01\x02\xff")
    assert "binary" in error_of(path)
    assert "binary" in cli_error(path)


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes("apiVersion: auditor/v1\nmodel:\n  name: caf\xe9\n".encode("latin-1"))
    message = error_of(path)
    assert "UTF-8" in message and ":3:" in message


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes("apiVersion: auditor/v1\n".encode("utf-16"))
    assert "UTF-16" in error_of(path)


def test_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: auditor/v1\nmodel:\n  name: a\x07b\n", encoding="utf-8")
    assert "invalid YAML" in error_of(path)


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: auditor/v1\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setenv("AUDITOR_MAX_BYTES", "500")
    message = error_of(path)
    assert "limit of 500 bytes" in message and "set AUDITOR_MAX_BYTES to raise it" in message
    assert "limit of 500 bytes" in cli_error(path, env={"AUDITOR_MAX_BYTES": "500"})
    monkeypatch.setenv("AUDITOR_MAX_BYTES", "lots")
    assert "AUDITOR_MAX_BYTES" in error_of(path)


def test_size_limit_holds_when_the_file_lies_about_its_size(tmp_path: Path) -> None:
    # /dev/zero reports size 0 and never ends; a regular-file check refuses it before reading
    if Path("/dev/zero").exists():
        with pytest.raises(AuditorError, match="special file"):
            yamlio.read_text(Path("/dev/zero"), what="manifest")


def test_empty_and_non_mapping_files(tmp_path: Path) -> None:
    for text in ("", "# only a comment\n", "- a\n- b\n", "just text\n", "42\n"):
        path = tmp_path / "m.yaml"
        path.write_text(text, encoding="utf-8")
        message = error_of(path)  # what `audit check` says: the file, line 1 and what would be accepted
        assert f"{path}:1:" in message and ("expected an auditor manifest" in message or "front matter" in message)
