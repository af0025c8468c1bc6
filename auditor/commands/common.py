"""Options and output handling shared by the subcommands."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import click

from auditor.errors import AuditorError

FORMATS = ("text", "json", "html", "sarif", "junit", "markdown")


def policies_option(func: Callable) -> Callable:
    return click.option(
        "--policies",
        "policy_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Folder of extra policy packs; extends or overrides built-in packs by id (repeatable).",
    )(func)


def output_option(func: Callable) -> Callable:
    return click.option(
        "--output", "-o", "output", type=click.Path(path_type=Path), default=None, help="Write to this file instead of stdout."
    )(func)


def format_option(choices: Iterable[str], default: str = "text") -> Callable[[Callable], Callable]:
    return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help="Output format.")


def emit(text: str | Iterable[str], output: Path | None, *, protected: Iterable[Path] = ()) -> None:
    """Print, or write to ``output`` (see ``auditor.outputs``); never over an input of the run."""
    from auditor.outputs import write_file, write_stdout

    if output is None or str(output) == "-":
        write_stdout(text)
    else:
        write_file(output, text, protected=protected)
