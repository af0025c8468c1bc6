"""``audit terms DOC...`` lists detected clauses; ``audit terms diff OLD NEW`` compares two versions."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.commands.common import emit, format_option, output_option
from auditor.errors import AuditorError

TERMS_FORMATS = ("text", "json", "markdown")


@click.command(name="terms", context_settings={"ignore_unknown_options": False})
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option(TERMS_FORMATS)
@output_option
@click.option("--no-cache", is_flag=True, help="Parse again even if this exact document was parsed before.")
def command(documents: tuple[Path, ...], fmt: str, output: Path | None, no_cache: bool) -> None:
    """Find the clauses that matter in terms documents (PDF, HTML, Markdown, text).

    'audit terms diff OLD NEW' shows clauses added, removed and changed between two versions.
    """
    from auditor.clauses.render import render_clauses, render_diff

    if documents and str(documents[0]) == "diff":
        if len(documents) != 3:
            raise AuditorError("'audit terms diff' takes exactly two documents: OLD NEW", field="arguments")
        from auditor.clauses.diff import diff_clauses

        old = _parse(documents[1], no_cache)
        new = _parse(documents[2], no_cache)
        changes = diff_clauses(old[1], new[1])
        emit(render_diff(changes, str(documents[1]), str(documents[2]), fmt), output, protected=documents[1:])
        return
    results = [_parse(path, no_cache) for path in documents]
    emit(render_clauses([c for _, clauses in results for c in clauses], fmt), output, protected=documents)


def _parse(path: Path, no_cache: bool):
    from auditor.clauses.cache import parse_terms

    if no_cache:
        from auditor.clauses.cache import parse_uncached
        from auditor.documents.source import read_bytes

        return parse_uncached(read_bytes(path), path)
    return parse_terms(path)


__all__ = ["command"]
