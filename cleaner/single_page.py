"""Judge one page from its own text: find the article region, mark boilerplate outside it.

The cross-corpus cleaner needs recurrence; a site seen once has none. This module is the fallback,
in the spirit of jusText: each line is scored on its own (length, stopword share, sentence
punctuation), the article is taken as the densest run of content-like lines, and the context pass
then revises short lines: inside the article they are content (subheadings, captions, bylines),
outside it they are menus, link lists and footers. Everything here is a pure function of the lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.language import UNDETERMINED, detect_languages, stop_characters_for, stopwords_for
from cleaner.lexicon import LABEL, METADATA_LABEL
from cleaner.page_comments import find_comments_start, first_comment_author
from cleaner.page_lines import (
    COPYRIGHT_RE,
    LEGAL_NOTICE_RE,
    RIGHTS_NOTICE_RE,
    LineFeatures,
    Reason,
    count_short_lines,
    is_call_to_action,
    is_photo_credit,
    is_prose,
    is_sentence,
    measure_line,
    next_text_line,
    score_line,
)
from cleaner.page_options import DEFAULT_SINGLE_PAGE_OPTIONS, SinglePageOptions
from cleaner.page_teasers import find_teaser_boxes, is_related_header
from cleaner.page_title import cut_above_title, find_title_anchor

__all__ = [
    "DEFAULT_SINGLE_PAGE_OPTIONS",
    "LineFeatures",
    "LineVerdict",
    "PageJudgement",
    "Reason",
    "SinglePageOptions",
    "find_title_anchor",
    "judge_page",
]


@dataclass(frozen=True, slots=True)
class LineVerdict:
    keep: bool
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class PageJudgement:
    language: str
    #: The judge has verdicts to give: an article region was found (`region`), or,
    #: without one, only unmistakable widget lines are dropped.
    confident: bool
    region: tuple[int, int] | None
    verdicts: tuple[LineVerdict, ...]
    anchor: tuple[int, int] | None = None
    """(<title> line, headline line) when the page prints its <title> again as the headline."""


def find_article_region(weights: Sequence[float]) -> tuple[int, int, float]:
    """Maximum-sum run of line weights (Kadane): the article is one dense region."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for i, weight in enumerate(weights):
        if total <= 0:
            start, total = i, 0.0
        total += weight
        if total > best[2]:
            best = (start, i + 1, total)
    return best


#: Widget lines that sit where an article ends (footers, comment headers, share bars, links to
#: the next post): the region should not run through them.
_ARTICLE_ENDS = frozenset({Reason.SHARE_OR_COOKIE, Reason.FOOTER, Reason.COMMENTS,
                           Reason.POST_NAVIGATION})
#: Widget kinds dropped even on a page without a confident article region.
_UNMISTAKABLE = frozenset({Reason.SHARE_OR_COOKIE, Reason.NEWSLETTER, Reason.PROMOTION,
                           Reason.COMMENTS, Reason.MEDIA_CONTROL, Reason.IMAGE_CREDIT})
#: Widget kinds dropped on a page without a confident article region: links to other posts
#: ("Next article", "\u2190 Older title") name themselves as well as a share bar does.
_UNMISTAKABLE_WITHOUT_REGION = _UNMISTAKABLE | {Reason.POST_NAVIGATION, Reason.POST_LINK}
#: Widget lines inserted anywhere, inside the article too (share bars, newsletter boxes):
#: dropped, but the article's header and footer run past them.
_INSERTS = frozenset({Reason.SHARE_OR_COOKIE, Reason.NEWSLETTER, Reason.PROMOTION,
                      Reason.MEDIA_CONTROL, Reason.IMAGE_CREDIT})


def region_weight(features: LineFeatures | None, score: float,
                  options: SinglePageOptions) -> float:
    """Good lines pull the region towards them in proportion to their length; others push away
    by at most one unit each, so a long menu outweighs a paragraph but a short gap does not."""
    if features is None:
        return 0.0
    if features.boilerplate_kind in _ARTICLE_ENDS:
        return -options.region_boilerplate_line_weight
    size = min(features.size, options.region_mass_chars_cap)
    prose = options.prose_weight * size / options.region_chars_per_unit if is_prose(
        features, options) else 0.0
    if score >= 0.5 or prose:
        return max(prose, (score - 0.5) * 2 * size / options.region_chars_per_unit)
    return (score - 0.5) * 2 * options.region_bad_line_weight


def find_list_lines(lines: Sequence[str], features: Sequence[LineFeatures | None],
                    options: SinglePageOptions) -> list[bool]:
    """Mark lines in runs of short lines with no blank line between them (menus, link lists)."""
    in_list = [False] * len(lines)
    run: list[int] = []
    for i, feat in enumerate([*features, None]):
        if feat is not None and feat.size < options.short_line_max_chars:
            run.append(i)
            continue
        if len(run) >= options.list_run_min_lines:
            for j in run:
                in_list[j] = True
        run = []
    return in_list


def judge_page(lines: Sequence[str], *,
               options: SinglePageOptions = DEFAULT_SINGLE_PAGE_OPTIONS) -> PageJudgement:
    """Judge every line of one page; never drop anything without a confident article region.

    A page with fewer short lines than ``min_chrome_lines`` can never pass the chrome gate, so it
    is returned unjudged at once, without language detection: that is most documents of a
    cleaned or synthetic corpus, and it keeps the judge's cost near a line scan for them.
    """
    if count_short_lines(lines, options) < options.min_chrome_lines:
        return unjudged_page(lines, Reason.TOO_LITTLE_CHROME)
    languages = detect_languages(lines, min_letters=options.language_min_letters,
                                 min_probability=options.language_min_probability,
                                 min_share=options.language_min_share,
                                 sample_lines=options.language_sample_lines,
                                 sample_line_chars=options.language_sample_line_chars)
    language = languages[0] if languages else UNDETERMINED
    stopwords, stop_chars = stopwords_for(languages), stop_characters_for(languages)
    features = [measure_line(line, stopwords, stop_chars, options) if line.strip() else None
                for line in lines]
    scores = [score_line(f, options) if f is not None else 1.0 for f in features]
    weights = [region_weight(f, s, options) for f, s in zip(features, scores, strict=True)]
    start, end, _ = find_article_region(weights)
    good_chars = sum(f.size for f, s in zip(features[start:end], scores[start:end], strict=True)
                     if f is not None and s >= options.good_line_min_score)
    chrome_lines = sum(1 for i, f in enumerate(features) if f is not None
                       and not start <= i < end and f.size < options.short_line_max_chars)
    anchor = find_title_anchor(lines, options)
    if good_chars < options.region_min_good_chars or chrome_lines < options.min_chrome_lines:
        initial = judge_without_region(lines, features, options)
        if anchor is None:
            verdicts = tuple(LineVerdict(keep, reason, s)
                             for (keep, reason), s in zip(initial, scores, strict=True))
            # Without a region only unmistakable widget lines go (cookie notices, share bars,
            # newsletter and subscription calls, comment forms, post navigation, the legal
            # lines of the page footer); the page is judged if any do.
            widgets = any(not keep for keep, _ in initial)
            return PageJudgement(language, widgets, None, verdicts)
        # No dense region (a list-shaped article, a table), but the headline says where the
        # article starts: drop the head above it and nothing else.
        start = end = anchor[1]
        revised = cut_above_title(initial, anchor, start, features, [False] * len(lines))
        verdicts = tuple(LineVerdict(keep, reason, s)
                         for (keep, reason), s in zip(revised, scores, strict=True))
        return PageJudgement(language, True, (anchor[1], len(lines)), verdicts, anchor)

    in_list = find_list_lines(lines, features, options)
    announced = find_announced_lists(lines, features, in_list, options)
    ordered = find_ordered_lists(lines, features, options)
    comments_start = find_comments_start(features, lines, max(start, anchor[1]) if anchor
                                         else start, end, options)
    if anchor is not None and anchor[1] < start:
        start, end, comments_start = region_before_comments(lines, features, anchor[1], start,
                                                            end, comments_start, options)
    end = min(end, comments_start)
    initial = [classify_in_context(i, (start, end), comments_start, features[i], scores[i],
                                   in_list[i], options)
               for i in range(len(lines))]
    revised = extend_region_edges(initial, lines, start, end, comments_start, features,
                                  in_list, options)
    if anchor is not None:
        revised = cut_above_title(revised, anchor, start, features, in_list)
        revised = cut_region_above_headline(revised, anchor[1], start, end, features, options)
    boxes = find_teaser_boxes(lines, features, options)
    revised = drop_teaser_boxes(revised, boxes)
    revised = drop_after_page_footer(lines, revised, features, in_list, end, options)
    # An announced or numbered list is the article's own: it does not end the article.
    closing = [listed and own is None and not numbered
               for listed, own, numbered in zip(in_list, announced, ordered, strict=True)]
    closed = find_article_close(lines, features, closing, boxes, end, options)
    revised = drop_after_article_end(lines, revised, features, closed, start, end, options)
    revised = keep_announced_lists(revised, announced)
    article_start = min(start, anchor[1]) if anchor is not None else start
    article_end = min(comments_start, len(lines) if closed is None else closed)
    revised = keep_ordered_lists(revised, ordered, article_start, article_end)
    verdicts = tuple(LineVerdict(keep, reason, s)
                     for (keep, reason), s in zip(revised, scores, strict=True))
    return PageJudgement(language, True, (start, end), verdicts, anchor)


def region_before_comments(lines: Sequence[str], features: Sequence[LineFeatures | None],
                           headline: int, start: int, end: int, comments_start: int,
                           options: SinglePageOptions) -> tuple[int, int, int]:
    """(start, end, comments_start) when the dense region is the comment section: a long
    thread outweighs a short article that a share bar cut off from it. When the comment
    section opens between the headline and the region (a comment count, "Leave a reply",
    author lines) and the region holds comment-author lines, the article is the text from the
    headline to that opening, provided the region opens with comments (an author line before
    any paragraph's worth of prose in it); otherwise the region stands."""
    early = find_comments_start(features, lines, headline, start, options)
    if early >= start:
        return start, end, comments_start
    author = first_comment_author(lines, features, start, end, options)
    if author is None or sum(f.size for f in features[start:author] if f is not None and is_prose(
            f, options)) >= options.comments_min_prose_chars_before:
        return start, end, comments_start
    return headline, early, early


def judge_without_region(lines: Sequence[str], features: Sequence[LineFeatures | None],
                         options: SinglePageOptions) -> list[tuple[bool, Reason]]:
    """Verdicts for a page with no confident article region: keep everything but unmistakable
    widget lines, and the legal lines of the page footer ("Impressum | Datenschutz", "Creative
    Commons", "Diese Seite wurde zuletzt am ... geändert") below an article's worth of prose
    with less than that after them; a legal word above the text ("Datenschutz" as a heading),
    a photo credit, a sentence that only mentions a legal word ("Copyright lawyers say ...")
    and a page of chrome alone (no text to end) keep theirs."""
    after = prose_after(features, options)
    verdicts: list[tuple[bool, Reason]] = []
    for i, feat in enumerate(features):
        if feat is None:
            verdicts.append((True, Reason.BLANK))
        elif feat.boilerplate_kind in _UNMISTAKABLE_WITHOUT_REGION or (
                feat.boilerplate_kind is Reason.FOOTER
                and after[0] - after[i] >= options.region_min_good_chars
                and (feat.size < options.short_line_max_chars
                     or LEGAL_NOTICE_RE.search(lines[i]) is not None)
                and after[i] < options.region_min_good_chars
                and not is_photo_credit(lines[i])
                and (not is_prose(feat, options)
                     or RIGHTS_NOTICE_RE.search(lines[i]) is not None)):
            verdicts.append((False, feat.boilerplate_kind))
        else:
            verdicts.append((True, Reason.NO_CONFIDENT_REGION))
    return verdicts


def prose_after(features: Sequence[LineFeatures | None], options: SinglePageOptions
                ) -> list[float]:
    """Characters of prose from each line to the end of the page (one more entry: 0)."""
    after = [0.0] * (len(features) + 1)
    for i in range(len(features) - 1, -1, -1):
        feat = features[i]
        after[i] = after[i + 1] + (
            feat.size if feat is not None and is_prose(feat, options) else 0.0)
    return after


def unjudged_page(lines: Sequence[str], reason: Reason) -> PageJudgement:
    """Keep every line, scored 1.0 (not scored), language not detected."""
    kept, blank = LineVerdict(True, reason, 1.0), LineVerdict(True, Reason.BLANK, 1.0)
    verdicts = tuple(kept if line.strip() else blank for line in lines)
    return PageJudgement(UNDETERMINED, False, None, verdicts)


def classify_in_context(i: int, region: tuple[int, int], comments_start: int,
                        features: LineFeatures | None, score: float, in_list: bool,
                        options: SinglePageOptions) -> tuple[bool, Reason]:
    """First pass: widget lines go wherever they are; inside the region everything else is
    content; outside it only strong paragraphs stay, and none after a comments header."""
    if features is None:
        return True, Reason.BLANK
    if features.boilerplate_kind is not None:
        return False, features.boilerplate_kind
    start, end = region
    if start <= i < end:
        return True, Reason.ARTICLE_REGION
    if i >= comments_start:
        return False, Reason.COMMENTS
    if score >= options.outside_keep_min_score:
        return True, Reason.OUTSIDE_PARAGRAPH
    if in_list:
        return False, Reason.NAV_MENU_RUN if i < start else Reason.LINK_LIST
    return False, Reason.OUTSIDE_ARTICLE_SHORT


def extend_region_edges(initial: Sequence[tuple[bool, Reason]], lines: Sequence[str],
                        start: int, end: int, comments_start: int,
                        features: Sequence[LineFeatures | None], in_list: Sequence[bool],
                        options: SinglePageOptions) -> list[tuple[bool, Reason]]:
    """Context pass: keep the few lines hugging the region (title, dateline, byline, source
    line) unless they belong to a list or look like share/footer boilerplate."""
    revised = list(initial)
    for indices, budget, reason in (
        (range(start - 1, -1, -1), options.header_max_lines, Reason.REGION_HEADER),
        (range(end, comments_start), options.footer_max_lines, Reason.REGION_FOOTER),
    ):
        for i in indices:
            feat = features[i]
            if feat is None:
                continue
            if feat.boilerplate_kind in _INSERTS:
                continue
            if in_list[i] or feat.boilerplate_kind is not None:
                break
            if not is_sentence(feat, options):
                if budget <= 0:
                    break
                budget -= 1
                if reason is Reason.REGION_FOOTER and is_kicker_headline(lines[i], feat, options):
                    continue
                if reason is Reason.REGION_FOOTER and heads_a_list(i, lines, features, in_list,
                                                                   options):
                    break
            if not revised[i][0]:
                revised[i] = (True, reason)
    return revised


def heads_a_list(i: int, lines: Sequence[str], features: Sequence[LineFeatures | None],
                 in_list: Sequence[bool], options: SinglePageOptions) -> bool:
    """Line ``i`` below the article is the heading of the link list under it ("GdP Länder &
    Bezirke Online", "Der DJV Wer wir sind und was wir tun" over a menu): the next line starts
    a run of list lines long enough to close an article, whose first lines name things rather
    than count them. A labelled line ("Source: NHK", "Quelle: dpa") is the article's own,
    whatever follows it; the heading of a table ("Nährwertangaben für das Rezept" over
    "Energie 1331 kJ", "Fett 20.32 g") is the article's too, and so is the last subheading
    above a share bar (a run of widget lines, which ends the article on its own)."""
    nxt = next_text_line(features, i)
    if (nxt is None or not in_list[nxt] or METADATA_LABEL.match(lines[i]) is not None
            or LABEL.match(lines[i]) is not None):
        return False
    run = list(itertools.takewhile(lambda j: in_list[j] and features[j] is not None,
                                   range(nxt, len(features))))
    head = run[:options.closing_list_min_lines]
    numbered = sum(1 for j in head if _DIGIT_RE.search(lines[j]))
    widgets = sum(1 for j in head if (feat := features[j]) is not None
                  and feat.boilerplate_kind is not None)
    return (len(run) >= options.closing_list_min_lines and 3 * numbered <= len(head)
            and widgets <= 1)


_DIGIT_RE = re.compile(r"\d")


_KICKER_HEADLINE_RE = re.compile(r"^\W*(?P<kicker>[^\W\d][^:]{0,30}):\s+\S+(\s+\S+){2,}$")
_MORE_LABEL_WORDS = (
    "quellen fuentes via with mit photos foto fotos bild credits autorin text redaktion editor"
    " note hinweis anmerkung update tags themen")
_MORE_LABELS = frozenset(_MORE_LABEL_WORDS.split())
"""First words of label lines below an article that `lexicon.METADATA_LABEL` (source, photo,
credit, author, quelle, fuente, ...) does not already name: "Fotos: dpa", "Anmerkung: ..."."""


def is_kicker_headline(line: str, features: LineFeatures, options: SinglePageOptions) -> bool:
    """A teaser headline with its kicker ("Russland: Erstmalige Infektion mit H5N8", "Best of
    Test: Die besten Bikes 2022"): below the article it links to another story. A label line
    ("Source: NHK", "Quelle: dpa", "Anmerkung: ...") is the article's own and stays."""
    match = _KICKER_HEADLINE_RE.match(line.strip())
    if match is None or features.sentence_end or features.size >= options.teaser_max_chars:
        return False
    kicker = match.group("kicker").lower().split()
    return (len(kicker) <= 3 and kicker[0] not in _MORE_LABELS
            and METADATA_LABEL.match(line) is None)


def drop_teaser_boxes(verdicts: Sequence[tuple[bool, Reason]],
                      in_box: Sequence[bool]) -> list[tuple[bool, Reason]]:
    """Drop the lines of teaser boxes wherever they are: inside the region too."""
    return [(False, Reason.TEASER_BOX) if boxed and keep else (keep, reason)
            for (keep, reason), boxed in zip(verdicts, in_box, strict=True)]


def find_page_footer(lines: Sequence[str], features: Sequence[LineFeatures | None],
                     in_list: Sequence[bool], end: int,
                     options: SinglePageOptions) -> int | None:
    """Where the page footer starts after the article region: the first clear footer line at or
    after ``end`` (a short copyright or legal line, or one in a run of short lines: the footer
    menu) with little prose below it, moved up to the start of its run.

    A photo credit ("... © Tourismus Salzburg") is a long caption line, not a clear footer; a
    legal word in a section heading ("Datenschutz") is followed by prose, so it ends nothing."""
    after = prose_after(features, options)
    for i in range(end, len(features)):
        feat = features[i]
        if (feat is None or feat.boilerplate_kind is not Reason.FOOTER
                or not (feat.size < options.short_line_max_chars or in_list[i])
                or after[i] >= options.region_min_good_chars
                or is_photo_credit(lines[i])):
            continue
        start = i
        while in_list[i] and start - 1 >= end and in_list[start - 1]:
            start -= 1
        return start
    return None


def drop_after_page_footer(lines: Sequence[str], verdicts: Sequence[tuple[bool, Reason]],
                           features: Sequence[LineFeatures | None], in_list: Sequence[bool],
                           end: int, options: SinglePageOptions) -> list[tuple[bool, Reason]]:
    """Once the page footer (copyright line, legal links, the footer menu around them) is reached
    after the article, nothing below it is article: the rest of the page is dropped."""
    footer = find_page_footer(lines, features, in_list, end, options)
    if footer is None:
        return list(verdicts)
    return [(False, Reason.AFTER_PAGE_FOOTER) if i >= footer and keep and reason is not Reason.BLANK
            else (keep, reason) for i, (keep, reason) in enumerate(verdicts)]


def cut_region_above_headline(verdicts: Sequence[tuple[bool, Reason]], headline: int, start: int,
                              end: int, features: Sequence[LineFeatures | None],
                              options: SinglePageOptions) -> list[tuple[bool, Reason]]:
    """The headline anchors the article: when the dense region starts above it (a ticker of
    story leads, a teaser column), what lies above the headline is the site head. Only when
    the region holds an article's worth of prose below the headline (``region_min_good_chars``);
    the anchor itself is searched in the page's leading half only."""
    if not start < headline < end:
        return list(verdicts)

    def prose(lo: int, hi: int) -> float:
        return sum(f.size for f in features[lo:hi] if f is not None and is_prose(f, options))

    if prose(headline, end) < options.region_min_good_chars:
        return list(verdicts)
    return [(False, Reason.ABOVE_TITLE) if start <= i < headline and keep
            and reason is not Reason.BLANK else (keep, reason)
            for i, (keep, reason) in enumerate(verdicts)]


#: Widget lines that close an article (with teaser boxes, long link lists, short legal lines).
_CLOSERS = frozenset({Reason.POST_NAVIGATION, Reason.POST_LINK, Reason.COMMENTS})


def list_run_length(features: Sequence[LineFeatures | None], in_list: Sequence[bool],
                    i: int) -> int:
    """Lines in the run of list lines around ``i``."""
    lo = i
    while lo > 0 and in_list[lo - 1] and features[lo - 1] is not None:
        lo -= 1
    hi = i
    while hi + 1 < len(in_list) and in_list[hi + 1] and features[hi + 1] is not None:
        hi += 1
    return hi - lo + 1


_TEASER_TIME_RE = re.compile(
    r"^\W*(updated |aktualisiert )?(\d{1,2} ?(s|m|min|mins|h|hr|hrs|d|std\.?)|\d{1,2}"
    r" (seconds?|minutes?|hours?|days?)) ago\b|^\W*vor \d{1,2} (sekunden|minuten|stunden|tagen)"
    r"\W*$|^\W*(hace|il y a) \d{1,2} \w+\W*$|^\W*[A-Z][a-z]{2} \d{1,2} \d{1,2}:\d{2}\W*$",
    re.IGNORECASE)
"""The age stamp under a teaser in a news feed ("25M ago", "updated 16M ago", "vor 3 Stunden",
"Nov 7 23:05"): the line above it is the teaser's lead, not the article's text."""


def is_teaser_lead(lines: Sequence[str], features: Sequence[LineFeatures | None], i: int
                   ) -> bool:
    """Line ``i`` is followed (past blank lines) by a feed's age stamp."""
    nxt = next_text_line(features, i)
    return nxt is not None and _TEASER_TIME_RE.match(lines[nxt].strip()) is not None


def find_article_close(lines: Sequence[str], features: Sequence[LineFeatures | None],
                       in_list: Sequence[bool], boxes: Sequence[bool], end: int,
                       options: SinglePageOptions) -> int | None:
    """The first line at or below the region's end that closes the article: a teaser box, a
    link list of ``closing_list_min_lines``, post navigation, a comments header, a short
    copyright line (not a photo credit)."""
    def closes(feat: LineFeatures, i: int) -> bool:
        if feat.boilerplate_kind is Reason.FOOTER:  # a short legal line, not a photo credit
            return ((feat.size < options.short_line_max_chars or in_list[i])
                    and COPYRIGHT_RE.search(lines[i]) is not None
                    and not is_photo_credit(lines[i]))
        return boxes[i] or feat.boilerplate_kind in _CLOSERS or (
            in_list[i] and list_run_length(features, in_list, i) >= options.closing_list_min_lines)

    return next((i for i in range(end, len(features)) if features[i] is not None
                 and closes(features[i], i)), None)


def drop_after_article_end(lines: Sequence[str], verdicts: Sequence[tuple[bool, Reason]],
                           features: Sequence[LineFeatures | None], closed: int | None,
                           start: int, end: int,
                           options: SinglePageOptions) -> list[tuple[bool, Reason]]:
    """Below the region, once a link list, teaser box, footer or post-navigation line has
    closed the article (at `closed`, see `find_article_close`), a paragraph kept only for its
    own score (a bio, a site blurb, a teaser's lead, a comment) is not the article resumed:
    Kadane would have bridged a short gap to real article text. A teaser's lead over a
    feed's age stamp ("25M ago") does not count as text that might continue the article."""
    if closed is None:
        return list(verdicts)
    after = sum(f.size for i, (f, (keep, reason)) in enumerate(
                    zip(features[closed:], verdicts[closed:], strict=True), closed)
                if f is not None and keep and reason is Reason.OUTSIDE_PARAGRAPH
                and not is_teaser_lead(lines, features, i))
    inside = sum(f.size for f in features[start:end] if f is not None and is_prose(f, options))
    if after >= inside:
        # More text below the closer than in the region: the region is a fragment of a long
        # page (a caption credit split it), not the whole article.
        return list(verdicts)
    return [(False, Reason.AFTER_ARTICLE_END) if i > closed and keep
            and reason is Reason.OUTSIDE_PARAGRAPH else (keep, reason)
            for i, (keep, reason) in enumerate(verdicts)]


def find_announced_lists(lines: Sequence[str], features: Sequence[LineFeatures | None],
                         in_list: Sequence[bool], options: SinglePageOptions) -> list[int | None]:
    """For each line of a list run that a sentence announces ("Das neue Shampoo sorgt für:",
    "You will need the following:"), the index of that sentence; None elsewhere.

    A line of running text that ends with a colon hands over to what follows it, so the short
    lines under it are the article's bullet points, not a menu. A menu's caption is a label
    ("Mehr zum Thema:", "Lesen Sie auch:"), too short to count as such a sentence."""
    announced: list[int | None] = [None] * len(lines)
    for i, feat in enumerate(features):
        if (feat is None or feat.boilerplate_kind is not None
                or not lines[i].rstrip().endswith((":", "\uff1a"))
                or is_related_header(lines[i].strip()) or is_call_to_action(lines[i])
                or feat.words < options.announcing_min_words
                or (feat.stop_share is not None
                    and feat.stop_share < options.outside_keep_sentence_min_stop_share)):
            continue
        j = next_text_line(features, i)
        while j is not None and j < len(lines) and in_list[j] and features[j] is not None:
            announced[j] = i
            j += 1
    return announced


#: Verdicts that keep a line as the article's (not for its score alone, as a site blurb is).
_ARTICLE_KEEPS = frozenset({Reason.ARTICLE_REGION, Reason.REGION_HEADER, Reason.REGION_FOOTER})


def keep_announced_lists(verdicts: Sequence[tuple[bool, Reason]],
                         announced: Sequence[int | None]) -> list[tuple[bool, Reason]]:
    """Keep the lines of an announced list that were dropped only for where they stand, when
    the sentence announcing them is kept as the article's: widget lines in the run still go,
    and so does a list under a paragraph kept only for its score (a site's welcome, an issue
    note)."""
    return [(True, Reason.ANNOUNCED_LIST)
            if (intro := announced[i]) is not None and not keep and reason in _POSITIONAL
            and verdicts[intro][1] in _ARTICLE_KEEPS else (keep, reason)
            for i, (keep, reason) in enumerate(verdicts)]


#: Drops made only for a line's position outside the region, not for what it says.
_POSITIONAL = frozenset({Reason.NAV_MENU_RUN, Reason.LINK_LIST, Reason.OUTSIDE_ARTICLE_SHORT,
                         Reason.AFTER_ARTICLE_END})


_ITEM_NUMBER_RE = re.compile(r"^\W{0,2}(\d{1,3})[.)]\s+\S")
"""The number of an ordered list's item ("1. Roger Daltrey", "12) Roger Waters – The
Wall"), not of a date ("22. Juni") unless dates happen to count up from 1."""


def find_ordered_lists(lines: Sequence[str], features: Sequence[LineFeatures | None],
                       options: SinglePageOptions) -> list[bool]:
    """Mark the lines of numbered lists that count 1, 2, 3 ... (or down to 1): rankings, steps,
    top lists are the article's text, whatever their length. A menu is not numbered, and a
    date or a club ("1. FC Köln") does not run in sequence with the next lines.

    The lines between two consecutive items (a link, a price) belong to the earlier item; at
    most ``ordered_item_max_lines`` of them."""
    items = [(i, int(m.group(1))) for i, line in enumerate(lines)
             if features[i] is not None and (m := _ITEM_NUMBER_RE.match(line))]
    marked = [False] * len(lines)
    run: list[tuple[int, int]] = []

    def close(run: list[tuple[int, int]]) -> None:
        numbers = [n for _, n in run]
        if len(run) >= options.ordered_list_min_items and 1 in (numbers[0], numbers[-1]):
            for k in range(run[0][0], run[-1][0] + 1):
                marked[k] = features[k] is not None
    for i, n in items:
        if run:
            last, previous = run[-1]
            step = run[1][1] - run[0][1] if len(run) > 1 else n - previous
            between = sum(1 for k in range(last + 1, i) if features[k] is not None)
            if (step in (1, -1) and n - previous == step
                    and between <= options.ordered_item_max_lines):
                run.append((i, n))
                continue
            close(run)
        run = [(i, n)]
    if run:
        close(run)
    return marked


def keep_ordered_lists(verdicts: Sequence[tuple[bool, Reason]], ordered: Sequence[bool],
                       article_start: int, article_end: int) -> list[tuple[bool, Reason]]:
    """Keep the lines of a numbered list that were dropped only for where they stand, when
    the list starts between the article's start (its headline or dense region) and its end
    (the comments, or the first teaser box, link list or copyright line below the region): a
    "most read" top ten above the article or in the page's tail is a widget."""
    revised = list(verdicts)
    i = 0
    while i < len(ordered):
        if not ordered[i]:
            i += 1
            continue
        first = i
        while i < len(ordered) and (ordered[i] or verdicts[i][1] is Reason.BLANK):
            i += 1
        if article_start <= first < article_end:
            for k in range(first, i):
                keep, reason = verdicts[k]
                if ordered[k] and not keep and reason in _POSITIONAL:
                    revised[k] = (True, Reason.ORDERED_LIST)
    return revised
