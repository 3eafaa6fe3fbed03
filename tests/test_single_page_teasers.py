"""Teaser boxes inside and after the article: dropped with their header, the article kept."""

from __future__ import annotations

import pytest
from test_single_page import PARAGRAPHS, english_page, kept

from cleaner.page_teasers import is_related_header
from cleaner.single_page import judge_page

HEADLINES = ["Bus drivers vote to strike over pay", "New bridge opens two years late",
             "Mayor faces questions over budget gap", "Why the tram never came back"]


def with_box(header: str, links: list[str], *, blank_after_header: bool = True) -> list[str]:
    """The English test page with a box after its second paragraph."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = [header, *([""] if blank_after_header else []), *links, ""]
    return lines


@pytest.mark.parametrize("header", ["Related Stories", "Most Popular", "Mehr zum Thema:",
                                    "Lesen Sie auch", "More in City News", "À lire aussi",
                                    "相关新闻", "Ähnliche Nachrichten",
                                    "Die meistgelesenen Artikel",
                                    "Mehr Kolumnen auf MeinMMO:", "Top Themen der Redaktion",
                                    "Verwandte Links", "Mehr zu Wärmepumpe", "Otras noticias",
                                    "NOTAS RELACIONADAS", "Weitere Beiträge zu",
                                    "Das Thema könnte dich auch interessieren:", "Schlagworte",
                                    "Kontakt:", "Etiquetas:", "MARKIERT MIT", "Quellenangaben:",
                                    "Weitere Informationen:", "Infórmate más",
                                    "Informate más", "Articles en relation", "Related Coverage",
                                    "VERWANDTE ARTIKEL MEHR VOM AUTOR", "MEISTGEKLICKTE BEITRÄGE",
                                    "Kommende Events", "Weiterführende Artikel zu diesem Thema",
                                    "Sie könnten auch an folgenden Artikeln interessiert sein",
                                    "Lo Último", "Mehr aus der Sendung",
                                    "Weitere interessante Themen", "Artigos relacionados",
                                    "Leia também", "As mais lidas", "Articoli correlati",
                                    "Meest gelezen", "Lo más leído",
                                    "Материалы по теме", "Читайте также", "Похожие статьи"])
def test_header_vocabulary(header):
    assert is_related_header(header)


@pytest.mark.parametrize("text", ["Related to this, the council said no.", "Read more about it",
                                  "What happens next", "Popular with commuters", "Download",
                                  "Kontakt zur Polizei", "Kommende Woche beginnt der Bau",
                                  "Articles of association", "Lo último que supimos"])
def test_headings_and_sentences_are_not_box_headers(text):
    assert not is_related_header(text)


@pytest.mark.parametrize("blank", [True, False])
def test_box_inside_the_article_is_dropped_and_the_article_kept(blank):
    lines = with_box("Related Stories", HEADLINES, blank_after_header=blank)
    judgement = judge_page(lines)
    kept_lines = kept(lines, judgement)
    assert not {"Related Stories", *HEADLINES} & set(kept_lines)
    assert set(PARAGRAPHS) <= set(kept_lines)
    assert judgement.verdicts[lines.index(HEADLINES[0])].reason == "teaser_box"


def test_prose_under_a_box_header_is_the_article_and_stays():
    """A subheading that happens to read like a header, over the article's own sentences."""
    advice = ["Check the timetable before you travel, because routes change in the spring.",
              "Buy a monthly pass if you ride more than twice a day, it is cheaper.",
              "Ask the driver for a transfer when you change to a night bus."]
    lines = with_box("Read more", advice, blank_after_header=False)
    kept_lines = kept(lines, judge_page(lines))
    assert set(advice) <= set(kept_lines)
    assert "Read more" not in kept_lines


def test_box_stops_at_a_line_too_long_for_a_title():
    long_note = ("More information: J. Doe et al., Bus networks and city growth, Journal of "
                 "Transport Studies 12 (2019), pages 1-20, with data from the city archive")
    lines = with_box("Explore further", [HEADLINES[0], long_note])
    kept_lines = kept(lines, judge_page(lines))
    assert long_note in kept_lines
    assert HEADLINES[0] not in kept_lines


@pytest.mark.parametrize(("line", "reason", "after"), [
    ("Sign up for Newsletters and Alerts", "newsletter", PARAGRAPHS[1]),
    ("Zum Newsletter anmelden", "newsletter", PARAGRAPHS[1]),
    ("Vorheriger Artikel", "post_navigation", PARAGRAPHS[3]),
    ("Next Post: Free scooter and motorcycle training", "post_navigation", PARAGRAPHS[3]),
    ("weiterlesen 5 Minuten", "post_navigation", PARAGRAPHS[3]),
    ("Previous article Transforming Mount Trashmore: Plans to turn eyesore into beauty spot",
     "post_link", PARAGRAPHS[3]),
    ("\u2190 Bus drivers vote to strike over pay", "post_link", PARAGRAPHS[3]),
    ("New bridge opens two years late \u2192", "post_link", PARAGRAPHS[3]),
    ("Your email address will not be published.", "comments", PARAGRAPHS[3]),
    ("Cookie settings", "footer", PARAGRAPHS[3]),
])
def test_widget_lines_are_dropped(line, reason, after):
    """Newsletter calls inside the article, navigation and forms after it."""
    lines = english_page()
    at = lines.index(after) + 2
    lines[at:at] = [line, ""]
    judgement = judge_page(lines)
    assert judgement.verdicts[at].reason == reason
    assert not judgement.verdicts[at].keep
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


@pytest.mark.parametrize("line", [
    "The council's newsletter said the first line would open in the spring.",
    "Sign up for a monthly pass at any station for ten dollars",
    "Back to the depot, the drivers waited for the first new bus.",
    "\u00abWe will strike\u00bb, the union said \u00bbon Monday\u00bb",
    "Next article of the law: the council must publish the plan within a month.",
])
def test_sentences_about_newsletters_and_navigation_words_stay(line):
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = [line, ""]
    assert judge_page(lines).verdicts[at].keep


def test_newsletter_box_inside_the_article_does_not_split_the_region():
    """A newsletter call between paragraphs is dropped, the article around it kept whole."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = ["Let our news meet your inbox.", "Sign Up", ""]
    judgement = judge_page(lines)
    start, end = judgement.region
    assert start <= lines.index(PARAGRAPHS[0]) and lines.index(PARAGRAPHS[3]) < end


def test_labelled_link_inside_the_article_is_dropped():
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = ["Read more: Why the tram never came back", ""]
    judgement = judge_page(lines)
    assert judgement.verdicts[at].reason == "teaser_box"
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


@pytest.mark.parametrize("link", ["Le puede interesar: ¿Quién paga la reconstrucción del puente?",
                                  "Czytaj też: Czy grozi nam wojna atomowa?",
                                  "Lesen Sie auch: Warum die Straßenbahn nie zurückkam."])
def test_labelled_link_with_a_question_or_sentence_title_is_dropped(link):
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = [link, ""]
    judgement = judge_page(lines)
    assert judgement.verdicts[at].reason == "teaser_box"
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


def test_bare_more_label_before_a_sentence_stays():
    lines = english_page()
    at = lines.index(PARAGRAPHS[1]) + 2
    lines[at:at] = ["More: the council will vote on the plan next week.", ""]
    judgement = judge_page(lines)
    assert judgement.verdicts[at].keep


@pytest.mark.parametrize("bio", [
    ["About the author", "Jane Doe", "Jane Doe has covered city hall since 2015 and writes "
     "about transport and housing."],
    ["Jane Doe is a reporter at the City Gazette and covers transport and housing."],
    ["Schreibt seit 2008 für die Gazette. Beschäftigt sich mit Verkehr und Wohnen."],
])
def test_author_bio_at_the_article_tail_stays(bio):
    """An author's bio is content, even below the article (some golds drop author boxes;
    the corpora newsclean is built for keep them)."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[3]) + 2
    lines[at:at] = [part for line in bio for part in (line, "")]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert all(verdicts[line].keep for line in bio[-1:])
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


def test_a_source_introduced_by_name_early_in_the_article_stays():
    lines = english_page()
    at = lines.index(PARAGRAPHS[1])
    quote = "Jane Doe is a professor at the university and has studied bus networks for years."
    lines[at:at] = [quote, ""]
    judgement = judge_page(lines)
    assert dict(zip(lines, judgement.verdicts, strict=True))[quote].keep


@pytest.mark.parametrize("header", ["MORE STORIES LIKE THIS ONE", "Most read in world news",
                                    "Top stories in Nation", "Most read stories",
                                    "Most Popular Today"])
def test_header_vocabulary_with_a_section(header):
    assert is_related_header(header)


def test_box_with_blank_separated_entries_is_dropped_whole():
    """Title, date, title, date with blank lines between: the box runs past its first block."""
    entries = [HEADLINES[0], "", "May 15, 2017", "", HEADLINES[1], "", "AUTO NEWS", "",
               HEADLINES[2], "", HEADLINES[3], "", "October 19, 2018"]
    lines = with_box("More stories like this one", entries)
    at = lines.index(PARAGRAPHS[2]) + 1
    lines[at:at] = [line for p in PARAGRAPHS for line in ("", p)]  # a longer article
    kept_lines = kept(lines, judge_page(lines))
    assert not set(HEADLINES) & set(kept_lines)
    assert set(PARAGRAPHS) <= set(kept_lines)


def test_blank_separated_box_leaves_the_subheading_over_resumed_prose():
    """The last short line before prose may be the article's next subheading: it stays."""
    entries = [HEADLINES[0], "", HEADLINES[1], "", HEADLINES[2]]
    lines = with_box("Related Stories", entries)  # the page's "What happens next" follows
    kept_lines = kept(lines, judge_page(lines))
    assert "What happens next" in kept_lines
    assert HEADLINES[1] not in kept_lines
    assert set(PARAGRAPHS) <= set(kept_lines)


def test_generic_header_takes_only_its_own_block():
    """'Weitere Informationen' may head the article's own facts: nothing past a blank goes."""
    facts = ["Eintritt: 5 Euro", "", "Öffnungszeiten: täglich 10 bis 18 Uhr", "",
             "Anfahrt mit der Buslinie 12"]
    lines = with_box("Weitere Informationen", facts)
    kept_lines = kept(lines, judge_page(lines))
    assert {"Öffnungszeiten: täglich 10 bis 18 Uhr", "Anfahrt mit der Buslinie 12"} <= set(
        kept_lines)


def test_blank_separated_box_runs_past_tabloid_titles_ending_in_quotes():
    """Kicker, title ending in a single quote, kicker, title: titles, not the article's prose."""
    titles = ["Star denies claims he 'avoids the press & can't sweat'",
              "Fans say they've spotted the singer in a '120-year-old pic'",
              "Mum demands clothes labels be 'scrapped at once'"]
    entries = ["RANDY ANDY", "", titles[0], "", "TIME TRAVELLER", "", titles[1], "",
               "GET WITH THE PROGRAM", "", titles[2]]
    lines = with_box("Most read in world news", entries)
    at = lines.index(PARAGRAPHS[2]) + 1
    lines[at:at] = [line for p in PARAGRAPHS for line in ("", p)]  # a longer article
    kept_lines = kept(lines, judge_page(lines))
    assert not set(titles[:2]) & set(kept_lines)
    assert set(PARAGRAPHS) <= set(kept_lines)


@pytest.mark.parametrize("label", ["More:", "More On:"])
def test_bare_more_label_over_titles_is_a_teaser_box(label):
    """"More:" standing alone over blank-separated titles heads a box of links inside the
    article; the paragraphs around it stay."""
    titles = ["The New Space Race", "", "Two patients diagnosed with plague in China", "",
              "Origin of Black Death plague traced to Russia", ""]
    lines = english_page()
    at = lines.index(PARAGRAPHS[2])
    lines[at:at] = [label, "", *titles]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts[label].reason == "teaser_box"
    assert verdicts["The New Space Race"].reason == "teaser_box"
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


def test_more_as_a_subheading_or_a_sentence_stays():
    """Without its colon "More" is a heading like any other; "More on the plan:" announces
    the article's own text."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[2])
    lines[at:at] = ["More", "", "More on the plan: the council will vote next week.", ""]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts["More"].keep
    assert verdicts["More on the plan: the council will vote next week."].keep
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))
