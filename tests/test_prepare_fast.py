"""The per-line fast paths of pass 1 (segment, roles, fingerprint) equal the plain
definitions they replaced, on documents mixing the line shapes that take each path."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.fingerprint import (
    DocumentFingerprint,
    LineFingerprint,
    content_hash,
    fingerprint_document,
    label_key,
    matching_norm,
    matching_space,
    sketch_keys,
    stable_hash,
)
from cleaner.lexicon import (
    BREADCRUMB,
    BULLET,
    DATE,
    FOOTER,
    FURNITURE_LABEL,
    FURNITURE_PHRASES,
    LABEL,
    LABEL_ONLY,
    METADATA_LABEL,
    NOTICE,
    SHARE,
    _words_of,
)
from cleaner.model import Block, Kind
from cleaner.segment import (
    _MAX_HEADLINE_BLOCK_LINES,
    _MAX_NOTE_WORDS,
    Role,
    _classify,
    _ends_with_mark,
    assign_roles,
    classify_line,
    is_self_reference,
    is_small_block,
    is_tagged_headline,
    leading_label,
    segment_document,
    visible_length,
    word_count,
)

#: The definition `segment._ends_with_mark` reads from the line's end: a sentence ends in
#: . ! ? (not "..."), possibly inside closing quotes or brackets; "Watch: headline
#: (1:10)" does not.
SENTENCE_END = re.compile(r"(?<!\.\.)[.!?。！？][\"”’»)\]】』」]*$")

_LINES = (
    "", "", "  ", "Share this:", "Advertisement", "Tags: World, Politics", "Watch: the video",
    "© 2024 Daily Planet. All rights reserved.", "Posted on 21 September 2020 by Nadia",
    "Museum returns stolen paintings | Culture", "Museum returns stolen paintings | Culture",
    "  indented heading", "Source: NHK", "来源：新华社", "标签：国际", "- a bullet",
    "Read more: http://example.com/a", "a|b", "x：y", "Ｔａｇｓ｜ｗｏｒｌｄ",
    "The talks were aimed at easing tensions after relations soured between the two.",
    "We use cookies on our site to improve your experience. Subscribe to our newsletter.",
    "The minister said on Tuesday that the new plan would cut energy costs for small firms "
    "after months of talks; critics called it late, expensive and 12 months too slow.",
    "Police reported 2 people were injured in a crash near the station on Friday night.",
    "上海12月3日电 记者从市政府获悉，新的能源计划将于明年实施，预计可降低小企业成本。",
    "Home > World > Europe", "Contact:", "Updated 12 March 2021 10:30 am", "Wait for it...",
    "Share this story on Facebook, Twitter and WhatsApp - Home / News / World / Europe and Asia",
    "The minister said on Tuesday that the new plan would cut energy costs for small firms "
    "after months of talks | Politics | Energy | a long line with tags that carries on and on",
    "- The minister said on Tuesday that the new plan would cut energy costs for small firms "
    "after months of talks; critics called it late, expensive and 12 months too slow, said he.",
)
_DOCUMENTS = st.lists(st.sampled_from(_LINES), max_size=30)


def _stable_hash_reference(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _segment_reference(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    start: int | None = None
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = index
            continue
        if start is None:
            continue
        group = lines[start:index]
        padded = ("", *group, "")
        kinds = tuple(map(classify_line, group, padded, padded[2:]))
        blocks.append(Block(len(blocks), start, tuple(group), kinds))
        start = None
    return blocks


def _roles_reference(blocks: list[Block]) -> dict[int, int]:
    teaser: set[int] = set()
    first_text = blocks[0].lines[0].strip() if blocks else ""
    previous_headline: Block | None = None
    for position, block in enumerate(blocks):
        headline = position > 0 and any(
            text.strip() == neighbour.strip() and text.strip() != first_text
            for text, neighbour in zip(block.lines, block.lines[1:], strict=False)
        ) and is_small_block(block, _MAX_HEADLINE_BLOCK_LINES)
        lead = (previous_headline is not None and all(k is Kind.PARAGRAPH for k in block.kinds)
                and is_small_block(block))
        if headline or lead:
            teaser.update(range(block.start, block.end))
        previous_headline = block if headline else None
    paragraphs = [
        (block.start + i, text)
        for block in blocks
        for i, (text, kind) in enumerate(zip(block.lines, block.kinds, strict=True))
        if kind is Kind.PARAGRAPH and block.start + i not in teaser
    ]

    def is_prose_line(text: str) -> bool:
        return not (word_count(text) <= _MAX_NOTE_WORDS and is_self_reference(text))

    first = next((index for index, text in paragraphs if is_prose_line(text)), None)
    prose = first is not None
    if first is None:
        first, last = len(blocks), -1
    else:
        last = next(index for index, text in reversed(paragraphs) if is_prose_line(text))
    roles: dict[int, int] = {}
    for block in blocks:
        for index in range(block.start, block.end):
            if index in teaser:
                roles[index] = Role.TEASER
            elif not prose:
                roles[index] = Role.BODY
            elif index < first:
                roles[index] = Role.HEAD
            elif index > last:
                roles[index] = Role.TAIL
            else:
                roles[index] = Role.BODY
    return roles


def _context_key_reference(first: int, second: int, side: str) -> int:
    """The key of two adjacent texts by their body-space keys ("" for a missing one)."""
    mix = 0x9E3779B97F4A7C15
    return ((first * mix + second) * mix + {"before": 1, "after": 2}[side]) % 2**63


def _fingerprint_reference(name: str, lines: list[str],
                           roles: dict[int, int]) -> DocumentFingerprint:
    present = [(i, matching_norm(line)) for i, line in enumerate(lines) if line.strip()]
    norms = ["", *(norm for _, norm in present), ""]
    prints = []
    for position, (index, norm) in enumerate(present, start=1):
        role = roles.get(index, 0)
        space = matching_space(role)
        before, text, after = (_stable_hash_reference(f"{Role.BODY}\x00{neighbour}")
                               for neighbour in norms[position - 1 : position + 2])
        context = (_context_key_reference(before, text, "before"),
                   _context_key_reference(text, after, "after"))
        prints.append(LineFingerprint(index, role,
                                      _stable_hash_reference(f"{space}\x00{norm}"),
                                      sketch_keys(norm, space), norm, context,
                                      label_key(lines[index])))
    return DocumentFingerprint(name, content_hash(lines), tuple(prints))


@settings(deadline=None, max_examples=300)
@given(_DOCUMENTS)
def test_prepare_matches_definition(lines: list[str]) -> None:
    blocks = segment_document(lines)
    assert blocks == _segment_reference(lines)
    roles = assign_roles(blocks)
    assert list(roles.items()) == list(_roles_reference(blocks).items())  # keys in line order
    assert fingerprint_document("doc", lines, roles) == _fingerprint_reference("doc", lines, roles)


@given(st.text(max_size=40))
def test_stable_hash_and_label_match_definition(text: str) -> None:
    assert stable_hash(text) == _stable_hash_reference(text)
    label = leading_label.__wrapped__(text)  # the ASCII shortcut against the full test
    match = LABEL.match(unicodedata.normalize("NFKC", text))
    assert label == (match.group(1).casefold().strip() if match else None)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_words_match_definition(text: str) -> None:
    assert _words_of.__wrapped__(text) == tuple(re.findall(r"\w+", text.casefold()))


_FOOTER_UNGUARDED = re.compile(
    r"(©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|ICP备|公网安备|版权所有|"
    r"\bpublisher and editor\b|\bregister number\b|\bimpressum\b|\bprivacy policy\b|"
    r"\bterms of (use|service)\b)",
    re.IGNORECASE,
)
_FOOTER_PIECES = ("©", "(c) 2024", "(C)2024", "COPYRIGHT", "all rights reserved", "ICP备", "ıcp备",
                  "İCP备", "公网安备", "版权所有", "publisher and editor", "register number",
                  "\u0130mpressum", "privacy policy", "Terms of Use", "terms of service", "\u212a",
                  "\u017f", "x", " ", "_", "ｃopyright", "priva", "cy policy", "1")


@given(st.lists(st.sampled_from(_FOOTER_PIECES), max_size=8).map("".join))
def test_footer_guard_keeps_matches(text: str) -> None:
    assert ([(m.span(), m.groups()) for m in FOOTER.pattern.finditer(text)]
            == [(m.span(), m.groups()) for m in _FOOTER_UNGUARDED.finditer(text)])


def _classify_reference(text: str, doubled: bool) -> Kind:
    """`_classify` as first written: every rule asked of every line, regexes unguarded."""
    def ends(line: str) -> bool:
        return bool(SENTENCE_END.search(line.strip()))

    def furniture() -> Kind | None:
        if visible_length(text) > 200:
            return None
        if FOOTER.pattern.search(text):
            return Kind.FOOTER
        count = word_count(text)
        if count <= 12 and BREADCRUMB.pattern.search(text) and not ends(text):
            return Kind.NAV
        label = leading_label.__wrapped__(text)
        if label is not None and FURNITURE_LABEL.fullmatch(label) and count <= 25:
            return Kind.NOTICE
        words = max(1, count)
        for lexicon, share_needed, kind in ((SHARE, 0.5, Kind.SHARE), (NOTICE, 0.5, Kind.NOTICE)):
            share = sum(len(m.group(0)) for m in lexicon.pattern.finditer(text)) / max(1, len(text))
            if share > 0 and (words <= 3 or share >= share_needed):
                return kind
        return None

    def metadata() -> bool:
        if visible_length(text) > 160 or "://" in text or text.startswith("www."):
            return False
        if METADATA_LABEL.match(text) or LABEL_ONLY.match(text):
            return True
        return word_count(text) <= 12 and bool(DATE.search(text))

    found = furniture()
    if found is not None:
        return found
    if doubled and not metadata():
        return Kind.TEASER_HEADLINE
    if metadata():
        return Kind.METADATA
    if BULLET.match(text):
        return Kind.LIST_ITEM
    if is_tagged_headline.__wrapped__(text):
        return Kind.TEASER_HEADLINE
    prose = visible_length(text) >= 120 or (word_count(text) >= 8 and ends(text))
    return Kind.PARAGRAPH if prose else Kind.HEADING


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=3).map(" ".join), st.booleans())
def test_classify_matches_definition(text: str, doubled: bool) -> None:
    """The shortcuts (long lines, guarded lexicons, the end read backwards) change no kind."""
    text = text.strip()
    if text:
        assert _classify(text, doubled) == _classify_reference(text, doubled)


_END_PIECES = (".", "..", "!", "?", "。", "！", "？", '"', "”", "’", "»", ")", "]", "】", "』",
               "」", "a", " ", "\n", ":", "…")


@given(st.lists(st.sampled_from(_END_PIECES), max_size=8).map("".join))
def test_sentence_end_matches_pattern(text: str) -> None:
    text = text.strip()
    assert _ends_with_mark(text) == bool(SENTENCE_END.search(text))


_BREADCRUMB_PIECES = ("Home", " ", ">", "»", "›", "/", "World", "\t", "a", "Europe ")


@given(st.lists(st.sampled_from(_BREADCRUMB_PIECES), max_size=10).map("".join))
def test_breadcrumb_guard_keeps_matches(text: str) -> None:
    found = BREADCRUMB.search(text)
    assert (found and found.span()) == (BREADCRUMB.pattern.search(text) and
                                        BREADCRUMB.pattern.search(text).span())


@given(st.lists(st.sampled_from((*_LINES, "分享", "©", "版权所有", "相关新闻", "cookie", "x")),
                max_size=4).map(" ".join))
def test_furniture_prefilter_lets_every_phrase_lexicon_through(text: str) -> None:
    """FURNITURE_PHRASES rejects only lines none of FOOTER, SHARE, NOTICE may match."""
    if any(lexicon.may_match(text) for lexicon in (FOOTER, SHARE, NOTICE)):
        assert FURNITURE_PHRASES.may_match(text)
