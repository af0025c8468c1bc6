"""Packs keep their history: the terms in force while a teacher's outputs were made apply (teachers[].used)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from auditor.errors import AuditorError
from auditor.policy import load_policies, validate_dir
from auditor.policy.history import in_force, versions


def _check(tmp_path, used: dict | None, provider: str = "openai", model: str = "text-davinci-003") -> dict:
    teacher = {"id": "davinci", "provider": provider, "model": model, "purpose": ["synthetic-data"]}
    if used is not None:
        teacher["used"] = used
    data = {
        "apiVersion": "auditor/v1",
        "model": {"name": "alpaca-like-7b", "type": "llm", "use": "research", "release": "open-weights"},
        "teachers": [teacher],
    }
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(path), "--format", "json"], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _ban(report: dict) -> dict:
    return next(f for f in report["findings"] if f["rule"] == "AUD101")


def _cited(finding: dict) -> list[tuple[str, str]]:
    return [(e["policy"], e["section"]) for e in finding["evidence"]]


def test_alpaca_era_period_cites_the_march_2023_terms(tmp_path):
    ban = _ban(_check(tmp_path, {"from": "2023-03-14", "until": "2023-03-31"}))
    assert _cited(ban) == [("openai-business-terms", "2(c)(iii) Restrictions")]
    assert "version 2023-03-14, effective 2023-03-14" in ban["evidence"][0]["note"]
    assert "version 2023-03-14 (effective 2023-03-14)" in ban["message"] and "2023-11-14" not in ban["message"]


def test_2024_period_cites_the_business_terms(tmp_path):
    report = _check(tmp_path, {"from": "2024-02-01", "until": "2024-06-30"})
    ban = _ban(report)
    assert _cited(ban) == [("openai-business-terms", "2(e) Restrictions")]
    assert "2023-03-14" not in ban["message"]
    assert not any(f["rule"] == "AUD903" for f in report["findings"])


def test_period_before_any_known_version_says_so(tmp_path):
    report = _check(tmp_path, {"from": "2019-05-01", "until": "2019-09-30"})
    note = next(f for f in report["findings"] if f["rule"] == "AUD903")
    assert "No known version" in note["message"] and "oldest known is version 2023-03-14" in note["message"]
    assert note["certainty"] == "uncertain" and note["severity"] == "medium"
    ban = _ban(report)  # judged by the oldest known version, and marked as a judgement
    assert _cited(ban) == [("openai-business-terms", "2(c)(iii) Restrictions")]
    assert "No known version" in ban["message"] and ban["certainty"] == "uncertain"


def test_period_spanning_two_versions_applies_both(tmp_path):
    ban = _ban(_check(tmp_path, {"from": "2023-10-01", "until": "2024-01-31"}))
    assert sorted(_cited(ban)) == [("openai-business-terms", "2(c)(iii) Restrictions"), ("openai-business-terms", "2(e) Restrictions")]
    assert "each in force during part of 2023-10-01 to 2024-01-31; the strictest applies" in ban["message"]


def test_xai_versions_by_date(tmp_path):
    early = _ban(_check(tmp_path, {"from": "2025-03-01", "until": "2025-04-01"}, "xai", "grok-3"))
    late = _ban(_check(tmp_path, {"from": "2025-12-01", "until": "2026-01-01"}, "xai", "grok-4"))
    assert "version 2025-02-14" in early["evidence"][0]["note"] and "distilled" not in early["evidence"][0]["quote"]
    assert "version 2025-11-04" in late["evidence"][0]["note"] and "distilled" in late["evidence"][0]["quote"]


def test_without_used_the_current_version_applies(tmp_path):
    ban = _ban(_check(tmp_path, None))
    assert _cited(ban) == [("openai-business-terms", "2(e) Restrictions")]
    assert "version 2023-11-14)" in ban["evidence"][0]["note"]


@pytest.mark.parametrize("effective", ["2023-11-14", "2024-01-01"])
def test_history_version_must_be_older_than_the_pack(tmp_path, effective):
    pack = yaml.safe_load(open("policies/providers/xai-terms.yaml", encoding="utf-8"))
    pack["effective"] = "2023-11-14"
    pack["history"][0]["effective"] = effective
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(pack), encoding="utf-8")
    with pytest.raises(AuditorError, match="history"):
        validate_dir(tmp_path)


def test_audit_policies_lists_earlier_versions():
    run = lambda *args: subprocess.run([sys.executable, "-m", "auditor", "policies", *args], capture_output=True, text=True)
    text = run().stdout
    rows = [line.split() for line in text.splitlines() if line.startswith(("xai-terms", " "))]
    assert ["xai-terms", "provider-terms", "2025-11-04", "2025-11-04", "https://x.ai/legal/terms-of-service"] in rows
    assert ["(earlier)", "2025-02-14", "2025-02-14", "https://x.ai/legal/terms-of-service"] in rows
    packs = {p["id"]: p for p in json.loads(run("--format", "json").stdout)["packs"]}
    assert [h["version"] for h in packs["openai-business-terms"]["history"]] == ["2023-03-14"]
    assert "history" not in packs["anthropic-commercial-terms"]  # packs without history keep their shape


def test_used_may_name_a_month_alpaca_march_2023(tmp_path):
    report = _check(tmp_path, {"from": "2023-03", "until": "2023-03"})  # Alpaca: March 2023
    ban = _ban(report)
    assert _cited(ban) == [("openai-business-terms", "2(c)(iii) Restrictions")]
    assert "version 2023-03-14 (effective 2023-03-14)" in ban["message"]
    uncovered = next(f for f in report["findings"] if f["rule"] == "AUD903")  # 1-13 March predates it
    assert "2023-03-01" in uncovered["message"]


@pytest.mark.parametrize("bad", ["2023-13", "23-03", "2023-02-30"])
def test_used_bad_date_is_a_one_line_error(tmp_path, bad):
    path = tmp_path / "m.yaml"
    path.write_text(
        "apiVersion: auditor/v1\nmodel: {name: m, type: llm, use: research, release: none}\n"
        f"teachers:\n  - {{id: t, provider: openai, model: gpt-4o, purpose: [labeling], used: {{from: {bad}}}}}\n",
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "m.yaml:4" in proc.stderr and "teachers[0].used.from" in proc.stderr


def _version_on(pack, day):
    """The version in force on one day, found by brute force (the oldest if none yet)."""
    known = versions(pack)
    in_force = [v for v in known if v.effective <= day]
    return (in_force or known[:1])[-1]


@pytest.fixture(scope="module")
def business_terms():
    return load_policies().packs["openai-business-terms"]


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2018, 1, 1), dt.date(2027, 1, 1)), st.integers(0, 2000))
def test_in_force_is_every_version_in_force_on_some_day_of_the_period(business_terms, start, days):
    until = start + dt.timedelta(days=days)
    found = in_force(business_terms, start, until)
    expected = {_version_on(business_terms, start + dt.timedelta(days=d)).version for d in range(days + 1)}
    assert {v.version for v in found.versions} == expected
    assert found.before_known == (start < found.oldest.effective)
