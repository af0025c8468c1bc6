"""One audit, start to end: input -> facts -> findings -> waivers/baseline -> AuditResult."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from auditor import __version__, yamlio
from auditor.engine import evaluate
from auditor.errors import AuditorError
from auditor.findings import AuditResult, Severity
from auditor.gather import gather
from auditor.heap import settling
from auditor.inputs import load_input
from auditor.manifest import LoadedManifest
from auditor.policy import load_policies
from auditor.progress import progress

if TYPE_CHECKING:  # pragma: no cover
    from auditor.scan.engines import Engine


def run_check(
    manifest_path: Path,
    *,
    policy_dirs: tuple[Path, ...] = (),
    fail_on: str = "high",
    waivers_file: Path | None = None,
    baseline_file: Path | None = None,
    overlay: Path | None = None,
    today: dt.date | None = None,
    cache_dir: Path | None = None,
    scan_engine: "Engine | None" = None,
    registry_files: tuple[Path, ...] = (),
) -> AuditResult:
    with settling() as settle:  # each part, once built, lives to the end of the audit: collected no more
        settle()  # the process's modules
        loaded = load_input(manifest_path, overlay)
        settle()
        policies = load_policies(list(policy_dirs))
        gathered = gather(loaded, cache_dir=cache_dir, registry_files=registry_files, policies=policies)
        settle()
        manifest = loaded.manifest
        subjects = len(manifest.teachers) + len(manifest.data_sources) + len(manifest.copyrighted_material) + 1
        with progress(subjects, "auditing") as tick, located(loaded):  # progress: only on a terminal, after a moment
            findings = evaluate(manifest, policies, gathered.inputs, line_of=loaded.line_of, tick=tick)
        if scan_engine is not None:  # audit check --scan: traces in the data sources' own files
            from auditor.scan.findings import scan_findings, scan_sources

            reports = scan_sources(manifest, scan_engine, Path(manifest_path).as_posix())
            findings = sorted(findings + scan_findings(manifest, policies, reports, loaded.line_of), key=lambda f: f.sort_key())
        unmatched = []
        if waivers_file is not None:
            from auditor.waivers import apply_waivers, load_waivers

            findings, unmatched = apply_waivers(findings, load_waivers(waivers_file), today or dt.date.today())
        if baseline_file is not None:
            from auditor.waivers import apply_baseline, load_baseline

            findings = apply_baseline(findings, load_baseline(baseline_file))
        return AuditResult(
            manifest_path=Path(manifest_path).as_posix(),
            manifest_sha256=loaded.sha256,
            manifest=loaded.manifest,
            findings=findings,
            policies=policies.infos(),
            fail_on=None if fail_on == "never" else Severity(fail_on),
            documents=gathered.documents,
            unmatched_waivers=list(unmatched),
            baseline=Path(baseline_file).as_posix() if baseline_file else None,
            tool_version=__version__,
            overrides=list(policies.overrides),
            registry_overrides=gathered.registry_overrides,
        )


@contextmanager
def located(loaded: LoadedManifest) -> Iterator[None]:
    """An input error the facts raise names a manifest field (a derived_from cycle): add the file and line."""
    try:
        yield
    except AuditorError as exc:
        if exc.file is not None or not exc.field:
            raise
        try:
            line = loaded.lines.line(yamlio.parse_path(exc.field))
        except (AuditorError, ValueError, KeyError):
            line = None
        raise AuditorError(exc.message, file=loaded.path, line=line, field=exc.field) from None
