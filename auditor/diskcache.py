"""A small on-disk cache for results that are costly to rebuild and cheap to key.

Used for the licence-name index and the validated built-in policy packs, which
together cost more than the rest of a small ``audit check``.  Keys are content
hashes (plus auditor's version), so a change to code or data rebuilds.  A
missing, stale, corrupt or unwritable cache is never an error: the value is
simply built.  ``AUDITOR_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
KEEP = 3  # entries kept per cache name, the most recently used


def user_cache_dir() -> Path:
    """$AUDITOR_CACHE_DIR, else $XDG_CACHE_HOME/auditor, else ~/.cache/auditor."""
    if os.environ.get("AUDITOR_CACHE_DIR"):
        return Path(os.environ["AUDITOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "auditor"


def pickled(name: str, key: str, build: Callable[[], T]) -> T:
    """The value cached under name+key, else build() (and store it for next time)."""
    if os.environ.get("AUDITOR_NO_CACHE") or not key:
        return build()
    path = user_cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # noqa: S301 - auditor's own cache file, keyed by content hash
        _touch(path)
        return value
    except Exception:  # noqa: BLE001 - any cache problem means: build it
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _remove_stale(path, name)
    except Exception:  # noqa: BLE001 - read-only home, full disk: run without the cache
        pass
    return value


def _touch(path: Path) -> None:
    """Mark an entry as used now, so that pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


def _remove_stale(kept: Path, name: str) -> None:
    """Keep the KEEP most recently used entries of ``name``: older keys belong to older code or data.

    Not only the newest: two environments (a project venv and a pre-commit one) share the
    cache with different keys, and must not evict each other on every run.
    """
    entries = []
    for entry in kept.parent.glob(f"{name}-*.pickle"):
        if entry.name.removeprefix(f"{name}-").count("-") == 0:  # not another cache whose name starts alike
            try:
                entries.append((entry.stat().st_mtime, entry.name, entry))
            except OSError:
                pass
    for _, _, entry in sorted(entries, reverse=True)[KEEP:]:
        if entry != kept:
            try:
                entry.unlink()
            except OSError:
                pass
