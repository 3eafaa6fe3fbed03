"""Judge one page from its own text: find the article region, mark boilerplate outside it.

The cross-corpus cleaner needs recurrence; a site seen once has none. This module is the fallback,
in the spirit of jusText: each line is scored on its own (length, stopword share, sentence
punctuation), the article is taken as the densest run of content-like lines, and the context pass
then revises short lines: inside the article they are content (subheadings, captions, bylines),
outside it they are menus, link lists and footers. Everything here is a pure function of the lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.language import UNDETERMINED, detect_languages, stop_characters_for, stopwords_for
from cleaner.model import StrEnum


@dataclass(frozen=True, slots=True)
class SinglePageOptions:
    """Every threshold of the single-page judge.

    Lengths are in Latin-equivalent characters: a CJK character counts ``cjk_char_weight`` (one
    Chinese character carries about as much as a short English word, which is 3 characters on
    average). Defaults were tuned on the kinds of page in shared/benchmarks (aeb-dev, traf-dev,
    zh-dev) under the constraint of dropping no expected line of shared/corpora and the seeds.
    """

    short_line_max_chars: int = 70
    """Below this a line is short (jusText's ``length_low``, 70)."""
    long_line_min_chars: int = 200
    """From this a line counts as fully long (jusText's ``length_high``, 200)."""
    cjk_char_weight: float = 3.0
    """Latin-equivalent characters per CJK character."""
    stopword_share_high: float = 0.35
    """Stopword share at which the stopword term saturates; prose with stopwordsiso's lists sits
    at 0.4-0.6, menus and headlines below 0.2 (measured on aeb-dev)."""
    stop_character_share_high: float = 0.15
    """Same for CJK text, counting single-character stopwords (的, 了, 在) per CJK character."""
    weight_length: float = 0.5
    weight_stopwords: float = 0.3
    weight_punctuation: float = 0.2
    prose_min_words: int = 6
    prose_min_chars: int = 30
    prose_min_stop_share: float = 0.25
    prose_weight: float = 0.5
    """A prose line adds at least this per ``region_chars_per_unit`` characters to the region."""
    good_line_min_score: float = 0.6
    """A line at or above this score counts towards the article region's mass."""
    region_mass_chars_cap: float = 500.0
    """A good line adds at most this many characters / 100 to the region sum, so one huge block
    cannot bridge an arbitrarily long menu."""
    region_chars_per_unit: float = 100.0
    """A good line adds (score - 0.5) * 2 per this many characters to the region sum."""
    region_bad_line_weight: float = 0.5
    """A line below ``good_line_min_score`` subtracts at most this much from the region sum."""
    region_boilerplate_line_weight: float = 3.0
    """A share, cookie, footer or comments-header line subtracts this much: such lines end an
    article, so the region should not run through them."""
    region_min_good_chars: int = 400
    """The region must hold at least this much good-line text to be trusted (about two
    paragraphs; a page below this keeps everything)."""
    min_chrome_lines: int = 25
    """Short lines outside the region needed before anything is dropped: a page template
    (menus, footers) leaves dozens; a scrape with only a few stray lines around the article is
    left to cross-corpus evidence (the synthetic corpora hold lists and bylines there)."""
    list_run_min_lines: int = 3
    """Consecutive short lines without a blank between them, from this count, form a list (a menu
    or link list outside the article)."""
    header_max_lines: int = 6
    """Non-blank lines just above the region kept as its header (title, dateline, byline: the
    seeds and varied-dev put up to four there)."""
    footer_max_lines: int = 2
    """Non-blank lines just below the region kept as its footer ("Source: NHK", "With files from
    ...")."""
    outside_keep_min_score: float = 0.75
    """A line outside the region with at least this score is kept anyway: recall first."""
    outside_keep_sentence_min_words: int = 5
    """A line next to the region that ends like a sentence, has at least this many words and a
    stopword share of at least ``outside_keep_sentence_min_stop_share`` joins it without using
    the header/footer budget: menus are not written in sentences, bios and credits are."""
    outside_keep_sentence_min_stop_share: float = 0.2
    comments_min_prose_chars_before: float = 300.0
    """Prose the article must have shown before a comments line can end it."""
    comment_authors_min: int = 2
    """Comment-author lines ("Name says:") that mark a comment section."""
    title_min_chars: int = 12
    """A part of the first line shorter than this (a site name, "Home") anchors nothing."""
    title_anchor_max_position: float = 0.5
    """The headline repeat must sit in this leading share of the page: a later repeat is a
    teaser or "most read" entry (traf-dev pages repeat their title at 55-90 % only there)."""
    language_min_letters: int = 20
    """Lines with fewer letters do not vote on the page language (menus, dates)."""
    language_min_probability: float = 0.5
    """A line votes only when py3langid's normalised probability reaches this."""
    language_min_share: float = 0.2
    """A language with this share of the voted letters adds its stopwords (mixed pages)."""
    language_sample_lines: int = 12
    """Only this many of the longest lines vote on the language: the prose, and enough of the
    next-longest lines that a bio or quote in a second language still adds its stopwords
    (varied-dev 00194: an Indonesian post with an English author bio)."""
    language_sample_line_chars: int = 200
    """Each voting line is cut to this many characters (py3langid is sure long before)."""


DEFAULT_SINGLE_PAGE_OPTIONS = SinglePageOptions()


class Reason(StrEnum):
    """Why a line was kept or dropped; the values are the public reason strings."""

    BLANK = "blank"
    ARTICLE_REGION = "article_region"
    REGION_HEADER = "region_header"
    REGION_FOOTER = "region_footer"
    OUTSIDE_PARAGRAPH = "outside_paragraph"
    NAV_MENU_RUN = "nav_menu_run"
    LINK_LIST = "link_list"
    SHARE_OR_COOKIE = "share_or_cookie"
    FOOTER = "footer"
    COMMENTS = "comments"
    OUTSIDE_ARTICLE_SHORT = "outside_article_short"
    NO_CONFIDENT_REGION = "no_confident_region"
    ABOVE_TITLE = "above_title"
    TOO_LITTLE_CHROME = "too_little_chrome"


@dataclass(frozen=True, slots=True)
class LineVerdict:
    keep: bool
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class PageJudgement:
    language: str
    confident: bool
    region: tuple[int, int] | None
    verdicts: tuple[LineVerdict, ...]


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """What the judge knows about one line, computed once."""

    size: float
    """Latin-equivalent characters."""
    stop_share: float | None
    """Share of stopwords; None when the language has no stoplist."""
    words: int
    """Words, a CJK character counting as one."""
    sentence_end: bool
    prose_end: bool
    """Ends like a statement (full stop, closing double quote), not a question, label or
    single-quoted tabloid headline."""
    has_comma: bool
    boilerplate_kind: Reason | None


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# Fullwidth CJK punctuation is written as escapes (ruff RUF001 flags the literal forms).
_SENTENCE_END = tuple(".!?:;\u2026\u3002\uff01\uff1f\uff1b\uff1a\"'\u201d\u2019\u00bb)\uff09"
                      "\u300d\u300f")


def _word_set(words: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, easier to read than a list."""
    return frozenset(words.split())


_PROSE_END = tuple(".!\u2026\u3002\uff01\"\u201d\u00bb")
_COMMAS = (",", "\uff0c", "\u3001", ";", "\uff1b")
_SHARE_KEYS = _word_set(
    "share sharing tweet facebook twitter whatsapp linkedin pinterest reddit telegram tumblr "
    "email e-mail print messenger flipboard teilen drucken twittern compartir partager imprimer"
)
_SHARE_FILLERS = _word_set(
    "icon click to on this via opens open in new window copy link x e mail follow us like and or "
    "the more instagram youtube tiktok article page story per auf der die den diesen artikel "
    "sur cet en este"
)
_COOKIE_RE = re.compile(
    r"\bcookies?\b.*\b(website|site|browser|accept|consent|privacy|experience|datenschutz"
    r"|akzeptier\w*|zustimm\w*|einverstanden|webseite|navigat\w*)", re.IGNORECASE)
_COMMENTS_RE = re.compile(
    r"^\W*(\d+\s+)?(comments?|responses?|replies|kommentare?|commentaires?|comentarios?"
    r"|komentarz\w*|leave a (comment|reply)|add (a )?comment|(top rated|show|view|load|read)"
    r" (all )?comments|join the (discussion|conversation))\b"
    r"|^\W*(发表|网友|最新|热门|查看|全部)?(评论|留言|跟帖)",
    re.IGNORECASE)
_COMMENT_COUNT_RE = re.compile(
    r"\b[1-9]\d*\s+(comments?|kommentare?|commentaires?|comentarios?|responses|antworten)\b",
    re.IGNORECASE)
_COMMENT_AUTHOR_RE = re.compile(
    r"\s(says|said|wrote|sagt|schreibt|meint|écrit|dice|escribió|napisał)\s?:$", re.IGNORECASE)
_FOOTER_RE = re.compile(
    r"(©|\(c\)\s*\d{4}|copyright|all rights reserved|alle rechte|impressum|privacy policy"
    r"|datenschutz|terms of (use|service)|版权所有|备\d+号|ICP)",
    re.IGNORECASE,
)


def line_size(text: str, options: SinglePageOptions) -> float:
    """Latin-equivalent characters of a stripped line: spaces do not count, CJK counts more."""
    cjk = len(_CJK_RE.findall(text))
    return len(text) - text.count(" ") + cjk * (options.cjk_char_weight - 1)


def count_short_lines(lines: Sequence[str], options: SinglePageOptions) -> int:
    """Non-blank lines shorter than ``short_line_max_chars``: an upper bound on the page chrome,
    cheap enough to run on every document before anything else."""
    limit = options.short_line_max_chars
    count = 0
    for line in lines:
        text = line.strip()
        # A line with this many non-space characters is long whatever its script.
        if text and len(text) - text.count(" ") < limit and line_size(text, options) < limit:
            count += 1
    return count


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


def measure_line(line: str, stopwords: frozenset[str], stop_chars: frozenset[str],
                 options: SinglePageOptions) -> LineFeatures:
    """Features of one non-blank line."""
    text = line.strip()
    cjk = _CJK_RE.findall(text)
    rest = _CJK_RE.sub(" ", text) if cjk else text
    words = [word.lower() for word in _WORD_RE.findall(rest)]
    size = len(rest) - rest.count(" ") + len(cjk) * options.cjk_char_weight
    if stopwords and (words or cjk):
        stop_words = sum(map(stopwords.__contains__, words))
        stop_share_words = stop_words / len(words) if words else 0.0
        stop_share_cjk = (sum(map(stop_chars.__contains__, cjk)) / len(cjk)) if cjk else 0.0
        # Normalise the CJK share to the word scale so both saturate at the same point.
        scale = options.stopword_share_high / options.stop_character_share_high
        stop_share = max(stop_share_words, stop_share_cjk * scale) if cjk else stop_share_words
    else:
        stop_share = None
    sentence_end = text.endswith(_SENTENCE_END)
    kind = None
    if size < options.short_line_max_chars and _COMMENTS_RE.search(text):
        kind = Reason.COMMENTS
    elif is_share_line(words) or (
            size < options.long_line_min_chars and _COOKIE_RE.search(text)):
        kind = Reason.SHARE_OR_COOKIE
    elif size < options.long_line_min_chars and _FOOTER_RE.search(text):
        kind = Reason.FOOTER
    return LineFeatures(
        size=size,
        stop_share=stop_share,
        words=len(words) + len(cjk),
        sentence_end=sentence_end,
        prose_end=text.endswith(_PROSE_END),
        has_comma=any(c in text for c in _COMMAS),
        boilerplate_kind=kind,
    )


def is_share_line(words: Sequence[str]) -> bool:
    """A line made of share-widget words ("Click to share on Facebook (Opens in new window)",
    "icon-facebook icon-twitter"), not a sentence that mentions Twitter. ``words`` are
    lower-cased."""
    if _SHARE_KEYS.isdisjoint(words):
        return False
    keys = sum(map(_SHARE_KEYS.__contains__, words))
    fillers = sum(map(_SHARE_FILLERS.__contains__, words))
    return (keys + fillers) >= 0.7 * len(words)


def score_line(features: LineFeatures, options: SinglePageOptions) -> float:
    """Content likelihood of a line taken alone, 0..1: a weighted sum of three plain terms."""
    span = options.long_line_min_chars - options.short_line_max_chars
    length = min(1.0, max(0.0, (features.size - options.short_line_max_chars) / span))
    if features.stop_share is None:
        stop = 0.5
    else:
        stop = min(1.0, features.stop_share / options.stopword_share_high)
    punct = 1.0 if features.sentence_end else 0.5 if features.has_comma else 0.0
    score = (options.weight_length * length + options.weight_stopwords * stop
             + options.weight_punctuation * punct)
    return round(score, 4)


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


def region_weight(features: LineFeatures | None, score: float,
                  options: SinglePageOptions) -> float:
    """Good lines pull the region towards them in proportion to their length; others push away
    by at most one unit each, so a long menu outweighs a paragraph but a short gap does not."""
    if features is None:
        return 0.0
    if features.boilerplate_kind is not None:
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
        initial = [(True, Reason.BLANK if f is None else Reason.NO_CONFIDENT_REGION)
                   for f in features]
        if anchor is None:
            verdicts = tuple(LineVerdict(keep, reason, s)
                             for (keep, reason), s in zip(initial, scores, strict=True))
            return PageJudgement(language, False, None, verdicts)
        # No dense region (a list-shaped article, a table), but the headline says where the
        # article starts: drop the head above it and nothing else.
        start = end = anchor[1]
        revised = cut_above_title(initial, anchor, start, features, [False] * len(lines))
        verdicts = tuple(LineVerdict(keep, reason, s)
                         for (keep, reason), s in zip(revised, scores, strict=True))
        return PageJudgement(language, True, (anchor[1], len(lines)), verdicts)

    in_list = find_list_lines(lines, features, options)
    comments_start = find_comments_start(features, lines, max(start, anchor[1]) if anchor
                                         else start, end, options)
    end = min(end, comments_start)
    initial = [classify_in_context(i, (start, end), comments_start, features[i], scores[i],
                                   in_list[i], options)
               for i in range(len(lines))]
    revised = extend_region_edges(initial, start, end, comments_start, features, in_list,
                                  options)
    if anchor is not None:
        revised = cut_above_title(revised, anchor, start, features, in_list)
    verdicts = tuple(LineVerdict(keep, reason, s)
                     for (keep, reason), s in zip(revised, scores, strict=True))
    return PageJudgement(language, True, (start, end), verdicts)


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
    a Polish think-tank page in traf-dev)."""
    prose_chars = 0.0
    authors: list[int] = []
    for i in range(start, len(lines)):
        feat = features[i]
        if feat is None:
            continue
        if prose_chars >= options.comments_min_prose_chars_before:
            text = lines[i].strip()
            if (feat.boilerplate_kind is Reason.COMMENTS and i >= end) or (
                    feat.size < options.short_line_max_chars
                    and _COMMENT_COUNT_RE.search(text)):
                return i
            if feat.size < options.short_line_max_chars and _COMMENT_AUTHOR_RE.search(text):
                authors.append(i)
                if len(authors) >= options.comment_authors_min:
                    return authors[0]
        if is_prose(feat, options) or feat.size >= options.long_line_min_chars:
            prose_chars += feat.size
    return len(lines)


def unjudged_page(lines: Sequence[str], reason: Reason) -> PageJudgement:
    """Keep every line, scored 1.0 (not scored), language not detected."""
    verdicts = tuple(LineVerdict(True, reason if line.strip() else Reason.BLANK, 1.0)
                     for line in lines)
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


def is_prose(features: LineFeatures, options: SinglePageOptions) -> bool:
    """A statement in running text, however short: news paragraphs of one sentence (60-150
    characters) score low on length alone, yet no menu, teaser or label reads like this."""
    return (features.prose_end
            and features.words >= options.prose_min_words
            and features.size >= options.prose_min_chars
            and (features.stop_share is None
                 or features.stop_share >= options.prose_min_stop_share))


def is_sentence(features: LineFeatures, options: SinglePageOptions) -> bool:
    """Written prose: ends like a sentence, several words, function words present."""
    return (features.sentence_end
            and features.words >= options.outside_keep_sentence_min_words
            and (features.stop_share is None
                 or features.stop_share >= options.outside_keep_sentence_min_stop_share))


def extend_region_edges(initial: Sequence[tuple[bool, Reason]], start: int, end: int,
                        comments_start: int,
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
            if feat.boilerplate_kind is Reason.SHARE_OR_COOKIE:
                continue
            if in_list[i] or feat.boilerplate_kind is not None:
                break
            if not is_sentence(feat, options):
                if budget <= 0:
                    break
                budget -= 1
            if not revised[i][0]:
                revised[i] = (True, reason)
    return revised
