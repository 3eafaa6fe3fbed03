"""newsclean's library: strip recurring boilerplate from scraped news text.

    from cleaner import clean_texts
    results = clean_texts([("a.txt", text_a), ("b.txt", text_b)])
    results[0].text        # the clean article
    results[0].removed     # every removed line, with its rule, score and matches
"""

from cleaner.api import FileOutcome, clean_document, clean_files, clean_texts, prepare_document
from cleaner.model import Decision, DocumentResult, Kind, Match, Rule
from cleaner.options import DEFAULT_OPTIONS, Options

__all__ = [
    "DEFAULT_OPTIONS",
    "Decision",
    "DocumentResult",
    "FileOutcome",
    "Kind",
    "Match",
    "Options",
    "Rule",
    "clean_document",
    "clean_files",
    "clean_texts",
    "prepare_document",
]
