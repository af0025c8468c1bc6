"""Read the registry files (built-in, then a team's overrides) into one ``Registry``.

The shipped registry is ~2,500 entries of YAML; parsing and validating it costs more
than a small audit, so the validated entries are cached as plain JSON in the user
cache folder, keyed by the files' content, the schema's code and auditor's version.
The cache is validated again on reading (pydantic, from JSON: no pickle), and a
missing or damaged cache is simply rebuilt.  Nothing in the checkout is a cache.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.registry.model import Entry, RegistryFile
from auditor.validation import user_error


@dataclass(frozen=True)
class Override:
    """An entry a team's file replaced or added: every report shows it, with its file."""

    id: str
    file: str
    replaced: str | None  # the file of the entry it replaced, None when it adds a new id


@dataclass
class Registry:
    entries: dict[str, Entry] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # entry id -> file (relative for built-in ones)
    overrides: list[Override] = field(default_factory=list)

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
    registry = Registry()
    for where, entries in _built_in(base):
        _add(registry, entries, where, replace=False)
    for path in overrides:
        if not path.is_file():
            raise AuditorError("registry override file not found (expected a YAML file with 'entries:')", file=path)
        _add(registry, parse_file(path), str(path), replace=True)
    return registry


def _add(registry: Registry, entries: list[Entry], where: str, *, replace: bool) -> None:
    for entry in entries:
        previous = registry.origin.get(entry.id)
        if previous is not None and not replace:
            raise AuditorError(f"registry id '{entry.id}' is already used in {previous}", file=where, field="id")
        if replace:
            registry.overrides.append(Override(entry.id, where, previous))
        registry.entries[entry.id] = entry
        registry.origin[entry.id] = where


def _built_in(folder: Path) -> list[tuple[str, list[Entry]]]:
    files = [(path, path.read_bytes()) for path in registry_files(folder)]
    digest = hashlib.sha256(_code_version())
    for path, data in files:
        digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode() + data)
    key = digest.hexdigest()[:24]
    cached = _read_cache(key)
    if cached is not None:
        return cached
    parsed = [
        (path.relative_to(folder).as_posix(), parse_file(path, data.decode("utf-8", errors="replace"))) for path, data in files
    ]
    _write_cache(key, parsed)
    return parsed


def _code_version() -> bytes:
    from auditor import __version__

    return __version__.encode() + Path(__file__).with_name("model.py").read_bytes()


def _cache_path(key: str) -> Path | None:
    if os.environ.get("AUDITOR_NO_CACHE"):
        return None
    from auditor.diskcache import user_cache_dir

    return user_cache_dir() / f"registry-{key}.json"


def _read_cache(key: str) -> list[tuple[str, list[Entry]]] | None:
    path = _cache_path(key)
    if path is None:
        return None
    try:
        import orjson

        data = orjson.loads(path.read_bytes())
        return [(where, RegistryFile.model_validate({"entries": entries}).entries) for where, entries in data]
    except Exception:  # noqa: BLE001 - missing, damaged or stale: rebuild
        return None


def _write_cache(key: str, parsed: list[tuple[str, list[Entry]]]) -> None:
    path = _cache_path(key)
    if path is None:
        return
    import tempfile

    import orjson

    plain = [(where, [e.model_dump(mode="json", exclude_defaults=True) for e in entries]) for where, entries in parsed]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".registry-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(orjson.dumps(plain))
        os.replace(tmp, path)
        for old in sorted(path.parent.glob("registry-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[3:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # read-only home, full disk: run without the cache
