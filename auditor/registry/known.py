"""What the registry knows of a manifest's data sources: read once per audit, before the engine runs.

The engine stays pure: it receives, per data source, the recognised entry with its
registry ancestors (``Known``) or a near miss (``Suggestion``), never the registry itself.
The registry is loaded only when a manifest has data sources, and each distinct
(name, URL) pair is recognised once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.registry.model import Entry

if TYPE_CHECKING:  # pragma: no cover
    from auditor.manifest import Manifest
    from auditor.registry.load import Registry


@dataclass(frozen=True)
class Known:
    """A data source recognised as a registry entry."""

    entry: Entry
    how: str  # hf-id | url | name
    matched: str
    hf_id: str | None
    ancestors: tuple[Entry, ...]  # registry parents, transitively, nearest first
    file: str  # the registry file the entry comes from
    override: bool  # the file is a team's override (--registry), not the built-in registry

    @property
    def licence(self) -> str:
        return self.entry.licence_for(self.hf_id)

    @property
    def source_url(self) -> str:
        return self.entry.sources[0]

    def generators(self) -> list[str]:
        """provider/model of the entry and of every registry ancestor, without repeats."""
        return list(dict.fromkeys(g for e in (self.entry, *self.ancestors) for g in e.generated_by))


@dataclass(frozen=True)
class Suggestion:
    """A name close to, or shared by, registry entries: reported as "did you mean ...?", never applied."""

    written: str
    candidates: tuple[str, ...]  # "id (display name)"
    reason: str


def recognise(manifest: "Manifest", overrides: tuple[Path, ...] = ()) -> tuple[dict[int, Known | Suggestion], list[tuple[str, str, str | None]]]:
    """(what is known per data source index, the overrides in force: (id, file, file it replaced))."""
    if not manifest.data_sources:
        if overrides:  # nothing to recognise, but a bad override file is still an error, and still shown
            from auditor.registry.load import load_registry

            return {}, [(o.id, o.file, o.replaced) for o in load_registry(list(overrides)).overrides]
        return {}, []
    from auditor.registry.load import load_registry
    from auditor.registry.recognise import Index, Recognition

    registry = load_registry(list(overrides))
    index = Index(registry)
    override_files = {o.file for o in registry.overrides}
    seen: dict[tuple[str | None, str | None], Known | Suggestion | None] = {}
    found: dict[int, Known | Suggestion] = {}
    for position, source in enumerate(manifest.data_sources):
        key = (source.name, source.url)
        if key not in seen:
            hit = index.recognise(name=source.name or source.id, url=source.url)
            if isinstance(hit, Recognition):
                file = registry.origin[hit.entry.id]
                seen[key] = Known(hit.entry, hit.how, hit.matched, hit.hf_id, _ancestors(registry, hit.entry), file, file in override_files)
            elif hit is not None:
                seen[key] = Suggestion(hit.written, tuple(f"{e.id} ({e.display_name})" for e in hit.candidates), hit.reason)
            else:
                seen[key] = None
        if seen[key] is not None:
            found[position] = seen[key]  # type: ignore[assignment]
    return found, [(o.id, o.file, o.replaced) for o in registry.overrides]


def recognise_base_models(manifest: "Manifest", overrides: tuple[Path, ...] = ()) -> dict[str, str]:
    """model.base_models the registry recognises -> their licence (lower-cased reference -> id)."""
    if not manifest.model.base_models:
        return {}
    from auditor.registry.load import load_registry
    from auditor.registry.recognise import Index, Recognition

    index = Index(load_registry(list(overrides)))
    found: dict[str, str] = {}
    for base in manifest.model.base_models:
        hit = index.recognise(name=base.name, url=base.url)
        if isinstance(hit, Recognition) and hit.licence:
            found[base.name.strip().lower()] = hit.licence
    return found


def _ancestors(registry: "Registry", entry: Entry) -> tuple[Entry, ...]:
    order: list[Entry] = []
    queue = list(entry.derived_from)
    seen = {entry.id}
    while queue:
        parent_id = queue.pop(0)
        if parent_id in seen:
            continue
        seen.add(parent_id)
        parent = registry.get(parent_id)
        if parent is not None:
            order.append(parent)
            queue.extend(parent.derived_from)
    return tuple(order)
