"""A tiny corpus for the CLI tests: four articles sharing two furniture lines."""

from __future__ import annotations

from pathlib import Path

ARTICLES = [
    ("Harbour council approves new ferry terminal",
     "The harbour council voted on Tuesday to approve a new ferry terminal on the east quay, "
     "ending two years of debate.",
     "Construction is expected to begin in the spring and to cost about 40 million euros, "
     "officials said."),
    ("Storm closes mountain roads for second day",
     "Heavy snow kept three mountain passes closed on Wednesday as crews worked through the "
     "night to clear drifts.",
     "Drivers were told to avoid the northern routes until the weather service lifts its "
     "warning."),
    ("Local library extends weekend opening hours",
     "The central library will open on Sundays from next month after a petition gathered "
     "four thousand signatures.",
     "Volunteers from the reading club will staff the children's corner during the extra "
     "hours."),
    ("Football club names former player as coach",
     "The club announced on Friday that its former captain will take charge of the first "
     "team for the new season.",
     "He played more than three hundred matches for the club before retiring five years ago."),
]
SHARE = "Share this on Facebook Twitter"
FOOTER = "Copyright 2024 Example News. All rights reserved."


def article_text(i: int) -> str:
    return "\n\n".join([*ARTICLES[i], SHARE, FOOTER]) + "\n"


def clean_text(i: int) -> str:
    return "\n\n".join(ARTICLES[i]) + "\n"


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(len(ARTICLES)):
        path = folder / f"d{i}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths
