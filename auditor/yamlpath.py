"""The notation of a place in a loaded document: ("data_sources", 2, "licence") <-> "data_sources[2].licence"."""

from __future__ import annotations

PathPart = str | int


def format_path(path: tuple[PathPart, ...]) -> str:
    """("data_sources", 2, "licence") -> "data_sources[2].licence"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def parse_path(text: str) -> tuple[PathPart, ...]:
    """"data_sources[2].licence" -> ("data_sources", 2, "licence"): the inverse of format_path."""
    parts: list[PathPart] = []
    for piece in text.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indexes if i.isdigit())
    return tuple(parts)
