"""Options and output handling shared by the subcommands."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import click

from auditor.errors import AuditorError
from auditor.formats import Format
from auditor.scan import ENGINES

FORMATS = tuple(f.value for f in Format)  # --format and --report accept the same set


def policies_option(func: Callable) -> Callable:
    return click.option(
        "--policies",
        "policy_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Folder of extra policy packs; extends or overrides built-in packs by id (repeatable).",
    )(func)


def registry_option(func: Callable) -> Callable:
    return click.option(
        "--registry",
        "registry_files",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Registry file whose entries correct or add known datasets and models by id (repeatable).",
    )(func)


def output_option(func: Callable) -> Callable:
    return click.option(
        "--output", "-o", "output", type=click.Path(path_type=Path), default=None, help="Write to this file instead of stdout."
    )(func)


def format_option(choices: Iterable[str], default: str = "text") -> Callable[[Callable], Callable]:
    return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help="Output format.")


def engine_options(func: Callable) -> Callable:
    """--jobs, --engine and --scheduler: where the training-data scan runs (audit scan, audit check --scan)."""
    func = click.option("--scheduler", metavar="ADDRESS", default=None, help="Dask scheduler address (default: a local cluster).")(func)
    func = click.option("--engine", type=click.Choice(list(ENGINES)), default="local", show_default=True, help="Where the scan runs.")(func)
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Scan worker processes (default: all cores).")(func)


def emit(text: str | Iterable[str], output: Path | None, *, protected: Iterable[Path] = ()) -> None:
    """Print, or write to ``output`` (see ``auditor.outputs``); never over an input of the run."""
    from auditor.outputs import write_file, write_stdout

    if output is None or str(output) == "-":
        write_stdout(text)
    else:
        write_file(output, text, protected=protected)
