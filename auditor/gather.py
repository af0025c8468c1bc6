"""Read what the manifest points at (terms documents, licence files) into engine Inputs.

The only I/O step between the manifest and the engine.  Document parsing (spaCy,
pypdf) is imported here lazily, so a manifest that names no document never
loads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.facts import DocClause, Inputs
from auditor.findings import DocumentInfo, RegistryOverride
from auditor.manifest import LoadedManifest

if TYPE_CHECKING:  # pragma: no cover
    from auditor.policy import PolicySet


@dataclass
class Gathered:
    inputs: Inputs
    documents: list[DocumentInfo] = field(default_factory=list)
    registry_overrides: list[RegistryOverride] = field(default_factory=list)


def gather(
    loaded: LoadedManifest, *, cache_dir: Path | None = None, registry_files: tuple[Path, ...] = (), policies: "PolicySet | None" = None
) -> Gathered:
    manifest = loaded.manifest
    wanted: dict[Path, list[str]] = {}  # document -> subjects that name it
    for index, teacher in enumerate(manifest.teachers):
        if teacher.terms:
            wanted.setdefault(manifest.resolve(teacher.terms), []).append(f"teachers[{index}]")
    for index, source in enumerate(manifest.data_sources):
        if source.terms:
            wanted.setdefault(manifest.resolve(source.terms), []).append(f"data_sources[{index}]")
    terms: dict[str, tuple[DocClause, ...]] = {}
    documents: list[DocumentInfo] = []
    if wanted:
        documents = _parse_documents(wanted, terms, loaded, cache_dir)
    licence_files = {}
    files = [(s.id, manifest.resolve(s.licence_file)) for s in manifest.data_sources if s.licence_file]
    if files:
        from auditor.licences import identify_file

        from auditor.errors import AuditorError

        cache: dict[Path, object] = {}
        for index, (source_id, path) in enumerate(files):
            if path not in cache:
                try:
                    cache[path] = identify_file(path)
                except AuditorError as exc:  # name the manifest line that points at the file too
                    line = loaded.lines.line(("data_sources", _source_index(manifest, source_id), "licence_file"))
                    raise AuditorError(f"{exc} (named by data_sources '{source_id}' licence_file)", file=loaded.path, line=line) from None
            licence_files[source_id] = cache[path]
    from auditor.registry.known import recognise_all

    found = recognise_all(manifest, registry_files, policies)
    inputs = Inputs(
        terms=terms, licence_files=licence_files, known=found.sources, base_licences=found.bases,
        teachers_known=found.teachers, generators_known=found.generators,
    )
    return Gathered(inputs, documents, found.overrides)


def _source_index(manifest, source_id: str) -> int:
    return next(i for i, s in enumerate(manifest.data_sources) if s.id == source_id)


def _parse_documents(wanted, terms, loaded: LoadedManifest, cache_dir):
    from auditor.clauses.cache import parse_terms_traced
    from auditor.errors import AuditorError
    from auditor.progress import progress

    documents: list[DocumentInfo] = []
    with progress(len(wanted), "parsing terms documents") as tick:
        for path, subjects in sorted(wanted.items()):
            try:
                document, clauses, from_cache = parse_terms_traced(path, cache_dir=cache_dir)
            except AuditorError as exc:  # name the manifest line that points at the document too
                line = loaded.line_of(subjects[0])
                raise AuditorError(f"{exc} (named by {subjects[0]} terms)", file=loaded.path, line=line) from None
            shown = _display_path(path, loaded.path.parent)
            reduced = tuple(
                DocClause(c.category, c.section, c.page, c.text, shown, c.confidence) for c in clauses
            )
            for subject in subjects:
                terms[subject] = reduced
            documents.append(
                DocumentInfo(
                    path=shown,
                    sha256=document.sha256,
                    format=document.format,
                    pages=len(document.pages) if document.pages else None,
                    clauses=len(clauses),
                    used_by=tuple(subjects),
                    from_cache=from_cache,
                )
            )
            tick()
    return documents


def _display_path(path: Path, base: Path) -> str:
    """Paths in reports are relative to the manifest's folder (``../shared/t.md`` too), whatever the
    current folder, so reports are stable across machines; only another drive stays absolute."""
    import os

    target, folder = os.path.realpath(path), os.path.realpath(base)
    try:
        return Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(target).as_posix()
