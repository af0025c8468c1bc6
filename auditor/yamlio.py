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
import stat
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError

try:  # libyaml when the wheel has it; pure Python otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

try:
    import yaml_rs
except ImportError:  # pragma: no cover - PyYAML alone is correct, only slower
    yaml_rs = None

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 100  # no manifest, policy pack or waiver file nests anywhere near this
MAX_ALIAS_NODES = 1_000_000  # nodes that aliases may add by repeating anchored ones
_SAFE_STATIC_DEPTH = 1_000  # both C parsers crash somewhere above ~5,000 levels
_FAST_FLOW_DEPTH = 256  # yaml_rs refuses flow nesting deeper than this by itself

PathPart = str | int


def max_bytes_limit(max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The size limit in force: an explicit ``max_bytes`` wins, else AUDITOR_MAX_BYTES, else 64 MiB."""
    if max_bytes != DEFAULT_MAX_BYTES:
        return max_bytes
    raw = os.environ.get("AUDITOR_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise AuditorError(f"AUDITOR_MAX_BYTES must be a whole number of bytes, got {raw!r}") from None
    if value <= 0:
        raise AuditorError(f"AUDITOR_MAX_BYTES must be positive, got {raw!r}")
    return value


def read_text(path: Path, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a user-supplied text file, turning every OS or encoding problem into one clear error."""
    limit = max_bytes_limit(max_bytes)
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise AuditorError(f"expected a {what}, found a directory", file=path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero never ends
            raise AuditorError(f"expected a {what}, found a special file (device, pipe or socket)", file=path)
        if info.st_size > limit:
            raise _too_big(what, f"{info.st_size} bytes", limit, path)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may grow between stat and read
    except AuditorError:
        raise
    except FileNotFoundError:
        raise AuditorError(f"{what} not found", file=path) from None
    except OSError as exc:
        raise AuditorError(f"cannot read {what}: {exc.strerror or exc}", file=path) from None
    if len(data) > limit:
        raise _too_big(what, f"more than {limit} bytes", limit, path)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise AuditorError(f"expected a UTF-8 text {what}, found UTF-16 (save it as UTF-8)", file=path)
    if b"\x00" in data:
        raise AuditorError(f"expected a UTF-8 text {what}, found binary data (NUL bytes)", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AuditorError(f"expected UTF-8 text, found an invalid byte at offset {exc.start}", file=path, line=line) from None


def _too_big(what: str, size: str, limit: int, path: Path) -> AuditorError:
    return AuditorError(f"{what} is {size}, larger than the limit of {limit} bytes (set AUDITOR_MAX_BYTES to raise it)", file=path)


def load(text: str, *, source: str | Path) -> Any:
    """Parse YAML or JSON text into plain Python data, with a one-line error naming the line."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, RecursionError):
            pass  # JSON-looking YAML (flow mappings): let the YAML parser decide
        else:
            if _trusted(data, source) is not None:
                return data
    block = _block_depth_bound(text)
    measured = block + _FAST_FLOW_DEPTH > _SAFE_STATIC_DEPTH
    if measured:
        _measure_depth(text, source)  # iterative: raises before a recursive parser can crash
    data = _fast(text, source)
    if data is _UNTRUSTED:
        if not measured and block + text.count("[") + text.count("{") > _SAFE_STATIC_DEPTH:
            _measure_depth(text, source)
        data = _load_pyyaml(text, source)
        _check_shared(data, source)
    _remember_safe(text)
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN / Infinity are JSON extensions; YAML reads them as strings


# --- the fast path ---------------------------------------------------------------------

_UNTRUSTED = object()
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DOC_MARKER = re.compile(r"^(?:---|\.\.\.|%)", re.M)
_ONLY_COMMENTS = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*\Z")
_RISKY_INT = re.compile(r"[\s\[{,][-+]?[0_][0-9_oOxX][0-9a-fA-F_oOxX]*[ \t]*(?:[,\]}:\r\n#]|$)")  # 0777, 0o17, _1
_ODD_ESCAPE = re.compile(r'\\(?:u[dD][89a-fA-F]|U|[^0abt\tnvfre "/\\N_LPxu\n])')  # surrogates, rare escapes
_INDICATOR_FIRST = frozenset("|>@`%")
_RISKY_FIRST = frozenset("yYnNtTfFoO-+0123456789.<~=_|>@`%")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _fast(text: str, source: str | Path) -> Any:
    """yaml_rs's result when PyYAML would build exactly the same data, else ``_UNTRUSTED``."""
    unsafe = yaml_rs is None or "\t" in text or _NON_PRINTABLE.search(text) or _has_tag(text) or _block_scalar_at_end(text)
    if unsafe or ("\\" in text and _ODD_ESCAPE.search(text)):
        return _UNTRUSTED
    markers = list(_DOC_MARKER.finditer(text))
    if markers and (len(markers) > 1 or markers[0].group() != "---" or not _ONLY_COMMENTS.match(text, 0, markers[0].start())):
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
    if has_int is None or (has_int and (_RISKY_INT.search(text) or _RISKY_INT.match("\n" + text[:64]))):
        return _UNTRUSTED
    return data


_BLOCK_HEADER = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _block_scalar_at_end(text: str) -> bool:
    """yaml_rs and PyYAML chomp a block scalar that ends the text differently."""
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return True
    return bool(_BLOCK_HEADER.search(text.rstrip().rpartition("\n")[2]))


_ANCHOR_NAME = re.compile(r"[A-Za-z0-9_-]+(?=[\s,\[\]{}]|$)")


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
    """
    safe: set[str] = set()
    has_int = False
    stack: list[tuple[Any, int]] = [([data], 0)]  # the root may be a scalar
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise AuditorError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", file=source)
        items: Any = node.items() if type(node) is dict else ((None, v) for v in node)
        for key, value in items:
            for scalar in (key, value):
                kind = type(scalar)
                if kind is str:
                    if scalar in safe:
                        continue
                    if not scalar or scalar[0] in _RISKY_FIRST:
                        if scalar[:1] in _INDICATOR_FIRST:
                            return None  # yaml_rs lets '[|]' or '@x' through as plain; libyaml refuses
                        if _RESOLVER.resolve(yaml.ScalarNode, scalar, (True, False)) != _STR_TAG:
                            return None
                    safe.add(scalar)
                elif kind is int:
                    has_int = True
                elif kind is dict or kind is list:
                    if scalar is value:
                        stack.append((scalar, depth + 1))
                    else:
                        return None
                elif (scalar is None and key is None and type(node) is dict) or (scalar is not None and kind is not bool):
                    return None  # a null key (yaml_rs reads a stray ': ' as one), a float, a tuple key...
    return has_int


def _alias_error(source: str | Path) -> AuditorError:
    return AuditorError(
        f"invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", file=source
    )


# --- the PyYAML path and the guards ----------------------------------------------------

_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)[ \t]+)*", re.M)
_INDICATOR = re.compile(r"---|[-?:&!]")


def _block_depth_bound(text: str) -> int:
    """An upper bound of block nesting: each nested block node starts at a new column, two per column at most."""
    columns: set[int] = set()
    for prefix in set(_BLOCK_PREFIX.findall(text)):
        columns.add(len(prefix))
        columns.update(m.start() for m in _INDICATOR.finditer(prefix))
    return 2 * len(columns) + 2


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
