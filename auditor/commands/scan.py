"""``audit scan PATH...``: traces of model outputs in training-data files."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.commands.common import emit, engine_options, format_option, output_option, say

SCAN_FORMATS = ("text", "json", "markdown")


@click.command("scan")
@click.argument("paths", nargs=-1, required=True)
@format_option(SCAN_FORMATS)
@output_option
@engine_options
@click.option("--fields", metavar="A,B", default=None, help="Fields of structured rows to read (default: all text fields).")
def command(
    paths: tuple[str, ...], fmt: str, output: Path | None, jobs: int | None, engine: str, scheduler: str | None, fields: str | None
) -> None:
    """Scan training data (JSONL, JSON, Parquet, CSV/TSV, text, .gz; folders, globs) for model-output traces.

    Exit 0 with a report; 2 when nothing could be read.
    """
    from auditor.errors import AuditorError
    from auditor.scan.engines import make_engine
    from auditor.scan.render import ScanFormat, render
    from auditor.scan.run import scan

    selected = None
    if fields is not None:
        selected = frozenset(f.strip() for f in fields.split(",") if f.strip())
        if not selected:
            raise AuditorError("expected field names separated by commas", field="--fields")
    report = scan([(p, p) for p in paths], make_engine(engine, jobs, scheduler), selected)
    readable = [f for f in report["files"] if not f["unreadable"]]
    if not readable:
        reasons = [f"{f['path']}: {f['errors'][0]['message']}" for f in report["files"] if f["errors"]]
        reasons += [f"{m}: no such file, folder or glob match" for m in report["summary"]["missing"]]
        raise AuditorError("nothing could be read: " + ("; ".join(reasons[:3]) or "no data files found"), field="PATH")
    emit(render(report, ScanFormat(fmt)), output, protected=[Path(p) for p in paths])
    for entry in report["files"]:
        if entry["errors"]:
            say(f"audit: scan: {entry['path']}: {entry['error_count']} problem(s), first: {entry['errors'][0]['message']}")
