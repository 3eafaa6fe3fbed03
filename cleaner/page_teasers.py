"""Teaser boxes: "Related", "Most read", "Mehr zum Thema" headers and the links under them.

News templates put boxes of links to other articles inside the article ("Related stories" after
the third paragraph) and after it ("More in Minnesota Wild", "Ähnliche Beiträge"). Their lines
are short and dense enough to sit inside the article region, so the region alone keeps them.
The header names the box in a small vocabulary; the box is the header's own block (lines with no
blank between) or, when the header stands alone, the next block: its leading lines short enough
for titles, provided they read as titles, not as the article resuming. Prose after a header is
the article (a subheading "Empfehlungen" over advice sentences, a "Mehr zum Thema" paragraph in
traf-dev), so only the header goes then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.lexicon import METADATA_LABEL
from cleaner.page_lines import (
    LineFeatures,
    is_photo_credit,
    is_prose,
    is_sentence,
    next_text_line,
)
from cleaner.page_options import SinglePageOptions

_GENERIC_HEADERS = (
    r"tags|themen|kategorien|categories|etiquetas|markiert mit|tagged( with)?|filed under"
    r"|downloads|downloadbereich|ansprechpartner(in)?|kontakt|autoren|zusatzinformationen"
    r"|quellenangaben|(weitere|mehr) informationen|schlagw(orte|örter)|stichw(orte|örter)"
)
"""Headers that may head the article's own fact list ("Weitere Informationen", "Kontakt") as
well as a box of links."""
_RELATED = (
    r"related( (articles?|stories|posts|news|content|links|coverage|reading))?|read more"
    r"|further reading|(more|top|latest) (stories|news|articles|headlines)"
    r"|more (from|in) \w+( \w+)?|more great [\w ]+ stories|most (popular|read|viewed|shared)"
    r"|popular (now|stories|posts|articles)|trending( now| news| stories)?|explore further"
    r"|(more|top|latest) (stories|news|articles|headlines) (like this( one)?|in \w+( \w+)?)"
    r"|most (popular|read|viewed|shared) (stories|articles|news|posts|today|this week"
    r"|in \w+( \w+){0,2})"
    r"|you (may|might) (also )?(like|enjoy)|recommended (for you|stories|articles|reading)"
    r"|editor.?s picks|don.?t miss|also read|see also|what to read next"
    r"|mehr zum thema|mehr (aus|zu|von) (dem|der|diesem|diesen) \w+"
    r"|(das( thema)?|dieses thema) könnte (sie|dich) (auch )?interessieren"
    r"|weitere (artikel|themen|beiträge|nachrichten|meldungen"
    r"|news)( (zu(m|r)?|aus)( \w+){0,3})?|auch interessant|lesen sie (auch|mehr)|auch lesen"
    r"|siehe auch|(ähnliche|verwandte|themenrelevante) (artikel|beiträge|themen|nachrichten"
    r"|links|news)|(die )?meist ?(gelesen|geklickt|kommentiert|geteilt)\w*"
    r"( (artikel|beiträge|news|nachrichten))?"
    r"|mehr (kolumnen|artikel|beiträge|rezepte|videos|podcasts)( (auf|von|aus|zu(m|r)?) [\w.-]+)?"
    r"|mehr zu(m|r)? [\w-]+|themen (im|in diesem) (artikel|beitrag)|lust auf mehr"
    r"|entdecke weitere [\w-]+|beliebte (artikel|beiträge)|mehr vom autor|more from (the )?author"
    r"|weiterführende (artikel|links?|beiträge|informationen)( zu(m|r)? (diesem|dem) thema)?"
    r"|(sie könnten|das könnte sie) (sich )?auch (für|an) (folgende|diese)n? (artikel|beiträge)n?"
    r" interessier(t sein|en)|related coverage|mehr aus der sendung"
    r"|(kommende|nächste) (events|termine|veranstaltungen)|lo [uú]ltimo|[uú]ltimas noticias"
    r"|articles? (en relation|liés|similaires)|dans la même rubrique"
    r"|top[- ]?themen( der redaktion)?|inf[oó]rmate m[aá]s"
    rf"|{_GENERIC_HEADERS}"
    r"|(letzte|neueste|aktuelle) (artikel|beiträge)|artikel zum thema|empfohlen für dich"
    r"|weitere (interessante|spannende|aktuelle|beliebte) (artikel|themen|beiträge|news)"
    r"|(das )?könnte (sie|dich) auch interessieren|vielleicht auch|noch mehr [\w ]+ für dich"
    r"|(dich|sie) interessiert (vielleicht|sicher|bestimmt) auch|auch auf [\w.-]+"
    r"|(recent|latest|popular) posts|vous aimerez aussi|à voir aussi|(tous )?nos derniers \w+"
    r"|à lire aussi|lire aussi|sur le même sujet|(le|te) puede interesar|mirá también"
    r"|lee también|lea también|(noticias|notas) relacionadas|(más|otras) noticias"
    r"|zobacz (też|także|również)"
    r"|czytaj (też|także|również)|polecamy|leggi anche|相关(新闻|阅读|文章)|热门(推荐|文章|新闻)"
    r"|推荐阅读|延伸阅读"
    r"|(artigos|posts|notícias|matérias) relacionad[oa]s|leia (também|mais)|veja também"
    r"|(as )?mais (lidas|populares)|articoli correlati|(potrebbe|ti potrebbe) interessar(ti|e)"
    r"|(i )?più letti|gerelateerde (artikelen|berichten)|lees ook|meest gelezen"
    r"|artículos relacionados"
    r"|материалы по теме|(читайте|смотрите) также|новости по теме"
    r"|похожие (статьи|новости|материалы)"
    r"|(самое )?(читаемое|популярное)|другие (новости|материалы)"
    r"|(lo )?más le[ií]do|more( on)?:"
)
_RELATED_HEADER_RE = re.compile(
    rf"^\W*({_RELATED})(\W+({_RELATED}))?( (bei|auf|von|on|at|from) [\w./-]+( [\w./-]+)?)?\W*$",
    re.IGNORECASE)
"""A header naming a box of links, the whole line (optionally with a colon or arrow, or naming the
site: "Die meistgelesenen Artikel bei SWR.de/Sport"); two tabs of one box may share the line
("VERWANDTE ARTIKEL MEHR VOM AUTOR")."""
_RELATED_LINK_RE = re.compile(
    r"^\W*(?:(read more|read also|see also|also read|lesen sie (auch|mehr)|mehr zum thema"
    r"|auch lesen|siehe auch|lire aussi|à lire aussi|lee también|lea también|puedes ver"
    r"|mirá también|ver también|(también )?(le|te) puede interesar|czytaj (też|także|również)"
    r"|zobacz (też|także|również)|leggi anche|leia (também|mais)|veja também|lees ook"
    r"|читайте также|смотрите также)"
    r"|(?P<bare>related|more))\s*[:>»]\s*"
    r"[\u00bf\u00a1\u201c\u201e\u00ab\x22]?\w",
    re.IGNORECASE)
"""One link to another article, labelled ("Read more: Looted colonial art"). A multi-word
label ("Lesen Sie auch:", "Le puede interesar:", "Czytaj też:") marks the link even when the
linked title is a question or a sentence; a bare "More:" or "Related:" only before a title."""


def is_related_header(text: str) -> bool:
    """``text`` (stripped) is a teaser-box header such as "Related Stories" or "Mehr zum Thema:"."""
    return len(text) <= 60 and _RELATED_HEADER_RE.match(text) is not None


def find_teaser_boxes(lines: Sequence[str], features: Sequence[LineFeatures | None],
                      options: SinglePageOptions) -> list[bool]:
    """Mark the lines of every teaser box: the header and the block of links under it."""
    marked = [False] * len(lines)
    for i, feat in enumerate(features):
        if feat is None or feat.size >= options.teaser_max_chars:
            continue
        text = lines[i].strip()
        link = _RELATED_LINK_RE.match(text)
        if link and not (link.group("bare") and is_sentence(feat, options)):
            marked[i] = True
            continue
        if not is_related_header(text):
            continue
        block = _block_from(features, i + 1)
        if not block:
            start = next_text_line(features, i)
            block = [] if start is None else _block_from(features, start)
        marked[i] = True
        run = _headline_run(block, features, options)
        if run and len(run) == len(block) and _GENERIC_HEADER_RE.match(text) is None:
            run = [*run, *_titles_across_blanks(block[-1] + 1, lines, features, options)]
        for j in run:
            marked[j] = True
    return marked


_GENERIC_HEADER_RE = re.compile(rf"^\W*({_GENERIC_HEADERS})\W*$", re.IGNORECASE)
"""A generic header's box is its own block only, never the blank-separated lines after it."""


def _titles_across_blanks(start: int, lines: Sequence[str],
                          features: Sequence[LineFeatures | None],
                          options: SinglePageOptions) -> list[int]:
    """A box whose entries are separated by blank lines ("MORE STORIES LIKE THIS ONE" over
    title, date, kicker, title, ...): the following blocks while each holds only short lines
    that are not prose (a tabloid title may end in a quote or a question mark, a paragraph ends
    in a full stop), nor a photo credit or a label line (a caption under the box: "Foto: ...",
    "Source: ..."). The last such block before prose or a caption is left out: it may be the
    subheading of the article resuming under the box, or the caption's own line. At the end of
    the page the last block goes with the others."""
    blocks: list[list[int]] = []
    j = start
    while j < len(features):
        if features[j] is None:
            j += 1
            continue
        block = _block_from(features, j)
        if any((feat := features[k]) is None or feat.size >= options.teaser_max_chars
               or is_prose(feat, options) or is_photo_credit(lines[k])
               or METADATA_LABEL.match(lines[k]) is not None for k in block):
            if blocks:
                blocks.pop()
            break
        blocks.append(block)
        j = block[-1] + 1
    return [k for block in blocks for k in block]


def _block_from(features: Sequence[LineFeatures | None], start: int) -> list[int]:
    """Indices of the non-blank lines from ``start`` up to the next blank line."""
    block: list[int] = []
    for j in range(start, len(features)):
        if features[j] is None:
            break
        block.append(j)
    return block


def _headline_run(block: Sequence[int], features: Sequence[LineFeatures | None],
                  options: SinglePageOptions) -> list[int]:
    """The block's leading lines up to the first one too long for a title, when fewer than
    half of them are sentences: a column of titles. Empty when the block is text."""
    run: list[int] = []
    sentences = 0
    for j in block:
        feat = features[j]
        if feat is None or feat.size >= options.teaser_max_chars:
            break
        run.append(j)
        sentences += is_sentence(feat, options)
    return run if 2 * sentences < len(run) else []
