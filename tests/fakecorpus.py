"""A tiny seeds-like corpus for tests: two sites, share/footer lines, fuzzy teasers.

Deterministic by seed; small enough that a whole-corpus run takes a second.
"""

from __future__ import annotations

import random
from pathlib import Path

_VOCABULARY = ("council report water market police school budget storm rail farmers talks "
         "minister officials residents announced confirmed expected according week city "
         "health energy project village court election hospital workers union data")
WORDS = _VOCABULARY.split()
SITES = {
    "harbourtimes": ("Share: Facebook | Twitter | WhatsApp | Email",
                     "© 2024 Harbour Times. All rights reserved."),
    "ridgeline": ("Share this article on social media: Facebook, X, LinkedIn",
                  "Ridgeline News is published by Ridgeline Media Ltd. Contact the newsroom."),
}


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 20))).capitalize() + "."


def _teasers(rng: random.Random) -> list[tuple[str, str]]:
    return [(" ".join(rng.choice(WORDS) for _ in range(8)).title(),
             " ".join(_sentence(rng) for _ in range(2))) for _ in range(3)]


def scrape(rng: random.Random, site: str, teasers: list[tuple[str, str]]) -> str:
    """One page: headline, date, share line, article, quoted teasers, footer."""
    share, footer = SITES[site]
    lines = [" ".join(rng.choice(WORDS) for _ in range(7)).title(), "",
             f"Published 2024-05-{rng.randint(10, 28)}", "", share, ""]
    for _ in range(rng.randint(4, 7)):
        lines += [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))), ""]
    lines += ["More from " + site.title(), ""]
    for title, lead in rng.sample(teasers, 2):
        cut = lead[: rng.randint(120, len(lead))]
        lines += [title if rng.random() < 0.7 else title.lower(), "", cut, ""]
    lines.append(footer)
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, docs: int = 30, seed: int = 0) -> list[Path]:
    """`docs` pages split over the two sites, in a folder per site."""
    rng = random.Random(seed)
    pools = {site: _teasers(rng) for site in SITES}
    paths = []
    for i in range(docs):
        site = list(SITES)[i % len(SITES)]
        path = root / site / f"{site}-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scrape(rng, site, pools[site]), encoding="utf-8")
        paths.append(path)
    return paths


def new_scrape(root: Path, name: str = "harbourtimes/harbourtimes-new.txt",
               seed: int = 99) -> Path:
    """A fresh page of the first site, written into an existing corpus."""
    rng = random.Random(0)
    pools = {site: _teasers(rng) for site in SITES}
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scrape(random.Random(seed), "harbourtimes", pools["harbourtimes"]),
                    encoding="utf-8")
    return path
