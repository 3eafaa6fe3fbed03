"""The word lists and patterns that recognise kinds of lines: dates, bylines,
share/notice/footer furniture, labels, standing notes.

Each big pattern sits behind a cheap prefilter (`Lexicon`): most lines of an
article hold none of a lexicon's trigger words, and skip its regex entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_WORD = re.compile(r"\w+")


#: ASCII bytes that are not \w to spaces, letters to lower case: the words of an ASCII
#: line are then its translated bytes split on whitespace (twice as fast as the regex).
_ASCII_WORD_BYTES = bytes(byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == 95)
                          else 32 for byte in range(256)).lower()


@lru_cache(maxsize=256)
def _words_of(text: str) -> tuple[str, ...]:
    """Case-folded words of a line, in order; cached, as every lexicon asks for the same
    line. A tuple, not a set: a lexicon's `words.isdisjoint` takes any iterable, and
    hashing the words into a set of their own cost as much as finding them."""
    if text.isascii():  # casefold is lower, \w is [A-Za-z0-9_]
        return tuple(text.encode("ascii").translate(_ASCII_WORD_BYTES).decode().split())
    return tuple(_WORD.findall(text.casefold()))


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
    #: The fragments as one alternation of literals: one C-level scan of the line
    #: finds any of them.
    fragment_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    #: The phrases padded with spaces as `_token_text` pads a line: tested by C-level `in`.
    padded_phrases: tuple[str, ...] = field(init=False, repr=False, compare=False)

    #: Whether some fragment is ASCII: when none is ("©", "分享"), an ASCII line holds
    #: none of them and is not scanned for them.
    ascii_fragments: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = (re.compile("|".join(map(re.escape, self.fragments))) if self.fragments
                   else None)
        object.__setattr__(self, "fragment_pattern", pattern)
        object.__setattr__(self, "ascii_fragments", any(f.isascii() for f in self.fragments))
        object.__setattr__(self, "padded_phrases", tuple(f" {p} " for p in self.phrases))

    def may_match(self, text: str) -> bool:
        if (self.fragment_pattern is not None and (self.ascii_fragments or not text.isascii())
                and self.fragment_pattern.search(text)):
            return True
        if not self.words or self.words.isdisjoint(_words_of(text)):
            return False
        if not self.phrases:
            return True
        return any(map(_token_text(text).__contains__, self.padded_phrases))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def covered_share(self, text: str) -> float:
        """Share of the text's characters covered by the pattern's matches."""
        if not self.may_match(text):
            return 0.0
        covered = sum(len(m.group(0)) for m in self.pattern.finditer(text))
        return covered / max(1, len(text))


MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember"
)
DATE = Lexicon(
    re.compile(
        rf"(\b\d{{1,2}}(st|nd|rd|th)?[ .]+({MONTHS})\b|\b({MONTHS})\.?\s*\d{{1,2}}\b"
        r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"
        r"|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\b\d{1,2}:\d{2}\s*([ap]\.?m\b\.?|uhr\b)"
        r"|\b\d+\s+(mins?|minutes?|hours?|days?|weeks?)\s+ago\b)",
        re.IGNORECASE,
    ),
    frozenset([]),
    ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
)
METADATA_LABEL = re.compile(
    r"^\s*[(\[]?\s*(source|sources|by|posted( on| by)?|published|updated|release time|"
    r"written by|reporting by|with files from|photo|image|credit|author|authors|"
    r"quelle|von|autor|fuente|por|来源|作者|记者|发布时间|时间|编辑|文|图)\b\s*[:：]?",
    re.IGNORECASE,
)
LABEL_ONLY = re.compile(r"^[^:：]{1,40}[:：]$")
BULLET = re.compile(r"^\s*([-*•·▪►]|\d{1,3}[.)])\s+")
#: Notes a site prints about its own pages ("this story was auto-generated"):
#: furniture once they recur, however sentence-like they read.
SELF_REFERENCE = Lexicon(
    re.compile(
        # Every alternative starts at a word boundary with one of these letters, or with
        # one of these CJK characters: the guard rejects other positions at once (the same
        # matches, ~3x faster on the long paragraphs this pattern is run on).
        r"(?:\b(?=[tdasoymnicpuwv])|(?=[本转免版]))(?:"
        r"\bthis (story|article|report|post|page|content|site|website)\b|\bdisclaimer\b|"
        r"\bauto-generated\b|\bsyndicated feed\b|\bour (site|website|partners)\b|"
        r"\b(your|my) (name|e-?mail|comment)\b|\bnext time I comment\b|\bin this browser\b|"
        r"\bcookies?\b|\bnewsletter\b|\bsubscri(be|ption)\b|\bprivacy\b|\bdatenschutz\b|"
        # A standing note speaks to the reader or for the site; a bio or credit speaks of
        # a third person. (Only consulted for lines that recur across pages.)
        r"\b(you|your|we|our|us)\b|\b(sie|ihr|ihre|wir|unser|unsere)\b|"
        r"\b(vous|votre|nous|notre)\b|\b(usted|su|nuestro|nuestra|nosotros)\b|"
        r"本(站|网)|转载|免责声明|版权)",
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
LABEL = re.compile(r"^\W*([^\W\d][^:：|]{0,24}?)\s*(?:[:|]\s+|：\s*|:(?!//))\S")
#: Labels that introduce furniture whatever follows them: links to other stories,
#: tag lists, share and follow prompts, editor credits.
FURNITURE_LABEL = re.compile(
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
SHARE = Lexicon(
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
NOTICE = Lexicon(
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
FOOTER = Lexicon(
    re.compile(
        # Every alternative starts with one of these characters: the guard rejects other
        # positions at once (the same matches, twice as fast on the lines that ask).
        r"(?=[©(aciprt公版])"
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
#: The three furniture phrase lexicons' prefilters in one (no pattern of its own, only
#: `may_match`): two short lines in three hold a trigger of none of them.
FURNITURE_PHRASES = Lexicon(
    re.compile("(?!)"),
    FOOTER.words | SHARE.words | NOTICE.words,
    tuple(dict.fromkeys((*FOOTER.fragments, *SHARE.fragments, *NOTICE.fragments))),
)
TAG_SUFFIX = re.compile(r"\s\|\s")
#: "Home > World > Europe": the separators are its fragments (the regex tries every
#: position of a line; most lines hold none of them).
BREADCRUMB = Lexicon(
    re.compile(r"\S\s*[>»›/]\s*\S.*\s[>»›/]\s"),
    frozenset(),
    (">", "»", "›", "/"),
)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
