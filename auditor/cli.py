"""The ``audit`` command line: a click group whose subcommands load lazily.

Each subcommand lives in ``auditor/commands/<name>.py``; importing them only when
called keeps ``audit --help`` fast (no spaCy, no pypdf, no pydantic models).
"""

from __future__ import annotations

import importlib
import sys

import click

from auditor import __version__

# command name -> module in auditor.commands that defines a click command called `command`
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "audit a training manifest against the policy packs; the CI gate"),
    "terms": ("terms", "find the clauses that matter in terms documents; 'terms diff OLD NEW'"),
    "licence": ("licence", "identify a licence from a name, SPDX expression or full text"),
    "policies": ("policies", "list the loaded policy packs, or --validate a folder of packs"),
    "datasets": ("datasets", "search the registry of known datasets and models; 'datasets show ID'"),
    "convert": ("convert", "print the auditor manifest for a CycloneDX, SPDX 3 or Hugging Face input"),
    "init": ("init", "write a commented starter manifest"),
    "scan": ("scan", "scan training-data files for traces of model outputs (teacher self-identification, boilerplate)"),
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "license":  # both spellings, as in the manifest
            cmd_name = "licence"
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        try:
            module = importlib.import_module(f"auditor.commands.{entry[0]}")
        except ModuleNotFoundError as exc:
            if exc.name == f"auditor.commands.{entry[0]}":
                return None
            raise
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (module, help_text) in COMMANDS.items() if _available(module)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        from auditor.errors import AuditorError
        from auditor.formats.sanitize import clean

        try:
            return super().invoke(ctx)
        except AuditorError as exc:  # file names and quoted input reach a terminal: one safe line
            click.echo(f"audit: error: {clean(str(exc))}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:  # before click turns it into "Aborted!" and exit 1, the code for findings
            click.echo("audit: interrupted", err=True)
            ctx.exit(130)


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"auditor.commands.{module}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def cli() -> None:
    """auditor: check that a model's training respected provider terms and licences.

    Exit codes: 0 passed, 1 findings at or above --fail-on, 2 usage or input error.
    """


def main() -> None:
    """The console script: run, flush, and exit with the CONTRACT's code."""
    try:
        cli.main(prog_name="audit")
        code: int = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
    except KeyboardInterrupt:  # while click parses the command line
        click.echo("audit: interrupted", err=True)
        code = 130
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):  # output closed early (audit ... | head): nothing more to say
        code = code or 2
    sys.exit(code)
