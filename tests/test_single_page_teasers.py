"""Teaser boxes inside and after the article: dropped with their header, the article kept."""

from __future__ import annotations

import pytest
from test_single_page import PARAGRAPHS, english_page, kept

from cleaner.page_teasers import is_related_header
from cleaner.single_page import judge_page

HEADLINES = ["Bus drivers vote to strike over pay", "New bridge opens two years late",
             "Mayor faces questions over budget gap", "Why the tram never came back"]


def with_box(header: str, links: list[str], *, blank_after_header: bool = True) -> list[str]:
    """The English test page with a box after its second paragraph."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = [header, *([""] if blank_after_header else []), *links, ""]
    return lines


@pytest.mark.parametrize("header", ["Related Stories", "Most Popular", "Mehr zum Thema:",
                                    "Lesen Sie auch", "More in City News", "À lire aussi",
                                    "相关新闻"])
def test_header_vocabulary(header):
    assert is_related_header(header)


@pytest.mark.parametrize("text", ["Related to this, the council said no.", "Read more about it",
                                  "What happens next", "Popular with commuters"])
def test_headings_and_sentences_are_not_box_headers(text):
    assert not is_related_header(text)


@pytest.mark.parametrize("blank", [True, False])
def test_box_inside_the_article_is_dropped_and_the_article_kept(blank):
    lines = with_box("Related Stories", HEADLINES, blank_after_header=blank)
    judgement = judge_page(lines)
    kept_lines = kept(lines, judgement)
    assert not {"Related Stories", *HEADLINES} & set(kept_lines)
    assert set(PARAGRAPHS) <= set(kept_lines)
    assert judgement.verdicts[lines.index(HEADLINES[0])].reason == "teaser_box"


def test_prose_under_a_box_header_is_the_article_and_stays():
    """A subheading that happens to read like a header, over the article's own sentences."""
    advice = ["Check the timetable before you travel, because routes change in the spring.",
              "Buy a monthly pass if you ride more than twice a day, it is cheaper.",
              "Ask the driver for a transfer when you change to a night bus."]
    lines = with_box("Read more", advice, blank_after_header=False)
    kept_lines = kept(lines, judge_page(lines))
    assert set(advice) <= set(kept_lines)
    assert "Read more" not in kept_lines


def test_box_stops_at_a_line_too_long_for_a_title():
    long_note = ("More information: J. Doe et al., Bus networks and city growth, Journal of "
                 "Transport Studies 12 (2019), pages 1-20, with data from the city archive")
    lines = with_box("Explore further", [HEADLINES[0], long_note])
    kept_lines = kept(lines, judge_page(lines))
    assert long_note in kept_lines
    assert HEADLINES[0] not in kept_lines
