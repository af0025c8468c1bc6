"""A small on-disk cache for results that are costly to rebuild and cheap to key.

Used for the licence-name index and the validated policy packs, which together
cost more than the rest of a small ``audit check``.  Keys are content hashes (plus
auditor's version), so a change to code or data rebuilds.

The cache folder is shared state that someone else may write (a shared folder, a
restored CI cache), so an entry is plain JSON, never pickle: loading it cannot run
code.  Each entry carries its key and the SHA-256 of its body, and the caller's
``decode`` validates the data; anything that does not check out is rebuilt.  A
missing, stale, corrupt or unwritable cache is never an error.  ``AUDITOR_NO_CACHE``
(read as a boolean by ``auditor.env``) turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

from auditor.env import cache_dir, caching_enabled

T = TypeVar("T")
KEEP = 3  # entries kept per cache name, the most recently used
_BODY = ', "body": '  # what stands between an entry's header and its body: a raw quote never occurs inside a JSON string


def body_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_entry(path: Path, key: str) -> Any | None:
    """The body of a JSON entry whose key and checksum match, else None.

    The checksum is of the body's text as written, so checking it reads the bytes once
    rather than serialising the decoded body again (a third of a warm run's cache time).
    """
    try:
        text = path.read_text(encoding="utf-8")
        at = text.find(_BODY)
        if at < 0 or not text.endswith("}"):
            return None
        header, body = json.loads(text[:at] + "}"), text[at + len(_BODY) : -1]
        if not isinstance(header, dict) or header.get("key") != key or header.get("sha256") != body_digest(body):
            return None
        return json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None


def store_entry(path: Path, key: str, body: Any) -> None:
    """Write an entry atomically; a cache that cannot be written is skipped."""
    tmp: str | None = None
    try:
        text = json.dumps(body, ensure_ascii=False)
        header = json.dumps({"key": key, "sha256": body_digest(text)}, ensure_ascii=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(header[:-1] + _BODY + text + "}")
        os.replace(tmp, path)
        tmp = None
    except (OSError, TypeError, ValueError):  # read-only home, full disk: run without the cache
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def cached(name: str, key: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """The value cached under name+key (decoded and validated), else build() (and store it for next time)."""
    if not caching_enabled() or not key:
        return build()
    path = cache_dir() / f"{name}-{key}.json"
    body = load_entry(path, key)
    if body is not None:
        try:
            value = decode(body)
        except Exception:  # noqa: BLE001 - any entry that does not validate means: build it
            value = None
        if value is not None:
            _touch(path)
            return value
    value = build()
    store_entry(path, key, encode(value))
    _remove_stale(path, name)
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
    for entry in kept.parent.glob(f"{name}-*.json"):
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
