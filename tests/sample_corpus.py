"""A small, readable seeds-like corpus for tests: two sites, recurring fuzzy
teasers, share lines, and the traps that must be kept.

Built by hand (not random) so that each test can name the exact line it expects
kept or dropped.
"""

from __future__ import annotations

BODIES = [
    [
        "The city council approved the new budget on Tuesday after a long debate about schools.",
        "Council members said the plan would add two hundred teachers over the next three years.",
        "Opponents argued that the tax increase would hurt small businesses in the old town.",
    ],
    [
        "Heavy rain flooded the river valley overnight, forcing hundreds of families to leave.",
        "Rescue teams used boats to reach villages cut off by the water on Wednesday morning.",
        "Forecasters expect the river to fall slowly over the weekend as the storm moves east.",
    ],
    [
        "The national team won the final in extra time, ending a wait of twenty-four years.",
        "Fans filled the main square until dawn, singing and waving flags from every balcony.",
        "The coach said the victory belonged to the players who had never stopped believing.",
    ],
    [
        "Scientists have found a new species of frog in the cloud forests of the high mountains.",
        "The bright orange animal is smaller than a thumbnail and sings only after heavy rain.",
        "Researchers warn that logging threatens the small area where the frog was discovered.",
    ],
    [
        "The central bank kept interest rates unchanged, citing slowing inflation in the spring.",
        "Analysts had expected the decision, although some had hoped for a cut before summer.",
        "The governor said the bank would watch wages and energy prices closely this year.",
    ],
    [
        "A new bridge across the bay opened to traffic on Monday after six years of construction.",
        "The crossing cuts the journey between the two largest towns from an hour to ten minutes.",
        "Engineers designed the bridge to withstand strong earthquakes and winds of great speed.",
    ],
]

TEASERS = [
    ("Mayor unveils plan for new tram line | City | Transport",
     "The mayor presented a plan on Monday for a tram line linking the harbour with the "
     "university, a project that has been discussed for more than a decade and that"),
    ("Museum returns stolen paintings to owners | Culture",
     "Three paintings stolen forty years ago were returned to the family of their owner at a "
     "small ceremony in the museum, after investigators traced them to an auction house"),
    ("Airport strike cancels hundreds of flights | Travel | Economy",
     "Hundreds of flights were cancelled on Friday as ground staff walked out over pay, "
     "leaving thousands of passengers stranded in the terminals during the busiest week"),
]

SHARE = "icon-facebook icon-twitter icon-whatsapp"


def teaser_block(index: int, variant: int) -> list[str]:
    """A teaser as the 'release' layout prints it: headline twice, blank, truncated lead;
    `variant` makes small edits (another truncation point, a typo, doubled spaces)."""
    headline, lead = TEASERS[index % len(TEASERS)]
    if variant % 3 == 1:
        lead = lead[: len(lead) - 25].rstrip()
    elif variant % 3 == 2:
        headline = headline.replace(" new ", "  new ").replace("owners", "ownres")
    return [headline, headline, "", lead, ""]


def release_page(number: int, body: list[str], title: str | None = None) -> str:
    title = title or body[0].split(",")[0].rstrip(".")
    lines = [title, "", f"Release time:Jun {number + 1}, 2023 10:0{number % 10} AM", ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += ["Source: NHK", ""]
    for k in range(3):
        lines += teaser_block(number + k, number + k)
    return "\n".join(lines)


def icon_page(number: int, body: list[str]) -> str:
    title = body[0].split(",")[0].rstrip(".")
    lines = [title, "", f"Mon Jun {number + 1} 2023", SHARE, ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += [SHARE]
    return "\n".join(lines)


def sample_corpus() -> dict[str, str]:
    """Name -> text: six 'release' pages and six 'icon' pages."""
    docs = {}
    for number, body in enumerate(BODIES):
        docs[f"release/{number:02d}.txt"] = release_page(number, body)
        docs[f"icon/{number:02d}.txt"] = icon_page(number, list(reversed(body)))
    return docs
