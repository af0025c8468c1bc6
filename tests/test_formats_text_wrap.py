"""The text report's word wrap cuts lines exactly as the plain word-by-word wrap it replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from auditor.formats.text import WIDTH, _wrap


def word_by_word(text: str, indent: str = "  ") -> list[str]:
    """The reference: add words while the line fits, continuation lines indented two more."""
    lines: list[str] = []
    current = indent
    for word in text.split():
        if len(current) + len(word) + 1 > WIDTH and current.strip():
            lines.append(current)
            current = indent + "  " + word
        else:
            current += word if current == indent else " " + word
    lines.append(current)
    return lines


# short words make lines that fill the width exactly common; long ones overflow it
_words = st.lists(st.text(alphabet="ab-/.", min_size=1, max_size=8), max_size=80) | st.lists(
    st.text(alphabet="ab", min_size=1, max_size=120), max_size=10
)
_spaces = st.sampled_from([" ", "  ", "\n", "\t", " \n "])


@given(_words, _spaces, st.sampled_from(["  ", "    ", ""]))
def test_wrap_matches_the_word_by_word_reference(words, space, indent):
    text = space.join(words)
    assert _wrap(text, indent) == word_by_word(text, indent)


def test_lines_that_fill_the_width_exactly():
    for length in range(WIDTH - 6, WIDTH + 3):
        for text in ("a" * length + " b c", "x " + "a" * length, "why: " + "a" * (length - 7) + " b"):
            assert _wrap(text) == word_by_word(text), (length, text)


def test_a_word_longer_than_a_line_stands_alone():
    long = "x" * (WIDTH + 10)
    assert _wrap(f"why: {long} end") == ["  why:", f"    {long}", "    end"]
