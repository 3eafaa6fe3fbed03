"""Segment a normalised document into blocks and give each line a kind.

Kinds come from the line's own text and its immediate neighbours only; what
recurs across the corpus is the near-duplicate detector's business, and the
final keep/drop is `decide`'s.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress, pairwise
from operator import eq, or_

from cleaner.lexicon import (
    BREADCRUMB,
    BULLET,
    CJK,
    DATE,
    FOOTER,
    FURNITURE_LABEL,
    FURNITURE_PHRASES,
    LABEL,
    LABEL_ONLY,
    METADATA_LABEL,
    NOTICE,
    SELF_REFERENCE,
    SHARE,
    TAG_SUFFIX,
)
from cleaner.model import Block, Kind

#: Distinct lines whose line-local results are remembered (the tests here, the matching
#: text and sketch in fingerprint.py): furniture, bylines and teasers recur on many pages
#: (a third of a news corpus's lines are repeats), and each test is a few regex passes.
LINE_MEMO = 1 << 15


def _has_no_cjk(line: str) -> bool:
    """True when no character can be CJK (all below U+3040): skips the CJK regex."""
    return line.isascii() or not line or max(line) < "\u3040"


def visible_length(line: str) -> int:
    """Length in 'word-equivalents' of characters: CJK counts double (no spaces)."""
    if _has_no_cjk(line):
        return len(line)
    return len(line) + len(CJK.findall(line))


@lru_cache(maxsize=256)
def word_count(line: str) -> int:
    """Words of a line, CJK characters counting half (cached: furniture, metadata and prose
    tests each ask it of the same short line)."""
    if _has_no_cjk(line):
        return len(line.split())
    return len(line.split()) + len(CJK.findall(line)) // 2


#: A line this long (visible length) is prose; one longer than these is no metadata,
#: no furniture: `_classify` asks neither of a longer line.
_PROSE_CHARS = 120
_MAX_METADATA_CHARS = 160
_MAX_FURNITURE_CHARS = 200

#: A sentence ends in one of these marks (not "..."), possibly inside closing quotes or
#: brackets; "Watch: headline (1:10)" does not.
_END_MARKS = tuple(".!?。！？")
_CLOSERS = "\"”’»)]】』」"


def _ends_with_mark(text: str) -> bool:
    """A stripped text ends a sentence, read from its end (a regex would try every
    position of the line; tests/test_prepare_fast.py holds the regex it equals)."""
    body = text.rstrip(_CLOSERS)
    return body.endswith(_END_MARKS) and not body[:-1].endswith("..")


@lru_cache(maxsize=LINE_MEMO)
def is_prose(line: str) -> bool:
    """A sentence-like line: long, or several words ending in sentence punctuation."""
    text = line.strip()
    return visible_length(text) >= _PROSE_CHARS or (word_count(line) >= 8
                                                    and _ends_with_mark(text))


def ends_sentence(line: str) -> bool:
    return _ends_with_mark(line.strip())


@lru_cache(maxsize=LINE_MEMO)
def is_self_reference(line: str) -> bool:
    """A note about the page or site itself rather than about the story."""
    return bool(SELF_REFERENCE.search(line))


@lru_cache(maxsize=LINE_MEMO)
def is_metadata(line: str) -> bool:
    """Date, byline, source or credit line: content even when it recurs."""
    text = line.strip()
    if visible_length(text) > _MAX_METADATA_CHARS or "://" in text or text.startswith("www."):
        return False
    # A label alone ends with its colon: other lines are not asked.
    if METADATA_LABEL.match(text) or (text.endswith((":", "：")) and LABEL_ONLY.match(text)):
        return True
    # The word count first: the date pattern is a long regex, most lines too long to ask.
    return word_count(text) <= 12 and bool(DATE.search(text))


@lru_cache(maxsize=LINE_MEMO)
def leading_label(line: str) -> str | None:
    """The "Label" of a "Label: rest" line, case- and width-folded, or None."""
    if line.isascii() and ":" not in line and "|" not in line:
        return None  # no separator, and NFKC leaves ASCII alone: LABEL cannot match
    match = LABEL.match(unicodedata.normalize("NFKC", line))
    return match.group(1).casefold().strip() if match else None


@lru_cache(maxsize=LINE_MEMO)
def furniture_kind(line: str, *, recurring: bool = False) -> Kind | None:
    """SHARE / NOTICE / FOOTER / NAV when a furniture phrase dominates a short line.

    A line seen only on this page must be mostly furniture phrase ("Share this",
    "Advertisement"); one that also recurs across the site may carry more words
    around the phrase ("Follow Harbour City TV on Facebook, X and TikTok").
    """
    text = line.strip()
    if visible_length(text) > _MAX_FURNITURE_CHARS:
        return None
    phrases = FURNITURE_PHRASES.may_match(text)  # else FOOTER, SHARE, NOTICE cannot match
    if phrases and FOOTER.search(text):
        return Kind.FOOTER
    count = word_count(text)
    if count <= 12 and BREADCRUMB.search(text) and not ends_sentence(text):
        return Kind.NAV
    label = leading_label(text)
    if label is not None and FURNITURE_LABEL.fullmatch(label) and count <= 25:
        return Kind.NOTICE
    if not phrases:
        return None
    words = max(1, count)
    short = 4 if recurring else 3
    # Every alternative of SHARE and NOTICE matches at least one character, so a
    # share above 0 is the same test as `.search(text)`, at one regex pass.
    share = SHARE.covered_share(text)
    if share > 0 and (words <= short or share >= (0.25 if recurring else 0.5)):
        return Kind.SHARE
    notice = NOTICE.covered_share(text)
    if notice > 0 and (words <= short or notice >= (0.3 if recurring else 0.5)):
        return Kind.NOTICE
    return None


@lru_cache(maxsize=LINE_MEMO)
def is_tagged_headline(line: str) -> bool:
    """'Headline | tag | tag': a teaser headline as the seeds' sites print them."""
    if "|" not in line:
        return False  # one part: no tags
    parts = TAG_SUFFIX.split(line.strip())
    return len(parts) >= 2 and all(0 < word_count(p) <= 6 for p in parts[1:])


def classify_line(line: str, previous: str, following: str) -> Kind:
    """Kind of a line from its text and its neighbours within the block."""
    text = line.strip()
    return _classify(text, text in (previous.strip(), following.strip()))


def _classify(text: str, doubled: bool) -> Kind:
    """`classify_line` of a stripped line, `doubled` when a neighbour is the same text."""
    # Its visible length is at least its length: a line longer than any furniture is
    # neither that nor metadata, and is prose (a third of the lines, asked nothing).
    long_line = len(text) > _MAX_FURNITURE_CHARS
    furniture = None if long_line else furniture_kind(text)
    if furniture is not None:
        return furniture
    metadata = not long_line and is_metadata(text)
    if doubled and not metadata:
        return Kind.TEASER_HEADLINE
    if metadata:
        return Kind.METADATA
    if BULLET.match(text):
        return Kind.LIST_ITEM
    # "|" first: a line without one is no tagged headline, and asks no memo (these lines
    # are mostly distinct: a memo lookup that misses costs more than the test).
    if "|" in text and is_tagged_headline(text):
        return Kind.TEASER_HEADLINE
    if long_line or is_prose(text):
        return Kind.PARAGRAPH
    return Kind.HEADING


def segment_document(lines: Sequence[str]) -> list[Block]:
    """Blocks of non-blank lines, each line with its kind."""
    stripped = list(map(str.strip, lines))  # each line stripped once
    # Doubled: the line above or below it is the same text. The lines around a block are
    # blank, never the same as one of its lines: all lines are compared at once, at C level.
    padded = ("", *stripped, "")
    doubled = map(or_, map(eq, stripped, padded), map(eq, stripped, padded[2:]))
    present = list(compress(range(len(stripped)), stripped))  # the non-blank lines
    kinds = list(map(_classify, compress(stripped, stripped), compress(doubled, stripped)))
    # Most blocks are a single line: the blocks are cut from `present` where a line
    # does not follow the one before it.
    blocks: list[Block] = []
    first = 0
    for at in range(1, len(present) + 1):
        if at == len(present) or present[at] != present[at - 1] + 1:
            start = present[first]
            blocks.append(Block(len(blocks), start, tuple(lines[start : start + at - first]),
                                tuple(kinds[first:at])))
            first = at
    return blocks


#: Standing notes ("This story was auto-generated …", comment-form lines) are short;
#: a longer paragraph is article prose whatever pronouns it uses.
_MAX_NOTE_WORDS = 40


#: A teaser's lead under a doubled headline is a line or two cut short; a block longer than
#: this (lines; characters, CJK counting double) is the article itself.
_MAX_TEASER_LEAD_CHARS = 2000
_MAX_TEASER_LEAD_LINES = 3
#: Teaser columns stack a few doubled headlines in one block; a longer block is text.
_MAX_HEADLINE_BLOCK_LINES = 8


def is_small_block(block: Block, max_lines: int = _MAX_TEASER_LEAD_LINES) -> bool:
    """Small enough to be a teaser's lead (or, with ``max_lines``, a column of doubled
    headlines): few lines, little text."""
    return (len(block.lines) <= max_lines
            and sum(visible_length(text.strip()) for text in block.lines) <= _MAX_TEASER_LEAD_CHARS)


class Role:
    """Where a line sits in its page; recurrence is only counted between equal roles.

    A headline teased at the foot of other pages is this page's title: counting
    it only against other titles (HEAD) keeps it from looking like a teaser.
    """

    HEAD = 1
    BODY = 2
    TAIL = 3
    TEASER = 4


def _doubled_headline(block: Block, first_text: str) -> bool:
    """A block holding a line twice in a row (not the page's first line), small
    enough to be a column of doubled headlines."""
    stripped = [text.strip() for text in block.lines]
    # One C-level pass first: most blocks hold no line twice, and need no pairing.
    if len(set(stripped)) == len(stripped):
        return False
    return any(text == neighbour and text != first_text
               for text, neighbour in pairwise(stripped)
               ) and is_small_block(block, _MAX_HEADLINE_BLOCK_LINES)


def _paragraphs(blocks: Sequence[Block], teaser: set[int], *,
                backwards: bool = False) -> Iterator[tuple[int, str]]:
    """(line index, text) of the paragraph lines outside teasers, from either end."""
    for block in reversed(blocks) if backwards else blocks:
        if Kind.PARAGRAPH not in block.kinds:
            continue
        found = [(block.start + i, text)
                 for i, (text, kind) in enumerate(zip(block.lines, block.kinds, strict=True))
                 if kind is Kind.PARAGRAPH and block.start + i not in teaser]
        yield from reversed(found) if backwards else found


def assign_roles(blocks: Sequence[Block]) -> dict[int, int]:
    """Role of every non-blank line, keyed by line index (pure, page-local)."""
    teaser: set[int] = set()
    first_text = blocks[0].lines[0].strip() if blocks else ""
    previous_headline: Block | None = None
    for position, block in enumerate(blocks):
        # The doubled line first: most blocks have none, and then need no sizing.
        headline = position > 0 and len(block.lines) > 1 and _doubled_headline(block, first_text)
        lead = (previous_headline is not None and all(k is Kind.PARAGRAPH for k in block.kinds)
                and is_small_block(block))
        if headline or lead:
            teaser.update(range(block.start, block.end))
        previous_headline = block if headline else None

    def is_prose_line(text: str) -> bool:
        return not (word_count(text) <= _MAX_NOTE_WORDS and is_self_reference(text))

    # Only the first and last prose lines matter: search from each end, so the
    # standing-note test runs on a few paragraphs, not on every one.
    first = next((index for index, text in _paragraphs(blocks, teaser) if is_prose_line(text)),
                 None)
    indices = [index for block in blocks for index in range(block.start, block.end)]
    if first is None:
        roles = dict.fromkeys(indices, Role.BODY)
    else:
        last = next(index for index, text in _paragraphs(blocks, teaser, backwards=True)
                    if is_prose_line(text))
        # Indices ascend: lines before the first prose line are the head, after the last
        # the tail (the keys in line order, as before).
        head, tail = bisect_left(indices, first), bisect_right(indices, last)
        roles = dict.fromkeys(indices[:head], Role.HEAD)
        roles.update(dict.fromkeys(indices[head:tail], Role.BODY))
        roles.update(dict.fromkeys(indices[tail:], Role.TAIL))
    roles.update(dict.fromkeys(sorted(teaser), Role.TEASER))
    return roles
