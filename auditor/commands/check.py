"""``audit check MANIFEST``: the CI gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from auditor.commands.common import FORMATS, emit, engine_options, format_option, output_option, policies_option, registry_option
from auditor.findings import SEVERITIES

FAIL_ON = (*(s.value for s in SEVERITIES), "never")


@click.command("check")
@click.argument("manifest", type=click.Path(path_type=Path))
@format_option(FORMATS)
@output_option
@policies_option
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="high", show_default=True, help="Lowest severity that fails the gate.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path), help="YAML file of reviewed waivers.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path), help="Earlier JSON report: only new findings fail.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:PATH", help="Also write a report in FORMAT to PATH (repeatable).")
@click.option("--overlay", type=click.Path(path_type=Path), help="Small manifest adding what a BOM or model card cannot say.")
@registry_option
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date for waiver expiry (default: today; AUDITOR_TODAY).")
@click.option("--scan", "scan", is_flag=True, help="Scan each data source's path: for traces of undeclared model outputs.")
@engine_options
def command(
    manifest: Path,
    fmt: str,
    output: Path | None,
    policy_dirs: tuple[Path, ...],
    fail_on: str,
    waivers_file: Path | None,
    baseline_file: Path | None,
    reports: tuple[str, ...],
    overlay: Path | None,
    today: dt.datetime | None,
    scan: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    registry_files: tuple[Path, ...],
) -> None:
    """Audit MANIFEST against the policy packs; exit 1 if a finding reaches --fail-on."""
    from auditor.formats.targets import parse_report_targets
    from auditor import env
    from auditor.heap import settling
    from auditor.pipeline import run_check

    targets = parse_report_targets(reports, output=output)  # a bad --report fails before the audit runs
    with settling() as settle:
        result = run_check(
            manifest,
            policy_dirs=policy_dirs,
            fail_on=fail_on,
            waivers_file=waivers_file,
            baseline_file=baseline_file,
            overlay=overlay,
            today=today.date() if today else env.today(),
            scan_engine=_scan_engine(scan, engine, jobs, scheduler),
            registry_files=registry_files,
        )
        settle()  # the result is complete and lives until written
        from auditor.formats import render_chunks
        from auditor.outputs import check_target, write_file

        protected = [p for p in (manifest, waivers_file, baseline_file, overlay) if p is not None]
        for path in [output, *(p for _, p in targets)]:  # refuse before anything is written
            if path is not None and str(path) != "-":
                check_target(path, protected)
        emit(render_chunks(result, fmt), output, protected=protected)
        for target_format, path in targets:
            write_file(path, render_chunks(result, target_format), protected=protected)
    if output is not None or targets:
        counts = result.counts()
        verdict = "passed" if result.passed else f"BLOCKED (--fail-on {result.fail_on_label})"
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        click.echo(f"audit: {verdict}: {summary or 'no findings'}", err=True)
    raise SystemExit(0 if result.passed else 1)


def _scan_engine(scan: bool, engine: str, jobs: int | None, scheduler: str | None):
    if not scan:
        return None
    from auditor.scan.engines import make_engine

    return make_engine(engine, jobs, scheduler)

