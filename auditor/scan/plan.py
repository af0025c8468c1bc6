"""From the paths a user gave to the files to read and the tasks to run.

Folders are walked recursively and globs expanded, always in sorted order, so the
report lists files the same way on every machine.  A file's format comes from its
name (``.jsonl``, ``.json``, ``.parquet``, ``.csv``, ``.tsv``, ``.txt``, each
optionally ``.gz``); inside folders, files of other kinds are skipped, while a file
named directly is read as text.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

from auditor.safeio import not_regular
from auditor.scan.readers import EXTENSIONS, READERS, Task

PART_BYTES = 32 << 20  # byte range of one task: large enough to amortise start-up, small enough to balance


@dataclass(frozen=True)
class Source:
    """One file to scan: the name shown in reports and where it is."""

    name: str
    path: str
    format: str
    gzip: bool
    size: int


@dataclass
class Plan:
    sources: list[Source] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)  # source index -> why it cannot be read
    missing: list[str] = field(default_factory=list)  # inputs that named nothing


def detect(name: str) -> tuple[str | None, bool]:
    """(format, gzip) from a file name; format None when the ending is not a known one."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return EXTENSIONS.get(os.path.splitext(lower)[1]), gz


def _walk(folder: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith(".") and detect(f)[0] is not None)
    return found


def expand(inputs: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """(shown name, real path) inputs -> (name, path) files, and inputs that matched nothing."""
    files: list[tuple[str, str]] = []
    missing: list[str] = []
    for shown, real in inputs:
        if os.path.isdir(real):
            files += [(os.path.join(shown, os.path.relpath(p, real)), p) for p in _walk(real)]
        elif os.path.exists(real) or os.path.islink(real):
            files.append((shown, real))
        elif any(c in real for c in "*?["):
            matches = sorted(glob.glob(real, recursive=True))
            base_shown, base_real = _glob_root(shown), _glob_root(real)
            for match in matches:
                shown_match = os.path.join(base_shown, os.path.relpath(match, base_real)) if base_real else match
                if os.path.isdir(match):
                    files += [(os.path.join(shown_match, os.path.relpath(p, match)), p) for p in _walk(match)]
                elif detect(match)[0] is not None:
                    files.append((shown_match, match))
            if not matches:
                missing.append(shown)
        else:
            missing.append(shown)
    seen: set[str] = set()
    unique = []
    for entry in files:
        key = os.path.realpath(entry[1])
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique, missing


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))]]
    return str(Path(*fixed)) if fixed else ""


def make_plan(inputs: list[tuple[str, str]], part_bytes: int = PART_BYTES) -> Plan:
    """Files and tasks for ``inputs``; problems opening a file are recorded, not raised."""
    files, missing = expand(inputs)
    plan = Plan(missing=missing)
    for name, path in files:
        fmt, gz = detect(path)
        fmt = fmt or "text"
        index = len(plan.sources)
        try:
            info = os.stat(path)
        except OSError as exc:
            plan.sources.append(Source(name, path, fmt, gz, 0))
            plan.problems[index] = f"cannot read: {exc.strerror or exc}"
            continue
        problem = not_regular(info, "data file")  # a FIFO would hang the scan, /dev/zero never ends
        if problem:
            plan.sources.append(Source(name, path, fmt, gz, 0))
            plan.problems[index] = problem
            continue
        size = info.st_size
        plan.sources.append(Source(name, path, fmt, gz, size))
        try:
            plan.tasks += READERS[fmt].plan(index, path, gz, size, part_bytes)
        except OSError as exc:
            plan.problems[index] = f"cannot read: {exc.strerror or exc}"
        except ValueError as exc:
            plan.problems[index] = str(exc)
    return plan
