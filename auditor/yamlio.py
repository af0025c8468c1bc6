"""Read YAML (or JSON) fast and safely, and find the line of any path only when it is needed.

Building Python objects is the costly part of YAML: PyYAML's libyaml loader needs
~0.8 s for a 10,000-source manifest, the Rust parser ``yaml_rs`` ~0.07 s.  The fast
parser speaks YAML 1.2 and PyYAML (the reference semantics here) YAML 1.1, so a fast
result is kept only when nothing in it could mean something else to PyYAML (``yes``,
``0777``, ``1e3``, dates, tags, merge keys, several documents...); otherwise the text
goes through PyYAML.  ``_trusted`` holds the exact rules.

Hostile input: both C parsers recurse and crash the process on very deep nesting, so a
cheap upper bound of the depth is computed first and, when it is high, the real depth is
measured on libyaml's iterative event stream before any recursive parser runs.  Alias
expansion ("billion laughs") is bounded on both paths, cycles are refused.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.safeio import DEFAULT_MAX_BYTES, check_json_depth, read_input

try:  # libyaml when the wheel has it; pure Python otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

try:
    import yaml_rs
except ImportError:  # pragma: no cover - PyYAML alone is correct, only slower
    yaml_rs = None

MAX_DEPTH = 100  # no manifest, policy pack or waiver file nests anywhere near this
MAX_JSON_DEPTH = 200  # a CycloneDX BOM nests components; JSON validators recurse per level
MAX_ALIAS_NODES = 1_000_000  # nodes that aliases may add by repeating anchored ones
_SAFE_STATIC_DEPTH = 1_000  # both C parsers crash somewhere above ~5,000 levels
_FAST_FLOW_DEPTH = 256  # yaml_rs refuses flow nesting deeper than this by itself

PathPart = str | int


def read_text(path: Path, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a user-supplied text file (through safeio), turning every encoding problem into one clear error."""
    path = Path(path)
    data = read_input(path, what=what, max_bytes=max_bytes)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise AuditorError(f"expected a UTF-8 text {what}, found UTF-16 (save it as UTF-8)", file=path)
    if b"\x00" in data:
        raise AuditorError(f"expected a UTF-8 text {what}, found binary data (NUL bytes)", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuditorError(f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line) from None


def load(text: str, *, source: str | Path) -> Any:
    """Parse YAML or JSON text into plain Python data, with a one-line error naming the line."""
    if text.lstrip().startswith("{"):
        check_json_depth(text, MAX_JSON_DEPTH, source)
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            pass  # JSON-looking YAML (flow mappings): let the YAML parser decide
        else:
            if _trusted(data, source) is not None:
                return data
    measured = _block_depth_exceeds(text, _SAFE_STATIC_DEPTH - _FAST_FLOW_DEPTH)
    if measured:
        _measure_depth(text, source)  # iterative: raises before a recursive parser can crash
    data = _fast(text, source)
    if data is _UNTRUSTED:
        if not measured and _block_depth_exceeds(text, _SAFE_STATIC_DEPTH - text.count("[") - text.count("{")):
            _measure_depth(text, source)
        data = _load_pyyaml(text, source)
        _check_shared(data, source)
    _remember_safe(text)
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN / Infinity are JSON extensions; YAML reads them as strings


# --- the fast path ---------------------------------------------------------------------

_UNTRUSTED = object()
# what YAML forbids, written as the complement of its printable set: a small class compiles in
# microseconds, the negated one over all of Unicode in ten milliseconds (every run pays for import)
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_DOC_MARKER = re.compile(r"---|\.\.\.|%")
_DOC_MARKER_LINE = re.compile(r"\n(---|\.\.\.|%)")  # a literal first: re jumps from line break to line break
_ONLY_COMMENTS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*\Z")
_RISKY_INT = re.compile(r"[\s\[{,][-+]?[0_][0-9_oOxX][0-9a-fA-F_oOxX]*[ \t]*(?:[,\]}:\r\n#]|$)")  # 0777, 0o17, _1
_ODD_ESCAPE = re.compile(r'\\(?:u[dD][89a-fA-F]|U|[^0abt\tnvfre "/\\N_LPxu\n])')  # surrogates, rare escapes
_INDICATOR_FIRST = frozenset("|>@`%")
_RISKY_FIRST = frozenset("yYnNtTfFoO-+0123456789.<~=_|>@`%")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _fast(text: str, source: str | Path) -> Any:
    """yaml_rs's result when PyYAML would build exactly the same data, else ``_UNTRUSTED``."""
    unsafe = yaml_rs is None or "\t" in text or _non_printable(text) or _has_tag(text) or _block_scalar_at_end(text)
    if unsafe or ("\\" in text and _ODD_ESCAPE.search(text)):
        return _UNTRUSTED
    markers = _doc_markers(text)
    if markers and (len(markers) > 1 or markers[0][1] != "---" or not _ONLY_COMMENTS.match(text, 0, markers[0][0])):
        return _UNTRUSTED
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,  # dates come back as strings, which sends them to PyYAML
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=MAX_ALIAS_NODES),
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins,
        )
    except Exception as exc:  # noqa: BLE001 - any refusal goes to PyYAML, which words the error
        if "alias" in str(exc) and "limit" in str(exc):
            raise _alias_error(source) from None
        return _UNTRUSTED
    has_int = _trusted(data, source)
    if has_int is None or (has_int and _risky_int(text)):
        return _UNTRUSTED
    return data


def _non_printable(text: str) -> bool:
    """Whether YAML forbids a character of the text (controls, DEL, surrogates, U+FFFE...).

    Deleting printable ASCII with bytes.translate runs at GB/s, ~6x the regex; the regex
    then judges only what is left (non-ASCII characters and controls).
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    return bool(rest) and (text.isascii() or _NON_PRINTABLE.search(rest.decode("utf-8", "surrogatepass")) is not None)


def _doc_markers(text: str) -> list[tuple[int, str]]:
    """Offset and text of the first two document markers or directives at a line start."""
    found = [(0, start.group())] if (start := _DOC_MARKER.match(text)) else []
    for match in _DOC_MARKER_LINE.finditer(text):
        if len(found) == 2:
            break
        found.append((match.start() + 1, match.group(1)))
    return found


# _RISKY_INT can match only at a "p" before "z" or "gz" in these letters; non-ASCII (a Unicode space?) is encoded as "?"
_INT_CLASSES = bytes(
    ord("p") if re.fullmatch(r"[\s\[{,?]", chr(b)) else ord("g") if chr(b) in "+-" else ord("z") if chr(b) in "0_" else ord("x")
    for b in range(256)
)
_INT_START = re.compile(rb"z(?:(?<=pz)|(?<=pgz))")  # a literal first: re skips to each "z"


def _risky_int(text: str) -> bool:
    """Whether _RISKY_INT matches the text or its start; the regex tries only where a translated copy shows a match may begin."""
    # one byte per character, so offsets agree; deleting a byte that cannot occur takes translate's faster loop
    classes = text.encode("ascii", "replace").translate(_INT_CLASSES, b"\x80")
    for found in _INT_START.finditer(classes):
        at = found.start()
        if _RISKY_INT.match(text, at - 1) or (at > 1 and _RISKY_INT.match(text, at - 2)):
            return True
    return _RISKY_INT.match("\n" + text[:64]) is not None


_BLOCK_HEADER = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _block_scalar_at_end(text: str) -> bool:
    """yaml_rs and PyYAML chomp a block scalar that ends the text differently."""
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return True
    return bool(_BLOCK_HEADER.search(_last_line(text)))


def _last_line(text: str) -> str:
    """``text.rstrip().rpartition("\n")[2]`` without copying the whole text twice."""
    size = 64
    while not (tail := text[-size:].rstrip()) and size < len(text):
        size *= 8
    end = max(len(text) - size, 0) + len(tail)
    return text[text.rfind("\n", 0, end) + 1 : end]


# an anchor name as libyaml reads it; what may follow it is narrower than the name's end in
# yaml_rs ("&x[x]" is an error in libyaml), and anything else is left to PyYAML to judge
_ANCHOR_NAME = re.compile(r"[A-Za-z0-9_-]+(?=[\s,\]}]|$)")


def _has_tag(text: str) -> bool:
    """Tags, odd anchor names and aliases of anchors: PyYAML must judge those.

    libyaml names anchors with [A-Za-z0-9_-] only, and builds a recursive alias as a
    cycle (refused here) where yaml_rs reads null; aliases therefore go to PyYAML,
    which also shares what they repeat instead of copying it.
    """
    seen = {"&": False, "*": False}
    for mark in "!&*":
        at = text.find(mark)
        while at != -1:
            if at == 0 or text[at - 1] in " \t\r\n[{,":
                if mark == "!":
                    return True
                follow = text[at + 1 : at + 2]
                if follow and not follow.isspace():  # "Q & A" is text; "& x" fails in both parsers
                    if not _ANCHOR_NAME.match(text, at + 1):
                        return True
                    seen[mark] = True
            at = text.find(mark, at + 1)
    return seen["&"] and seen["*"]


def _trusted(data: Any, source: str | Path) -> bool | None:
    """Walk parsed data: None when PyYAML could read it differently, else whether it holds ints.

    A string that PyYAML would resolve to another type (``yes``, ``1:20``, ``<<``, a date)
    may have been a plain scalar: only PyYAML can tell.  Floats differ in many corners
    (``1e3``, ``+.5``), so any float sends the text to PyYAML too.

    Hot: every scalar of a large manifest passes here.  Keys repeat, so a mapping whose keys
    were all judged before costs one C-level set test; a string whose first character
    cannot start anything but a string is safe without the resolver.
    """
    safe: set[str] = set()  # keys and risky-looking strings judged safe
    has_int = False
    stack: list[tuple[Any, int]] = [([data], 0)]  # the root may be a scalar
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source)
        if type(node) is dict:
            if not safe.issuperset(node):
                for key in node:
                    kind = type(key)
                    if kind is str:
                        if key not in safe:
                            if key[:1] in _RISKY_START and not _plain_string(key):
                                return None
                            safe.add(key)
                    elif kind is int:
                        has_int = True
                    elif kind is not bool:
                        return None  # a null key (yaml_rs reads a stray ': ' as one), a float, a tuple...
            values: Any = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is str:
                if value[:1] in _RISKY_START and value not in safe:
                    if not _plain_string(value):
                        return None
                    safe.add(value)
            elif kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif kind is int:
                has_int = True
            elif value is not None and kind is not bool:
                return None  # a float...
    return has_int


_RISKY_START = _RISKY_FIRST | {""}


def _plain_string(text: str) -> bool:
    """Whether PyYAML reads this text, written plain, as the same string (yaml_rs lets '[|]' or '@x' through; libyaml refuses)."""
    return text[:1] not in _INDICATOR_FIRST and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _alias_error(source: str | Path) -> AuditorError:
    return AuditorError(
        f"invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", file=source
    )


# --- the PyYAML path and the guards ----------------------------------------------------

_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)[ \t]+)*", re.M)
_INDICATOR = re.compile(r"---|[-?:&!]")


_PREFIX_CHARS = re.compile(r"[ \t?:-]*")  # a prefix holds only these, but for anchors and tags
_PREFIX_RUNS = bytes(b"s"[0] if b in b" \t?:-" else b for b in range(256))
_NOT_PREFIX = bytes(b for b in range(256) if b not in b" \t?:-\n")
_SHORT_PREFIX, _LONG_PREFIX = 32, (_SAFE_STATIC_DEPTH - _FAST_FLOW_DEPTH - 2) // 2


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


def _measure_depth(text: str, source: str | Path) -> None:
    """Walk libyaml's events (no recursion) and refuse nesting deeper than MAX_DEPTH."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source, line=line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None


def _load_pyyaml(text: str, source: str | Path) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source) from None
    except RecursionError:
        raise AuditorError("invalid YAML: nesting too deep", file=source) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot build, such as 2025-13-01
        raise _scalar_error(text, source, exc) from None


def _scalar_error(text: str, source: str | Path, exc: Exception) -> AuditorError:
    """Find the scalar whose construction failed, for its line and field."""
    builder = yaml.constructor.SafeConstructor()
    stack: list[tuple[Any, tuple[PathPart, ...]]] = [(yaml.compose(text, Loader=_Loader), ())]
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


# --- line numbers (auditor/yamllines.py) --------------------------------------------------

_SAFE_TEXTS: list[str] = []  # texts that load() parsed: their depth is known to be safe to compose


def _remember_safe(text: str) -> None:
    _SAFE_TEXTS.append(text)
    del _SAFE_TEXTS[:-4]



# re-exported: callers use yamlio.LineIndex / yamlio.format_path
from auditor.yamllines import LineIndex, format_path, parse_path  # noqa: E402,F401
