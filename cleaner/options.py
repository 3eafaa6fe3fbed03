"""Every threshold and switch of the cleaner, with its default, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """How newsclean judges and which files it reads.

    Defaults were tuned on ../shared/corpora/seedlike-dev and varied-dev (many
    pages per site) and checked on the five seeds; config files and flags
    override them.
    """

    #: rapidfuzz ratio (0-100) above which two lines are near-duplicates.
    near_dup_min_score: float = 85.0
    #: Documents (this one included) a line must appear in, in the same role,
    #: before its recurrence counts as evidence of site furniture.
    min_docs_for_boilerplate: int = 3
    #: Inside the article (between its first and last prose paragraph) a line
    #: must recur this widely to be dropped: pages cut from one source share
    #: lists and tables in 3-4 documents, while inserted furniture ("Watch:"
    #: video teasers in varied-dev) recurs far more.
    min_docs_inside_article: int = 5
    #: Documents whose lines open with the same "Label:" before the label marks a
    #: template slot ("Watch:", "Tags:", "上一篇："). In varied-dev such labels
    #: open lines on 10+ pages, while labels inside articles ("表现二：",
    #: "Portion Fix Containers:") recur on at most 8.
    min_docs_for_template_label: int = 10
    #: A recurring line of at least this many words that ends a sentence reads
    #: as an author bio or credit (seedlike-dev's "Author Introduction" bios,
    #: varied-dev's blog bios): kept unless it talks about the page itself.
    min_words_recurring_prose_kept: int = 8
    #: Count recurrence within each first-level sub-folder (site) separately.
    group_by_folder: bool = False
    #: Glob patterns of files to read, and to skip.
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    #: Regular expressions: a matching line is never removed / always removed.
    keep_patterns: tuple[str, ...] = ()
    drop_patterns: tuple[str, ...] = ()


DEFAULT_OPTIONS = Options()
