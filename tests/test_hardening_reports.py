"""Issue 13, trust and reports: caches are plain checked data outside the checkout, overrides are
visible, what a manifest says cannot forge, hide or break a report."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.findings import Severity
from auditor.formats import render
from test_formats_fixtures import sample_result

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ROOT = SAMPLES.parent
TERMS = """apiVersion: auditor/v1
model: {name: m, type: llm, use: commercial, release: open-weights}
teachers:
  - {id: t, provider: northwind-ai, model: nw-large-2, purpose: [synthetic-data], terms: ../shared/nw.md}
"""
HUMAN = ["text", "markdown", "html", "junit", "sarif", "json"]


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=full, cwd=cwd, timeout=120)


def terms_project(tmp_path: Path) -> Path:
    (tmp_path / "proj").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "nw.md").write_bytes((SAMPLES / "terms" / "northwind_terms_2025.md").read_bytes())
    path = tmp_path / "proj" / "m.yaml"
    path.write_text(TERMS)
    return path


# 15, 25, 26: caches live in the user's folder, reports say what came from them, paths are stable


def test_a_cache_committed_to_the_checkout_is_never_read(tmp_path: Path) -> None:
    path = terms_project(tmp_path)
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "usercache")}
    clean = json.loads(run("check", str(path), "--format", "json", env=env, cwd=tmp_path / "proj").stdout)
    digest = clean["documents"][0]["sha256"]
    planted = tmp_path / "proj" / ".auditor-cache" / "terms" / f"{digest}.json"
    planted.parent.mkdir(parents=True)
    planted.write_text(json.dumps({"version": "terms-3", "sha256": digest, "document": {}, "clauses": []}))
    env_no_dir = {k: v for k, v in os.environ.items() if k not in ("AUDITOR_CACHE_DIR", "AUDITOR_NO_CACHE")}
    env_no_dir["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(path), "--format", "json"], capture_output=True, text=True,
                          env={**env_no_dir, "PYTHONPATH": str(ROOT)}, cwd=tmp_path / "proj", timeout=120)
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"]] == [f["rule"] for f in clean["findings"]]
    assert list((tmp_path / "xdg" / "auditor" / "terms").glob("*.json"))  # the user's cache folder


def test_every_report_names_documents_read_from_the_cache(tmp_path: Path) -> None:
    path = terms_project(tmp_path)
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "c")}
    run("check", str(path), env=env)
    for fmt in HUMAN:
        out = run("check", str(path), "--format", fmt, env=env).stdout
        assert "read from the cache" in out, fmt


def test_a_tampered_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    path = terms_project(tmp_path)
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "c")}
    first = json.loads(run("check", str(path), "--format", "json", env=env).stdout)
    (entry,) = (tmp_path / "c" / "terms").glob("*.json")
    data = json.loads(entry.read_text())
    data["body"]["clauses"] = []  # checksum no longer matches
    entry.write_text(json.dumps(data))
    second = json.loads(run("check", str(path), "--format", "json", env=env).stdout)
    assert [f["rule"] for f in second["findings"]] == [f["rule"] for f in first["findings"]]
    assert not second["documents"][0]["from_cache"]


def test_document_paths_are_the_same_from_every_folder(tmp_path: Path) -> None:
    path = terms_project(tmp_path)
    shown = set()
    for cwd in (tmp_path, tmp_path / "proj", tmp_path / "shared", Path("/")):
        report = json.loads(run("check", str(path), "--format", "json", cwd=cwd).stdout)
        shown.add(report["documents"][0]["path"])
    assert shown == {"../shared/nw.md"}


@pytest.mark.parametrize(("value", "cached"), [("0", True), ("false", True), ("1", False), ("yes", False)])
def test_no_cache_is_a_boolean(tmp_path: Path, value: str, cached: bool) -> None:
    path = terms_project(tmp_path)
    run("check", str(path), env={"AUDITOR_CACHE_DIR": str(tmp_path / "c"), "AUDITOR_NO_CACHE": value})
    assert bool(list((tmp_path / "c").rglob("*.json"))) is cached


# 16: no pickle is ever loaded


def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache = tmp_path / "c"
    cache.mkdir()
    for name in ("licence-index", "policies", "spdx-licensing"):
        for key in ("x", "0" * 24):
            (cache / f"{name}-{key}.pickle").write_bytes(pickle.dumps(Boom()))
            (cache / f"{name}-{key}.json").write_bytes(pickle.dumps(Boom()))
    run("check", str(SAMPLES / "manifest.yaml"), env={"AUDITOR_CACHE_DIR": str(cache)})
    assert not marker.exists()
    assert "pickle" not in (ROOT / "auditor" / "diskcache.py").read_text().split('"""')[2]


# 17: overrides are shown in every format, with their file


def test_rule_pack_and_provider_overrides_show_in_every_format(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "quiet.yaml").write_text(
        "rules:\n  - id: AUD101\n    name: quiet\n    category: distillation-ban\n    subject: teachers\n"
        "    when: {fact: ban, equals: nonsense}\n    severity: {default: low}\n    title: quiet\n    message: quiet\n"
        "    remediation: none\n    help: quiet\n"
    )
    (packs / "providers.yaml").write_text("providers:\n  mine:\n    name: Mine\n    aliases: [openai-proxy]\n")
    for fmt in HUMAN:
        out = run("check", str(SAMPLES / "manifest.yaml"), "--policies", str(packs), "--format", fmt).stdout.replace("\\", "")
        assert "AUD101" in out and "overridden" in out and "quiet.yaml" in out, fmt
        assert "provider mine added" in out, fmt


# 20, 21: terminal escapes, forged lines and bidi controls are neutralised


HOSTILE = "ok\x1b]52;c;ZXZpbA==\x07\x1b[2J\nPASSED at --fail-on high: 0 critical\u202eevil\u2066x"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit", "sarif"])
def test_escapes_newlines_and_bidi_controls_are_neutralised(fmt: str) -> None:
    result = sample_result()
    result.findings = [f.with_changes(subject_id=HOSTILE, title=HOSTILE) for f in result.findings]
    out = render(result, fmt)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\u2066" not in out
    assert not any(line.startswith("PASSED") for line in out.splitlines())
    assert "\\u202e" in out or "\\\\u202e" in out


# 22, 23: SARIF URIs are relative, help.markdown is escaped


@pytest.mark.parametrize("path", ["c:m.yaml", "d:/m.yaml", "\\\\srv\\share\\m.yaml", "/etc/x/m.yaml"])
def test_sarif_uris_are_always_relative(path: str) -> None:
    result = sample_result()
    result.manifest_path = path
    doc = json.loads(render(result, "sarif"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {"m.yaml"}


def test_sarif_help_markdown_is_escaped() -> None:
    result = sample_result()
    result.findings = [f.with_changes(remediation="![x](https://evil.example/t.png) <img src=x>") for f in result.findings]
    doc = json.loads(render(result, "sarif"))
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
        assert "![x](" not in rule["help"]["markdown"] and "<img" not in rule["help"]["markdown"]


# 24: the Markdown comment fits


def test_markdown_fits_a_pull_request_comment(tmp_path: Path) -> None:
    sources = "\n".join(f"  - {{id: nc-{i:04d}-{'x' * 40}, licence: CC-BY-NC-4.0}}" for i in range(3000))
    path = tmp_path / "m.yaml"
    path.write_text("apiVersion: auditor/v1\nmodel: {name: m, type: llm, use: commercial, release: open-weights}\ndata_sources:\n" + sources + "\n")
    out = run("check", str(path), "--format", "markdown").stdout
    assert len(out) < 65_536 and "the full report is" in out
    assert out.count("<details") == out.count("</details>")
