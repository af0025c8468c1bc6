"""The fast text scans of yamlio / yamllines decide exactly what the regexes they replace decided.

Each scan replaced a regex that tried every offset of the text (slow on a 600,000-line
manifest) by bytes.translate, str.find or a regex that jumps from line break to line break.
The old regexes are kept here as the reference, and compared on generated YAML-ish text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from auditor import yamlio, yamllines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from gen_manifest import generate  # noqa: E402

# --- the reference implementations (the regexes as they were) ---------------------------

OLD_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
OLD_DOC_MARKER = re.compile(r"^(?:---|\.\.\.|%)", re.M)
OLD_RISKY_INT = re.compile(r"[\s\[{,][-+]?[0_][0-9_oOxX][0-9a-fA-F_oOxX]*[ \t]*(?:[,\]}:\r\n#]|$)")
OLD_UNSUPPORTED = re.compile(r"^(?:---|\.\.\.|%|\t)|[\x85\u2028\u2029]|\r(?!\n)", re.M)
OLD_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)[ \t]+)*", re.M)
OLD_INDICATOR = re.compile(r"---|[-?:&!]")


def old_block_depth_bound(text: str) -> int:
    columns: set[int] = set()
    for prefix in set(OLD_BLOCK_PREFIX.findall(text)):
        columns.add(len(prefix))
        columns.update(m.start() for m in OLD_INDICATOR.finditer(prefix))
    return 2 * len(columns) + 2


# --- generated text ------------------------------------------------------------------------

PIECES = [
    "a", "key", "ds-000", ": ", ":", "- ", "-", "--", "---", "...", "..", ".", "%", "%YAML 1.2", "? ", "?", "&a ", "&a-b ", "!t ",
    "!!str ", "*a", "# c", "#", "[", "]", "{", "}", ", ", ",", " ", "  ", "    ", "\t", "\n", "\r\n", "\r", "0", "00", "07", "0o7",
    "0x1F", "0X", "_", "_1", "+0", "-0", "-_", "1", "9", "e", "é", "中", "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\x0b",
    "\x0c", "\x1c", "\x00", "\x7f", "\x9f", "\ud800", "\udfff", "\ufffe", "\uffff", "\U0001f600", "'", '"', "|", ">",
]
chunks = st.one_of(st.sampled_from(PIECES), st.characters(codec=None, exclude_categories=()), st.integers(0, 40).map(" ".__mul__))
texts = st.lists(chunks, max_size=60).map("".join)
lines = st.lists(  # line-shaped text: indentation, indicators, anchors, tags
    st.tuples(st.integers(0, 12), st.lists(st.sampled_from(["- ", "? ", ": ", "--- ", "&a ", "!t ", "&x-y:z ", "  "]), max_size=3), st.sampled_from(PIECES)),
    max_size=30,
).map(lambda rows: "\n".join(" " * indent + "".join(marks) + rest for indent, marks, rest in rows))
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(texts, lines))
@example("a\ud83d\ude00b")  # a surrogate pair written as two code points stays two surrogates
@example("é\x85")
def test_non_printable_is_the_regex(text: str) -> None:
    assert yamlio._non_printable(text) == bool(OLD_NON_PRINTABLE.search(text))


@SETTINGS
@given(st.one_of(texts, lines))
@example("---\n...\n%x\n---")
@example("%")
def test_doc_markers_are_the_regex(text: str) -> None:
    assert yamlio._doc_markers(text) == [(m.start(), m.group()) for m in OLD_DOC_MARKER.finditer(text)][:2]


@SETTINGS
@given(st.one_of(texts, lines))
@example("k: 0777\n")
@example("[-0o17]")
@example("a:\u3000_1 # c")
@example("07")
@example("x?07")
def test_risky_int_is_the_regex(text: str) -> None:
    expected = bool(OLD_RISKY_INT.search(text) or OLD_RISKY_INT.match("\n" + text[:64]))
    assert yamlio._risky_int(text) == expected


@SETTINGS
@given(st.one_of(texts, lines))
@example("a:\n\t- b\n")
@example("a\rb")
def test_unsupported_is_the_regex(text: str) -> None:
    assert yamllines._unsupported(text) == bool(OLD_UNSUPPORTED.search(text))


deep_lines = st.lists(  # long prefixes too, so that both widths of the cheap bound are crossed
    st.tuples(st.sampled_from([0, 1, 2, 4, 30, 31, 32, 33, 370, 371, 372, 400]), st.sampled_from(["", "- ", "- - ", "&a ", "!t - ", "? ", "-- "]), st.sampled_from(PIECES)),
    max_size=12,
).map(lambda rows: "\n".join(" " * indent + marks + rest for indent, marks, rest in rows))


@SETTINGS
@given(st.one_of(texts, lines, deep_lines), st.integers(-2, 1_000))
@example("- " * 400 + "x\n", 744)
@example("&" + "-" * 500 + " x\n", 744)
def test_block_depth_decision_is_the_exact_bound(text: str, limit: int) -> None:
    exact = old_block_depth_bound(text)
    assert yamlio._block_depth_bound(text) == exact
    cheap = yamlio._cheap_depth_bound(text)
    assert cheap is None or cheap >= exact  # sound
    assert yamlio._block_depth_exceeds(text, limit) == (exact > limit)


def test_cheap_bound_keeps_ordinary_manifests_off_the_slow_path() -> None:
    text = generate(300)
    cheap = yamlio._cheap_depth_bound(text)
    assert cheap is not None and cheap + yamlio._FAST_FLOW_DEPTH <= yamlio._SAFE_STATIC_DEPTH


# --- line numbers ---------------------------------------------------------------------------


def composed_paths(text: str) -> list[tuple[yamlio.PathPart, ...]]:
    """Every path of the document, and a missing one below each collection."""
    out: list[tuple[yamlio.PathPart, ...]] = []
    stack = [(yamllines._compose(text), ())]
    while stack:
        node, path = stack.pop()
        out.append(path)
        if isinstance(node, yamllines.yaml.MappingNode):
            stack.extend((value, (*path, key.value)) for key, value in node.value)
            out.append((*path, "no-such-key"))
        elif isinstance(node, yamllines.yaml.SequenceNode):
            stack.extend((value, (*path, i)) for i, value in enumerate(node.value))
            out += [(*path, len(node.value)), (*path, -1)]
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.integers(0, 2**32), st.booleans())
def test_block_lines_answer_as_pyyaml_compose(count: int, seed: int, crlf: bool) -> None:
    text = generate(count, seed=seed)
    if crlf:
        text = text.replace("\n", "\r\n")
    fast = yamllines.LineIndex(text)
    slow = yamllines.LineIndex(text)
    slow._block = None  # force the composed answer
    assert yamllines._BlockLines.build(text) is not None  # these manifests are the block scanner's to answer
    for path in composed_paths(text):
        assert fast.line(path) == slow.line(path), path


ODD_ITEMS = """\
data_sources:
  - id: a
  - # a comment where the item starts
    id: b
  -
    id: c
  - &anchor {id: d}
  - id: e
teachers: []
"""


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.integers(0, 2**32), st.booleans(), st.booleans())
def test_item_line_is_line_of_the_item(count: int, seed: int, crlf: bool, odd: bool) -> None:
    """The engine's one-scan lookup of every entry answers as the general lookup does."""
    text = ODD_ITEMS if odd else generate(count, seed=seed)
    text = text.replace("\n", "\r\n") if crlf else text
    fast, general = yamllines.LineIndex(text), yamllines.LineIndex(text)
    for section in ("data_sources", "teachers", "copyrighted_material", "model"):
        for index in range(-1, count + 6):
            assert fast.item_line(section, index) == general.line((section, index)), (section, index)


def test_items_are_found_lazily_but_all_of_them() -> None:
    text = generate(60)
    index = yamllines.LineIndex(text)
    assert index.line(("data_sources", 0)) is not None
    assert index.line(("data_sources", 59, "id")) == text.splitlines().index("  - id: ds-000059") + 1
    assert index.line(("data_sources", 60)) == index.line(("data_sources",))  # missing: its parent's line
    assert index.line(("data_sources", 3, "licence")) == text.splitlines().index("  - id: ds-000003") + 4


@SETTINGS
@given(st.one_of(texts, lines, st.lists(st.sampled_from(["a", " ", "\n", "\u3000", " " * 70, "\n" * 100, "x" * 600]), max_size=20).map("".join)))
def test_last_line_is_rstrip_rpartition(text: str) -> None:
    assert yamlio._last_line(text) == text.rstrip().rpartition("\n")[2]
