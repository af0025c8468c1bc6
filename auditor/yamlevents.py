"""auditor's one YAML parser: data, and the line of each key and item, built in one pass over libyaml's events.

libyaml's composer would first build a tree of nodes for the whole document, and PyYAML
then walk it to construct the data: every node, with two marks, alive at once (most of
the peak memory of a large manifest), composing most of the load time, and recursion
that crashes the process on deep nesting.  Events arrive one at a time and are dropped
once the data they carry is placed, so this pass keeps only the data and its line
tables, and it is iterative.

Semantics are PyYAML's safe loader's (YAML 1.1), because its resolver and constructors
are used: the same tags and values, anchors and aliases (shared objects), merge keys
(``<<``: a mapping or a list of mappings, earlier ones winning over later ones, keys
written in the mapping itself winning over all), ``!!set``, ``!!omap``, ``!!pairs`` and
``!!binary``.  Where PyYAML would keep the last of two equal keys, accept a second
document, or recurse without end, this pass refuses with a one-line error naming the
line: a key written twice in one mapping (both lines), a mapping or list as a key, a
second document, an anchor defined twice, an alias before its anchor, a merge of a
mapping into itself, nesting deeper than ``max_depth``, and a tag the safe loader has no
constructor for.  Scanner and parser errors keep libyaml's own words and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from auditor.errors import AuditorError
from auditor.yamlpath import PathPart, format_path

try:  # libyaml when the wheel has it; pure Python otherwise
    LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    LOADER = yaml.SafeLoader

_YAML = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _SET, _OMAP, _PAIRS = (_YAML + name for name in ("str", "map", "seq", "set", "omap", "pairs"))
_SCALARS = frozenset(_YAML + name for name in ("null", "bool", "int", "float", "timestamp", "binary"))
_KEY_ONLY = frozenset({_YAML + "merge", _YAML + "value"})  # YAML 1.1's "<<" and "=": keys, never values
_STARTS = (MappingStartEvent, SequenceStartEvent)
_ENDS = (MappingEndEvent, SequenceEndEvent)
_MERGE = object()  # the pending key of a mapping is a merge key


class _Everything:
    """Stands for the resolvers' first characters when a resolver applies to any first character."""

    def __contains__(self, item: object) -> bool:
        return True


def build(text: str, source: str | Path, max_depth: int) -> tuple[Any, int | None, dict[int, Any]]:
    """(data, line of the root node, line tables keyed by id() of each mapping and sequence) of ``text``'s one document.

    A mapping's table maps each key as written to (key line, value line, the value is a
    scalar); a sequence's lists each item's line.  An aliased value has its anchor's lines.
    """
    loader = LOADER(text)
    try:
        return _build(loader, source, max_depth)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise AuditorError(f"invalid YAML: {problem}", file=source, line=mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; libyaml counts bytes
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
        raise AuditorError(f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}", file=source, line=line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises the two kinds above
        raise AuditorError(f"invalid YAML: {exc}", file=source) from None
    finally:
        loader.dispose()


def _build(loader: Any, source: str | Path, max_depth: int) -> tuple[Any, int | None, dict[int, Any]]:
    get = loader.get_event
    implicit_resolvers = loader.yaml_implicit_resolvers
    firsts: Any = implicit_resolvers if None not in implicit_resolvers else _Everything()
    constructors = loader.yaml_constructors
    tables: dict[int, Any] = {}
    resolved: dict[str, str] = {}  # plain scalar text -> its tag ("name", "true", "2024-01-01" recur)
    anchors: dict[str, tuple[Any, int, str | None]] = {}  # anchor -> (object, line of the anchored node, its text if a scalar)
    get()  # StreamStartEvent
    if type(get()) is StreamEndEvent:  # no document: PyYAML loads None
        return None, None, tables
    # each open collection: [container, line table, expecting a key (maps) or None (sequences),
    #                        pending key, its text, its line, what to do at its end (None, or a _Finish)]
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    root: Any = None
    root_line: int | None = None
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            text = event.value
            tag = event.tag
            if tag is None:
                if event.implicit[0] and text[:1] in firsts:  # a plain scalar's tag depends on its text alone
                    tag = resolved.get(text)
                    if tag is None:
                        tag = resolved[text] = loader.resolve(ScalarNode, text, event.implicit)
                else:
                    tag = _STR
            elif tag == "!":
                tag = loader.resolve(ScalarNode, text, event.implicit)
            line = event.start_mark.line + 1
            if tag == _STR:
                built: Any = text
            elif tag in _SCALARS:
                try:
                    built = constructors[tag](loader, ScalarNode(tag, text, event.start_mark, event.end_mark, event.style))
                except Exception as exc:  # noqa: BLE001 - any scalar PyYAML cannot build (2025-13-01, !!bool maybe)
                    raise _value_error(text, exc, stack, source, line) from None
            elif tag in _KEY_ONLY and top is not None and top[2] is True:
                built = _MERGE if tag.endswith("merge") else text
            else:
                raise _tag_error(tag, "scalar", source, line)
            scalar = True
        elif kind in _STARTS:
            tag = event.tag
            line = event.start_mark.line + 1
            if len(stack) >= max_depth:
                raise AuditorError(f"invalid YAML: nested deeper than {max_depth} levels; expected a flatter document", file=source, line=line)
            text = None
            scalar = False
            if kind is MappingStartEvent:
                built, table = {}, {}
                frame = [built, table, True, None, None, 0, None]
                if tag is not None and tag != "!" and tag != _MAP:
                    frame[6] = _Finish(_converter(tag, "mapping", source, line))
            else:
                built, table = [], []
                frame = [built, table, None, None, None, 0, None]
                if tag is not None and tag != "!" and tag != _SEQ:
                    frame[6] = _Finish(_converter(tag, "sequence", source, line))
            tables[id(built)] = table
        elif kind in _ENDS:
            frame = stack.pop()
            top = stack[-1] if stack else None
            if frame[6] is not None:
                done = frame[6].finish(frame, top, stack, tables, anchors, source)
                if top is None:
                    root = done
            continue
        elif kind is AliasEvent:
            found = anchors.get(event.anchor)
            if found is None:
                raise AuditorError(
                    f"invalid YAML: alias *{event.anchor} refers to no anchor (expected &{event.anchor} on a value before it)",
                    file=source, line=event.start_mark.line + 1,
                )
            built, line, text = found
            if built is _MERGE and (top is None or top[2] is not True):  # an anchored << used as a value
                raise _tag_error(_YAML + "merge", "scalar", source, event.start_mark.line + 1)
            scalar = text is not None
        elif kind is DocumentEndEvent:
            event = get()
            if type(event) is not StreamEndEvent:
                raise AuditorError(
                    "invalid YAML: expected one document, found a second one (a '---' line starts another)",
                    file=source, line=event.start_mark.line + 1,
                )
            return root, root_line, tables
        else:  # pragma: no cover - libyaml's grammar allows no other event here
            raise AuditorError(f"invalid YAML: unexpected {kind.__name__}", file=source, line=event.start_mark.line + 1)
        if kind is not AliasEvent and event.anchor is not None:
            _anchor(event.anchor, built, line, text, anchors, frame if not scalar else None, source)
        if top is None:
            root, root_line = built, line
        elif top[2] is None:  # a sequence item
            top[0].append(built)
            top[1].append(line)
        elif top[2]:  # a key: a scalar, written once in this mapping
            if built is _MERGE:
                top[2], top[3], top[4], top[5] = False, _MERGE, text, line
            elif text is None:
                raise AuditorError(
                    f"invalid YAML: expected a plain value as a key, found a {'mapping' if type(built) is dict else 'list'} "
                    "(complex keys are not supported)",
                    file=source, line=line,
                )
            elif text in top[1] or built in top[0]:
                raise _duplicate_error(top, text, built, line, source)
            else:
                top[2], top[3], top[4], top[5] = False, built, text, line
        else:  # the value of the pending key
            if top[3] is _MERGE:
                _Finish.of(top).merges.append((built, top[5], text))  # the line of its << key
            else:
                top[1][top[4]] = (top[5], line, scalar)
                top[0][top[3]] = built
            top[2] = True
        if kind in _STARTS:
            stack.append(frame)
            top = frame


class _Finish:
    """What a collection still needs at its end: merging (``<<``) into a mapping, or a tag's conversion (!!set, !!omap)."""

    def __init__(self, convert: Any = None) -> None:
        self.convert = convert
        self.merges: list[tuple[Any, int, str | None]] = []  # each << value: (object, line of its key, its text if a scalar)
        self.anchor: str | None = None

    @staticmethod
    def of(frame: list[Any]) -> _Finish:
        if frame[6] is None:
            frame[6] = _Finish()
        return frame[6]

    def finish(self, frame: list[Any], parent: list[Any] | None, stack: list[list[Any]], tables: dict[int, Any],
               anchors: dict[str, tuple[Any, int, str | None]], source: str | Path) -> Any:
        built, table = frame[0], frame[1]
        if self.merges:
            _merge(built, table, self.merges, stack, tables, source)
        if self.convert is None:
            return built
        done = self.convert(built, source, frame)
        del tables[id(built)]  # built is dropped: its id may be reused
        if isinstance(done, list):
            tables[id(done)] = table
        if self.anchor is not None:
            anchored = anchors[self.anchor]
            anchors[self.anchor] = (done, anchored[1], None)
        if parent is not None:  # put the converted object where the collection was placed
            if parent[2] is None:
                parent[0][-1] = done
            elif parent[3] is _MERGE:
                _, line, text = parent[6].merges[-1]
                parent[6].merges[-1] = (done, line, text)
            else:
                parent[0][parent[3]] = done
        return done


def _merge(built: dict, table: dict, merges: list[tuple[Any, int, str | None]], stack: list[list[Any]],
           tables: dict[int, Any], source: str | Path) -> None:
    """Apply a mapping's merge keys: of the mappings merged, in the order written, the first to hold a key gives it.

    That is YAML's merge key type ("keys in mapping nodes earlier in the sequence override
    keys specified in later mapping nodes"), read across several ``<<`` keys too, and what
    PyYAML 6.0.4's ``flatten_mapping`` means to do; keys the mapping writes itself win over
    all, and merged keys come first in the key order, as there.
    """
    sources: list[dict] = []
    for value, line, text in merges:
        if type(value) is dict:
            found = [value]
        elif type(value) is list and all(type(item) is dict for item in value):
            found = value
        else:
            what = f"'{text}'" if text is not None else "a list holding other values" if type(value) is list else f"a {type(value).__name__}"
            raise AuditorError(f"invalid YAML: expected a mapping or a list of mappings to merge (<<), found {what}", file=source, line=line)
        for mapping in found:
            if mapping is built or any(mapping is frame[0] for frame in stack):
                raise AuditorError("invalid YAML: a merge (<<) refers to a mapping that contains it (a cycle)", file=source, line=line)
        sources.extend(found)
    own = dict(built)
    built.clear()
    for mapping in sources:
        lines = tables.get(id(mapping), {})
        for key, value in mapping.items():
            if key not in built:
                built[key] = value
        for written, entry in lines.items():  # a merged key's lines are where the mapping it came from writes it
            table.setdefault(written, entry)
    built.update(own)


def _converter(tag: str, what: str, source: str | Path, line: int) -> Any:
    if what == "mapping" and tag == _SET:
        return lambda built, source, frame: set(built)
    if what == "sequence" and tag in (_OMAP, _PAIRS):
        return _pairs
    raise _tag_error(tag, what, source, line)


def _pairs(built: list, source: str | Path, frame: list[Any]) -> list[tuple[Any, Any]]:
    """!!omap and !!pairs: a list of one-key mappings read as (key, value) pairs."""
    for item, line in zip(built, frame[1]):
        if type(item) is not dict or len(item) != 1:
            raise AuditorError("invalid YAML: expected a mapping of one key for each item of an !!omap or !!pairs", file=source, line=line)
    return [next(iter(item.items())) for item in built]


def _anchor(name: str, built: Any, line: int, text: str | None, anchors: dict[str, tuple[Any, int, str | None]],
            frame: list[Any] | None, source: str | Path) -> None:
    if name in anchors:
        raise AuditorError(
            f"invalid YAML: anchor &{name} is defined twice, at lines {anchors[name][1]} and {line} (expected each anchor once)",
            file=source, line=line,
        )
    anchors[name] = (built, line, text)
    if frame is not None and frame[6] is not None:
        frame[6].anchor = name


def _duplicate_error(top: list[Any], text: str, built: Any, line: int, source: str | Path) -> AuditorError:
    table = top[1]
    if text in table:
        first = table[text][0]
    else:  # another spelling of the same key (yes / true, 1 / 01): keys and table rows were added in step
        first = list(table.values())[list(top[0]).index(built)][0]
    return AuditorError(
        f"invalid YAML: key '{text}' appears twice in one mapping, at lines {first} and {line} "
        "(remove one: the second would silently replace the first)",
        file=source, line=line,
    )


def _value_error(text: str, exc: Exception, stack: list[list[Any]], source: str | Path, line: int) -> AuditorError:
    path: list[PathPart] = []
    for depth, frame in enumerate(stack):
        last = depth == len(stack) - 1
        if frame[2] is None:
            path.append(len(frame[0]) - (0 if last else 1))
        elif not (last and frame[2] is True):  # a value's key (a key that fails has only its mapping's path)
            path.append(frame[4])
    return AuditorError(f"invalid value {text!r}: {exc}", file=source, line=line, field=format_path(tuple(path)) or None)


def _tag_error(tag: str, what: str, source: str | Path, line: int) -> AuditorError:
    allowed = {"scalar": "!!str, !!int, !!float, !!bool, !!null, !!timestamp, !!binary", "mapping": "!!map, !!set", "sequence": "!!seq, !!omap, !!pairs"}[what]
    if tag in _KEY_ONLY:
        written, name = ("<<", "YAML's merge key") if tag.endswith("merge") else ("=", "YAML 1.1's value key")
        return AuditorError(f"invalid YAML: {written} ({name}) is valid only as a key; quote it ('{written}') for the text", file=source, line=line)
    shown = tag.replace(_YAML, "!!", 1) if tag.startswith(_YAML) else tag
    return AuditorError(f"invalid YAML: tag {shown} is not allowed on a {what} (expected no tag, or one of {allowed})", file=source, line=line)
