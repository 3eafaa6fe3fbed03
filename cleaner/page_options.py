"""Every threshold of the single-page judge, in one frozen dataclass (STYLE.md point 4)."""

from __future__ import annotations

from dataclasses import dataclass


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
    closing_list_min_lines: int = 6
    """A run of this many short lines below the region (a link list, a menu) closes the article:
    outside paragraphs after it are not kept for their score alone; shorter runs are often
    lists inside the article (product features, steps)."""
    header_max_lines: int = 6
    """Non-blank lines just above the region kept as its header (title, dateline, byline: the
    seeds and varied-dev put up to four there)."""
    footer_max_lines: int = 2
    """Non-blank lines just below the region kept as its footer ("Source: NHK", "With files from
    ...")."""
    outside_keep_min_score: float = 0.65
    """A line outside the region with at least this score is kept anyway: recall first (0.65 keeps
    the one-sentence paragraphs a table or a teaser box cut off from the region: traf-dev
    with-rate 0.947 -> 0.952 for two more boilerplate lines kept)."""
    outside_keep_sentence_min_words: int = 5
    """A line next to the region that ends like a sentence, has at least this many words and a
    stopword share of at least ``outside_keep_sentence_min_stop_share`` joins it without using
    the header/footer budget: menus are not written in sentences, bios and credits are."""
    outside_keep_sentence_min_stop_share: float = 0.2
    announcing_min_words: int = 8
    """A line ending with a colon announces the list under it (bullet points of the article)
    from this many words: a menu's or teaser box's caption ("Lesen Sie dazu auch die
    Pressemitteilungen:", "Tipps zum Welpenkauf in den Hunderassen:") is shorter."""
    ordered_list_min_items: int = 3
    """Items counting 1, 2, 3 ... (or down to 1) that make a numbered list the article's own."""
    ordered_item_max_lines: int = 3
    """Lines between two items of a numbered list (a link, a price, a short description)."""
    comments_min_prose_chars_before: float = 300.0
    """Prose the article must have shown before a comments line can end it."""
    comment_authors_min: int = 2
    """Comment-author lines ("Name says:") that mark a comment section."""
    teaser_max_chars: int = 100
    """A line this long ends a teaser box: link titles stay below it (aeb-dev and traf-dev
    boxes), the article's paragraphs and source notes rarely do."""
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
