
"""Behaviour of the single-page judge on small hand-made pages."""

from __future__ import annotations

import dataclasses

from cleaner import single_page
from cleaner.language import detect_languages
from cleaner.single_page import (
    DEFAULT_SINGLE_PAGE_OPTIONS,
    LineVerdict,
    PageJudgement,
    judge_page,
)

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network, a decision that officials "
    "said would bring service to neighbourhoods that have been without it for more than a decade.",
    "Supporters of the plan argued that the new routes would help workers who cannot afford a car, "
    "while critics said the cost of the project had not been explained to the public in detail.",
    "The mayor said that the first of the new lines would open in the spring and that the rest "
    "would follow over the next two years, depending on the delivery of the new vehicles.",
    "Residents who spoke at the meeting were mostly in favour, although several of them asked "
    "whether the buses would run late enough in the evening to be useful for shift workers.",
]
MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Weather", "Video"]
FOOTER = ["About us", "Contact", "Careers", "Advertise", "Privacy", "Terms", "Help", "Sitemap",
          "Newsroom", "Archive", "Podcasts", "Events", "Shop", "Jobs", "Apps", "RSS", "Awards",
          "Corrections", "Accessibility", "Staff"]


def english_page() -> list[str]:
    """Menu, title, byline, body with a subheading and a caption, then a long site footer."""
    return [
        *MENU, "",
        "Council Approves Bus Expansion", "",
        "By Jane Doe, city reporter", "",
        PARAGRAPHS[0], "",
        PARAGRAPHS[1], "",
        "What happens next", "",
        PARAGRAPHS[2], "",
        "The new buses at the depot on Monday.", "",
        PARAGRAPHS[3], "",
        "Source: City Gazette", "",
        *FOOTER,
    ]


def kept(lines: list[str], judgement: PageJudgement) -> list[str]:
    return [line for line, v in zip(lines, judgement.verdicts, strict=True) if v.keep and line]


def test_nav_menu_above_article_is_dropped():
    lines = english_page()
    judgement = judge_page(lines)
    assert judgement.confident
    for i, line in enumerate(MENU):
        assert lines[i] == line
        assert judgement.verdicts[i] == LineVerdict(False, "nav_menu_run",
                                                    judgement.verdicts[i].score)
    assert not set(FOOTER) & set(kept(lines, judgement))


def test_article_lines_and_short_lines_inside_body_are_kept():
    lines = english_page()
    judgement = judge_page(lines)
    for line in [*PARAGRAPHS, "What happens next", "The new buses at the depot on Monday.",
                 "Council Approves Bus Expansion", "By Jane Doe, city reporter",
                 "Source: City Gazette"]:
        assert judgement.verdicts[lines.index(line)].keep, line
    start, end = judgement.region
    assert start <= lines.index(PARAGRAPHS[0]) and lines.index(PARAGRAPHS[3]) < end
    assert judgement.verdicts[lines.index("What happens next")].reason == "article_region"


def test_one_verdict_per_line_and_blank_lines_kept():
    lines = english_page()
    judgement = judge_page(lines)
    assert len(judgement.verdicts) == len(lines)
    assert all(v.keep for line, v in zip(lines, judgement.verdicts, strict=True) if not line)
    assert all(0.0 <= v.score <= 1.0 for v in judgement.verdicts)


def test_page_without_article_region_keeps_everything():
    lines = [*MENU, "", *FOOTER, "", "Copyright 2024 Example Media"]
    judgement = judge_page(lines)
    assert not judgement.confident
    assert judgement.region is None
    assert all(v.keep and v.reason in {"no_confident_region", "too_little_chrome", "blank"}
               for v in judgement.verdicts)


def test_article_without_page_chrome_keeps_everything():
    """A bare article with a short list after it: too little chrome to judge the list."""
    lines = [PARAGRAPHS[0], "", PARAGRAPHS[1], "", "Key points", "- Ford", "- Senate", "- Budget"]
    judgement = judge_page(lines)
    assert not judgement.confident
    assert kept(lines, judgement) == [line for line in lines if line]


def test_share_and_cookie_lines_are_dropped_even_next_to_the_article():
    lines = english_page()
    at = lines.index(PARAGRAPHS[3]) + 1
    lines[at:at] = ["", "Click to share on Facebook (Opens in new window)",
                    "We use cookies to improve your experience on our website."]
    judgement = judge_page(lines)
    assert judgement.verdicts[at + 1] == LineVerdict(False, "share_or_cookie",
                                                     judgement.verdicts[at + 1].score)
    assert not judgement.verdicts[at + 2].keep
    assert judgement.verdicts[lines.index("Source: City Gazette")].keep


def test_chinese_page_without_spaces():
    body = [
        "市政府周二宣布扩大公交网络，官员表示这一决定将使十多年来没有公交服务的社区重新通车。",
        "支持者认为新线路将帮助买不起汽车的工人，而批评者则表示项目的费用没有向公众详细说明。",
        "市长说第一条新线路将在春季开通，其余线路将在未来两年内陆续开通，具体取决于新车的交付。",
        "在会上发言的居民大多表示支持，但也有几位居民询问公交车是否会运行到足够晚，以方便轮班工人。",
    ]
    menu = ["首页", "新闻", "国际", "财经", "体育", "娱乐", "科技", "汽车"]
    lines = [*menu, "", "公交网络扩建获批", "", "发布时间：2024年03月01日", "",
             *[p for para in body for p in (para, "")], "来源：城市日报", "",
             *[f"热点{i}" for i in range(20)]]
    judgement = judge_page(lines)
    assert judgement.language == "zh"
    assert judgement.confident
    kept_lines = kept(lines, judgement)
    assert set(body) <= set(kept_lines)
    assert {"公交网络扩建获批", "发布时间：2024年03月01日", "来源：城市日报"} <= set(kept_lines)
    assert not set(menu) & set(kept_lines)


GERMAN = ("Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, und die "
          "Verwaltung erwartet, dass die ersten Linien schon im Frühjahr fahren werden.")


def test_language_detection():
    assert judge_page([*MENU, "", GERMAN, "", GERMAN, "", *FOOTER]).language == "de"
    assert judge_page(english_page()).language == "en"


def test_language_vote_uses_only_the_longest_lines():
    english = [f"{PARAGRAPHS[0][:60]} {i}" for i in range(10)]
    options = {"min_letters": 20, "min_probability": 0.5, "min_share": 0.2,
               "sample_line_chars": 400}
    assert detect_languages([*english, GERMAN, GERMAN], sample_lines=2, **options) == ("de",)
    assert detect_languages(["12:00", "Home"], sample_lines=6, **options) == ()


def test_page_without_chrome_is_not_judged_and_skips_language_detection(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("language detection ran")

    monkeypatch.setattr(single_page, "detect_languages", fail)
    lines = [GERMAN, "", GERMAN, "", "Key points", "- Ford"]
    judgement = judge_page(lines)
    assert not judgement.confident
    assert judgement.language == "und"
    assert {v.reason for v in judgement.verdicts} == {"too_little_chrome", "blank"}


def test_judgement_is_deterministic_and_options_are_used():
    lines = english_page()
    assert judge_page(lines) == judge_page(list(lines))
    strict = dataclasses.replace(DEFAULT_SINGLE_PAGE_OPTIONS, min_chrome_lines=10_000)
    assert not judge_page(lines, options=strict).confident


def test_one_sentence_paragraphs_form_the_article_region():
    """News written one short sentence per paragraph (60-150 characters) is still the region,
    not the long legal footer under it."""
    sentences = [
        "The hunter was admitted to hospital on Saturday with a high fever.",
        "Health officials said that the risk of the disease spreading was low.",
        "He had eaten the meat of a wild rabbit in the region early this month.",
        "Twenty people who were in close contact with him are in quarantine.",
        "The last major outbreak in the country was reported ten years ago.",
        "Doctors said that the disease can be treated with common antibiotics.",
        "The city's health authority will publish an update later in the week.",
    ]
    legal = ("Our journalists strive for accuracy but on occasion we make mistakes, and for "
             "further details of our complaints policy and to make a complaint please click "
             "this link to the page where the whole of the policy is set out in full.")
    lines = [*MENU, "", PARAGRAPHS[0], "", PARAGRAPHS[1], "", PARAGRAPHS[2], "",
             *[p for s in sentences for p in (s, "")], *FOOTER, "", legal, "", legal]
    judgement = judge_page(lines)
    assert judgement.confident
    start, end = judgement.region
    assert start <= lines.index(sentences[0]) and lines.index(sentences[-1]) < end
    assert set(sentences) <= set(kept(lines, judgement))


def test_title_anchor_drops_the_head_and_keeps_everything_under_the_headline():
    """html-text scrapes open with the <title>; the article starts where it is printed again.
    Under the headline only a picture's credit line goes (a widget wherever it stands)."""
    teaser = ("Opinion: why the new stadium plan will cost the city far more than anyone has "
              "admitted so far, and what the council should do about it before it is too late.")
    standfirst = ["Routes to reach", "eastern districts", "by spring", "Photo: J. Doe",
                  "Updated 10:42", "2 min read", "Listen to this article"]
    lines = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "", teaser, "",
             "Council approves bus expansion", "", *[p for s in standfirst for p in (s, "")],
             *[p for para in PARAGRAPHS for p in (para, "")], *FOOTER]
    judgement = judge_page(lines)
    assert judgement.confident
    assert judgement.verdicts[lines.index(teaser)] == LineVerdict(
        False, "above_title", judgement.verdicts[lines.index(teaser)].score)
    assert not set(MENU) & set(kept(lines, judgement))
    assert {"Council approves bus expansion", *standfirst, *PARAGRAPHS} - {"Photo: J. Doe"} <= set(
        kept(lines, judgement))
    assert judgement.verdicts[lines.index("Photo: J. Doe")].reason == "image_credit"


def test_title_anchor_cuts_the_head_of_a_list_shaped_article():
    """No prose region (a calendar), yet the headline repeat still marks the article start."""
    rounds = [f"Round {n}: {n % 28 + 1} March, Interlagos" for n in range(1, 31)]
    lines = ["Stock Car Calendar 2018 | Autoracing", "", *MENU, "", *FOOTER, "",
             "Stock Car Calendar 2018", "", *rounds, "", "Share this on WhatsApp"]
    judgement = judge_page(lines)
    assert judgement.region == (lines.index("Stock Car Calendar 2018"), len(lines))
    # The share line is an unmistakable widget: it goes even without a prose region.
    assert kept(lines, judgement) == [lines[0], "Stock Car Calendar 2018", *rounds]


def test_title_repeated_late_is_a_teaser_not_an_anchor():
    lines = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "",
             *[p for para in PARAGRAPHS for p in (para, "")], *FOOTER, "",
             "Council approves bus expansion"]
    assert single_page.find_title_anchor(lines, DEFAULT_SINGLE_PAGE_OPTIONS) is None


COMMENT_TEXT = ("I have been saying this for years and nobody listens: the buses are always late "
                "and the council never does anything about it, so why would this be different?")


def test_comment_authors_end_the_article_even_inside_the_dense_region():
    comments = [line for n in range(4) for line in (f"reader{n} says:", "May 2, 2024 at 6:34 am",
                                                    "", COMMENT_TEXT, "")]
    lines = [*MENU, "", *[p for para in PARAGRAPHS for p in (para, "")],
             "Permalink 4 Comments Back to top", "", *comments, *FOOTER]
    judgement = judge_page(lines)
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))
    assert not {COMMENT_TEXT, "reader0 says:", "Permalink 4 Comments Back to top"} & set(
        kept(lines, judgement))


def test_comment_form_ends_the_article_inside_the_dense_region():
    """Teaser leads under the comment widget can pull the dense region past it; a comment form
    line ("blog comments powered by Disqus") ends the article wherever it is."""
    leads = [COMMENT_TEXT.replace("bus", f"tram {n}") * 2 for n in range(4)]
    lines = [*MENU, "", *[p for para in PARAGRAPHS for p in (para, "")],
             "blog comments powered by Disqus", "", *[p for lead in leads for p in (lead, "")],
             *FOOTER]
    judgement = judge_page(lines)
    kept_lines = kept(lines, judgement)
    assert set(PARAGRAPHS) <= set(kept_lines)
    assert not set(leads) & set(kept_lines)


SHARE_BAR = ["Share this:", "", "Click to share on Facebook (Opens in new window)",
             "Click to share on Twitter (Opens in new window)",
             "Click to email this to a friend (Opens in new window)",
             "Click to print (Opens in new window)", ""]


def test_long_comment_thread_does_not_take_the_region_from_a_short_article():
    """A share bar cuts a short article off from a long thread, which is then the densest
    run: the headline anchors the article, which runs to the comment section's opening."""
    thread = [line for n in range(8) for line in (
        f"reader{n} says:", "November 19, 2019 at 6:34 am", "", COMMENT_TEXT * 2, "")]
    lines = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "",
             "Council Approves Bus Expansion", "", "By Jane Doe", "",
             *[p for para in PARAGRAPHS[:3] for p in (para, "")], *SHARE_BAR,
             "Permalink 8 Comments Back to top", "", *thread, *FOOTER]
    judgement = judge_page(lines)
    kept_lines = kept(lines, judgement)
    assert set(PARAGRAPHS[:3]) <= set(kept_lines)
    assert not {COMMENT_TEXT * 2, "reader3 says:"} & set(kept_lines)


def test_article_opening_the_region_keeps_it_though_comments_follow():
    """A sidebar line naming the comments feed above the article does not make the region, which
    opens with the article's paragraphs, a comment section."""
    thread = [line for n in range(3) for line in (f"reader{n} says:", "", COMMENT_TEXT, "")]
    lines = ["Council Approves Bus Expansion | City Gazette", "", "Council Approves Bus Expansion",
             "", PARAGRAPHS[0], "", PARAGRAPHS[1], "", *MENU, "", "Entries feed",
             "Comments feed", "", *[p for para in PARAGRAPHS for p in (para, "")], *thread,
             *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(PARAGRAPHS) <= set(kept_lines)


LEADS = [f"Officials in district {n} said on Monday that the new timetable would bring more "
         f"buses to the outer estates, where residents had waited for years for a better service."
         for n in range(8)]


def test_teaser_leads_over_age_stamps_below_the_footer_are_dropped():
    """A feed under the article (title, lead, "25M ago"): its leads score as paragraphs and
    outweigh a short article, yet they are not the article resumed."""
    feed = [line for n, lead in enumerate(LEADS) for line in (
        f"Teaser title number {n}", "", lead, "", f"{n + 1}H ago", "")]
    lines = [*english_page()[:-len(FOOTER)], "\u00a9 2019 City Gazette. All Rights Reserved.",
             "", *feed, *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(PARAGRAPHS) <= set(kept_lines)
    assert not set(LEADS) & set(kept_lines)


def test_long_text_below_a_closer_without_age_stamps_stays():
    """Without the feed's age stamps the same text may be the article's continuation."""
    rest = [line for lead in LEADS for line in (lead, "")]
    lines = [*english_page()[:-len(FOOTER)], "\u00a9 2019 City Gazette. All Rights Reserved.",
             "", *rest, *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(PARAGRAPHS) | set(LEADS) <= set(kept_lines)


def test_comment_counter_in_the_byline_does_not_end_the_article():
    lines = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "",
             "Council approves bus expansion", "", "By Jane Doe | 3 Comments", "",
             *[p for para in PARAGRAPHS for p in (para, "")], *FOOTER]
    assert set(PARAGRAPHS) <= set(kept(lines, judge_page(lines)))


def test_dated_comment_counter_after_a_teaser_lead_does_not_end_the_article():
    """Prose above the byline (a notification prompt, a teaser's lead) has been seen, yet a count
    on a line with the date and time is the byline's counter, not the comment section."""
    prompt = ("Dürfen wir Sie in Ihrem Browser über die wichtigsten Nachrichten informieren? Sie "
              "erhalten dann regelmäßig Mitteilungen über die neuesten Artikel der Redaktion, "
              "die Sie jederzeit wieder abbestellen können, wie es hier üblich ist.")
    lines = [*MENU, "", prompt, "", prompt, "", "Council approves bus expansion", "",
             "27.04.2020 - 18:50 Uhr 3 Kommentare", "",
             *[p for para in PARAGRAPHS for p in (para, "")], *FOOTER]
    assert set(PARAGRAPHS) <= set(kept(lines, judge_page(lines)))


def test_everything_below_a_clear_page_footer_is_dropped():
    """A sentence-like 'about the site' blurb under the copyright line scores as prose, yet the
    page footer has been reached: it goes, with its own reason."""
    blurb = ("We are an independent newsroom that has been reporting on the city and its people "
             "since 1999, and we rely on the support of our readers, who can reach us at any time "
             "with their questions and with the stories that they think we should tell.")
    lines = [*english_page(), "", "© 2024 City Gazette. All rights reserved.", "", blurb]
    judgement = judge_page(lines)
    assert judgement.verdicts[lines.index(blurb)] == LineVerdict(
        False, "after_page_footer", judgement.verdicts[lines.index(blurb)].score)
    assert all(p in kept(lines, judgement) for p in PARAGRAPHS)


def test_photo_credit_and_legal_heading_do_not_end_the_article():
    """A caption with a © credit is not the page footer, nor a footer word with prose under it."""
    credit = "The new buses at the depot on Monday, seen from the north © City Gazette / J. Doe"
    lines = [*MENU, "", "Council Approves Bus Expansion", "", PARAGRAPHS[0], "", PARAGRAPHS[1],
             "", credit, "", PARAGRAPHS[2], "", "Datenschutz", "", PARAGRAPHS[3], "", *FOOTER]
    judgement = judge_page(lines)
    assert all(p in kept(lines, judgement) for p in PARAGRAPHS)


def test_story_leads_in_the_region_above_the_headline_are_dropped():
    """A ticker of long story leads above the headline joins the dense region; the headline
    (the <title> printed again) anchors the article, so the leads above it go."""
    leads = [f"Story {n} headline goes here NEW DELHI: officials said on Monday that the plan "
             f"number {n} would be reviewed by the committee before the end of the year." for n in
             range(6)]
    lines = ["Council Approves Bus Expansion | City Gazette", "", *MENU, "", *leads, "",
             "Council Approves Bus Expansion", "", *PARAGRAPHS, "", *FOOTER]
    judgement = judge_page(lines)
    assert judgement.anchor is not None
    for lead in leads:
        assert judgement.verdicts[lines.index(lead)].reason == "above_title"
    assert all(p in kept(lines, judgement) for p in PARAGRAPHS)


def test_outside_paragraphs_after_a_teaser_box_are_not_the_article():
    """Below the article a teaser box closes it; a high-scoring paragraph after it (a bio, a
    site blurb) is not kept for its score alone. Image credits do not close the article."""
    blurb = ("Jane Doe has covered the city council for the Gazette since 2015 and writes about "
             "transport, housing and the budget, which she says are the stories that matter most.")
    lines = [*english_page()[:-len(FOOTER)], "Image copyright Reuters", "", "Related stories",
             "Bus fares rise again", "New tram line opens", "Mayor under fire", "", blurb, "",
             *FOOTER]
    judgement = judge_page(lines)
    assert judgement.verdicts[lines.index(blurb)].reason == "after_article_end"
    assert all(p in kept(lines, judgement) for p in PARAGRAPHS)


def test_closer_before_more_text_than_the_region_holds_drops_nothing():
    """When more prose lies below the closer than in the region, the region is a fragment of a
    long page: the paragraphs below stay."""
    lines = [*english_page()[:-len(FOOTER)], "Related stories", "Bus fares rise again",
             "New tram line opens", "", *[p + " More." for p in PARAGRAPHS * 2], "", *FOOTER]
    judgement = judge_page(lines)
    assert all(v.reason != "after_article_end" for v in judgement.verdicts)


def test_page_without_region_still_drops_unmistakable_widgets():
    """No confident region (little prose), yet a cookie notice and a newsletter call are
    dropped; every other line stays."""
    cookie = "We use cookies to improve your experience on our website."
    lines = [*MENU, *FOOTER, "", "A short note.", "", cookie, "", "Sign up for our newsletter"]
    judgement = judge_page(lines)
    assert judgement.region is None
    dropped = {lines[i] for i, v in enumerate(judgement.verdicts) if not v.keep}
    assert dropped == {cookie, "Sign up for our newsletter"}


def test_credited_photo_caption_inside_the_article_stays():
    """Captions are content, credit or not (some golds leave them out; ours keep them)."""
    lines = english_page()
    caption = "The new buses at the depot on Monday. Photo: Jane Doe/Reuters"
    lines[lines.index("The new buses at the depot on Monday.")] = caption
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts[caption].keep
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


def test_caption_without_credit_and_sentences_about_photos_stay():
    lines = english_page()
    sentence = "The mayor said the photo of the depot was taken by a resident: it went viral."
    at = lines.index(PARAGRAPHS[2])
    lines[at:at] = [sentence, ""]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts[sentence].keep
    assert verdicts["The new buses at the depot on Monday."].keep


def test_kicker_headline_below_the_article_is_a_teaser_and_the_source_line_stays():
    lines = english_page()
    at = lines.index("Source: City Gazette") + 2
    teaser = "Transport: Tram plans shelved for another decade"
    lines[at:at] = [teaser, ""]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert not verdicts[teaser].keep
    assert verdicts["Source: City Gazette"].keep
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


LICENCE = ("Unless otherwise stated, the content of this page is licensed under Creative Commons "
           "Attribution-ShareAlike 3.0 License")


def list_shaped_page(*tail: str) -> list[str]:
    """An article with a long list inside it: short lines enough to be judged, too few outside
    the article for a confident region."""
    steps = [f"Step {n}: check the bus" for n in range(1, 21)]
    return [*MENU, "", PARAGRAPHS[0], "", *steps, "", PARAGRAPHS[1], "", PARAGRAPHS[2], "",
            *tail]


def test_page_without_region_drops_post_links_and_the_legal_lines_at_its_end():
    post = "Previous article Transforming Mount Trashmore: Plans to turn eyesore into beauty spot"
    lines = list_shaped_page(post, "",
                             "Next post \u2192", "", LICENCE, "", "Diese Seite wurde zuletzt am "
                             "29. Januar 2020 um 13:22 Uhr geändert.")
    judgement = judge_page(lines)
    assert judgement.region is None
    dropped = {lines[i]: v.reason for i, v in enumerate(judgement.verdicts) if not v.keep}
    assert dropped == {post: "post_link",
                       "Next post \u2192": "post_navigation", LICENCE: "footer",
                       lines[-1]: "footer"}


def test_page_without_region_keeps_legal_words_above_its_text():
    """"Datenschutz" as a heading, a licence note before the article: text follows them."""
    lines = list_shaped_page()
    lines[len(MENU) + 1:len(MENU) + 1] = ["Datenschutz", "", LICENCE, ""]
    judgement = judge_page(lines)
    assert judgement.region is None
    assert all(v.keep for v in judgement.verdicts)


def test_page_without_region_leaves_a_header_over_short_lines_alone():
    # Without a confident region the judge removes nothing on its own: a generic header over a
    # column of short lines may be a teaser box, or the fact list of a list-shaped article.
    facts = ["Opening hours from nine to five", "Entry free for children under twelve"]
    advice = ["Check the timetable before you travel, because routes change in the spring.",
              "Buy a monthly pass if you ride more than twice a day, it is cheaper."]
    lines = list_shaped_page(*advice, "", "Weitere Informationen", "", *facts)
    judgement = judge_page(lines)
    assert judgement.region is None
    assert all(v.keep for v in judgement.verdicts)


def page_ending_with(line: str, after: list[str]) -> list[str]:
    """The English test page with ``line`` after the last paragraph, then ``after``."""
    lines = english_page()
    at = lines.index(PARAGRAPHS[3]) + 2
    lines[at:at] = [line, "", *after, ""]
    return lines


def test_heading_of_the_link_list_below_the_article_goes_with_the_list():
    lines = page_ending_with("Our network and partners", FOOTER[:8])
    judgement = judge_page(lines)
    assert "Our network and partners" not in kept(lines, judgement)
    assert set(PARAGRAPHS) <= set(kept(lines, judgement))


def test_table_heading_labels_and_headings_over_a_share_bar_stay():
    table = ["North 1,204 votes", "South 980 votes", "East 1,511 votes", "West 877 votes",
             "Centre 2,031 votes", "Harbour 640 votes"]
    share = ["Share this:", "Click to share on X (Opens in new window)",
             "Click to share on Facebook (Opens in new window)",
             "Click to share on Reddit (Opens in new window)",
             "Click to share on LinkedIn (Opens in new window)",
             "Click to print (Opens in new window)"]
    for heading, after in (("Results by district", table), ("Range and charging", share),
                           ("Source: City Gazette", FOOTER[:8])):
        lines = page_ending_with(heading, after)
        assert heading in kept(lines, judge_page(lines)), heading


def test_page_without_region_keeps_sentences_that_only_mention_a_legal_word():
    sentences = ["Copyright lawyers say the ruling could change the industry.",
                 "Unless otherwise noted, all figures are in US dollars."]
    lines = list_shaped_page(sentences[0], "", sentences[1])
    judgement = judge_page(lines)
    assert judgement.region is None
    assert set(sentences) <= set(kept(lines, judgement))


def test_a_caption_under_a_teaser_box_stays_with_the_article():
    lines = english_page()
    caption = ["The new market hall as planned (draft)", "Foto: Stadt Musterstadt"]
    box = ["More stories like this one", "Bus drivers vote to strike over pay", "",
           "New bridge opens two years late", "", *caption, "", "What the council said", ""]
    at = lines.index(PARAGRAPHS[2])
    lines[at:at] = box
    judgement = judge_page(lines)
    assert not judgement.verdicts[lines.index("More stories like this one")].keep
    # the caption stays with the article; its credit line is a picture's small print
    assert {caption[0], "What the council said", *PARAGRAPHS} <= set(kept(lines, judgement))
    assert judgement.verdicts[lines.index(caption[1])].reason == "image_credit"


def test_list_announced_by_a_sentence_is_the_articles_and_does_not_end_it():
    """A sentence ending with a colon hands over to the bullet points under it: however many,
    they are the article's, and the paragraph after them is the article resumed."""
    points = ["dries quickly on all hair types", "leaves no visible residue", "adds volume",
              "gentle on the scalp", "protects against colour fading", "lasts up to two days"]
    tail = ("Shake the can well before use and spray it onto the roots from about an arm's "
            "length away, one strand at a time, then leave it for two minutes before you brush "
            "it out, which the supplier says is all that it takes.")
    lines = [*english_page()[:-len(FOOTER) - 2],
             "The new dry shampoo, which the supplier of the council's depot staff has been "
             "selling since the spring of this year, offers the following:",
             *points, "", tail, "", *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(points) | {tail} | set(PARAGRAPHS) <= set(kept_lines)
    assert not set(FOOTER) & set(kept_lines)


def test_caption_label_does_not_announce_a_link_list():
    """A teaser box's caption ("Read more:") is a label, not a sentence: its links go."""
    links = ["Bus fares rise again", "New tram line opens", "Mayor under fire",
             "Cycle lanes delayed", "Depot plans approved", "Night buses return"]
    lines = [*english_page()[:-len(FOOTER)], "Read more:", *links, "", *FOOTER]
    assert not set(links) & set(kept(lines, judge_page(lines)))


RANKING = ["1. Robert Plant", "2. Freddie Mercury", "3. Ronnie James Dio", "4. Bruce Dickinson",
           "5. Rob Halford", "6. Ozzy Osbourne", "7. Chris Cornell", "8. Ann Wilson"]


def test_numbered_list_of_the_article_stays_outside_the_dense_region():
    """A ranking counting 1, 2, 3 ... under the headline is the article's text, though its
    items are as short as a menu's and the dense region lies elsewhere."""
    lines = ["The 8 Best Rock Singers | City Gazette", "", *MENU, "",
             "The 8 Best Rock Singers", "", *RANKING, "", *[p for para in PARAGRAPHS
                                                            for p in (para, "")], *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(RANKING) | set(PARAGRAPHS) <= set(kept_lines)
    assert not set(FOOTER) & set(kept_lines)


def test_numbered_most_read_list_above_the_article_goes():
    """A "most read" top list above the article (no headline anchors it) is a widget; dates
    and clubs that start with a number do not count up as a list."""
    lines = [*MENU, "", "Most read", *RANKING, "", *english_page()[len(MENU) + 1:]]
    lines += ["1. FC Köln", "22. Juni 2022", "4. Bundesliga"]
    kept_lines = kept(lines, judge_page(lines))
    assert not set(RANKING) & set(kept_lines)
    assert set(PARAGRAPHS) <= set(kept_lines)


def test_numbered_list_after_the_article_has_ended_goes():
    """Below a copyright line (or a teaser box, a long link list) the article has ended: a
    numbered top list there is the page's, not the article's."""
    lines = [*english_page()[:-len(FOOTER)], "\u00a9 2019 City Gazette. All Rights Reserved.",
             "", *RANKING, "", *FOOTER]
    kept_lines = kept(lines, judge_page(lines))
    assert set(PARAGRAPHS) <= set(kept_lines)
    assert not set(RANKING) & set(kept_lines)


def test_related_caption_written_as_a_sentence_announces_nothing():
    """"Sie könnten sich auch für folgende Artikel interessieren:" ends with a colon and is long
    enough, but it names a teaser box: its links go."""
    links = ["Bus fares rise again", "New tram line opens", "Mayor under fire"]
    lines = [*english_page()[:-len(FOOTER)],
             "Sie könnten sich auch für folgende Artikel interessieren:", *links, "", *FOOTER]
    assert not set(links) & set(kept(lines, judge_page(lines)))


def test_call_to_action_ending_with_a_colon_announces_nothing():
    """"Do you want to hear first ...? Sign up for exclusive updates:" asks something of the
    reader: the options under it are the site's, though the line itself reads as prose."""
    options = ["Email alerts", "Text messages", "Push notifications"]
    lines = [*english_page()[:-len(FOOTER) - 2],
             "Do you want to be the first to hear about the new bus routes, the fares and the "
             "timetables? Sign up for exclusive updates:", *options, "", *FOOTER]
    assert not set(options) & set(kept(lines, judge_page(lines)))


def test_picture_credit_lines_inside_the_article_are_dropped_and_captions_stay():
    """A line that only credits a picture ("Photo: Getty Images", "Alex Wong | Getty Images")
    goes wherever it stands, inside the region too; the caption over it, the byline above it
    and a source line stay."""
    lines = english_page()
    caption = "The new buses at the depot on Monday."
    lines[lines.index(caption) + 1:lines.index(caption) + 1] = ["Alex Wong | Getty Images"]
    at = lines.index("By Jane Doe, city reporter")
    lines[at + 1:at + 1] = ["Photo: Getty Images"]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts["Alex Wong | Getty Images"] == LineVerdict(
        False, "image_credit", verdicts["Alex Wong | Getty Images"].score)
    assert not verdicts["Photo: Getty Images"].keep
    for line in (caption, "By Jane Doe, city reporter", "Source: City Gazette",
                 "Council Approves Bus Expansion", *PARAGRAPHS):
        assert verdicts[line].keep, line


def test_toolbar_of_bracketed_buttons_is_dropped_and_closes_the_footer():
    """A bar of bracketed buttons ("【 推荐 】【 打印 】【 关闭 】") under the article
    is page navigation: it goes, and the ad line under it is not taken as the article's
    footer; the article and its source line stay."""
    toolbar = "页面功能 【 推荐 】【 大 中 小 】【 打印 】 【 关闭 】"
    ad = "Free books to read, free songs to request, try it now"
    lines = english_page()
    at = lines.index("Source: City Gazette") + 2
    lines[at:at] = [toolbar, ad, ""]
    judgement = judge_page(lines)
    verdicts = dict(zip(lines, judgement.verdicts, strict=True))
    assert verdicts[toolbar].reason == "post_navigation"
    assert not verdicts[ad].keep
    assert {"Source: City Gazette", *PARAGRAPHS} <= set(kept(lines, judgement))


ZH_TEASERS = [f"v 国产途胜全面进场 北京现代第{n}家经销商喜上眉梢 2005-07-{n:02d} 15:02:26"
              for n in range(1, 27)]
ZH_PARAGRAPH = ("近年来，下岗职工这一社会群体作为新时期改革成本的承担者已越来越引人注目，"
                "他们的生活保障和再就业问题成为了政府和社会关注的焦点，"
                "本文从社会资本和人力资本两个角度进行了分析。")


def test_chinese_teaser_titles_count_as_chrome():
    """Chinese link titles with their dates are long in Latin-equivalent size, yet they are
    chrome: the page is judged (here without a confident region, so the article stays)."""
    from cleaner.page_lines import count_short_lines

    lines = [ZH_PARAGRAPH, "", ZH_PARAGRAPH[::-1], "", "相关新闻", *ZH_TEASERS]
    assert count_short_lines(lines, DEFAULT_SINGLE_PAGE_OPTIONS) >= 25
    judgement = judge_page(lines)
    assert judgement.verdicts[lines.index("相关新闻")].reason == "no_confident_region"
    assert judgement.verdicts[0].keep and judgement.verdicts[2].keep


def test_chinese_paragraphs_are_not_chrome():
    """A page of Chinese paragraphs (sixty characters and more) stays unjudged."""
    lines = [p for n in range(30) for p in (f"第{n}段：{ZH_PARAGRAPH}", "")]
    judgement = judge_page(lines)
    assert not judgement.confident
    assert {v.reason for v in judgement.verdicts} <= {"too_little_chrome", "blank"}
