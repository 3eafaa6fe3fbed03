"""The page's headline: where the <title> line is printed again, the article starts.

An html-text scrape begins with the page's <title> ("Headline | Site Name"); the site head
(menus, tickers, teasers) sits between it and the headline's repeat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.page_lines import LineFeatures, Reason, line_size
from cleaner.page_options import SinglePageOptions

_TITLE_SEPARATORS = re.compile(
    r"\s+[|\-\u2013\u2014:\u00b7\u2022\u00bb/]+\s+|\s*[|\uff5c_\u2014]\s*")
_NON_WORD = re.compile(r"\W+")


def _title_key(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def find_title_anchor(lines: Sequence[str], options: SinglePageOptions) -> tuple[int, int] | None:
    """(title line, headline line): where the page's first line, its <title> in an html-text
    scrape ("Headline | Site Name"), is printed again as the headline. The article starts
    there; what lies between the two is the site's head: menus, tickers, teasers.

    The headline may be cut ("Headline ..." in the <title>) or carry a suffix, so a line
    matches a title part when either is a prefix of the other and covers 60 % of it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    title = lines[first].strip()
    parts = {_title_key(part) for part in (title, *_TITLE_SEPARATORS.split(title))}
    parts = {part for part in parts if line_size(part, options) >= options.title_min_chars}
    if not parts:
        return None
    last = int(len(lines) * options.title_anchor_max_position)
    for i in range(first + 1, last):
        if not lines[i].strip():
            continue
        key = _title_key(lines[i])
        if line_size(key, options) < options.title_min_chars:
            continue
        for part in parts:
            shorter, longer = sorted((key, part), key=len)
            if longer.startswith(shorter) and len(shorter) >= 0.6 * len(longer):
                return first, i
    return None


def cut_above_title(verdicts: Sequence[tuple[bool, Reason]], anchor: tuple[int, int],
                    start: int, features: Sequence[LineFeatures | None],
                    in_list: Sequence[bool]) -> list[tuple[bool, Reason]]:
    """Drop the site head between the <title> line and the headline (or the region, when it
    starts higher); keep what lies between the headline and the region (standfirst, byline,
    captions) unless it is a list or widget line."""
    title, headline = anchor
    revised = list(verdicts)
    for i in range(title + 1, max(start, headline)):
        feat = features[i]
        if feat is None:
            continue
        if i < min(start, headline):
            revised[i] = (False, Reason.ABOVE_TITLE)
        elif not revised[i][0] and feat.boilerplate_kind is None and not in_list[i]:
            revised[i] = (True, Reason.REGION_HEADER)
    return revised

