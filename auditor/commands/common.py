"""Options and output handling shared by the subcommands."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import click

from auditor.errors import AuditorError
from auditor.formats import Format
from auditor.scan import ENGINES

FORMATS = tuple(f.value for f in Format)  # --format and --report accept the same set


def _repeatable_paths(flag: str, dest: str, help_text: str) -> Callable[[Callable], Callable]:
    """Folders and files that add to or override the built-in data (packs, registry entries)."""
    return click.option(flag, dest, multiple=True, type=click.Path(path_type=Path), help=help_text)


policies_option = _repeatable_paths(
    "--policies", "policy_dirs", "Folder of extra policy packs; extends or overrides built-in packs by id (repeatable)."
)
registry_option = _repeatable_paths(
    "--registry", "registry_files", "Registry file whose entries correct or add known datasets and models by id (repeatable)."
)


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


def say(message: str) -> None:
    """One line on stderr: a file name or a document's text cannot forge lines or drive the terminal."""
    from auditor.formats.sanitize import clean

    click.echo(clean(message), err=True)


def emit(text: str | Iterable[str], output: Path | None, *, protected: Iterable[Path] = ()) -> None:
    """Print, or write to ``output`` (see ``auditor.outputs``); never over an input of the run."""
    from auditor.outputs import write_file, write_stdout

    if output is None or str(output) == "-":
        write_stdout(text)
    else:
        write_file(output, text, protected=protected)
