"""End to end through ``audit check``: --waivers, --baseline and several --report outputs in one run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "manifest.yaml"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", str(SAMPLE), "--today", "2026-03-01", *args])
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> tuple[int, dict]:
    code, out, err = _check("--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def test_waivers_mark_findings_and_open_the_gate(tmp_path: Path) -> None:
    code, before = _json()
    assert code == 1
    report = before
    blocking = [f for f in report["findings"] if f["severity"] in ("critical", "high")]
    lines = ["waivers:"]
    for f in blocking:
        lines += [f"  - id: {f['id']}", "    reason: reviewed <ok>", "    approved_by: legal@acme.example", "    expires: 2027-06-30"]
    lines += ["  - rule: no-such-rule", "    reason: stale", "    approved_by: legal@acme.example", "    expires: 2027-06-30"]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = _json("--waivers", str(waivers))
    assert code == 0
    assert [f["id"] for f in report["findings"]] == [f["id"] for f in before["findings"]]  # nothing dropped
    waived = [f for f in report["findings"] if f["waived"]]
    assert {f["id"] for f in waived} == {f["id"] for f in blocking}
    assert all(f["waiver"]["reason"] == "reviewed <ok>" for f in waived)
    assert [u["reason"] for u in report["unmatched_waivers"]] == ["rule no-such-rule did not fire"]


def test_expired_waiver_does_not_open_the_gate(tmp_path: Path) -> None:
    _, report = _json()
    first = report["findings"][0]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f"waivers:\n  - id: {first['id']}\n    reason: r\n    approved_by: a\n    expires: 2026-02-28\n", encoding="utf-8")
    code, report = _json("--waivers", str(waivers))
    assert code == 1
    again = next(f for f in report["findings"] if f["id"] == first["id"])
    assert not again["waived"] and again["waiver"]["expired"] is True


def test_bad_waivers_file_is_exit_2_with_line(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: x\n    reason: r\n    approved_by: a\n    expires: 2027-01-01\n    aproved: typo\n", encoding="utf-8")
    code, _, err = _check("--waivers", str(waivers))
    assert code == 2
    assert f"{waivers}:6:" in err and "unknown key 'aproved'" in err and "Traceback" not in err


def test_baseline_and_several_reports_in_one_run(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    code, out, _ = _check("--format", "json")
    old.write_text(out, encoding="utf-8")
    paths = {fmt: tmp_path / f"r.{ext}" for fmt, ext in (("html", "html"), ("sarif", "sarif"), ("junit", "xml"), ("markdown", "md"))}
    args = [a for fmt, p in paths.items() for a in ("--report", f"{fmt}:{p}")]
    code, out, err = _check("--baseline", str(old), *args)
    assert code == 0, err  # nothing is new
    assert all(p.is_file() for p in paths.values())
    sarif = json.loads(paths["sarif"].read_text(encoding="utf-8"))
    assert {r["baselineState"] for r in sarif["runs"][0]["results"]} == {"unchanged"}
    assert ET.parse(paths["junit"]).getroot().get("failures") == "0"
    assert "in baseline" in paths["html"].read_text(encoding="utf-8")
    assert paths["markdown"].read_text(encoding="utf-8").startswith("## ✅ auditor: passed")


def test_bad_report_value_and_bad_baseline_are_exit_2(tmp_path: Path) -> None:
    code, out, err = _check("--report", "pdf:x.pdf")
    assert code == 2 and "unknown format 'pdf'" in err and out == ""
    sarif = tmp_path / "x.sarif"
    sarif.write_text('{"version": "2.1.0", "runs": []}', encoding="utf-8")
    code, _, err = _check("--baseline", str(sarif))
    assert code == 2 and "auditor.report/v1" in err
