"""What the registry knows of a manifest's data sources, base models and teachers: read once per audit.

The engine stays pure: it receives, per data source and per teacher, the recognised entry
with its registry ancestors (``Known``) or a near miss (``Suggestion``), never the registry
itself.  The registry is loaded once, only when the manifest names something it could know,
and each distinct (name, URL) pair of data sources is recognised once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.registry.model import Entry

if TYPE_CHECKING:  # pragma: no cover
    from auditor.findings import RegistryOverride
    from auditor.manifest import Manifest
    from auditor.policy import PolicySet
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
        """A model family's source about the exact id written (a size variant's own card), else the
        entry's first source (for datasets, the one their facts were taken from)."""
        if self.hf_id and self.entry.kind == "model":
            from auditor.registry.recognise import hf_id_in

            wanted = self.hf_id.lower()
            about = [(len(found[0]), url) for url in self.entry.sources if (found := hf_id_in(url)) and wanted.startswith(found[0].lower())]
            if about:
                return max(about)[1]
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


@dataclass(frozen=True)
class Recognised:
    """What the registry knows of one manifest: its data sources, base models and teachers."""

    sources: dict[int, Known | Suggestion]  # data source index -> what is known
    bases: dict[str, Known]  # lower-cased base model reference -> the model family it names
    teachers: dict[int, Known | Suggestion]  # teacher index -> the model family it names
    generators: dict[str, Known]  # a generated_by value written as a Hugging Face id -> its model family
    overrides: list["RegistryOverride"]  # what --registry files replaced or added


def recognise_all(manifest: "Manifest", overrides: tuple[Path, ...] = (), policies: "PolicySet | None" = None) -> Recognised:
    """Everything the registry knows of the manifest, from one load of the registry.

    The registry is not read at all when the manifest names nothing it could know (no data
    source, base model or teacher that may be a model family) and no override file is given.
    """
    m = manifest
    wanted = [i for i, t in enumerate(m.teachers) if _may_be_a_family(t, policies)]
    if not (m.data_sources or m.model.base_models or wanted or overrides):
        return Recognised({}, {}, {}, {}, [])
    from auditor.registry.load import load_registry
    from auditor.registry.recognise import Index

    registry = load_registry(list(overrides))
    shown = list(registry.overrides)
    if not (m.data_sources or m.model.base_models or wanted):  # a bad override file is still an error, and still shown
        return Recognised({}, {}, {}, {}, shown)
    index = Index(registry)
    override_files = frozenset(o.file for o in registry.overrides)
    return Recognised(
        _sources(m, registry, index, override_files),
        _bases(m, registry, index, override_files),
        _teachers(m, wanted, registry, index, override_files),
        _generators(m, registry, index, override_files),
        shown,
    )


def _known(registry: "Registry", hit, override_files: frozenset[str]) -> Known | Suggestion:
    from auditor.registry.recognise import Recognition

    if isinstance(hit, Recognition):
        file = registry.origin[hit.entry.id]
        return Known(hit.entry, hit.how, hit.matched, hit.hf_id, _ancestors(registry, hit.entry), file, file in override_files)
    return Suggestion(hit.written, tuple(f"{e.id} ({e.display_name})" for e in hit.candidates), hit.reason)


def _sources(manifest: "Manifest", registry: "Registry", index, override_files: frozenset[str]) -> dict[int, Known | Suggestion]:
    seen: dict[tuple[str | None, str | None], Known | Suggestion | None] = {}
    found: dict[int, Known | Suggestion] = {}
    for position, source in enumerate(manifest.data_sources):
        key = (source.name, source.url)
        if key not in seen:
            hit = index.recognise(name=source.name or source.id, url=source.url, kind="dataset")
            seen[key] = None if hit is None else _known(registry, hit, override_files)
        if seen[key] is not None:
            found[position] = seen[key]  # type: ignore[assignment]
    return found


def _bases(manifest: "Manifest", registry: "Registry", index, override_files: frozenset[str]) -> dict[str, Known]:
    from auditor.registry.recognise import Recognition

    found: dict[str, Known] = {}
    for base in manifest.model.base_models:
        hit = index.recognise(name=base.name, url=base.url, kind="model")
        if isinstance(hit, Recognition) and hit.licence:
            found[base.name.strip().lower()] = _known(registry, hit, override_files)  # type: ignore[assignment]
    return found


def _may_be_a_family(teacher, policies: "PolicySet | None") -> bool:
    """Whether a teacher may name a model family the registry knows: not when the team named the pack
    (``policy``), nor when a provider's service terms cover it and no Hub id is written (an API model)."""
    if teacher.policy:
        return False
    if policies is None or teacher.model is None or "/" in teacher.model:
        return True
    pack = policies.pack_for_teacher(teacher.provider, teacher.model)
    return pack is None or pack.kind != "provider-terms"


def _teachers(manifest: "Manifest", wanted: list[int], registry: "Registry", index, override_files: frozenset[str]) -> dict[int, Known | Suggestion]:
    """Teachers that name a model family (Hugging Face id, URL or name); whether it applies is the facts' call."""
    found: dict[int, Known | Suggestion] = {}
    for position in wanted:
        teacher = manifest.teachers[position]
        hit = index.recognise_model(provider=teacher.provider, model=teacher.model)
        if hit is not None:
            found[position] = _known(registry, hit, override_files)
    return found


def _generators(manifest: "Manifest", registry: "Registry", index, override_files: frozenset[str]) -> dict[str, Known]:
    """generated_by values that name a model family by Hugging Face id or URL (not a teacher id, never by name)."""
    from auditor.registry.recognise import Recognition, hf_id_in

    teacher_ids = {t.id for t in manifest.teachers}
    found: dict[str, Known] = {}
    for value in dict.fromkeys(g for s in manifest.data_sources for g in s.generated_by):
        if value in teacher_ids or hf_id_in(value) is None:
            continue
        hit = index.recognise_model(provider=None, model=value)
        if isinstance(hit, Recognition):
            found[value] = _known(registry, hit, override_files)  # type: ignore[assignment]
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
