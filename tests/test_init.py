"""`audit init`: a starter that loads, from flags or answers, and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.inputs import load_input


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["init", *args], input=input)


def test_from_flags(tmp_path: Path) -> None:
    path = tmp_path / "training-manifest.yaml"
    result = run(str(path), "--name", "kestrel: 7b", "--type", "llm", "--use", "research", "--release", "api",
                 "--teacher", "openai/gpt-4o:synthetic-data,labeling", "--teacher", "meta/llama-3.1-70b-instruct:distillation")
    assert result.exit_code == 0, result.output
    manifest = load_input(path).manifest
    assert (manifest.model.name, manifest.model.type, manifest.model.use, manifest.model.release) == ("kestrel: 7b", "llm", "research", "api")
    assert [(t.id, t.provider, t.model, t.purpose) for t in manifest.teachers] == [
        ("gpt-4o", "openai", "gpt-4o", ["synthetic-data", "labeling"]),
        ("llama-3.1-70b-instruct", "meta", "llama-3.1-70b-instruct", ["distillation"]),
    ]
    text = path.read_text(encoding="utf-8")
    assert "ASSUMED" not in text and "# data_sources" not in text and "#  - id: support-chats" in text


def test_without_a_terminal_missing_values_are_conservative_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    assert run(str(path), "--name", "kestrel").exit_code == 0
    manifest = load_input(path).manifest
    assert (manifest.model.use, manifest.model.release, manifest.teachers) == ("commercial", "open-weights", [])
    assert path.read_text(encoding="utf-8").count("ASSUMED") == 3  # type, use, release


def test_asks_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.commands.init as init

    monkeypatch.setattr(init, "_interactive", lambda: True)
    path = tmp_path / "m.yaml"
    answers = "kestrel-7b\nllm\ninternal\nnone\nopenai/gpt-4o:sometimes\nopenai/gpt-4o:labeling\n\n"
    result = run(str(path), input=answers)
    assert result.exit_code == 0, result.output
    manifest = load_input(path).manifest
    assert (manifest.model.name, manifest.model.use, manifest.model.release) == ("kestrel-7b", "internal", "none")
    assert [t.purpose for t in manifest.teachers] == [["labeling"]]  # the bad answer was asked again
    assert "ASSUMED" not in path.read_text(encoding="utf-8")


def test_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "training-manifest.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = run(str(path), "--name", "x")
    assert result.exit_code == 2 and "never overwrites" in result.stderr
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_default_path_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run().exit_code == 0
    assert load_input(tmp_path / "training-manifest.yaml").manifest.model.name == tmp_path.name


@pytest.mark.parametrize("teacher", ["openai:gpt-4o", "openai/gpt-4o", "openai/gpt-4o:fine-tuning", "/gpt-4o:labeling"])
def test_bad_teacher_is_a_usage_error(tmp_path: Path, teacher: str) -> None:
    path = tmp_path / "m.yaml"
    result = run(str(path), "--teacher", teacher)
    assert result.exit_code == 2 and "--teacher" in result.stderr
    assert not path.exists()


def test_missing_folder(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere" / "m.yaml"))
    assert result.exit_code == 2 and "folder does not exist" in result.stderr
