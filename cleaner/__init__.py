"""newsclean's library: strip recurring boilerplate from scraped news text.

    from cleaner import clean_texts
    results = clean_texts([("a.txt", text_a), ("b.txt", text_b)])
    results[0].text        # the clean article
    results[0].removed     # every removed line, with its rule, score and matches
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleaner.api import (
        FileOutcome,
        clean_document,
        clean_files,
        clean_texts,
        prepare_document,
    )
    from cleaner.model import Decision, DocumentResult, Kind, Match, Rule
    from cleaner.options import DEFAULT_OPTIONS, Options

#: Where each public name lives: imported on first use, so importing a light module
#: of the package (cleaner.version for `newsclean --version`) does not load the pipeline.
_EXPORTS = {
    "FileOutcome": "cleaner.api", "clean_document": "cleaner.api",
    "clean_files": "cleaner.api", "clean_texts": "cleaner.api",
    "prepare_document": "cleaner.api",
    "Decision": "cleaner.model", "DocumentResult": "cleaner.model", "Kind": "cleaner.model",
    "Match": "cleaner.model", "Rule": "cleaner.model",
    "DEFAULT_OPTIONS": "cleaner.options", "Options": "cleaner.options",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

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
