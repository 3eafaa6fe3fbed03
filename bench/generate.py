"""A small deterministic generator of seeds-shaped scraped news corpora.

Each site has a template (share line, footer, "Related" teasers drawn from a pool of
the site's own stories, quoted with small edits and cut at different points) around
an article of a few prose paragraphs. Documents are 3-10 KB, like ../seeds/input.
Used by bench/precommit_bench.py and by tests; the same seed gives the same bytes.

    python bench/generate.py OUT --docs 200 --seed 1
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_VOCABULARY = (
    "the of and to in a is that for on was with as by at from has have said will are "
    "government minister report week city council police market company year people "
    "officials water school price election court plan project health energy trade "
    "local national new former public state local economy workers union hospital "
    "investigation budget rail road village bank climate storm farmers exports talks "
    "agreement ministry spokesperson statement tuesday monday friday june july august "
    "announced confirmed expected reported increased reduced launched opened closed "
    "according officials residents analysts experts sources data survey figures"
)
_WORDS = tuple(_VOCABULARY.split())
_SITES = ("dailyplanet", "metrowire", "coastherald", "valleypost", "northgazette")


def sentence(rng: random.Random, low: int = 9, high: int = 22) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def headline(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 11))).title()


def fuzz_text(rng: random.Random, text: str) -> str:
    """A teaser as another page quotes it: a typo, a changed word, another cut."""
    words = text.split()
    edit = rng.randrange(4)
    if edit == 0 and len(words) > 3:
        i = rng.randrange(len(words))
        words[i] = words[i][:-1] or words[i]
    elif edit == 1:
        words[rng.randrange(len(words))] = rng.choice(_WORDS)
    elif edit == 2 and len(words) > 8:
        words = words[: len(words) - rng.randint(1, 3)]
    return " ".join(words)


class Site:
    def __init__(self, name: str, rng: random.Random) -> None:
        self.name = name
        self.share = f"Share this: Facebook | Twitter | WhatsApp | Email | {name.title()}"
        self.footer = f"© 2024 {name.title()} Media Group. All rights reserved."
        self.follow = f"Follow {name.title()} on social media for the latest news"
        self.stories = [(headline(rng), paragraph(rng)) for _ in range(12)]


def document(site: Site, rng: random.Random) -> str:
    lines = [headline(rng), "", f"Published: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} "
             f"{rng.randint(10, 23)}:{rng.randint(10, 59)}", "", site.share, ""]
    for _ in range(rng.randint(4, 11)):
        lines += [paragraph(rng), ""]
    lines += [site.follow, "", "Related news", ""]
    for title, lead in rng.sample(site.stories, rng.randint(2, 5)):
        lead = fuzz_text(rng, lead[: rng.randint(180, 400)])
        lines += [fuzz_text(rng, title), "", lead, ""]
    lines.append(site.footer)
    return "\n".join(lines) + "\n"


def generate_corpus(root: Path, docs: int, *, seed: int = 0, sites: int = 3,
                    per_site_folders: bool = True) -> list[Path]:
    """Write `docs` documents under `root` (site sub-folders unless told not); their paths."""
    rng = random.Random(seed)
    site_list = [Site(name, rng) for name in _SITES[:sites]]
    paths = []
    for i in range(docs):
        site = site_list[i % len(site_list)]
        folder = root / site.name if per_site_folders else root
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{site.name}_{i:05d}.txt"
        path.write_text(document(site, rng), encoding="utf-8")
        paths.append(path)
    return paths


def generate(out: Path, *, docs: int, seed: int) -> int:
    """The benchmark's entry point: `docs` documents over three sites; how many written."""
    return len(generate_corpus(out, docs, seed=seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sites", type=int, default=3)
    args = parser.parse_args(argv)
    generate_corpus(args.out, args.docs, seed=args.seed, sites=args.sites)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
