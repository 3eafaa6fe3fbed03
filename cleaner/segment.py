"""Segment a normalised document into blocks and give each line a kind.

Kinds come from the line's own text and its immediate neighbours only; what
recurs across the corpus is the near-duplicate detector's business, and the
final keep/drop is `decide`'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cleaner.model import Block, Kind

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def _words_of(text: str) -> frozenset[str]:
    """Case-folded words of a line; cached, as every lexicon asks for the same line."""
    return frozenset(_WORD.findall(text.casefold()))


@lru_cache(maxsize=64)
def _token_text(text: str) -> str:
    """Case-folded words of a line joined by single spaces, padded, for phrase tests."""
    return f" {' '.join(_WORD.findall(text.casefold()))} "


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A phrase pattern behind a cheap prefilter: the regex (dozens of alternatives,
    slow on every line) runs only when the line holds one of its trigger words or
    fragments, which every alternative of the pattern contains."""

    pattern: re.Pattern[str]
    words: frozenset[str]
    fragments: tuple[str, ...] = ()
    #: When given, one of these word sequences must occur too (a trigger word such
    #: as "more" or "next" is common; "read more" or "next post" is not).
    phrases: tuple[str, ...] = ()

    def may_match(self, text: str) -> bool:
        if any(fragment in text for fragment in self.fragments):
            return True
        if self.words.isdisjoint(_words_of(text)):
            return False
        if not self.phrases:
            return True
        tokens = _token_text(text)
        return any(f" {phrase} " in tokens for phrase in self.phrases)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def covered_share(self, text: str) -> float:
        """Share of the text's characters covered by the pattern's matches."""
        if not self.may_match(text):
            return 0.0
        covered = sum(len(m.group(0)) for m in self.pattern.finditer(text))
        return covered / max(1, len(text))


_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember"
)
_DATE = Lexicon(
    re.compile(
        rf"(\b\d{{1,2}}(st|nd|rd|th)?[ .]+({_MONTHS})\b|\b({_MONTHS})\.?\s*\d{{1,2}}\b"
        r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"
        r"|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\b\d{1,2}:\d{2}\s*([ap]\.?m\b\.?|uhr\b)"
        r"|\b\d+\s+(mins?|minutes?|hours?|days?|weeks?)\s+ago\b)",
        re.IGNORECASE,
    ),
    frozenset([]),
    ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
)
_METADATA_LABEL = re.compile(
    r"^\s*[(\[]?\s*(source|sources|by|posted( on| by)?|published|updated|release time|"
    r"written by|reporting by|with files from|photo|image|credit|author|authors|"
    r"quelle|von|autor|fuente|por|来源|作者|记者|发布时间|时间|编辑|文|图)\b\s*[:：]?",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(r"^[^:：]{1,40}[:：]$")
_BULLET = re.compile(r"^\s*([-*•·▪►]|\d{1,3}[.)])\s+")
#: A sentence ends in . ! ? (not "..."), possibly inside closing quotes or brackets;
#: "Watch: headline (1:10)" does not.
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?。！？][\"”’»)\]】』」]*$")
#: Notes a site prints about its own pages ("this story was auto-generated"):
#: furniture once they recur, however sentence-like they read.
_SELF_REFERENCE = Lexicon(
    re.compile(
        r"\bthis (story|article|report|post|page|content|site|website)\b|\bdisclaimer\b|"
        r"\bauto-generated\b|\bsyndicated feed\b|\bour (site|website|partners)\b|"
        r"\b(your|my) (name|e-?mail|comment)\b|\bnext time I comment\b|\bin this browser\b|"
        r"\bcookies?\b|\bnewsletter\b|\bsubscri(be|ption)\b|\bprivacy\b|\bdatenschutz\b|"
        # A standing note speaks to the reader or for the site; a bio or credit speaks of
        # a third person. (Only consulted for lines that recur across pages.)
        r"\b(you|your|we|our|us)\b|\b(sie|ihr|ihre|wir|unser|unsere)\b|"
        r"\b(vous|votre|nous|notre)\b|\b(usted|su|nuestro|nuestra|nosotros)\b|"
        r"本(站|网)|转载|免责声明|版权",
        re.IGNORECASE,
    ),
    frozenset(
        [
            "auto",
            "cookie",
            "cookies",
            "datenschutz",
            "disclaimer",
            "ihr",
            "ihre",
            "my",
            "newsletter",
            "next",
            "nosotros",
            "notre",
            "nous",
            "nuestra",
            "nuestro",
            "our",
            "privacy",
            "sie",
            "su",
            "subscribe",
            "subscription",
            "syndicated",
            "this",
            "unser",
            "unsere",
            "us",
            "usted",
            "votre",
            "vous",
            "we",
            "wir",
            "you",
            "your",
        ]
    ),
    ("本站", "本网", "转载", "免责声明", "版权"),
)
#: "Label: rest" at the start of a line ("Watch: …", "Tags: …", "上一篇：…"); a URL's
#: "http://" is not a label.
_LABEL = re.compile(r"^\W*([^\W\d][^:：|]{0,24}?)\s*(?:[:|]\s+|：\s*|:(?!//))\S")
#: Labels that introduce furniture whatever follows them: links to other stories,
#: tag lists, share and follow prompts, editor credits.
_FURNITURE_LABEL = re.compile(
    r"related( posts| articles| stories| news| content)?|read (more|also|next)|see also|"
    r"more (on this|news|stories)|also read|tags?|share( this)?|"
    r"follow us|watch( more)?|advertisement|sponsored|"
    r"lesen sie (auch|mehr)|mehr zum thema|weitere artikel|schlagwörter|"
    r"(à )?lire (aussi|plus)|voir aussi|lee (también|más)|leer más|ver también|"
    r"上一篇|下一篇|相关(阅读|新闻|文章|链接)|延伸阅读|推荐阅读|标签|责任编辑",
    re.IGNORECASE,
)

#: Short phrases that are site furniture in any page (share widgets, notices,
#: footers). A line is furniture when such a phrase is most of it.
_SHARE = Lexicon(
    re.compile(
        r"\b(share( this| on| via)?|tweet|whatsapp|facebook|twitter|linkedin|pinterest|telegram|"
        r"reddit|e-?mail|print|icon-\w+|follow (us|\w+ \w+ on)|opens in new window|"
        r"copy link|teilen|drucken|分享|扫一扫|微信|微博|手机看新闻)\b",
        re.IGNORECASE,
    ),
    frozenset(
        [
            "copy",
            "drucken",
            "e",
            "email",
            "facebook",
            "follow",
            "icon",
            "linkedin",
            "mail",
            "opens",
            "pinterest",
            "print",
            "reddit",
            "share",
            "teilen",
            "telegram",
            "tweet",
            "twitter",
            "whatsapp",
        ]
    ),
    ("分享", "扫一扫", "微信", "微博", "手机看新闻"),
)
_NOTICE = Lexicon(
    re.compile(
        r"(\bcookies?\b|\bnewsletter\b|\bsubscribe\b|\bsign up\b|\blog ?in\b|\bskip to\b|"
        r"\badvertisement\b|\bsponsored\b|\bleave a reply\b|\bcomments? (are )?closed\b|"
        r"\bpost comment\b|\bpost navigation\b|\b(previous|next) (post|article|story)\b|"
        r"\blike this\b|\bloading\.\.\.|\bbloggers like this\b|\bread more\b|"
        r"\brelated( posts| articles| stories| news)?$|"
        r"\bmore on\b|\bthe latest\b|\blatest (headlines|news|magazine)\b|\beditor'?s'? picks\b|"
        r"\btags?:|\bview all posts\b|\byour email address will not be published\b|"
        r"上一篇|下一篇|打印|关闭窗口|字号|热点推荐|相关(新闻|阅读|文章)|返回(首页|顶部)|责任编辑)",
        re.IGNORECASE,
    ),
    frozenset(
        [
            "advertisement",
            "bloggers",
            "comment",
            "comments",
            "cookie",
            "cookies",
            "editor",
            "editors",
            "latest",
            "leave",
            "like",
            "loading",
            "log",
            "login",
            "more",
            "newsletter",
            "next",
            "post",
            "previous",
            "read",
            "related",
            "sign",
            "skip",
            "sponsored",
            "subscribe",
            "tag",
            "tags",
            "view",
            "your",
        ]
    ),
    ("上一篇", "下一篇", "打印", "关闭窗口", "字号", "热点推荐", "相关", "返回", "责任编辑"),
    (
        "cookie",
        "cookies",
        "newsletter",
        "subscribe",
        "sign up",
        "log in",
        "login",
        "skip to",
        "advertisement",
        "sponsored",
        "leave a reply",
        "comments closed",
        "comment closed",
        "comments are closed",
        "comment is closed",
        "post comment",
        "post navigation",
        "previous post",
        "previous article",
        "previous story",
        "next post",
        "next article",
        "next story",
        "like this",
        "loading",
        "read more",
        "related",
        "more on",
        "the latest",
        "latest headlines",
        "latest news",
        "latest magazine",
        "editor s picks",
        "editors picks",
        "editor picks",
        "tag",
        "tags",
        "view all posts",
        "your email address",
    ),
)
_FOOTER = Lexicon(
    re.compile(
        r"(©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|ICP备|公网安备|版权所有|"
        r"\bpublisher and editor\b|\bregister number\b|\bimpressum\b|\bprivacy policy\b|"
        r"\bterms of (use|service)\b)",
        re.IGNORECASE,
    ),
    frozenset(
        ["c", "copyright", "impressum", "privacy", "publisher", "register", "rights", "terms"]
    ),
    ("©", "ICP备", "公网安备", "版权所有"),
)
_TAG_SUFFIX = re.compile(r"\s\|\s")
_BREADCRUMB = re.compile(r"\S\s*[>»›/]\s*\S.*\s[>»›/]\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def visible_length(line: str) -> int:
    """Length in 'word-equivalents' of characters: CJK counts double (no spaces)."""
    return len(line) + len(_CJK.findall(line))


def word_count(line: str) -> int:
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A sentence-like line: long, or several words ending in sentence punctuation."""
    length = visible_length(line.strip())
    return length >= 120 or (word_count(line) >= 8 and bool(_SENTENCE_END.search(line.strip())))


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))


def is_self_reference(line: str) -> bool:
    """A note about the page or site itself rather than about the story."""
    return bool(_SELF_REFERENCE.search(line))


def is_metadata(line: str) -> bool:
    """Date, byline, source or credit line: content even when it recurs."""
    text = line.strip()
    if visible_length(text) > 160 or "://" in text or text.startswith("www."):
        return False
    if _METADATA_LABEL.match(text) or _LABEL_ONLY.match(text):
        return True
    return bool(_DATE.search(text)) and word_count(text) <= 12


def leading_label(line: str) -> str | None:
    """The "Label" of a "Label: rest" line, case- and width-folded, or None."""
    match = _LABEL.match(unicodedata.normalize("NFKC", line))
    return match.group(1).casefold().strip() if match else None


def furniture_kind(line: str, *, recurring: bool = False) -> Kind | None:
    """SHARE / NOTICE / FOOTER / NAV when a furniture phrase dominates a short line.

    A line seen only on this page must be mostly furniture phrase ("Share this",
    "Advertisement"); one that also recurs across the site may carry more words
    around the phrase ("Follow Harbour City TV on Facebook, X and TikTok").
    """
    text = line.strip()
    if visible_length(text) > 200:
        return None
    if _FOOTER.search(text):
        return Kind.FOOTER
    if _BREADCRUMB.search(text) and word_count(text) <= 12 and not ends_sentence(text):
        return Kind.NAV
    label = leading_label(text)
    if label is not None and _FURNITURE_LABEL.fullmatch(label) and word_count(text) <= 25:
        return Kind.NOTICE
    words = max(1, word_count(text))
    short = 4 if recurring else 3
    share = _SHARE.covered_share(text)
    if _SHARE.search(text) and (words <= short or share >= (0.25 if recurring else 0.5)):
        return Kind.SHARE
    notice = _NOTICE.covered_share(text)
    if _NOTICE.search(text) and (words <= short or notice >= (0.3 if recurring else 0.5)):
        return Kind.NOTICE
    return None


def is_tagged_headline(line: str) -> bool:
    """'Headline | tag | tag': a teaser headline as the seeds' sites print them."""
    parts = _TAG_SUFFIX.split(line.strip())
    return len(parts) >= 2 and all(0 < word_count(p) <= 6 for p in parts[1:])


def classify_line(line: str, previous: str, following: str) -> Kind:
    """Kind of a line from its text and its neighbours within the block."""
    text = line.strip()
    furniture = furniture_kind(text)
    if furniture is not None:
        return furniture
    if text in (previous.strip(), following.strip()) and not is_metadata(text):
        return Kind.TEASER_HEADLINE
    if is_metadata(text):
        return Kind.METADATA
    if _BULLET.match(text):
        return Kind.LIST_ITEM
    if is_tagged_headline(text):
        return Kind.TEASER_HEADLINE
    if is_prose(text):
        return Kind.PARAGRAPH
    return Kind.HEADING


def segment_document(lines: Sequence[str]) -> list[Block]:
    """Blocks of non-blank lines, each line with its kind."""
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
        kinds = tuple(
            classify_line(
                text,
                group[i - 1] if i > 0 else "",
                group[i + 1] if i + 1 < len(group) else "",
            )
            for i, text in enumerate(group)
        )
        blocks.append(Block(len(blocks), start, tuple(group), kinds))
        start = None
    return blocks


#: Standing notes ("This story was auto-generated …", comment-form lines) are short;
#: a longer paragraph is article prose whatever pronouns it uses.
_MAX_NOTE_WORDS = 40


class Role:
    """Where a line sits in its page; recurrence is only counted between equal roles.

    A headline teased at the foot of other pages is this page's title: counting
    it only against other titles (HEAD) keeps it from looking like a teaser.
    """

    HEAD = 1
    BODY = 2
    TAIL = 3
    TEASER = 4


def assign_roles(blocks: Sequence[Block]) -> dict[int, int]:
    """Role of every non-blank line, keyed by line index (pure, page-local)."""
    teaser: set[int] = set()
    first_text = blocks[0].lines[0].strip() if blocks else ""
    previous_headline: Block | None = None
    for position, block in enumerate(blocks):
        headline = position > 0 and any(
            text.strip() == neighbour.strip() and text.strip() != first_text
            for text, neighbour in zip(block.lines, block.lines[1:], strict=False)
        )
        lead = previous_headline is not None and all(k is Kind.PARAGRAPH for k in block.kinds)
        if headline or lead:
            teaser.update(range(block.start, block.end))
        previous_headline = block if headline else None
    prose = [
        block.start + i
        for block in blocks
        for i, (text, kind) in enumerate(zip(block.lines, block.kinds, strict=True))
        if kind is Kind.PARAGRAPH
        and block.start + i not in teaser
        and not (word_count(text) <= _MAX_NOTE_WORDS and is_self_reference(text))
    ]
    first, last = (prose[0], prose[-1]) if prose else (len(blocks), -1)
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
