"""The context pass of `decide`: the verdict types both passes share, and the
revision of each first-pass verdict from the lines around it.

jusText's lesson: a short line between furniture is furniture, a short line inside
the article is article. Here "inside" is the article span (first to last prose
paragraph, widened over adjacent short lines until a run of furniture), and the
neighbours that count are the nearest telling lines, found in two linear sweeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from cleaner.model import Kind, Rule, slot_init
from cleaner.neardup import Recurrence
from cleaner.options import Options
from cleaner.segment import is_prose

#: Kinds a line's own text marks as site furniture.
FURNITURE = frozenset({Kind.SHARE, Kind.NOTICE, Kind.FOOTER, Kind.NAV})
#: Bad lines this close (in non-blank lines) form a run of furniture; a bad
#: line with none this close is a lone insertion (an ad between paragraphs).
#: Two lets a headline list with a time line under each headline count as a run.
_RUN_REACH = 2


class Label(Enum):
    """A line's standing in the page: article prose, furniture, undecided; EDGE is
    the page's start or end."""

    GOOD = "good"
    NEUTRAL = "neutral"
    BAD = "bad"
    EDGE = "edge"


@slot_init
@dataclass(frozen=True, slots=True)
class Verdict:
    """The first pass's opinion of one line; `final` ones are not revised by context."""

    label: Label
    rule: Rule
    final: bool = False
    detail: str = ""


@slot_init
@dataclass(frozen=True, slots=True)
class LineInfo:
    """What decide knows of a line: its text, kind, page role and recurrence."""

    index: int
    text: str
    kind: Kind
    role: int
    recurrence: Recurrence


def _is_bad(verdicts: Sequence[Verdict], position: int) -> bool:
    """Bad, and telling: a repeated title says nothing about its surroundings."""
    return (0 <= position < len(verdicts) and verdicts[position].label is Label.BAD
            and verdicts[position].rule is not Rule.REPEATED_TITLE)


def _strongly_bad(lines: Sequence[LineInfo], verdicts: Sequence[Verdict], position: int,
                  options: Options) -> bool:
    """Bad on strong evidence: a final rule, a furniture phrase, a template slot, or
    recurrence on many pages (not a line shared by a few excerpts of one source)."""
    if not _is_bad(verdicts, position):
        return False
    verdict = verdicts[position]
    return (
        verdict.final
        or verdict.rule is Rule.BOILERPLATE_PHRASE
        or verdict.detail == "recurring label"
        or lines[position].recurrence.doc_count >= options.min_docs_inside_article
    )


def in_furniture_run(lines: Sequence[LineInfo], verdicts: Sequence[Verdict], position: int,
                     options: Options) -> bool:
    """Whether a bad line has a strongly bad line within `_RUN_REACH` lines, with only
    date/byline lines or recurring non-content lines between ("headline / 3 hours ago /
    headline"; see `_chains_run`).

    Furniture comes in runs; a bad line among unique article lines (one
    "Advertisement" or "Watch: …" between paragraphs) is a lone insertion.
    """
    for step in (-1, 1):
        for other in range(position + step, position + step * (_RUN_REACH + 1), step):
            if not 0 <= other < len(verdicts):
                break
            if _strongly_bad(lines, verdicts, other, options):
                return True
            if not _chains_run(lines[other], verdicts[other]):
                break
    return False


def _chains_run(line: LineInfo, verdict: Verdict) -> bool:
    """Whether a line between two bad lines lets them form one run: a date or byline
    ("3 hours ago" under a teaser), or a recurring line not judged content (a teaser
    headline).

    Article text breaks the run, recurring or not: a body shared by a few pages, with
    a "Watch: …" and an "Advertisement" inserted between its lines, is an article with
    two lone insertions, not a list of furniture. Only strong content verdicts count
    (a prose paragraph, a recurring whole sentence): a "copied with neighbours" keep
    does not, as a site's widget block copied onto a few pages qualifies for it too.
    """
    if line.kind is Kind.METADATA:
        return True
    if line.recurrence.doc_count < 2 or verdict.label is Label.GOOD:
        return False
    return not (verdict.label is Label.NEUTRAL and verdict.rule is Rule.RECURRING_CONTENT_KEPT
                and verdict.detail == "sentence")


def neighbour_labels(lines: Sequence[LineInfo], verdicts: Sequence[Verdict],
                     options: Options) -> list[tuple[Label, Label]]:
    """For every line, the nearest telling label above and below it (EDGE at the
    page's ends), in two linear sweeps.

    Neutral lines, repeated titles and lone insertions are looked through: a
    repeated title, or one "Advertisement" line between paragraphs, says
    nothing about the lines around it; a run of furniture does.
    """

    labels = [
        None if (verdict.label is Label.NEUTRAL or verdict.rule is Rule.REPEATED_TITLE
                 or (verdict.label is Label.BAD
                     and not in_furniture_run(lines, verdicts, i, options)))
        else verdict.label
        for i, verdict in enumerate(verdicts)
    ]
    above: list[Label] = []
    last = Label.EDGE
    for label in labels:
        above.append(last)
        last = label or last
    below: list[Label] = []
    last = Label.EDGE
    for label in reversed(labels):
        below.append(last)
        last = label or last
    return list(zip(above, reversed(below), strict=True))


def _article_span(lines: Sequence[LineInfo], verdicts: Sequence[Verdict], title: int | None,
                  options: Options) -> range:
    """The article: from its first to its last prose paragraph, widened over the
    short lines next to it (lists, tables, captions, credits) until furniture.

    Without any prose the article is the run of lines between furniture that
    holds the most text (a results table, a product list). Only strong evidence
    bounds the span: a final verdict or a line recurring on many pages.
    """

    def stops(position: int) -> bool:
        """Strong furniture in a run; a lone insertion ("Advertisement") is passed."""
        return _strongly_bad(lines, verdicts, position, options) and in_furniture_run(
            lines, verdicts, position, options)

    good = [p for p, v in enumerate(verdicts) if v.label is Label.GOOD and p != title]
    if not good:
        best, best_weight, start, weight = range(0), 0, 0, 0
        for position in range(len(verdicts) + 1):
            if position == len(verdicts) or stops(position):
                if weight > best_weight:
                    best, best_weight = range(start, position), weight
                start, weight = position + 1, 0
            else:
                weight += len(lines[position].text)
        return best
    first, last = good[0], good[-1]
    while first > 0 and first - 1 != title and not stops(first - 1):
        first -= 1
    while last + 1 < len(verdicts) and not stops(last + 1):
        last += 1
    return range(first, last + 1)


def revise(
    lines: Sequence[LineInfo], verdicts: Sequence[Verdict], title: int | None, options: Options
) -> list[Verdict]:
    """Context pass: settle neutral lines and rescue recurring prose inside the article."""
    main = _article_span(lines, verdicts, title, options)
    around = neighbour_labels(lines, verdicts, options)
    first_good = next((p for p, v in enumerate(verdicts)
                       if v.label is Label.GOOD and p != title), main.start)
    revised: list[Verdict] = []
    for position, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        if verdict.final:
            revised.append(verdict)
            continue
        above, below = around[position]
        if verdict.label is Label.NEUTRAL:
            metadata = line.kind is Kind.METADATA
            protected = metadata and position < main.stop  # bylines, dates above the article
            above_title = title is not None and position < title and not metadata
            # A line recurring across pages that follows furniture to the page's end
            # is furniture too (the last teaser of a list); a unique one may be content.
            closing = below is Label.BAD or (below is Label.EDGE
                                             and line.recurrence.doc_count >= 2)
            if above_title and line.recurrence.doc_count >= 2:
                revised.append(replace(verdict, label=Label.BAD, rule=Rule.RECURRING_TEMPLATE,
                                       detail="above the title"))
            elif above_title and above is Label.EDGE and below is Label.BAD:
                revised.append(replace(verdict, label=Label.BAD, rule=Rule.CONTEXT_RUN,
                                       detail="page head"))
            elif above is Label.BAD and closing and not protected and position not in main:
                revised.append(replace(verdict, label=Label.BAD, rule=Rule.CONTEXT_RUN))
            else:
                revised.append(verdict)
        elif verdict.label is Label.BAD:
            between_prose = above is Label.GOOD and below is Label.GOOD
            slot = verdict.detail == "recurring label" or verdict.rule is Rule.BOILERPLATE_PHRASE
            lone = not slot and not in_furniture_run(lines, verdicts, position, options)
            rare = not slot and line.recurrence.doc_count < options.min_docs_inside_article
            in_body = position in main and position > first_good
            if (position in main and rare) or (in_body and lone) or (
                between_prose and is_prose(line.text)
            ):
                revised.append(replace(verdict, label=Label.NEUTRAL,
                                       rule=Rule.RECURRING_CONTENT_KEPT, detail="inside article"))
            else:
                revised.append(verdict)
        else:
            revised.append(verdict)
    return revised
