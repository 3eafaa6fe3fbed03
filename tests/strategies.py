"""Shared hypothesis strategies: corpora that look like the seeds, plus adversarial text.

A generated corpus is a few fake sites, each with several pages built the way the seeds
are: site furniture (nav, share, footer lines) around an article (title, "Source: X" or a
date line, prose paragraphs, sometimes an author bio), followed by teasers for the site's
other stories (the headline doubled with " | tag" suffixes, then a lead cut mid-sentence).
On top of that, any line may be adversarial text, and the raw text gets mixed line
endings, a BOM and trailing spaces, which normalisation must absorb.

`corpora()` returns `[(name, text), ...]` ready for `cleaner.api.clean_texts`.
"""



from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import strategies as st

_PROSE = (
    "the minister said on tuesday that new plan would cut energy costs for small firms "
    "after months of talks critics called it late and expensive while council members "
    "voted to approve budget police reported two people were injured in crash near "
    "station market rose sharply as investors welcomed figures from central bank school "
    "teachers union warned strike could begin next week unless government offers pay rise"
)
WORDS = tuple(_PROSE.split())
CITIES = ("London", "Beijing", "Köln", "São Paulo", "Kyiv", "Zürich", "Lagos", "Québec")
TAGS = ("World", "Politics", "Business", "Sport", "Kishida", "Nuclear wastewater", "US", "Japan")

# Furniture lines real scrapes carry (from the seeds and seedlike-dev).
SHARE_LINES = ("Share on Facebook", "Share this article", "Tweet", "Email", "Print",
               "Follow us on Twitter", "Copy link", "分享到：微信 微博")
NAV_LINES = ("Home | World | Business | Sport | Culture", "Skip to content",
             "News > World > Asia", "Sign up for our newsletter", "Advertisement")
FOOTER_LINES = ("© 2024 {site}. All rights reserved.", "Privacy Policy | Terms of Use",
                "Copyright {site} Media Group", "Contact us | About {site}")

# Adversarial pieces: combining marks, RTL and bidi controls, emoji with ZWJ and
# skin tones, CJK, full-width punctuation, zero-width and other control characters.
ODD_FRAGMENTS = (
    "e\u0301\u0302\u0303", "Z\u0351\u0362\u0353a\u0358\u035c\u0364l\u0350go",
    "مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "\u200f\u200e", "\u2066iso\u2069",
    "👩🏽\u200d💻", "🇺🇦", "🏳️\u200d🌈", "北京时间", "（记者）", "ｆｕｌｌｗｉｄｔｈ",
    "\u200b", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\u00ad", "\ufffd",
    "\U0001d54f\U0001d560", "ᄀᄀᄀ각", "ǅ", "İstanbul", "ß", "\u0345",
)


#: Any text a decoder can produce: every code point except lone surrogates, which
#: cannot come out of a strict decode (they are tested at the decode layer instead).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)


def make_sentence(rng: random.Random, min_words: int = 6, max_words: int = 18) -> str:
    words = rng.choices(WORDS, k=rng.randint(min_words, max_words))
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(CITIES))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def make_paragraph(rng: random.Random) -> str:
    return " ".join(make_sentence(rng) for _ in range(rng.randint(2, 5)))


def make_headline(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)} {' '.join(rng.choices(WORDS, k=rng.randint(4, 12)))}"


#: Prose comes from a seeded `random.Random`: drawing every word through hypothesis made
#: generation ten times slower than cleaning, and the words themselves are never what a
#: property is about. The structure around them (which lines, where, how often) is drawn.
rngs = st.integers(0, 2**32 - 1).map(random.Random)


@st.composite
def adversarial_lines(draw: st.DrawFn) -> str:
    """One line of hostile text (no line breaks: those are the raw text's business)."""
    kind = draw(st.sampled_from(("fragments", "any", "long_word", "long_repeat")))
    if kind == "fragments":
        line = " ".join(draw(st.lists(st.sampled_from(ODD_FRAGMENTS), min_size=1, max_size=8)))
    elif kind == "any":
        line = draw(ANY_TEXT)
    elif kind == "long_word":
        line = draw(st.sampled_from(("x", "中", "é", "🙂", "ab\u0301"))) * draw(
            st.integers(500, 5_000))
    else:
        line = make_headline(draw(rngs)).replace(" ", "") * draw(st.integers(10, 60))
    for brk in ("\r\n", "\r", "\n"):
        line = line.replace(brk, " ")
    return line


@dataclass(frozen=True, slots=True)
class Site:
    """A fake site: the furniture every page of it carries."""

    name: str
    head: tuple[str, ...]
    share: tuple[str, ...]
    footer: tuple[str, ...]
    source: str
    bio: str | None


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    meta: str | None
    body: tuple[str, ...]


SITE_NAMES = st.sampled_from(("Daily Planet", "Xinhua Net", "Der Bote", "El Diario", "Courier"))
METAS = st.sampled_from((None, "Release time:Apr 14, 2024 12:52 PM", "By Jane Doe",
                         "Published 3 hours ago", "2024-04-14 12:52 来源：新华网"))
ENDING_STYLES = st.sampled_from(("\n", "\r\n", "\r", "mixed"))
TRAILING = (" ", "\t", "  \u00a0", "\u3000")


@st.composite
def sites(draw: st.DrawFn) -> Site:
    name = draw(SITE_NAMES)
    rng = draw(rngs)
    return Site(
        name=name,
        head=tuple(rng.sample(NAV_LINES, rng.randint(0, 2))),
        share=tuple(rng.sample(SHARE_LINES, rng.randint(0, 3))),
        footer=tuple(line.format(site=name)
                     for line in rng.sample(FOOTER_LINES, rng.randint(0, 2))),
        source=rng.choice((f"Source: {name}", f"来源：{name}", f"Quelle: {name}")),
        bio=rng.choice((None, "About the author: " + make_sentence(rng, 10, 20))),
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    rng = draw(rngs)
    return Article(make_headline(rng), draw(METAS),
                   tuple(make_paragraph(rng) for _ in range(draw(st.integers(1, 4)))))


def make_teaser(rng: random.Random, article: Article) -> list[str]:
    """The seeds' fuzzy teaser: headline doubled with " | tag" suffixes, then a cut lead."""
    headline = f"{article.title} {' | '.join(rng.sample(TAGS, rng.randint(1, 3)))}"
    second = headline if rng.random() < 0.5 else f"{article.title} | {rng.choice(TAGS)}"
    lead = article.body[0].split()
    return [headline, second, "", " ".join(lead[: rng.randint(min(3, len(lead)), len(lead))])]


@st.composite
def pages(draw: st.DrawFn, site: Site, article: Article, others: Sequence[Article]) -> list[str]:
    """The lines of one page (before line endings, BOM and trailing spaces)."""
    rng = draw(rngs)
    blocks: list[list[str]] = []
    if site.head:
        blocks.append(list(site.head))
    blocks.append([article.title, article.meta] if article.meta else [article.title])
    if rng.random() < 0.5:
        blocks.append([site.source])
    blocks.extend([paragraph] for paragraph in article.body)
    if site.bio and rng.random() < 0.7:
        blocks.append([site.bio])
    if site.share:
        blocks.append(list(site.share))
    shown = rng.sample(list(others), min(len(others), rng.randint(0, 3)))
    blocks.extend(make_teaser(rng, other) for other in shown)
    if site.footer:
        blocks.append(list(site.footer))
    for line in draw(st.lists(adversarial_lines(), max_size=2)):
        blocks.insert(draw(st.integers(0, len(blocks))), [line])
    return [line for block in blocks for line in (*block, "")]


@st.composite
def raw_texts(draw: st.DrawFn, lines: list[str]) -> str:
    """Join lines the way scrapes arrive: CRLF/CR/LF (maybe mixed), maybe a BOM,
    trailing spaces and whitespace-only "blank" lines."""
    rng = draw(rngs)
    style = draw(ENDING_STYLES)
    out = []
    for line in lines:
        if line and rng.random() < 0.1:
            line += rng.choice(TRAILING)
        elif not line and rng.random() < 0.2:
            line = rng.choice(TRAILING)
        out.append(line + (rng.choice(("\n", "\r\n", "\r")) if style == "mixed" else style))
    text = "".join(out)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@st.composite
def corpora(draw: st.DrawFn, min_docs: int = 2, max_docs: int = 8) -> list[tuple[str, str]]:
    """Pages of one or two fake sites as one corpus of `(name, text)`; names are unique."""
    n_sites = draw(st.integers(1, 2))
    docs: list[tuple[str, str]] = []
    for s in range(n_sites):
        site = draw(sites())
        stories = draw(st.lists(articles(), min_size=max(1, min_docs // n_sites),
                                max_size=max(1, max_docs // n_sites)))
        for i, article in enumerate(stories):
            others = stories[:i] + stories[i + 1 :]
            text = draw(raw_texts(draw(pages(site, article, others))))
            docs.append((f"site{s}/{i:03d}.txt", text))
    return docs


@st.composite
def single_articles(draw: st.DrawFn) -> str:
    """One page's raw text (furniture and all), e.g. a wire story copied whole."""
    return draw(raw_texts(draw(pages(draw(sites()), draw(articles()), []))))


def make_corpus(rng: random.Random, count: int) -> dict[str, str]:
    """A plain (non-hypothesis) seeds-like corpus of `count` pages of one site, for CLI
    tests that need many files fast: every page carries the same furniture, so every
    page has lines to remove."""
    site = Site("Daily Planet", ("Home | World | Business | Sport | Culture",),
                ("Share on Facebook", "Tweet", "Email"),
                ("© 2024 Daily Planet. All rights reserved.",), "Source: Daily Planet", None)
    stories = [Article(make_headline(rng), "By Jane Doe",
                       tuple(make_paragraph(rng) for _ in range(rng.randint(1, 2))))
               for _ in range(count)]
    pages = {}
    for i, story in enumerate(stories):
        lines = [*site.head, "", story.title, story.meta or "", "", site.source, ""]
        for paragraph in story.body:
            lines += [paragraph, ""]
        lines += [*site.share, ""]
        for other in rng.sample(stories, 1):
            lines += [*make_teaser(rng, other), ""]
        lines += [*site.footer, ""]
        pages[f"page-{i:04d}.txt"] = "\n".join(lines)
    return pages
