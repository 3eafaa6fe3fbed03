"""A small deterministic generator of seeds-like scrapes, with their gold.

Several sites, each with a slogan, a nav line, a share line, a footer, a "Most
read" list and a "Watch:" video line drawn from small pools, and a pool of
teasers (headline printed twice with tags, then a truncated lead) that recur
at the foot of its pages with small edits: truncation point, typos, doubled
spaces, day numbers. Traps that are content and must be kept: a recurring
"Source: X" line and a recurring author bio sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_WORDS = (
    "government", "minister", "council", "city", "report", "police", "court", "market",
    "company", "price", "water", "school", "health", "hospital", "election", "party", "leader",
    "policy", "budget", "energy", "road", "project", "village", "farmer", "river", "season",
    "team", "player", "match", "coach", "league", "record", "museum", "artist", "festival",
    "music", "film", "book", "history", "study", "research", "data", "bridge", "harbour",
    "railway", "weather", "storm", "harvest", "factory", "workers", "union", "bank", "trade",
    "export", "island", "mountain",
)
_GLUE = (
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "by",
    "on", "from", "at", "which", "after", "over",
)
_SITES = ("harbourpost", "valleytimes", "metroledger", "coastwire")
_SOURCES = ("Source: Reuters", "Source: Agencies", "Source: NHK")
_BIO = ("Maria Lopez has covered regional politics and the economy for this newspaper "
        "since 2009.")


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(_WORDS if i % 2 else _GLUE + _WORDS) for i in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


@dataclass(frozen=True)
class Site:
    name: str
    nav: str
    share: str
    footer: str
    teasers: tuple[tuple[str, str, str], ...]  # (headline, tag, lead)
    slogan: str = ""
    most_read: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()


def make_site(seed: int, index: int) -> Site:
    rng = random.Random(f"{seed}-site-{index}")
    name = _SITES[index % len(_SITES)]
    teasers = tuple(
        (" ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 10))).capitalize(),
         rng.choice(("World", "Business", "Sport", "Culture", "Climate")),
         " ".join(_sentence(rng) for _ in range(3)))
        for _ in range(12)
    )
    return Site(
        name=name,
        nav=f"Home | News | {name.title()} Opinion | Sport | Contact",
        share=rng.choice(("Share on Facebook | Share on X | Share on WhatsApp",
                          "icon-facebook icon-twitter icon-whatsapp")),
        footer=f"Copyright 2024 {name.title()} Media Group. All rights reserved.",
        teasers=teasers,
        slogan=f"{name.title()}: stories from the {rng.choice(_WORDS)} towns",
        most_read=tuple(" ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 8))).title()
                        for _ in range(10)),
        videos=tuple(" ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 7))).capitalize()
                     for _ in range(3)),
    )


def _teaser_block(rng: random.Random, teaser: tuple[str, str, str]) -> str:
    headline, tag, lead = teaser
    if rng.random() < 0.3:
        headline = _typo(rng, headline)
    if rng.random() < 0.3:
        headline = headline.replace(" ", "  ", 1)
    tags = f" | {tag}" + (" | Latest" if rng.random() < 0.3 else "")
    cut = rng.randint(len(lead) * 2 // 3, len(lead) - 1)
    lead = lead[:cut].rstrip(" .")
    return f"{headline}{tags}\n{headline}{tags}\n\n{lead}"


def make_document(seed: int, number: int, sites: int = 4) -> tuple[str, str, str]:
    """(file name, raw scrape, gold clean text) of page `number`."""
    site = make_site(seed, number % sites)
    rng = random.Random(f"{seed}-doc-{number}")
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 9))).capitalize()
    date = f"Release time: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = [_paragraph(rng) for _ in range(rng.randint(3, 6))]
    content = [title + "\n" + date, *body]
    if rng.random() < 0.4:
        content.append(rng.choice(_SOURCES))
    if rng.random() < 0.25:
        content.append("About the author:\n" + _BIO)
    teasers = [_teaser_block(rng, t) for t in rng.sample(site.teasers, rng.randint(2, 4))]
    most_read = "Most read\n" + "\n".join(rng.sample(site.most_read, 3))
    video = ["Watch: " + rng.choice(site.videos)] if rng.random() < 0.5 else []
    raw = [site.slogan, site.nav, *content, site.share, *video, most_read, *teasers,
           site.footer]
    name = f"{number:05d}_{site.name}.txt"
    return name, "\n\n".join(raw) + "\n", "\n\n".join(content) + "\n"


def generate(seed: int, docs: int, sites: int = 4) -> list[tuple[str, str, str]]:
    return [make_document(seed, n, sites) for n in range(docs)]
