"""Waivers (load, validate with YAML lines, apply, expire, unmatched) and baselines."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.findings import Finding, Severity
from auditor.waivers import WaiverSpec, apply_baseline, apply_waivers, load_baseline, load_waivers

TODAY = datetime.date(2026, 3, 1)


def _finding(rule: str, subject: str, subject_id: str, severity: Severity = Severity.HIGH) -> Finding:
    return Finding(rule=rule, category="non-commercial", severity=severity, subject=subject, subject_id=subject_id,
                   title="t", message="m", remediation="r")


FINDINGS = [
    _finding("nc", "data_sources[0]", "alpaca"),
    _finding("nc", "data_sources[1]", "dolly"),
    _finding("distill", "teachers[0]", "gpt4o", Severity.CRITICAL),
]


def _spec(**kw) -> WaiverSpec:
    base = {"reason": "ok", "approved_by": "legal@acme.example", "expires": datetime.date(2027, 1, 1)}
    return WaiverSpec(**{**base, **kw})


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_contract_example(tmp_path: Path) -> None:
    path = _write(tmp_path, f"""\
waivers:
  - id: {FINDINGS[2].id}
    reason: Licence bought from the rights holder, contract 2026-114
    approved_by: legal@acme.example
    expires: 2027-06-30
  - rule: nc
    subject: data_sources[*]
    reason: research only
    approved_by: cto@acme.example
    expires: "2026-12-31"
""")
    specs = load_waivers(path)
    assert specs[0].id == FINDINGS[2].id and specs[0].expires == datetime.date(2027, 6, 30)
    assert specs[1].rule == "nc" and specs[1].expires == datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("waivers:\n  - rule: nc\n    reason: x\n    approved_by: y\n    expires: 2027-01-01\n    expiry: 2027-01-01\n", 6, "waivers[0].expiry", "unknown key 'expiry'"),
        ("waivers:\n  - rule: nc\n    reason: x\n    approved_by: y\n", 2, "waivers[0].expires", "required field is missing"),
        ("waivers:\n  - rule: nc\n    reason: x\n    approved_by: y\n    expires: next year\n", 5, "waivers[0].expires", "ISO date"),
        ("waivers:\n  - rule: nc\n    reason: x\n    approved_by: y\n    expires: 20270101\n", 5, "waivers[0].expires", "ISO date"),
        ("waivers:\n  - reason: x\n    approved_by: y\n    expires: 2027-01-01\n", 2, "waivers[0]", "either 'id'"),
        ("waivers:\n  - id: AUD-1\n    rule: nc\n    reason: x\n    approved_by: y\n    expires: 2027-01-01\n", 2, "waivers[0]", "not both"),
        ("waiver:\n  - rule: nc\n", 1, "waiver", "unknown key 'waiver'"),
        ("- rule: nc\n", 1, None, "expected a mapping"),
        ("waivers: [\n", 2, None, "invalid YAML"),
    ],
)
def test_load_errors_name_line_and_field(tmp_path: Path, text: str, line: int, field: str | None, words: str) -> None:
    with pytest.raises(AuditorError) as info:
        load_waivers(_write(tmp_path, text))
    err = info.value
    assert words in err.message
    assert err.line == line, str(err)
    assert err.field == field
    assert err.file == str(tmp_path / "waivers.yaml")


def test_load_empty_and_missing(tmp_path: Path) -> None:
    assert load_waivers(_write(tmp_path, "")) == []
    assert load_waivers(_write(tmp_path, "waivers: []\n")) == []
    with pytest.raises(AuditorError, match="not found"):
        load_waivers(tmp_path / "nope.yaml")


def test_waived_findings_stay_marked() -> None:
    out, unmatched = apply_waivers(FINDINGS, [_spec(rule="nc", subject="data_sources[*]", reason="bought")], TODAY)
    assert len(out) == len(FINDINGS)
    assert [f.waived for f in out] == [True, True, False]
    assert out[0].waiver is not None and out[0].waiver.reason == "bought" and not out[0].waiver.expired
    assert out[0].waiver.expires == "2027-01-01"
    assert unmatched == []


def test_subject_glob_is_literal_about_brackets_and_matches_ids() -> None:
    out, _ = apply_waivers(FINDINGS, [_spec(rule="nc", subject="data_sources[1]")], TODAY)
    assert [f.waived for f in out] == [False, True, False]  # '[1]' is not a character class
    out, _ = apply_waivers(FINDINGS, [_spec(rule="nc", subject="alp*")], TODAY)
    assert [f.waived for f in out] == [True, False, False]


def test_waiver_by_id() -> None:
    out, unmatched = apply_waivers(FINDINGS, [_spec(id=FINDINGS[2].id)], TODAY)
    assert [f.waived for f in out] == [False, False, True] and not unmatched


def test_expired_waiver_does_not_waive_but_is_reported() -> None:
    spec = _spec(rule="distill", expires=datetime.date(2026, 2, 28))
    out, unmatched = apply_waivers(FINDINGS, [spec], TODAY)
    assert not out[2].waived and out[2].waiver is not None and out[2].waiver.expired
    assert unmatched == []
    # still valid on its expiry day
    out, _ = apply_waivers(FINDINGS, [_spec(rule="distill", expires=TODAY)], TODAY)
    assert out[2].waived


def test_an_active_waiver_wins_over_an_expired_one() -> None:
    specs = [_spec(rule="distill", expires=datetime.date(2020, 1, 1)), _spec(rule="distill", reason="renewed")]
    out, unmatched = apply_waivers(FINDINGS, specs, TODAY)
    assert out[2].waived and out[2].waiver is not None and out[2].waiver.reason == "renewed"
    assert unmatched == []


def test_unmatched_waivers_are_returned_with_reasons() -> None:
    specs = [_spec(id="AUD-000000000000"), _spec(rule="gone"), _spec(rule="nc", subject="teachers[*]")]
    out, unmatched = apply_waivers(FINDINGS, specs, TODAY)
    assert not any(f.waived for f in out)
    assert [u.reason for u in unmatched] == [
        "no finding has id AUD-000000000000",
        "rule gone did not fire",
        "rule nc fired on no subject matching teachers[*]",
    ]


def _report(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_baseline_marks_new_findings(tmp_path: Path) -> None:
    path = _report(tmp_path, {"schema": "auditor.report/v1", "findings": [{"id": FINDINGS[0].id}, {"id": "AUD-gone"}]})
    known = load_baseline(path)
    assert FINDINGS[0].id in known
    out = apply_baseline(FINDINGS, known)
    assert [f.new for f in out] == [False, True, True]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "invalid JSON"),
        (json.dumps({"version": "2.1.0", "runs": []}), "auditor.report/v1"),
        (json.dumps([1, 2]), "auditor.report/v1"),
        (json.dumps({"schema": "auditor.report/v1"}), "'findings' list"),
        (json.dumps({"schema": "auditor.report/v1", "findings": [{"rule": "x"}]}), "string 'id'"),
    ],
)
def test_baseline_rejects_other_files(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "old.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditorError, match=words) as info:
        load_baseline(path)
    assert info.value.file == str(path)
