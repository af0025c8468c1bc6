"""Any text given as a manifest ends as a Manifest or one clear AuditorError (CLI exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.errors import AuditorError
from auditor.inputs import load_input
from auditor.manifest import LoadedManifest

SAMPLE = (Path(__file__).resolve().parent.parent / "samples" / "manifest.yaml").read_text(encoding="utf-8")
PIECES = ["apiVersion: auditor/v1\n", "model:\n", "  name: x\n", "  use: commercial\n", "  release: api\n",
          "teachers:\n", "  - id: t\n", "    provider: openai\n", "    purpose: [distillation]\n", "data_sources:\n",
          "  - id: d\n", "    licence: yes\n", "    derived_from: [d, nope]\n", "copyrighted_material:\n",
          "    tdm_opt_out_respected: 0777\n", "&a ", "*a\n", "[", "{", "- ", ": ", "'", '"', "\t", "\x85", "\u2028",
          "!!binary AAAA\n", "? [a]\n", "<<: *a\n", "---\n", "...\n", "\\x00", "2024-01-01\n", "1e3\n", "~\n"]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, len(SAMPLE)), st.text(max_size=20)).map(
        lambda t: SAMPLE[: t[0]] + t[2] + SAMPLE[t[1] :]
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts)
def test_load_input_gives_a_manifest_or_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(text.encode("utf-8", "replace"))
    try:
        loaded = load_input(path)
    except AuditorError as exc:
        message = str(exc)
        assert message and "\n" not in message and str(path) in message
    else:
        assert isinstance(loaded, LoadedManifest)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "replace")))
def test_cli_exit_code_is_0_1_or_2_with_a_one_line_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.exception
    assert not (result.exception and not isinstance(result.exception, SystemExit)), repr(result.exception)
    if result.exit_code == 2:
        assert "Traceback" not in result.output and "audit: error:" in result.output


def test_single_strings_become_lists_and_the_callers_data_is_kept() -> None:
    from auditor.manifest import parse_manifest

    data = {
        "apiVersion": "auditor/v1",
        "model": {"name": "m", "use": "research", "release": "none"},
        "teachers": [{"id": "t", "provider": "openai", "purpose": "distillation"}],
        "data_sources": [
            {"id": "a", "generated_by": "t", "derived_from": None},
            {"id": "b", "derived_from": "a", "licence": 2.0},
            {"id": " c\n", "derived_from": [" a", "b "], "licence": "  MIT ", "description": "text\n"},
        ],
    }
    before = repr(data)
    manifest = parse_manifest(data, source="m.yaml")
    assert manifest.teachers[0].purpose == ["distillation"]
    assert manifest.data_sources[0].generated_by == ["t"] and manifest.data_sources[0].derived_from == []
    assert manifest.data_sources[1].derived_from == ["a"] and manifest.data_sources[1].licence == "2.0"
    stripped = manifest.data_sources[2]
    assert (stripped.id, stripped.derived_from, stripped.licence, stripped.description) == ("c", ["a", "b"], "MIT", "text")
    assert repr(data) == before
