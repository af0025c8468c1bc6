"""pydantic's validation errors -> one AuditorError naming the file, the YAML line and the field.

Manifests, policy packs and waivers all report through here; each caller adds only
what it alone knows (which keys a mapping accepts, which location parts are union tags).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from pydantic import ValidationError

from auditor import yamlio
from auditor.errors import AuditorError

ExpectedKeys = Callable[[tuple[yamlio.PathPart, ...]], "list[str] | None"]


class PathError(ValueError):
    """A cross-field error raised inside a validator that knows which path it is about."""

    def __init__(self, path: tuple[yamlio.PathPart, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def user_error(
    exc: ValidationError,
    *,
    source: str | Path,
    lines: yamlio.LineIndex | None,
    expected_keys: ExpectedKeys | None = None,
    union_tags: Iterable[str] = (),
) -> AuditorError:
    """The first problem, worded for a person; how many more there are, in brackets."""
    errors = exc.errors(include_url=False)
    error = errors[0]
    tags = frozenset(union_tags)
    # pydantic names the union member it tried inside the location: keep the data path only
    loc = tuple(p for p in error["loc"] if isinstance(p, (str, int)) and p not in tags)
    kind = error["type"]
    ctx_error = (error.get("ctx") or {}).get("error")
    if isinstance(ctx_error, PathError):
        loc, message = ctx_error.path, ctx_error.message
    elif kind == "extra_forbidden" and loc:
        message = f"unknown key '{loc[-1]}'"
        keys = expected_keys(loc[:-1]) if expected_keys else None
        if keys:
            message += "; expected " + (keys[0] if len(keys) == 1 else "one of: " + ", ".join(keys))
    elif kind == "missing":
        message = "required field is missing"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
        if kind in {"literal_error", "enum"}:
            message = f"got {error.get('input')!r}; expected " + message.removeprefix("Input should be ")
    line = None
    if lines is not None:
        if kind == "missing":
            line = lines.line(loc[:-1])  # a missing key has no line of its own: its parent's
        elif kind == "extra_forbidden":
            line = lines.key_line(loc)  # the key itself, wherever its value starts
        else:
            line = lines.line(loc)
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return AuditorError(message, file=source, line=line, field=yamlio.format_path(loc) or None)
