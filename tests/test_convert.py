"""`audit convert`: deterministic, commented, and exactly what `audit check` audits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli
from auditor.inputs import load_input

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INPUTS = [SAMPLES / "hf-card" / "README.md", SAMPLES / "cyclonedx-bom.json", SAMPLES / "spdx3-ai.json"]
OVERLAY = SAMPLES / "overlay.yaml"


def convert(*args: str) -> str:
    result = CliRunner().invoke(cli, ["convert", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("overlay", [None, OVERLAY], ids=["plain", "overlay"])
def test_output_round_trips_to_the_same_manifest(tmp_path: Path, path: Path, overlay: Path | None) -> None:
    args = [str(path)] + (["--overlay", str(overlay)] if overlay else [])
    text = convert(*args)
    assert text == convert(*args)  # deterministic
    written = tmp_path / "manifest.yaml"
    written.write_text(text, encoding="utf-8")
    assert load_input(written).manifest.model_dump() == load_input(path, overlay).manifest.model_dump()


def test_assumptions_are_comments_and_overlay_answers_remove_them() -> None:
    plain = convert(str(INPUTS[0]))
    assert "use: commercial" in plain and "# ASSUMED commercial" in plain
    assert "licence: unknown" in plain and "give it in an overlay" in plain
    answered = convert(str(INPUTS[0]), "--overlay", str(OVERLAY))
    assert "# ASSUMED" not in answered and "licence: unknown" not in answered


def test_key_order_is_the_manifest_order() -> None:
    text = convert(str(SAMPLES / "cyclonedx-bom.json"))
    keys = [line.split(":")[0].strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert keys[:5] == ["name", "type", "use", "release", "version"]
    assert list(yaml.safe_load(text)) == ["apiVersion", "model", "teachers", "data_sources", "copyrighted_material"]


def test_output_file_never_overwrites_an_input(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text((SAMPLES / "hf-card" / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(card), "--output", str(card)])
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    out = tmp_path / "training-manifest.yaml"
    result = CliRunner().invoke(cli, ["convert", str(card), "--output", str(out)])
    assert result.exit_code == 0 and "2 assumptions marked ASSUMED" in result.stderr
    assert load_input(out).manifest.model.name == "kestrel-7b-instruct"


def test_relative_paths_are_rebased_for_the_output_folder(tmp_path: Path) -> None:
    model_dir = tmp_path / "models" / "orchard"
    model_dir.mkdir(parents=True)
    (model_dir / "LICENSE.txt").write_text("Orchard research licence\n", encoding="utf-8")
    card = model_dir / "README.md"
    card.write_text("---\npretty_name: Orchard QA\nlicense: other\nlicense_name: orchard-research\n"
                    "license_link: LICENSE.txt\ntask_categories: [question-answering]\n---\n", encoding="utf-8")
    out = tmp_path / "manifest.yaml"
    assert CliRunner().invoke(cli, ["convert", str(card), "-o", str(out)]).exit_code == 0
    loaded = load_input(out)
    assert loaded.manifest.resolve(loaded.manifest.data_sources[0].licence_file).read_text(encoding="utf-8")


def test_warnings_reach_stderr_in_a_real_run() -> None:
    # logging's last-resort handler is what a plain `audit` run uses (pytest installs its own)
    run = subprocess.run([sys.executable, "-m", "auditor", "convert", str(INPUTS[1])], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0
    assert "audit: warning:" in run.stderr and "model.release" in run.stderr
    assert "warning" not in run.stdout
