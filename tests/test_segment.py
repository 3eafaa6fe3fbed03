"""cleaner.segment: blocks, line kinds from text alone, page roles."""

from __future__ import annotations

import pytest

from cleaner.model import Kind
from cleaner.segment import Role, assign_roles, classify_line, segment_document


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("icon-facebook icon-twitter icon-whatsapp", Kind.SHARE, id="share-icons"),
        pytest.param("Share this:", Kind.SHARE, id="share-this"),
        pytest.param("Advertisement", Kind.NOTICE, id="ad-label"),
        pytest.param("© 2024 Daily Planet. All rights reserved.", Kind.FOOTER, id="copyright"),
        pytest.param("浙ICP备13993647号-1 东海资讯网", Kind.FOOTER, id="icp"),
        pytest.param("首页 > 国际 > 正文", Kind.NAV, id="breadcrumb"),
        pytest.param("Source: NHK", Kind.METADATA, id="source"),
        pytest.param("Posted on 21 September 2020 by Nadia Moreno", Kind.METADATA, id="byline"),
        pytest.param("来源：新华社", Kind.METADATA, id="zh-source"),
        pytest.param("Author Introduction:", Kind.METADATA, id="label-only"),
        pytest.param("- Ford", Kind.LIST_ITEM, id="bullet"),
        pytest.param("Blinken set for China visit", Kind.HEADING, id="subheading"),
        pytest.param(
            "The talks were aimed at easing tensions after relations soured between the two.",
            Kind.PARAGRAPH,
            id="sentence",
        ),
        pytest.param("Share This Information, Please", Kind.HEADING, id="title-with-share-word"),
    ],
)
def test_classify_line(line: str, kind: Kind) -> None:
    assert classify_line(line, "", "") is kind


def test_doubled_line_is_a_teaser_headline() -> None:
    line = "Museum returns stolen paintings | Culture"
    assert classify_line(line, line, "") is Kind.TEASER_HEADLINE


def test_blocks_split_on_blank_lines() -> None:
    blocks = segment_document(["a", "b", "", "c"])
    assert [(b.start, b.lines) for b in blocks] == [(0, ("a", "b")), (3, ("c",))]


def test_roles_head_body_tail_and_teaser() -> None:
    lines = [
        "Menu Home News",
        "",
        "This is the first real paragraph of the article, long enough to be prose text.",
        "",
        "This is the last real paragraph of the article, also long enough to be prose.",
        "",
        "Teaser headline | Tag",
        "Teaser headline | Tag",
        "",
        "A truncated lead of another story that goes on for a while, telling what happened "
        "to whom and where, and then it simply stops in the middle of its sentence without",
        "",
        "Footer line",
    ]
    roles = assign_roles(segment_document(lines))
    assert roles[0] == Role.HEAD
    assert roles[2] == roles[4] == Role.BODY
    assert roles[6] == roles[7] == roles[9] == Role.TEASER
    assert roles[11] == Role.TAIL


def test_big_block_under_a_doubled_line_is_not_a_teaser() -> None:
    """A doubled headline over a long multi-line block is the article (a title printed twice
    over its body), not a teaser: only a small lead under a doubled headline is."""
    body = [f"Paragraph {n} of the article tells what happened and why it matters to readers."
            for n in range(6)]
    lines = ["Site name", "", "The headline of the story", "The headline of the story", "",
             *body]
    roles = assign_roles(segment_document(lines))
    assert all(roles[i] != Role.TEASER for i in range(5, 5 + len(body)))


def test_column_of_doubled_headlines_is_still_a_teaser() -> None:
    """Several doubled headlines stacked in one block (more lines than a lead may have) are a
    teaser column; only blocks longer than that are text."""
    column = ["First story | World", "First story | World", "Second story | Sport",
              "Second story | Sport"]
    lines = ["Site name", "", "This is the article paragraph, long enough to be prose text here.",
             "", *column]
    roles = assign_roles(segment_document(lines))
    assert all(roles[i] == Role.TEASER for i in range(4, 8))
