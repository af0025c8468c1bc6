"""Options and output handling shared by the subcommands."""

from __future__ import annotations

import os
import sys
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
    """Print, or write atomically to ``output``; never overwrite an input the user gave."""
    chunks = (text,) if isinstance(text, str) else text
    if output is None or str(output) == "-":
        stream = sys.stdout
        last = ""
        for chunk in chunks:
            stream.write(chunk)
            last = chunk or last
        if not last.endswith("\n"):
            stream.write("\n")
        stream.flush()
        return
    write_file(output, chunks, protected=protected)


def write_file(output: Path, text: str | Iterable[str], *, protected: Iterable[Path] = ()) -> None:
    target = output.resolve()
    for path in protected:
        try:
            if path.exists() and target == path.resolve():
                raise AuditorError("refusing to overwrite an input file with a report", file=output)
        except OSError:
            continue
    if target.is_dir():
        raise AuditorError("expected a file path for the report, found a directory", file=output)
    if not target.parent.is_dir():
        raise AuditorError("the report's folder does not exist", file=output)
    import tempfile  # here: a report printed to stdout, the usual CI run, never needs it

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in (text,) if isinstance(text, str) else text:
                handle.write(chunk)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report gets the mode any new file would
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise AuditorError(f"cannot write report: {exc.strerror or exc}", file=output) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (read by setting it, then put back at once)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
