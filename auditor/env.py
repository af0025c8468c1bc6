"""Every environment variable auditor reads, read here and parsed one way.

Settings that arrive through the environment are input like any other: a typo in
``AUDITOR_NO_CACHE=ture`` or ``AUDITOR_MAX_BYTES=64M`` must be a one-line error, not a
silent default, and the same spelling of "yes" must work for every flag.  Keeping the
readers together means one rule for booleans, one for numbers, and one place that
lists what auditor looks at (the README's "Limits" and "Caches" sections describe them).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from auditor.errors import AuditorError

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"", "0", "false", "no", "off"})
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_PAGES = 2_000  # real terms run to a few dozen pages; 20,000 take half a minute to extract


def _raw(name: str) -> str:
    return os.environ.get(name, "").strip()


def flag(name: str) -> bool:
    """A boolean of auditor's own: 1/true/yes/on, or 0/false/no/off/unset; anything else is an error."""
    raw = _raw(name).lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise AuditorError(f"{name} must be a boolean (1/true/yes/on or 0/false/no/off), got {os.environ[name]!r}")


def positive_int(name: str, default: int, unit: str) -> int:
    """A whole number above zero, or ``default`` when unset; anything else is an error."""
    raw = _raw(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise AuditorError(f"{name} must be a whole number of {unit}, got {raw!r}") from None
    if value <= 0:
        raise AuditorError(f"{name} must be positive, got {raw!r}")
    return value


def max_bytes() -> int:
    """The largest file auditor reads: AUDITOR_MAX_BYTES, else 64 MiB."""
    return positive_int("AUDITOR_MAX_BYTES", DEFAULT_MAX_BYTES, "bytes")


def max_pages() -> int:
    """The longest PDF auditor reads: AUDITOR_MAX_PAGES, else 2,000 pages."""
    return positive_int("AUDITOR_MAX_PAGES", DEFAULT_MAX_PAGES, "pages")


def caching_enabled() -> bool:
    return not flag("AUDITOR_NO_CACHE")


def cache_dir() -> Path:
    """$AUDITOR_CACHE_DIR, else $XDG_CACHE_HOME/auditor, else ~/.cache/auditor: never the checkout."""
    if _raw("AUDITOR_CACHE_DIR"):
        return Path(os.environ["AUDITOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "auditor"


def today() -> dt.date:
    """AUDITOR_TODAY (YYYY-MM-DD: reproducible waiver expiry in tests and CI), else the real date."""
    value = _raw("AUDITOR_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AuditorError(f"AUDITOR_TODAY must be a date YYYY-MM-DD, got '{value}'") from None


def in_ci() -> bool:
    """``CI`` is set by CI services, not by auditor, to "true", "1" or their own name: any value but a false word counts."""
    return _raw("CI").lower() not in FALSE


def dumb_terminal() -> bool:
    return os.environ.get("TERM") == "dumb"
