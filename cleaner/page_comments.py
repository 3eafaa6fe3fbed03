"""The comment section below an article: headers, comment counts, comment-author lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.page_lines import LineFeatures, Reason, is_comment_form, is_prose
from cleaner.page_options import SinglePageOptions

_COMMENT_COUNT_RE = re.compile(
    r"\b[1-9]\d*\s+(comments?|kommentare?|commentaires?|comentarios?|responses|antworten)\b",
    re.IGNORECASE)
_DATELINE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
"""A date or a time in the line: "27.04.2020 - 18:50 Uhr 3 Kommentare" is the article's byline
with its comment counter, not the header of the comment section."""
_COMMENT_AUTHOR_RE = re.compile(
    r"\s(says|said|wrote|sagt|schreibt|meint|écrit|dice|escribió|napisał)\s?:$", re.IGNORECASE)


def find_comments_start(features: Sequence[LineFeatures | None], lines: Sequence[str],
                        start: int, end: int, options: SinglePageOptions) -> int:
    """First line of the comment section below the article's first prose, else len(lines).

    A comments header ("Leave a comment", "Kommentare"), a short line counting comments
    ("Permalink 34 Comments", "5 Kommentare") or the first of several comment-author lines
    ("joetoronto says:", "Peter sagt:") ends the article. A count above the article's prose is
    a byline counter, not the section, hence the prose required before it (counted from the
    headline when there is one: aeb-dev 5f9c has teasers above "by India Post 0 Comments");
    "0 Comments" announces no section at all. A bare header ends the article only below the
    dense region: inside it, it is more likely a heading ("Komentarz", an analysis section of
    a Polish think-tank page in traf-dev); a comment form or policy line ("blog comments powered
    by Disqus") ends it inside the region too: teaser leads below it can pull the region on."""
    prose_chars = 0.0
    authors: list[int] = []
    for i in range(start, len(lines)):
        feat = features[i]
        if feat is None:
            continue
        if prose_chars >= options.comments_min_prose_chars_before:
            text = lines[i].strip()
            if (feat.boilerplate_kind is Reason.COMMENTS
                    and (i >= end or is_comment_form(text))) or (
                    feat.size < options.short_line_max_chars
                    and _COMMENT_COUNT_RE.search(text) and not _DATELINE_RE.search(text)):
                return i
            if is_comment_author(text, feat, options):
                authors.append(i)
                if len(authors) >= options.comment_authors_min:
                    return authors[0]
        if is_prose(feat, options) or feat.size >= options.long_line_min_chars:
            prose_chars += feat.size
    return len(lines)


def is_comment_author(text: str, feat: LineFeatures, options: SinglePageOptions) -> bool:
    """A short comment-author line ("joetoronto says:"); `text` stripped."""
    return feat.size < options.short_line_max_chars and _COMMENT_AUTHOR_RE.search(text) is not None


def first_comment_author(lines: Sequence[str], features: Sequence[LineFeatures | None], lo: int,
                         hi: int, options: SinglePageOptions) -> int | None:
    """The first short comment-author line ("joetoronto says:") among lines ``lo``..``hi``."""
    return next((i for i in range(lo, hi) if (feat := features[i]) is not None
                 and is_comment_author(lines[i].strip(), feat, options)), None)
