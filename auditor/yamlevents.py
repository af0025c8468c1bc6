"""Build a YAML document's data and the line of each key and item in one pass over libyaml's events.

libyaml's composer first builds a tree of nodes for the whole document, and PyYAML then
walks that tree to construct the data: every node, with two marks, is alive at once (most
of the peak memory of a large manifest) and composing is most of the load time.  Events
arrive one at a time and are dropped once the data they carry is placed, so this builder
keeps only the data and its line tables; it is also iterative, so deep nesting cannot
crash it.

It covers what manifests are made of: mappings with scalar keys, sequences, the scalar
types of PyYAML's safe loader, anchors and aliases.  Anything else (a merge key, a tag
other than the standard ones, a complex key, a second document, a duplicate key or
anchor, any error, nesting deeper than ``max_depth``) raises ``Unsupported``, and the
caller loads the text with the node-building loader, whose semantics and error messages
are the reference.  The result is therefore the same data and lines as that loader's,
which ``tests/test_yamlio_properties.py`` checks on generated documents.
"""

from __future__ import annotations

from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# scalar tags built here; a merge key, !!value, !!binary or a local tag goes to the node-building loader
_SCALARS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})
_STARTS = (MappingStartEvent, SequenceStartEvent)
_ENDS = (MappingEndEvent, SequenceEndEvent)


class Unsupported(Exception):
    """The document needs the node-building loader (or is invalid, which that loader reports)."""


def build(loader: Any, max_depth: int) -> tuple[Any, int | None, dict[int, Any]]:
    """(data, line of the root node, line tables keyed by id() of each mapping and sequence) of ``loader``'s one document.

    ``loader`` is a PyYAML CSafeLoader (or SafeLoader) over the text: its resolver
    and scalar constructors are used, so tags and values are PyYAML's.
    """
    if loader.yaml_path_resolvers or None in loader.yaml_implicit_resolvers:
        raise Unsupported
    get = loader.get_event
    implicit_resolvers = loader.yaml_implicit_resolvers
    constructors = loader.yaml_constructors
    tables: dict[int, Any] = {}
    resolved: dict[str, str] = {}  # plain scalar text -> its tag ("name", "true", "2024-01-01" recur)
    anchors: dict[str, tuple[Any, int, bool]] = {}  # anchor -> (object, line of the anchored node, it is a scalar)
    get()  # StreamStartEvent
    event = get()
    if type(event) is StreamEndEvent:  # no document: PyYAML loads None
        return None, None, tables
    if type(event) is not DocumentStartEvent:
        raise Unsupported
    # each open collection: [container, line table, expecting a key (maps) or None (sequences), pending key, its text, its line]
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    root: Any = None
    root_line: int | None = None
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            value = event.value
            tag = event.tag
            if tag is None:
                if event.implicit[0] and value[:1] in implicit_resolvers:  # a plain scalar's tag depends on its text alone
                    tag = resolved.get(value)
                    if tag is None:
                        tag = resolved[value] = loader.resolve(ScalarNode, value, event.implicit)
                else:
                    tag = _STR
            elif tag == "!":
                tag = loader.resolve(ScalarNode, value, event.implicit)
            if tag == _STR:
                built: Any = value
            elif tag in _SCALARS:
                built = constructors[tag](loader, ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))
            else:
                raise Unsupported
            line = event.start_mark.line + 1
            scalar = True
        elif kind in _STARTS:
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if kind is MappingStartEvent else _SEQ):
                raise Unsupported
            if len(stack) >= max_depth:
                raise Unsupported
            line = event.start_mark.line + 1
            scalar = False
            if kind is MappingStartEvent:
                built, table = {}, {}
                frame = [built, table, True, None, None, 0]
            else:
                built, table = [], []
                frame = [built, table, None, None, None, 0]
            tables[id(built)] = table
        elif kind in _ENDS:
            stack.pop()
            top = stack[-1] if stack else None
            continue
        elif kind is AliasEvent:
            if event.anchor not in anchors or (top is not None and top[2] is True):  # an alias as a key: the node loader
                raise Unsupported
            built, line, scalar = anchors[event.anchor]
        elif kind is DocumentEndEvent:
            if type(get()) is not StreamEndEvent:  # a second document: the node loader refuses it
                raise Unsupported
            return root, root_line, tables
        else:
            raise Unsupported
        if kind is not AliasEvent and event.anchor is not None:
            if event.anchor in anchors:
                raise Unsupported
            anchors[event.anchor] = (built, line, scalar)
        if top is None:
            root, root_line = built, line
        elif top[2] is None:  # a sequence item
            top[0].append(built)
            top[1].append(line)
        elif top[2]:  # a key: a plain scalar, written once in this mapping
            if kind is not ScalarEvent or value in top[1]:
                raise Unsupported
            top[2], top[3], top[4], top[5] = False, built, value, line
        else:  # the value of the pending key
            top[1][top[4]] = (top[5], line, scalar)
            top[0][top[3]] = built
            top[2] = True
        if kind in _STARTS:
            stack.append(frame)
            top = frame
