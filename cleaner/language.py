"""Document language detection and stoplists for single-page judgement.

The language model comes from py3langid (it ships its model inside the wheel) and the stoplists
from stopwordsiso, chosen over jusText's own lists because stopwordsiso is keyed by the same
ISO 639-1 codes that py3langid returns, covers Chinese and Japanese (jusText has neither), and
loads without lxml (jusText 3.0 cannot be imported without the separate lxml_html_clean package).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """Load the model once per process, and only when a page needs it: importing py3langid
    (numpy) and unpickling its model take about 1.3 s, which most runs never need to pay."""
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_languages(lines: Sequence[str], *, min_letters: int, min_probability: float,
                     min_share: float, sample_lines: int,
                     sample_line_chars: int) -> tuple[str, ...]:
    """ISO 639-1 codes of the page's languages, main one first; empty when nothing can tell.

    Only the ``sample_lines`` longest lines vote, each cut to ``sample_line_chars``: they are
    the page's prose, and classifying a line costs about 80 us plus 0.25 us per character, so a
    bounded sample keeps detection near 1 ms whatever the page size. Lines are classified one by
    one and the vote is weighted by letters: classifying the whole page lets one long foreign
    teaser win (py3langid put an English page with one Russian teaser at 0.99999 Russian).
    Every language holding ``min_share`` of the voted letters is returned, so that a mixed page
    gets the stopwords of each of its languages.
    """
    votes: Counter[str] = Counter()
    for line in heapq.nlargest(sample_lines, lines, key=len):
        text = line.strip()[:sample_line_chars]
        letters = sum(ch.isalpha() for ch in text)
        if letters < min_letters:
            continue
        code, probability = _identifier().classify(text)
        if probability >= min_probability:
            votes[code] += letters
    total = sum(votes.values())
    return tuple(code for code, count in votes.most_common() if count >= min_share * total)


@lru_cache(maxsize=64)
def stopwords_for(languages: tuple[str, ...]) -> frozenset[str]:
    """Lower-cased stopwords of all ``languages`` that stopwordsiso has a list for."""
    import stopwordsiso  # loads every list; pages judged without a language never need it

    return frozenset(word.lower() for code in languages if stopwordsiso.has_lang(code)
                     for word in stopwordsiso.stopwords(code))


@lru_cache(maxsize=64)
def stop_characters_for(languages: tuple[str, ...]) -> frozenset[str]:
    """Single-character stopwords (的, 了, の, ...): the unit that works without word splitting."""
    return frozenset(word for word in stopwords_for(languages) if len(word) == 1 and word.isalpha())
