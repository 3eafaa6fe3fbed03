"""Decide keep or drop for every line, with the rule that decided it.

Two pure passes, as in jusText: a context-free rule ladder (this module) gives
each line an initial label (good: article prose; bad: boilerplate evidence;
neutral: short or ambiguous lines), then the context pass (`cleaner.context`)
settles the neutral lines from their neighbours and rescues recurring lines that
sit inside the article. Both verdicts are kept so `explain` can show why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from cleaner.context import FURNITURE, Label, LineInfo, Verdict, revise
from cleaner.model import Block, Decision, Kind, Rule
from cleaner.neardup import Recurrence
from cleaner.options import Options
from cleaner.page_lines import Reason
from cleaner.segment import (
    Role,
    ends_sentence,
    furniture_kind,
    is_prose,
    is_self_reference,
    visible_length,
    word_count,
)
from cleaner.single_page import LineVerdict, PageJudgement

_NO_RECURRENCE = Recurrence(1, 1, 0.0)
#: The first-pass verdicts of most lines, made once (verdicts are immutable).
_PROSE = Verdict(Label.GOOD, Rule.CONTENT)
_UNDECIDED = Verdict(Label.NEUTRAL, Rule.CONTENT)
#: Longest line (in words) that can fill a template slot such as "Watch: …".
_MAX_SLOT_WORDS = 20
#: A recurring neighbour this long (characters) shows a line was copied with its
#: context; shorter ones ('In "Books"', "Similar post") are list furniture.
_MIN_COPIED_NEIGHBOUR_CHARS = 40


def _compile(patterns: Sequence[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _copied_with_neighbours(lines: Sequence[LineInfo], position: int, title_text: str) -> bool:
    """Whether a recurring line travels with its neighbours (an excerpt or a
    syndicated body shared by several pages) rather than being inserted alone
    into varying pages, as furniture is."""
    line = lines[position]
    if line.recurrence.context_count * 2 > line.recurrence.doc_count:
        return True
    for step in (-1, 1):
        other = position + step
        while 0 <= other < len(lines) and lines[other].text == title_text:
            other += step
        if 0 <= other < len(lines):
            neighbour = lines[other]
            if (neighbour.recurrence.doc_count >= 2 and neighbour.kind not in FURNITURE
                    and neighbour.kind is not Kind.METADATA
                    and visible_length(neighbour.text) >= _MIN_COPIED_NEIGHBOUR_CHARS):
                return True
    return False


#: How far down the page a date or byline line may sit and still mark the title.
_TITLE_SEARCH_LINES = 12


def _title_above_metadata(lines: Sequence[LineInfo], options: Options) -> int | None:
    """The line just above a date/byline block near the top: where nearly every news
    layout prints its headline, whatever head matter comes before it.

    Of several such lines (a "Trending now" label may sit above a dated teaser),
    the best is the one whose date/byline block leads into article prose, then
    one printed on few pages; a title may still recur (this article, teased on
    other pages), so recurrence alone does not disqualify it.
    """

    def leads_into_prose(metadata: int) -> bool:
        after = next((p for p in range(metadata, len(lines))
                      if lines[p].kind is not Kind.METADATA), None)
        return (after is not None and lines[after].kind is Kind.PARAGRAPH
                and lines[after].recurrence.doc_count < options.min_docs_for_boilerplate)

    candidates = [
        (leads_into_prose(position),
         lines[position - 1].recurrence.exact_count < options.min_docs_for_boilerplate,
         -position)
        for position in range(1, min(len(lines), _TITLE_SEARCH_LINES))
        if lines[position].kind is Kind.METADATA
        and lines[position - 1].kind is not Kind.METADATA
        and lines[position - 1].kind not in FURNITURE
        and lines[position - 1].role != Role.TEASER
    ]
    if not candidates:
        return None
    chosen = -max(candidates)[2] - 1
    return next((p for p in range(chosen) if lines[p].text == lines[chosen].text), chosen)


def find_title(lines: Sequence[LineInfo], options: Options) -> int | None:
    """Index (into `lines`) of the page title: the line above the first date or
    byline, else the first line that is not furniture, metadata or widely
    recurring head matter (menus, mastheads, picks). That line must read like a
    headline: when the first such line is prose, the page has no title line, and
    nothing is "above the title" (so cleaning the output again finds the same)."""
    above_metadata = _title_above_metadata(lines, options)
    if above_metadata is not None:
        return above_metadata
    for position, line in enumerate(lines):
        if line.kind in FURNITURE or line.kind is Kind.METADATA:
            continue
        if line.recurrence.doc_count >= options.min_docs_for_boilerplate:
            continue
        if line.kind is Kind.PARAGRAPH:
            return None
        if line.role in (Role.HEAD, Role.BODY) or position == 0:
            return position
    return None


def _repeats_title(text: str, title_words: Sequence[str]) -> bool:
    """The title printed again, letter for letter (spacing aside); `title_words` is the
    title split on whitespace (once per page, as every line below it asks).

    Sites repeat their title verbatim; a first sentence that differs from the
    title in case or punctuation ("Let's quickly recap …:" under the title
    "Let's Quickly Recap …") is where the headline came from, and is content.
    """
    # The first word first: nearly every line differs there, and it is found without
    # cutting a long paragraph into all of its words.
    return (bool(title_words) and text.lstrip().startswith(title_words[0])
            and text.split() == title_words)


def _extends_title(text: str, title: str) -> bool:
    """The title printed again and carried on (spacing aside): the full headline
    under a shortened title ("Column | Headline" above "Column | Headline, and more").

    Its leading label is the column's, shared with teasers of this very article on
    other pages, so it is the page's headline, not a template slot.
    """
    line, head = " ".join(text.split()), " ".join(title.split())
    return bool(head) and len(line) > len(head) and line.startswith(head)


def classify(
    line: LineInfo,
    position: int,
    title: int | None,
    title_text: str,
    options: Options,
    keep: Sequence[re.Pattern[str]],
    drop: Sequence[re.Pattern[str]],
    lines: Sequence[LineInfo] = (),
    title_words: Sequence[str] | None = None,
) -> Verdict:
    """Context-free rule ladder: the first rule that applies decides.

    `lines` are the page's lines (`line` at `position` among them), asked whether a
    recurring line travels with its neighbours; `title_words` is `title_text` split,
    when the caller has split it already."""
    text = line.text
    if keep and any(p.search(text) for p in keep):
        return Verdict(Label.GOOD, Rule.USER_KEEP, final=True)
    if drop and any(p.search(text) for p in drop):
        return Verdict(Label.BAD, Rule.USER_DROP, final=True)
    if position == title:
        return Verdict(Label.GOOD, Rule.CONTENT, final=True, detail="title")
    if title is not None and position > title and _repeats_title(
            text, title_text.split() if title_words is None else title_words):
        return Verdict(Label.BAD, Rule.REPEATED_TITLE, final=True)
    recurring = line.recurrence.doc_count >= options.min_docs_for_boilerplate
    furniture = line.kind if line.kind in FURNITURE else None
    if furniture is None and recurring and line.kind is not Kind.METADATA:
        furniture = furniture_kind(text, recurring=True)
    if furniture is not None:
        final = furniture in (Kind.SHARE, Kind.FOOTER) or recurring
        return Verdict(Label.BAD, Rule.BOILERPLATE_PHRASE, final=final, detail=str(furniture))
    if line.role == Role.TEASER:
        if line.kind is Kind.TEASER_HEADLINE:
            return Verdict(Label.BAD, Rule.DOUBLED_HEADLINE, final=True)
        return Verdict(Label.BAD, Rule.TEASER_LEAD, final=True)
    if _template_slot(line, options) and not (
            title is not None and position > title and _extends_title(text, title_text)):
        return Verdict(Label.BAD, Rule.RECURRING_TEMPLATE, detail="recurring label")
    if recurring:
        if line.kind is Kind.METADATA:
            return Verdict(Label.NEUTRAL, Rule.RECURRING_CONTENT_KEPT, detail="metadata")
        if is_self_reference(text):
            return Verdict(Label.BAD, Rule.BOILERPLATE_PHRASE, final=True, detail="standing note")
        if word_count(text) >= options.min_words_recurring_prose_kept and ends_sentence(text):
            return Verdict(Label.NEUTRAL, Rule.RECURRING_CONTENT_KEPT, detail="sentence")
        few_pages = line.recurrence.doc_count < options.min_docs_inside_article
        if line.role == Role.BODY and few_pages and lines and _copied_with_neighbours(
                lines, position, title_text):
            return Verdict(Label.NEUTRAL, Rule.SYNDICATED_KEPT, detail="copied with neighbours")
        rule = Rule.RECURRING_TEMPLATE if line.recurrence.score >= 100 else Rule.NEAR_DUP_TEASER
        return Verdict(Label.BAD, rule)
    return _PROSE if line.kind is Kind.PARAGRAPH else _UNDECIDED


def _template_slot(line: LineInfo, options: Options) -> bool:
    """A short line opening with a label that opens lines on many of the site's
    pages ("Watch: …", "Tags: …", "上一篇：…"); dates, bylines and source lines are
    template slots too, but content, so metadata is exempt."""
    return (
        line.recurrence.label_count >= options.min_docs_for_template_label
        and line.kind is not Kind.METADATA
        and not is_prose(line.text)
        and not ends_sentence(line.text)
        and word_count(line.text) <= _MAX_SLOT_WORDS
    )


#: Rules whose keep verdict single-page evidence must not overturn: the user, the
#: title, and content that recurs on purpose (bios, bylines, syndicated bodies).
_PROTECTED_KEEPS = frozenset({Rule.USER_KEEP, Rule.RECURRING_CONTENT_KEPT, Rule.SYNDICATED_KEPT})


#: Judge reasons that name a widget (share bar, teaser box header, "Weiterlesen", comments,
#: footer): a label line there ("Themen:", "Mehr zum Thema:") is the widget's, not a byline,
#: even when such labels recur across the corpus as metadata does.
_WIDGET_REASONS = frozenset({Reason.SHARE_OR_COOKIE, Reason.TEASER_BOX, Reason.POST_NAVIGATION,
                             Reason.POST_LINK,
                             Reason.NEWSLETTER, Reason.PROMOTION, Reason.COMMENTS,
                             Reason.FOOTER, Reason.AFTER_PAGE_FOOTER})

#: Judge reasons for lines past the article's end (under the comments header, below the page
#: footer): text recurring there is the site's (teasers, blurbs), not a syndicated body.
_PAST_ARTICLE = frozenset({Reason.COMMENTS, Reason.AFTER_PAGE_FOOTER})


def with_page_judgement(verdict: Verdict, page_line: LineVerdict | None) -> Verdict:
    """Combine cross-corpus evidence with the single-page judge's verdict on the line.

    The judge speaks when it found a confident article region (on a page without
    one, only about unmistakable widget lines: cookie, newsletter, promotion and
    comment lines); it may drop
    what the corpus did not flag, never what is protected, and it never keeps a
    line the corpus showed to be furniture; when both call a line boilerplate the
    drop is final, so the context pass cannot keep it between kept neighbours.
    """
    if page_line is None or page_line.keep:
        return verdict
    if verdict.label is Label.BAD:
        # Both the corpus and the page call it boilerplate: context must not re-keep it.
        return verdict if verdict.final else replace(verdict, final=True)
    if verdict.detail == "title":
        return verdict
    if verdict.rule in _PROTECTED_KEEPS and not (
            (verdict.detail == "metadata" and page_line.reason in _WIDGET_REASONS)
            or (verdict.rule is not Rule.USER_KEEP and page_line.reason in _PAST_ARTICLE)):
        return verdict
    return Verdict(Label.BAD, Rule.SINGLE_PAGE, final=True, detail=page_line.reason)


def _page_title_repeat(verdict: Verdict) -> Verdict:
    """The <title> line of an html-text scrape ("Headline | Site") when the page prints the
    headline again below its head: the headline is the title, this line a repeat of it."""
    if verdict.rule is Rule.USER_KEEP:
        return verdict
    return Verdict(Label.BAD, Rule.REPEATED_TITLE, final=True, detail="title_repeated")


def decide_document(
    lines: Sequence[str],
    blocks: Sequence[Block],
    roles: Mapping[int, int],
    recurrences: Mapping[int, Recurrence],
    options: Options,
    page: PageJudgement | None = None,
) -> list[Decision]:
    """One decision per non-blank line of a segmented document."""
    infos = [
        LineInfo(index, text, kind, roles.get(index, 0),
                 recurrences.get(index, _NO_RECURRENCE))
        for block in blocks
        for index, text, kind in zip(range(block.start, block.end), block.lines, block.kinds,
                                     strict=True)
    ]
    anchor = page.anchor if page is not None and page.confident else None
    headline = next((p for p, info in enumerate(infos) if anchor and info.index == anchor[1]),
                    None)
    title = headline if headline is not None else find_title(infos, options)
    title_text = infos[title].text if title is not None else ""
    keep, drop = _compile(options.keep_patterns), _compile(options.drop_patterns)
    title_words = title_text.split()
    page_lines = page.verdicts if page is not None and page.confident else None
    first = [classify(info, p, title, title_text, options, keep, drop, infos, title_words)
             for p, info in enumerate(infos)]
    if page_lines is not None:  # the judge speaks only of a page it is confident about
        first = [with_page_judgement(verdict, page_lines[info.index])
                 for info, verdict in zip(infos, first, strict=True)]
    if headline is not None:
        first = [_page_title_repeat(verdict) if info.index == anchor[0] else verdict
                 for info, verdict in zip(infos, first, strict=True)]
    final = revise(infos, first, title, options)
    return [
        Decision(
            line_index=info.index,
            text=info.text,
            kind=Kind.TITLE if p == title else info.kind,
            keep=verdict.label is not Label.BAD,
            rule=verdict.rule,
            score=info.recurrence.score,
            doc_count=info.recurrence.doc_count,
            matches=info.recurrence.matches if verdict.label is Label.BAD else (),
            detail=verdict.detail,
        )
        for p, (info, verdict) in enumerate(zip(infos, final, strict=True))
    ]
