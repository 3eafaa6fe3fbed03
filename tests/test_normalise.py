"""cleaner.normalise: line endings, trailing space, blank runs; never inside a line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.normalise import normalise_text, render_kept, render_lines, split_lines


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a\r\nb\rc\n", ["a", "b", "c", ""], id="crlf-cr-lf"),
        pytest.param("\ufeffa  \t\nb", ["a", "b"], id="bom-and-trailing-space"),
        pytest.param("a\u3000\n", ["a", ""], id="ideographic-space-trailing"),
        pytest.param("a\x0bb\n", ["a\x0bb", ""], id="control-char-inside-kept"),
        pytest.param("a\n\ufeff\n\u200b \u200d\nb\u200b\n", ["a", "", "", "b\u200b", ""],
                     id="zero-width-only-line-is-blank"),
    ],
)
def test_split_lines(raw: str, expected: list[str]) -> None:
    assert split_lines(raw) == expected


def test_render_lines_collapses_blanks_and_ends_with_one_newline() -> None:
    assert render_lines(["", "", "a", "", "", "b", "", ""]) == "a\n\nb\n"


def test_render_lines_of_nothing_is_empty() -> None:
    assert render_lines(["", "  "]) == ""


def test_normalise_text_is_stable() -> None:
    once = normalise_text("\ufeff\n\ntitle  \r\n\r\n\r\nbody\t\r\n")
    assert once == ["title", "", "body"]
    assert normalise_text("\n".join(once) + "\n") == once


def test_zero_width_line_does_not_split_or_join_paragraphs() -> None:
    """A line holding only a BOM or zero-width space is a blank line, not a one-line block."""
    assert normalise_text("title\n\n\ufeff\n\nbody\n") == ["title", "", "body"]


@given(st.lists(st.sampled_from(["a b", "", " ", "\u2003", "\u200b", "x\x0by", "  c", "\r", "d\t"]),
                max_size=12).map("\n".join),
       st.sets(st.integers(0, 12)))
def test_render_kept_is_render_lines_of_the_kept_normalised_lines(text: str,
                                                                  dropped: set[int]) -> None:
    lines = normalise_text(text)
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    assert render_kept(lines, dropped) == render_lines(kept)
    assert render_kept(lines, set()) == render_lines(lines)


@pytest.mark.parametrize(("text", "dropped", "rendered"), [
    ("a\n\nb\n\nc", {2}, "a\n\nc\n"),  # blanks on both sides of a dropped line: one
    ("a\n\nb", {0}, "b\n"),              # nothing above the first kept line
    ("a\nb\n\nc", {3}, "a\nb\n"),        # nor below the last
])
def test_render_kept_leaves_one_blank_between_kept_lines(text: str, dropped: set[int],
                                                         rendered: str) -> None:
    assert render_kept(normalise_text(text), dropped) == rendered
