"""Generate a seeds-shaped benchmark corpus of any size, deterministically by seed.

    python bench/generate.py OUT --docs 100000 --seed 1

The corpus looks like ../shared/corpora/seedlike-dev at scale: many sites (one
folder each, about 200 pages per site), each with its template (date line,
share/nav/footer lines with small variants) and a pool of teasers that recur at
the foot of its pages with small edits (truncation point, tags, typos, day
numbers, quote style, doubled spaces); some article bodies are syndicated to a
second site. Pages are 3-10 KB of English-like prose (about 5 KB on average),
so jusText's English stoplist applies.

Every page depends only on (seed, its number), so any size from 1,000 to
1,000,000 documents is generated in one streaming pass, and the first N pages
of a larger corpus are the pages of the corpus of size N with the same sites.
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import lru_cache
from pathlib import Path

DOCS_PER_SITE = 200
TEASERS_PER_SITE = 30
#: Share of pages whose body is syndicated from another site's page.
SYNDICATED_SHARE = 0.03

_STOP_WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from "
         "at which but have an they you were her she there their one all we can has been "
         "would will more if no when so what its who also into after over than only most "
         "other some could them about these may then our new first two years")
_STOP = _STOP_WORDS.split()
_CONTENT_WORDS = (
    "government minister council city report police court market company price water "
    "school health hospital election party leader policy budget tax energy power road "
    "project village farmer river season team player match coach fans league record "
    "museum artist festival music film book author history study research scientist data "
    "climate weather storm flood rain drought crop harvest export trade bank economy "
    "growth inflation worker union strike contract law judge trial officer border "
    "army security attack peace talks agreement summit president province district mayor "
    "residents community families children students teachers university village bridge "
    "railway airport flight tourism hotel visitors beach island mountain forest wildlife "
    "species conservation plastic waste recycling solar wind battery vehicle electric "
    "technology software phone internet network platform users privacy online digital "
    "startup investors funding profit revenue shares quarter analysts forecast demand "
    "supply shortage fuel oil gas coal mining gold copper steel factory jobs wages "
    "pension insurance housing rent property construction buildings repairs damage "
    "rescue volunteers donations charity church temple festival tradition culture "
    "language heritage ceremony anniversary celebration award prize winner champion"
)
_CONTENT = _CONTENT_WORDS.split()
_TAGS_WORDS = ("Politics Business Sports Culture World Local Science Health Tech Opinion Travel "
         "Economy Education Environment Society")
_TAGS = _TAGS_WORDS.split()
_SECTIONS_WORDS = ("News World Business Sport Culture Science Opinion Travel Health Technology")
_SECTIONS = _SECTIONS_WORDS.split()
_MONTHS_WORDS = ("January February March April May June July August September October November "
           "December")
_MONTHS = _MONTHS_WORDS.split()


def _words(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(_STOP) if rng.random() < 0.45 else rng.choice(_CONTENT) for _ in range(n)]


def _sentence(rng: random.Random) -> str:
    words = _words(rng, rng.randint(8, 24))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _headline(rng: random.Random) -> str:
    return " ".join(_words(rng, rng.randint(5, 11))).title()


class Site:
    """One site's template and teaser pool, a pure function of (seed, number)."""

    def __init__(self, seed: int, number: int) -> None:
        rng = random.Random(f"{seed}:site:{number}")
        kind = rng.choice(["Times", "Post", "Daily", "News", "Herald", "Online"])
        self.name = f"{rng.choice(_CONTENT).title()} {kind}"
        self.folder = f"site-{number:05d}"
        self.style = rng.randrange(3)  # release / icon / magazine, as in the seeds
        self.share = [f"Share on Facebook {sep} Twitter {sep} WhatsApp {sep} Email"
                      for sep in ("|", "·", "/")]
        self.icons = "icon-facebook icon-twitter icon-whatsapp"
        self.nav = [f"More on {rng.choice(_SECTIONS)}", "The Latest", "Latest Magazine",
                    f"Home > {rng.choice(_SECTIONS)} > {rng.choice(_SECTIONS)}"]
        self.editor = f"{rng.choice(_CONTENT).title()} {rng.choice(_CONTENT).title()}"
        self.volume = rng.randint(3, 40)
        self.teasers = [(_headline(rng), rng.sample(_TAGS, 2), _paragraph(rng))
                        for _ in range(TEASERS_PER_SITE)]

    def footer(self, rng: random.Random) -> str:
        number = rng.randint(1, 24)
        day = rng.randint(1, 28)
        comma = rng.choice([",", " ", ", "])
        return (f"VOL. {self.volume}, No. {number}, {rng.choice(_MONTHS)[:4]}.{day:02d}, 2024 "
                f"(Bhadra{comma}{day}. 2081) Publisher and Editor: {self.editor} "
                f"Online Register Number: DOI 768/073-77")

    def teaser(self, rng: random.Random) -> list[str]:
        """A teaser from the pool with the small edits real pages show."""
        headline, tags, lead = rng.choice(self.teasers)
        if rng.random() < 0.3:
            tags = [rng.choice(_TAGS), tags[1]]
        head = f"{headline} | {tags[0]} | {tags[1]}"
        cut = rng.randint(min(90, len(lead) - 1), min(len(lead), 220))
        lead = lead[:cut].rstrip(" .!?")
        edit = rng.random()
        if edit < 0.2 and len(lead) > 20:  # a typo
            i = rng.randrange(5, len(lead) - 5)
            lead = lead[:i] + lead[i + 1] + lead[i] + lead[i + 2 :]
        elif edit < 0.35:
            lead = lead.replace(" ", "  ", 1)
        elif edit < 0.5:
            head = f'"{headline}" | {tags[0]} | {tags[1]}'
        if rng.random() < 0.1:
            lead += "【"
        return [head, head, "", lead]


@lru_cache(maxsize=4096)
def site_of(seed: int, number: int) -> Site:
    return Site(seed, number)


def make_document(seed: int, number: int, sites: int) -> tuple[str, str]:
    """(relative path, text) of page `number`."""
    rng = random.Random(f"{seed}:doc:{number}")
    site = site_of(seed, rng.randrange(sites))
    body_rng = rng
    if rng.random() < SYNDICATED_SHARE and number > 0:
        body_rng = random.Random(f"{seed}:body:{rng.randrange(number)}")
    target = rng.randint(3000, 10000) if rng.random() < 0.3 else rng.randint(3000, 6000)
    title = _headline(body_rng)
    day = rng.randint(1, 28)
    out = [title, ""]
    if site.style == 0:
        out += [f"Release time:2024-{rng.randint(1, 12):02d}-{day:02d} {rng.randint(0, 23):02d}:"
                f"{rng.randint(0, 59):02d}", ""]
    else:
        out += [f"{rng.choice(_MONTHS)} {day}, 2024, {rng.randint(1, 12)}:{rng.randint(10, 59)} "
                f"{rng.choice(['a.m.', 'p.m.'])}", ""]
    if site.style == 1:
        out += [site.icons if rng.random() < 0.7 else site.icons.replace("whatsapp", "email"), ""]
    if site.style == 2:
        out += [title, ""]
    size = sum(map(len, out))
    paragraphs = 0
    while size < target * 0.8:
        para = _paragraph(body_rng)
        out += [para, ""]
        size += len(para) + 2
        paragraphs += 1
        if paragraphs == 3 and site.style == 0 and rng.random() < 0.5:
            out += [title, ""]
    out += [rng.choice(["Source: Agencies", "Source: NHK", f"By {site.editor}"]), ""]
    if site.style == 1:
        out += [rng.choice(site.share), ""]
    if site.style == 2:
        out += [*site.nav[:3], ""]
        for _ in range(rng.randint(2, 4)):
            out += [site.footer(rng), ""]
    else:
        out += [rng.choice(site.nav), ""]
    while size < target:
        teaser = site.teaser(rng)
        out += [*teaser, ""]
        size += sum(map(len, teaser)) + 4
        if rng.random() < 0.35:
            break
    text = "\n".join(out).rstrip("\n") + "\n"
    return f"{site.folder}/{number:07d}.txt", text


def generate(out: Path, *, docs: int, seed: int) -> int:
    """Write `docs` pages under `out`; returns the bytes written."""
    sites = max(3, docs // DOCS_PER_SITE)
    total = 0
    made: set[str] = set()
    for number in range(docs):
        relative, text = make_document(seed, number, sites)
        folder = relative.split("/", 1)[0]
        if folder not in made:
            (out / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        data = text.encode("utf-8")
        (out / relative).write_bytes(data)
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create the corpus in")
    parser.add_argument("--docs", type=int, default=10_000,
                        help="number of pages (1,000-1,000,000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 1 <= args.docs <= 10_000_000:
        parser.error("--docs must be between 1 and 10,000,000")
    total = generate(args.out, docs=args.docs, seed=args.seed)
    print(f"{args.out}: {args.docs} documents, {total / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
