"""`audit check` through the command line: exit codes, messages, JSON contract, determinism."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from conftest import ROOT, SAMPLES, SHARED

runner = CliRunner()


def run(*args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_sample_fails_the_gate_with_exit_1():
    result = run("check", str(SAMPLES / "manifest.yaml"))
    assert result.exit_code == 1
    assert "BLOCKED at --fail-on high" in result.output
    assert "AUD101" in result.output and "teachers[0]" in result.output


def test_clean_sample_passes():
    result = run("check", str(SAMPLES / "clean.yaml"))
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.output


@pytest.mark.parametrize("fail_on,code", [("never", 0), ("critical", 1), ("info", 1)])
def test_fail_on_threshold(fail_on, code):
    assert run("check", str(SAMPLES / "manifest.yaml"), "--fail-on", fail_on).exit_code == code


def test_clean_sample_fails_at_low_threshold():
    assert run("check", str(SAMPLES / "clean.yaml"), "--fail-on", "low").exit_code == 1


def test_json_report_follows_the_contract():
    result = run("check", str(SAMPLES / "manifest.yaml"), "--format", "json")
    report = json.loads(result.output)
    assert report["schema"] == "auditor.report/v1"
    assert report["tool"]["name"] == "auditor"
    assert report["manifest"]["model"] == "acme-chat-7b" and len(report["manifest"]["sha256"]) == 64
    assert {"id", "version", "effective", "source"} <= set(report["policies"][0])
    assert report["summary"]["passed"] is False and report["summary"]["fail_on"] == "high"
    assert set(report["summary"]["counts"]) == {"critical", "high", "medium", "low", "info"}
    required = {"id", "rule", "category", "severity", "subject", "title", "message", "evidence", "remediation", "waived"}
    ranks = ["critical", "high", "medium", "low", "info"]
    previous = -1
    for finding in report["findings"]:
        assert required <= set(finding)
        assert ranks.index(finding["severity"]) >= previous
        previous = ranks.index(finding["severity"])
        for ev in finding["evidence"]:
            assert {"policy", "document", "section", "page", "quote"} <= set(ev)


def test_json_is_byte_identical_across_runs_and_ids_are_stable(tmp_path):
    first = run("check", str(SAMPLES / "manifest.yaml"), "--format", "json").output
    second = run("check", str(SAMPLES / "manifest.yaml"), "--format", "json").output
    assert first == second
    # reordering the manifest's entries keeps every finding id
    text = (SAMPLES / "manifest.yaml").read_text()
    moved = tmp_path / "manifest.yaml"
    head, _, tail = text.partition("copyrighted_material:")
    moved.write_text(head.replace("  - id: claude", "  - id: claude") + "copyrighted_material:" + tail)
    ids = {f["id"] for f in json.loads(first)["findings"]}
    assert ids == {f["id"] for f in json.loads(run("check", str(moved), "--format", "json").output)["findings"]}


def test_output_file_and_summary_on_stderr(tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner(mix_stderr=False).invoke(cli, ["check", str(SAMPLES / "manifest.yaml"), "--format", "json", "--output", str(out)]) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else run("check", str(SAMPLES / "manifest.yaml"), "--format", "json", "--output", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text())["schema"] == "auditor.report/v1"


def test_refuses_to_overwrite_the_manifest(tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text((SAMPLES / "clean.yaml").read_text())
    before = manifest.read_text()
    result = run("check", str(manifest), "--output", str(manifest))
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert manifest.read_text() == before


BAD = [
    ("apiVersion: auditor/v1\nmodel:\n  name: x\n  use: commercial\n  release: open-weights\n  colour: red\n", ":6: model.colour: unknown key 'colour'"),
    ("apiVersion: auditor/v1\nmodel:\n  name: x\n  use: sometimes\n  release: none\n", ":4: model.use: got 'sometimes'; expected 'commercial', 'research' or 'internal'"),
    ("apiVersion: auditor/v2\nmodel: {name: x, use: research, release: none}\n", ":1: apiVersion:"),
    ("apiVersion: auditor/v1\nmodel:\n  name: x\n  release: none\n", "model.use: required field is missing"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ndata_sources:\n  - id: a\n    derived_from: [nope]\n", ":5: data_sources[0].derived_from[0]: unknown data source id 'nope'"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ndata_sources:\n  - id: a\n  - id: a\n", ":5: data_sources[1].id: duplicate id 'a'"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ndata_sources:\n  - id: a\n    licence: MIT\n    license: MIT\n", ":4: data_sources[0]: give either 'licence' or 'license', not both"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ndata_sources:\n  - id: a\n  - {id: b, licence_file: a, license_file: b}\n", ":5: data_sources[1]: give either 'licence_file' or 'license_file', not both"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ncopyrighted_material:\n  - {id: c, licence: x, license: y}\n", ":4: copyrighted_material[0]: give either 'licence' or 'license'"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\nteachers:\n  - id: t\n    purpose: [distillation]\n", "teachers[0]: a teacher needs 'provider'"),
    ("apiVersion: auditor/v1\nmodel: [1, 2\n", ": invalid YAML"),
    ("# Our manifest\napiVersion: auditor/v1\nmodel: [1, 2\n", ":4: invalid YAML"),  # a comment is no Markdown heading
    ("- just\n- a list\n", ":1: unrecognised input: found a list"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\nteachers:\n  - id: t\n    provider: openai\n    policy: no-such-pack\n    purpose: distillation\n", "teachers[0].policy: unknown policy pack 'no-such-pack'"),
    ("apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\ndata_sources:\n  - {id: a, derived_from: [b]}\n  - {id: b, derived_from: [a]}\n", "derived_from forms a cycle"),
]


@pytest.mark.parametrize("text,expected", BAD)
def test_bad_manifest_gives_one_line_error_and_exit_2(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = run("check", str(path))
    assert result.exit_code == 2
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("audit: error: ")
    assert expected in message


def test_missing_manifest_and_directory(tmp_path):
    result = run("check", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2 and "manifest not found" in result.output
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "directory" in result.output


def test_relative_paths_resolve_against_the_manifest_folder(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "m.yaml").write_text(
        "apiVersion: auditor/v1\nmodel: {name: x, use: research, release: none}\n"
        "data_sources:\n  - id: a\n    licence_file: LICENSE.txt\n"
    )
    result = run("check", str(folder / "m.yaml"), "--format", "json")
    assert result.exit_code == 2  # the named file is missing: an input error naming it
    assert str(folder / "LICENSE.txt") in result.output
    mit = SHARED / "corpus" / "licences" / "MIT.txt"
    if not mit.exists():
        pytest.skip("needs ../shared/corpus")
    (folder / "LICENSE.txt").write_text(mit.read_text().replace("<year>", "2024").replace("<copyright holders>", "Acme"))
    report = json.loads(run("check", str(folder / "m.yaml"), "--format", "json").output)
    assert not [f for f in report["findings"] if f["category"] == "unknown-licence"]


def test_unknown_option_is_usage_error():
    assert run("check", "--frobnicate", str(SAMPLES / "manifest.yaml")).exit_code == 2


def test_console_entry_point_exit_codes_and_complete_output():
    """`python -m auditor` (like the `audit` script) flushes everything before its fast exit."""
    import subprocess
    import sys

    from conftest import ROOT

    clean = subprocess.run([sys.executable, "-m", "auditor", "check", "samples/clean.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert clean.returncode == 0 and clean.stdout.rstrip().endswith(clean.stdout.rstrip().splitlines()[-1])
    failing = subprocess.run([sys.executable, "-m", "auditor", "check", "samples/manifest.yaml", "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert failing.returncode == 1 and json.loads(failing.stdout)["summary"]["passed"] is False
    bad = subprocess.run([sys.executable, "-m", "auditor", "check", "missing.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("audit: error: missing.yaml")


def test_a_large_broken_manifest_gives_one_error_line(tmp_path):
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_manifest import generate

    broken = tmp_path / "broken.yaml"
    broken.write_text(generate(3000) + "oops: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(broken)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"audit: error: {broken}:") and "invalid YAML" in proc.stderr
    assert proc.stderr.count("\n") == 1
