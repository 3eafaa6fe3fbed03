"""cleaner.decide, through the library API: one test per rule and per kind of trap."""

from __future__ import annotations

from cleaner.api import clean_texts
from cleaner.model import Rule
from cleaner.options import Options
from tests.sample_corpus import BODIES, SHARE, TEASERS, sample_corpus


def _results(docs: dict[str, str], options: Options | None = None):
    return {r.name: r for r in clean_texts(sorted(docs.items()), options or Options())}


def _rules(result) -> dict[str, Rule]:
    return {d.text: d.rule for d in result.removed}


def test_teasers_are_removed_with_doubled_headline_and_lead_rules() -> None:
    result = _results(sample_corpus())["release/00.txt"]
    removed = _rules(result)
    headline, lead = TEASERS[0]
    assert removed[headline] is Rule.DOUBLED_HEADLINE
    assert removed[lead] is Rule.TEASER_LEAD
    assert headline not in result.text


def test_recurring_share_line_is_furniture() -> None:
    result = _results(sample_corpus())["icon/00.txt"]
    assert _rules(result)[SHARE] is Rule.BOILERPLATE_PHRASE
    assert SHARE not in result.text


def test_article_and_metadata_are_kept() -> None:
    results = _results(sample_corpus())
    text = results["release/01.txt"].text
    assert "Release time:Jun 2, 2023 10:01 AM" in text
    assert "Source: NHK" in text  # recurs on every page of the site: still content
    assert "Rescue teams used boats" in text


def test_repeated_title_is_removed_but_title_kept() -> None:
    page = "A Day At The Harbour\n\nA Day At The Harbour\n\nMay 13, 2023, 8:09 a.m.\n\n" + (
        "The harbour was busy all day long as ferries came and went in the bright sun.\n\n"
        "Fishermen sold their catch on the quay while tourists watched from the cafes.\n"
    )
    (result,) = clean_texts([("a.txt", page)])
    assert result.text.startswith("A Day At The Harbour\n\nMay 13")
    assert [d.rule for d in result.removed] == [Rule.REPEATED_TITLE]


def test_title_cased_first_sentence_is_not_a_repeated_title() -> None:
    page = ("Let's Quickly Recap What We Covered\n\nPosted on 2 May 2021 by Ann Lee\n\n"
            "Let's quickly recap what we covered:\n\n"
            "First, we looked at the harbour and the ferries that come and go every hour.\n")
    (result,) = clean_texts([("a.txt", page)])
    assert not result.removed


def test_near_duplicate_lines_across_pages_are_removed_with_score() -> None:
    docs = {}
    for number, body in enumerate(sample_corpus().values()):
        if number < 6:
            docs[f"{number}.txt"] = body + (
                f"\n\nFollow the Daily Planet on Facebook, X and Instagram{' ' * (number % 2)}"
                f"{'!' if number % 3 else ''}\n"
            )
    result = _results(docs)["0.txt"]
    decision = next(d for d in result.removed if d.text.startswith("Follow the Daily Planet"))
    assert decision.doc_count >= 3
    assert decision.rule in (Rule.BOILERPLATE_PHRASE, Rule.RECURRING_TEMPLATE,
                             Rule.NEAR_DUP_TEASER)


def test_template_label_slot_is_removed() -> None:
    docs = {}
    for number, body in enumerate(sample_corpus().values()):
        lines = body.split("\n")
        lines.insert(6, f"Watch: video number {number} about something else entirely")
        lines.insert(7, "")
        docs[f"{number:02d}.txt"] = "\n".join(lines)
    result = _results(docs, Options(min_docs_for_template_label=5))["03.txt"]
    assert "Watch: video number 3" not in result.text


def test_syndicated_document_is_kept_whole_in_both_copies() -> None:
    docs = sample_corpus()
    docs["copy/00.txt"] = docs["icon/00.txt"]
    results = _results(docs)
    assert results["copy/00.txt"].text == results["icon/00.txt"].text
    assert "The coach said" not in results["icon/00.txt"].text  # other body, sanity
    assert results["icon/00.txt"].text.count("\n") > 5


def test_syndicated_body_under_two_templates_is_kept() -> None:
    docs = sample_corpus()
    results = _results(docs)
    body = "The city council approved the new budget on Tuesday after a long debate about schools."
    assert body in results["release/00.txt"].text
    assert body in results["icon/00.txt"].text


def test_quote_of_a_teaser_inside_an_article_is_kept() -> None:
    docs = sample_corpus()
    quote = TEASERS[1][1][:120].rsplit(" ", 1)[0] + "."
    page = docs["release/02.txt"].split("\n")
    page.insert(6, f'As an earlier report put it: "{quote}"')
    page.insert(7, "")
    docs["release/02.txt"] = "\n".join(page)
    assert "As an earlier report put it" in _results(docs)["release/02.txt"].text


def test_teased_elsewhere_article_keeps_its_title_and_first_paragraph() -> None:
    docs = sample_corpus()
    headline, lead = TEASERS[2]
    docs["icon/99.txt"] = "\n".join([
        headline.split(" | ")[0], "", "Mon Jun 9 2023", "", lead, "",
        "Airline bosses said talks with the unions would resume early next week in the capital.",
        "", "Passengers were told to check the status of their flight before leaving home.",
    ])
    text = _results(docs)["icon/99.txt"].text
    assert text.startswith(headline.split(" | ")[0])
    assert lead in text


def test_list_of_short_lines_between_furniture_is_kept() -> None:
    docs = sample_corpus()
    docs["icon/50.txt"] = "\n".join([
        "Top ten films of the year", "", "Mon Jun 9 2023", SHARE, "",
        "1) The Long Road", "2) Blue Harbour", "3) Night Train", "4) The Quiet Year", "",
        SHARE,
    ])
    text = _results(docs)["icon/50.txt"].text
    assert "3) Night Train" in text
    assert SHARE not in text


def test_user_overrides_decide_first() -> None:
    options = Options(keep_patterns=(r"^icon-facebook",), drop_patterns=(r"^Source: ",))
    result = _results(sample_corpus(), options)["release/00.txt"]
    assert "Source: NHK" not in result.text
    assert _rules(result)["Source: NHK"] is Rule.USER_DROP
    icon = _results(sample_corpus(), options)["icon/00.txt"]
    assert SHARE in icon.text


def test_every_removal_is_explained() -> None:
    for result in _results(sample_corpus()).values():
        for decision in result.removed:
            assert decision.rule not in (Rule.CONTENT, Rule.USER_KEEP)
            assert decision.text.strip()


def test_title_is_the_line_whose_byline_leads_into_the_article() -> None:
    docs = {}
    for number, body in enumerate(BODIES):
        docs[f"{number:02d}.txt"] = "\n\n".join([
            "TRENDING NOW", f"Markets rally on May {number + 1} as rates hold",
            body[0].split(" ", 6)[-1], "By Mary Jones | March 4, 2024", *body,
        ])
    result = _results(docs)["03.txt"]
    title = next(d for d in result.decisions if d.kind == "title")
    assert title.text == BODIES[3][0].split(" ", 6)[-1]
    assert "TRENDING NOW" not in result.text


def test_related_list_whose_leads_are_whole_sentences_is_removed_but_bio_kept() -> None:
    related = [
        ("Harbour ferries return to the old timetable", "Ferries will again leave every hour "
         "from the harbour, the operator said after a summer of complaints from commuters."),
        ("Library reopens after two years of repairs", "The central library opened its doors "
         "on Saturday with a new reading room and a cafe on the roof terrace."),
        ("Farmers warn of a poor apple harvest", "Late frost in April damaged the blossom in "
         "most orchards of the valley, growers told the regional council this week."),
    ]
    bio = "Ann Lee is a staff writer based in Leeds who covers transport and local politics."
    docs = {}
    for place in ("Leeds", "York"):
        for number, body in enumerate(BODIES):
            paragraphs = [f"In {place}, {p[0].lower()}{p[1:]}" for p in body]
            lines = [paragraphs[0][:50], "Mon Jun 5 2023", *paragraphs, bio, "Related news"]
            for headline, lead in (related[number % 3], related[(number + 1) % 3]):
                lines += [headline, lead]
            docs[f"{place}{number}.txt"] = "\n\n".join(lines)
    text = _results(docs)["York2.txt"].text
    assert bio in text
    assert "Related news" not in text
    assert not any(headline in text or lead in text for headline, lead in related)


def test_drop_is_final_when_corpus_and_page_agree() -> None:
    """Corpus evidence (a non-final near-duplicate drop) plus the page judge's drop cannot be
    re-kept by the context pass; without the judge the verdict stays revisable."""
    from cleaner.context import Label, Verdict
    from cleaner.decide import with_page_judgement
    from cleaner.single_page import LineVerdict

    corpus = Verdict(Label.BAD, Rule.NEAR_DUP_TEASER)
    both = with_page_judgement(corpus, LineVerdict(False, "link_list", 0.1))
    assert both.final and both.rule is Rule.NEAR_DUP_TEASER
    assert not with_page_judgement(corpus, LineVerdict(True, "article_region", 0.9)).final
    assert not with_page_judgement(corpus, None).final


def test_headline_anchor_is_the_title_and_the_page_title_line_a_repeat() -> None:
    """An html-text scrape starts with its <title> ("Headline | Site"); when the judge finds the
    headline printed again below the site head, that headline is the title (kept) and the
    <title> line is dropped as a repeat of it, with its reason."""
    from tests.test_single_page import FOOTER, MENU, PARAGRAPHS

    page = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "",
            "Council Approves Bus Expansion", "", *PARAGRAPHS, "", *FOOTER]
    result = _results({"page.txt": "\n".join(page) + "\n"})["page.txt"]
    removed = {d.text: d for d in result.removed}
    assert removed[page[0]].rule is Rule.REPEATED_TITLE
    assert removed[page[0]].detail == "title_repeated"
    title = next(d for d in result.decisions if d.text == "Council Approves Bus Expansion")
    assert title.keep and title.detail == "title"


def test_widget_label_recurring_as_metadata_yields_to_the_judge() -> None:
    """A recurring label line ("Mehr zum Thema:") kept as metadata is dropped when the judge
    names the widget it heads; a plain 'outside the article' verdict does not overturn it."""
    from cleaner.context import Label, Verdict
    from cleaner.decide import with_page_judgement
    from cleaner.single_page import LineVerdict

    kept = Verdict(Label.NEUTRAL, Rule.RECURRING_CONTENT_KEPT, detail="metadata")
    widget = with_page_judgement(kept, LineVerdict(False, "teaser_box", 0.2))
    assert widget.label is Label.BAD and widget.detail == "teaser_box"
    assert with_page_judgement(kept, LineVerdict(False, "outside_article_short", 0.2)) == kept


_HEADLINES = ["Harbour ferries return to the old timetable",
              "Library reopens after two years of repairs", "Farmers warn of a poor apple harvest",
              "Opening bell for the markets on Monday", "Storm closes the coastal road for a day"]
_VIDEOS = ["Watch: 2020 Audi e tron Sportback revealed as electric 4 door coupe",
           "Watch: Emirates orders thirty new jets (0:47)"]


def _broadcast_page(number: int, title: str, body: list[str]) -> str:
    """A broadcaster's page: a video teaser and an ad label between the paragraphs, then
    a list of other headlines, each with its age."""
    headlines = ["Latest headlines"]
    for k in range(3):
        headlines += [_HEADLINES[(number + k) % len(_HEADLINES)], f"{k + 2} hours ago"]
    return "\n\n".join([
        "Skip to content", title, f"Posted Fri {number + 1} Dec 2019 at 6:52am", *body[:2],
        _VIDEOS[number % 2], *body[2:-1], "Advertisement", body[-1], "\n".join(headlines),
        "Follow us on Facebook, X and TikTok"])


def test_syndicated_list_with_a_video_teaser_and_an_ad_between_its_lines_is_kept() -> None:
    """A short list-like body shared by a few pages of other sites (recurring lines, one a
    whole sentence), with "Watch: …" and "Advertisement" inserted between its lines: two lone
    insertions in an article, not a furniture run that cuts the article's start off."""
    meal = ("Asparagus and Eggs [1 cup asparagus, 2 poached eggs, ½ cup sweet potato "
            "(or 1 slice whole-grain toast), 1 tsp. olive oil]")
    portion = "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp."
    tip = "Pro tip: Get more pre-workout meal ideas here!"
    docs = {f"tv/{number}.txt": _broadcast_page(
                number, f"In Harbour City, {body[0][:40]}",
                [f"In Harbour City, {p[0].lower()}{p[1:]}" for p in body])
            for number, body in enumerate(BODIES)}
    docs["tv/recipe.txt"] = _broadcast_page(7, "Eat 60 Minutes Before Your Workout",
                                            ["Pre-Workout Meal", meal, portion, tip])
    docs["agency/recipe.txt"] = "\n\n".join([
        "Eat 60 Minutes Before Your Workout", "August 22, 2024 11:53 PM UTC",
        "NEW DELHI, August 22 (CPA) - Pre-Workout Meal", meal, portion, tip, "Tags: Health, US"])
    docs["blog/plan-b.txt"] = "\n\n".join([
        "Nighttime Supplement", "Posted on 28 April 2024 by Priya Zhou", "30 minutes before bed",
        "Meal Prep Menu for Eating Plan B", meal, "Share this:\nClick to share on X"])
    docs["blog/plan-d.txt"] = "\n\n".join([
        "Tomato Cucumber Salad", "Posted on 3 June 2024 by Jonas Kowalski",
        "Meal Prep Menu for Eating Plan D", meal, portion,
        "Asian Chicken Zoodles [1 cup zucchini noodles, 8 oz. cooked chicken]",
        "Share this:\nClick to share on X"])
    text = _results(docs)["tv/recipe.txt"].text
    for line in ("Pre-Workout Meal", meal, portion, tip):
        assert line in text
    assert "Advertisement" not in text and "Watch:" not in text
    assert not any(headline in text for headline in _HEADLINES)


def test_headline_that_carries_on_the_page_title_is_not_a_template_slot() -> None:
    """'Column | Headline' as the title, then the full headline 'Column | Headline, and more'
    under the date: the column label opens teasers of this article on many pages, yet here
    it is the page's own headline, and kept; the teasers elsewhere still go."""
    column = "Mayors This Week | Whipping the horse on to spring"
    docs = {}
    for number, body in enumerate(BODIES):
        docs[f"{number:02d}.txt"] = "\n\n".join([
            "Home > News > Article", body[0][:45], f"Published: 2021-08-{number + 10:02d} 18:12",
            *body, "Hot picks", f"{column[:40]}...  10-0{number + 1}", "[Print] [Close window]"])
    full = f"{column}, the tiger's strength carries us all forward"
    docs["title.txt"] = "\n\n".join([
        "Home > News > Article", column, "Published: 2021-08-20 18:12", full,
        "2022-02-13 20:04:17", "Spring tide rising",
        "The first working week after the new year was busy in every city of the province.",
        "Big projects broke ground while the cities cut red tape for small firms.",
        "Hot picks", "[Print] [Close window]"])
    results = _results(docs, Options(min_docs_for_template_label=5))
    text = results["title.txt"].text
    assert text.startswith(column) and full in text
    assert "Hot picks" not in text
    assert "Mayors This Week" not in results["03.txt"].text
