"""Read YAML (or JSON) fast, and find the line of any path only when it is needed.

Building Python objects is the costly part of YAML, so the fast path never keeps
line numbers: when a validation error or a report needs a line, the text is
composed once more into a node tree and the path looked up there.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError

try:  # libyaml when the wheel has it; pure Python otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

PathPart = str | int


def read_text(path: Path, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a user-supplied text file, turning every OS or encoding problem into one clear error."""
    try:
        if path.is_dir():
            raise AuditorError(f"expected a {what}, found a directory", file=path)
        size = path.stat().st_size
        if size > max_bytes:
            raise AuditorError(
                f"{what} is {size} bytes, larger than the limit of {max_bytes} bytes "
                "(set AUDITOR_MAX_BYTES to raise it)",
                file=path,
            )
        data = path.read_bytes()
    except AuditorError:
        raise
    except FileNotFoundError:
        raise AuditorError(f"{what} not found", file=path) from None
    except OSError as exc:
        raise AuditorError(f"cannot read {what}: {exc.strerror or exc}", file=path) from None
    if b"\x00" in data:
        raise AuditorError(f"expected a UTF-8 text {what}, found binary data (NUL bytes)", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuditorError(f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line) from None


def load(text: str, *, source: str | Path) -> Any:
    """Parse YAML or JSON text into plain Python data, with a one-line error naming the line."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass  # JSON-looking YAML (flow mappings): let the YAML parser decide
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise AuditorError(f"invalid YAML: {problem}", file=source, line=line) from None
    except yaml.YAMLError as exc:
        raise AuditorError(f"invalid YAML: {exc}", file=source) from None
    except RecursionError:
        raise AuditorError("invalid YAML: nesting too deep", file=source) from None


class LineIndex:
    """Maps a path such as ("data_sources", 3, "licence") to its 1-based line in the text."""

    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def _root(self) -> yaml.Node | None:
        return _compose(self._text)

    def line(self, path: tuple[PathPart, ...]) -> int | None:
        try:
            node = self._root
        except (yaml.YAMLError, RecursionError):
            return None
        best: int | None = node.start_mark.line + 1 if node is not None else None
        for part in path:
            if node is None:
                break
            node = _child(node, part)
            if node is not None:
                best = node.start_mark.line + 1
        return best

    def key_line(self, path: tuple[PathPart, ...]) -> int | None:
        """Line of the last key itself (for 'unknown key' errors, where the value may be anywhere)."""
        return self.line(path)


@lru_cache(maxsize=4)
def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


def _child(node: yaml.Node, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                # a scalar value sits on the key's line; a block value starts below it
                return value if not isinstance(value, yaml.ScalarNode) else _KeyAnchor(key, value)
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    return None


class _KeyAnchor(yaml.ScalarNode):
    """A scalar value reported at its key's line."""

    def __init__(self, key: yaml.Node, value: yaml.Node) -> None:
        super().__init__(value.tag, value.value, key.start_mark, value.end_mark)


def format_path(path: tuple[PathPart, ...]) -> str:
    """("data_sources", 2, "licence") -> "data_sources[2].licence"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
