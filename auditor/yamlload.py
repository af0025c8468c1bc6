"""Parse YAML (or JSON, which is YAML) safely, recording each node's line while constructing.

One parser: PyYAML over libyaml (``CSafeLoader``), with PyYAML's YAML 1.1 semantics.
The loader's constructor notes, for every mapping and sequence it builds, the line of
each key and item (``Lines``), so a path such as ("data_sources", 3, "licence") finds
its line without a second parse.  A key written twice in one mapping is an error
naming both lines: last-wins would let a second ``teachers: []`` drop what the first
declared.

Hostile input: libyaml's composer recurses and crashes the process on very deep
nesting, so a cheap upper bound of the depth is computed first and, when it is high,
the real depth is measured on libyaml's iterative event stream before composing.
Alias expansion ("billion laughs") is bounded and cycles are refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from auditor import yamlevents
from auditor.errors import AuditorError
from auditor.safeio import check_json_depth

try:  # libyaml when the wheel has it; pure Python otherwise
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

MAX_DEPTH = 100  # no manifest, policy pack or waiver file nests anywhere near this
MAX_JSON_DEPTH = 200  # a CycloneDX BOM nests components; JSON validators recurse per level
MAX_ALIAS_NODES = 1_000_000  # nodes that aliases may add by repeating anchored ones
_SAFE_STATIC_DEPTH = 1_000  # libyaml's composer crashes somewhere above ~5,000 levels
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"

PathPart = str | int
KeyLines = dict[str, tuple[int, int, bool]]  # key as written -> (key line, value line, value is a scalar)


class Lines:
    """The line of every key and item of one loaded document, keyed by the id() of the containers built."""

    def __init__(self, root: Any = None, root_line: int | None = None, tables: dict[int, Any] | None = None) -> None:
        self.root = root  # kept alive, so the ids stay theirs
        self.root_line = root_line
        self.tables: dict[int, Any] = tables if tables is not None else {}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """CSafeLoader whose mappings and sequences record their lines as they are built."""

    def __init__(self, text: str, source: str | Path) -> None:
        super().__init__(text)
        self.source = source
        self.tables: dict[int, Any] = {}
        self.root_line: int | None = None

    def construct_document(self, node: yaml.Node) -> Any:
        self.root_line = node.start_mark.line + 1
        return super().construct_document(node)

    def construct_lined_map(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        yield data
        keys: KeyLines = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
                continue
            found = keys.get(key.value)
            if found is not None:
                raise AuditorError(
                    f"invalid YAML: key '{key.value}' appears twice in one mapping, at lines {found[0]} and "
                    f"{key.start_mark.line + 1} (remove one: the second would silently replace the first)",
                    file=self.source,
                    line=key.start_mark.line + 1,
                )
            keys[key.value] = (key.start_mark.line + 1, value.start_mark.line + 1, isinstance(value, yaml.ScalarNode))
        data.update(self.construct_mapping(node))
        for key, value in node.value:  # merged (<<) keys, flattened in by now, that the mapping does not set itself
            if isinstance(key, yaml.ScalarNode) and key.value not in keys:
                keys[key.value] = (key.start_mark.line + 1, value.start_mark.line + 1, isinstance(value, yaml.ScalarNode))
        self.tables[id(data)] = keys

    def construct_lined_seq(self, node: yaml.SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))
        self.tables[id(data)] = [item.start_mark.line + 1 for item in node.value]


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_lined_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_lined_seq)

_LOADED: list[tuple[str, Lines]] = []  # the last few texts load() read, with their lines


def load(text: str, *, source: str | Path) -> Any:
    """Parse YAML or JSON text into plain Python data, with a one-line error naming the line."""
    return load_with_lines(text, source=source)[0]


def load_with_lines(text: str, *, source: str | Path) -> tuple[Any, Lines]:
    """The data and the line of each of its keys and items, from one pass (a text read again is not parsed again)."""
    for seen, lines in _LOADED:
        if seen is text:
            return lines.root, lines
    loader = _Loader(text, source)
    try:  # one pass over libyaml's events; anything it does not cover is loaded below through nodes
        data, root_line, tables = yamlevents.build(loader, MAX_DEPTH)
    except Exception:  # noqa: BLE001 - every error is reported by the node loader, which is the reference
        data, root_line, tables = load_via_nodes(text, source)
    finally:
        loader.dispose()
    if "*" in text:  # an alias: shared objects may expand to far more than the text holds
        _check_shared(data, source)
    lines = Lines(data, root_line, tables)
    _LOADED.append((text, lines))
    del _LOADED[:-4]
    return data, lines


def load_via_nodes(text: str, source: str | Path) -> tuple[Any, int | None, dict[int, Any]]:
    """Compose the node tree and construct from it (the reference loader), after the depth checks that keep libyaml's recursive composer safe."""
    if text.lstrip()[:1] in ("{", "["):  # JSON: bracket depth counted linearly, before any parser recurses
        check_json_depth(text, MAX_JSON_DEPTH, source)
    if _block_depth_exceeds(text, _SAFE_STATIC_DEPTH - text.count("[") - text.count("{")):
        _measure_depth(text, source)  # iterative: raises before the recursive composer can crash
    loader = _Loader(text, source)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    except RecursionError:
        raise AuditorError("invalid YAML: nesting too deep", file=source) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot build, such as 2025-13-01
        raise _scalar_error(text, source, exc) from None
    finally:
        loader.dispose()
    return data, loader.root_line, loader.tables


def _measure_depth(text: str, source: str | Path) -> None:
    """Walk libyaml's events (no recursion) and refuse nesting deeper than MAX_DEPTH."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source, line=line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None



def _scalar_error(text: str, source: str | Path, exc: Exception) -> AuditorError:
    """Find the scalar whose construction failed, for its line and field."""
    builder = yaml.constructor.SafeConstructor()
    stack: list[tuple[Any, tuple[PathPart, ...]]] = [(yaml.compose(text, Loader=_Base), ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, (*path, str(key.value))) for key, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, (*path, index)) for index, value in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.ScalarNode) and node.tag != _STR_TAG:
            try:
                builder.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as problem:
                return AuditorError(
                    f"invalid value {node.value!r}: {problem}", file=source, line=node.start_mark.line + 1, field=format_path(path) or None
                )
    return AuditorError(f"invalid YAML: {exc}", file=source)



def _yaml_error(exc: yaml.YAMLError, source: str | Path) -> AuditorError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return AuditorError(f"invalid YAML: {problem}", file=source, line=mark.line + 1 if mark else None)
    return AuditorError(f"invalid YAML: {exc}", file=source)



def _check_shared(data: Any, source: str | Path) -> None:
    """PyYAML shares aliased objects: count what they expand to, refuse cycles and deep nesting.

    Memoised per object, so a billion-laughs document costs as many steps as it has anchors.
    """
    done: dict[int, tuple[int, int]] = {}  # id -> (expanded nodes, depth)
    active: set[int] = set()
    literal = 0
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if not isinstance(node, (dict, list)) or (key in done and not finished):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not finished:
            if key in active:
                raise AuditorError("invalid YAML: an alias refers to its own anchor (a cycle)", file=source)
            active.add(key)
            stack.append((node, True))
            for child in children:
                if isinstance(child, (dict, list)):
                    if id(child) in active:
                        raise AuditorError("invalid YAML: an alias refers to its own anchor (a cycle)", file=source)
                    stack.append((child, False))
            continue
        active.discard(key)
        literal += 1 + len(children)
        size, depth = 1 + len(children), 0
        for child in children:
            if isinstance(child, (dict, list)):
                child_size, child_depth = done[id(child)]
                size += child_size
                depth = max(depth, child_depth)
        if depth + 1 > MAX_DEPTH:
            raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source)
        if size > MAX_ALIAS_NODES + literal:
            raise _alias_error(source)
        done[key] = (size, depth + 1)



def _alias_error(source: str | Path) -> AuditorError:
    return AuditorError(
        f"invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", file=source
    )



def _block_depth_bound(text: str) -> int:
    """An upper bound of block nesting: each nested block node starts at a new column, two per column at most."""
    columns: set[int] = set()
    for prefix in set(_BLOCK_PREFIX.findall(text)):
        _add_columns(columns, prefix)
    return 2 * len(columns) + 2



def _add_columns(columns: set[int], prefix: str) -> None:
    columns.add(len(prefix))
    columns.update(m.start() for m in _INDICATOR.finditer(prefix))



def _block_depth_exceeds(text: str, limit: int) -> bool:
    """Whether _block_depth_bound(text) > limit; that bound (a regex on every line) is computed only if a cheap one is too high."""
    if limit < 4:  # the bound is never below 4
        return True
    cheap = _cheap_depth_bound(text)
    return (cheap is None or cheap > limit) and _block_depth_bound(text) > limit



def _cheap_depth_bound(text: str) -> int | None:
    """An upper bound of _block_depth_bound from one bytes.translate and a few finds; None if a line has a long run.

    A prefix without anchor or tag is no longer than its line's leading run of " \t?:-",
    so if no run reaches K its columns are below K.  Deleting every other byte but line
    breaks leaves runs at least that long: one bytes.find tells.  The few prefixes that
    hold an anchor or a tag are measured exactly.
    """
    runs = text.encode("utf-8", "surrogatepass").translate(_PREFIX_RUNS, _NOT_PREFIX)
    width = next((k for k in (_SHORT_PREFIX, _LONG_PREFIX) if not runs.startswith(b"s" * k) and b"\n" + b"s" * k not in runs), None)
    if width is None:
        return None
    prefixes: set[str] = set()
    for mark in "&!":
        at, seen, line_start, run_end = text.find(mark), 0, 0, -1
        while at != -1:
            newline = text.rfind("\n", seen, at)
            if newline != -1 or run_end < 0:
                line_start = newline + 1 if newline != -1 else line_start
                run_end = _PREFIX_CHARS.match(text, line_start).end()
            if run_end == at:  # only blanks and indicators before it: an anchor or tag may lengthen the prefix
                prefixes.add(_BLOCK_PREFIX.match(text, line_start).group())
            seen, at = at, text.find(mark, at + 1)
    columns: set[int] = set()
    for prefix in prefixes:
        _add_columns(columns, prefix)
    return 2 * (width + sum(1 for column in columns if column >= width)) + 2



_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)[ \t]+)*", re.M)



_INDICATOR = re.compile(r"---|[-?:&!]")



_PREFIX_CHARS = re.compile(r"[ \t?:-]*")  # a prefix holds only these, but for anchors and tags



_PREFIX_RUNS = bytes(b"s"[0] if b in b" \t?:-" else b for b in range(256))



_NOT_PREFIX = bytes(b for b in range(256) if b not in b" \t?:-\n")



_SHORT_PREFIX, _LONG_PREFIX = 32, (_SAFE_STATIC_DEPTH - 2) // 2


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
