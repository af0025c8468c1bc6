"""Read the registry files (built-in, then a team's overrides) into one ``Registry``.

The shipped registry is ~2,500 entries of YAML; parsing and validating it costs more
than a small audit, so the validated entries are cached as plain JSON in the user
cache folder, keyed by the files' content, the schema's code and auditor's version.
The cache is validated again on reading (pydantic, from JSON: no pickle), and a
missing or damaged cache is simply rebuilt.  Nothing in the checkout is a cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from auditor import diskcache, strict, yamlio
from auditor.errors import AuditorError
from auditor.findings import RegistryOverride
from auditor.registry.model import Entry, RegistryFile
from auditor.safeio import read_input
from auditor.validation import user_error


class Entries(Mapping[str, Entry]):
    """Entries by id, validated when first read: an audit reads only the few it recognises.

    Built from the JSON cache (which held validated entries when it was written); an entry
    that no longer validates means a damaged cache, and ``rebuild`` reads the YAML again.
    """

    def __init__(self, raw: dict[str, dict], rebuild: Callable[[], dict[str, dict]]) -> None:
        self._raw, self._rebuild, self._done = raw, rebuild, {}

    def __getitem__(self, entry_id: str) -> Entry:
        found = self._done.get(entry_id)
        if found is None:
            try:
                found = Entry.model_validate(self._raw[entry_id])
            except ValidationError:
                self._raw, self._done = self._rebuild(), {}
                found = Entry.model_validate(self._raw[entry_id])
            self._done[entry_id] = found
        return found

    def __setitem__(self, entry_id: str, entry: Entry) -> None:
        self._raw[entry_id] = {}
        self._done[entry_id] = entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@dataclass
class Registry:
    entries: Entries
    origin: dict[str, str] = field(default_factory=dict)  # entry id -> file (relative for built-in ones)
    overrides: list[RegistryOverride] = field(default_factory=list)
    tables: dict = field(default_factory=dict)  # the built-in entries' lookup tables (recognise.tables_for)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)


def registry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def parse_file(path: Path, text: str | None = None) -> list[Entry]:
    """One registry file's entries; an error names the file, the line and the field."""
    text = yamlio.read_text(path, what="registry file") if text is None else text
    data = yamlio.load(text, source=path)
    if not isinstance(data, dict):
        raise AuditorError("expected a mapping with 'entries:' (a list of registry entries)", file=path, line=1)
    try:
        return RegistryFile.model_validate(data).entries
    except ValidationError as exc:
        raise user_error(exc, source=path, lines=yamlio.LineIndex(text), expected_keys=_expected_keys) from None


def _expected_keys(parent: tuple) -> list[str] | None:
    return sorted(Entry.model_fields) if [p for p in parent if isinstance(p, str)] == ["entries"] else None


def load_registry(overrides: list[Path] | tuple[Path, ...] = (), *, folder: Path | None = None) -> Registry:
    """The built-in registry (or ``folder``), then each override file in order (same id replaces)."""
    from auditor.resources import registry_dir

    base = folder if folder is not None else registry_dir()
    registry = _built_in(base)
    for path in overrides:
        if not path.exists():  # a folder or a FIFO is refused by the reader, naming what it found
            raise AuditorError("registry override file not found (expected a YAML file with 'entries:')", file=path)
        for entry in parse_file(path):
            registry.overrides.append(RegistryOverride(entry.id, str(path), registry.origin.get(entry.id)))
            registry.entries[entry.id] = entry
            registry.origin[entry.id] = str(path)
    return registry


def _built_in(folder: Path) -> Registry:
    files = [(path, read_input(path, what="registry file")) for path in registry_files(folder)]
    digest = hashlib.sha256(_code_version())
    for path, data in files:
        digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode() + data)
    key = digest.hexdigest()[:24]

    def parse() -> dict:
        from auditor.registry.recognise import tables_for

        raw: dict[str, dict] = {}
        origin: dict[str, str] = {}
        for path, data in files:
            where = path.relative_to(folder).as_posix()
            for entry in parse_file(path, data.decode("utf-8", errors="replace")):
                if entry.id in origin:
                    raise AuditorError(f"registry id '{entry.id}' is already used in {origin[entry.id]}", file=path, field="id")
                raw[entry.id] = entry.model_dump(mode="json", exclude_defaults=True)
                origin[entry.id] = where
        return {"raw": raw, "origin": origin, "tables": tables_for(raw.values())}

    cached = diskcache.cached("registry", key, parse, lambda data: data, _cached_shape)
    return Registry(Entries(cached["raw"], lambda: parse()["raw"]), cached["origin"], [], cached["tables"])


def _code_version() -> bytes:
    from auditor import __version__

    here = Path(__file__)
    # recognise.py builds the cached lookup tables: a change to it must rebuild them
    return __version__.encode() + b"".join(here.with_name(n).read_bytes() for n in ("model.py", "recognise.py")) + Path(strict.__file__).read_bytes()


def _cached_shape(data: object) -> dict | None:
    """A cache entry as the registry needs it, or None (then it is rebuilt)."""
    if isinstance(data, dict) and set(data) == {"raw", "origin", "tables"} and set(data["raw"]) == set(data["origin"]):
        return data
    return None
