"""Document language detection and stoplists for single-page judgement.

The language model comes from py3langid (it ships its model inside the wheel) and the stoplists
from stopwordsiso, chosen over jusText's own lists because stopwordsiso is keyed by the same
ISO 639-1 codes that py3langid returns, covers Chinese and Japanese (jusText has neither), and
loads without lxml (jusText 3.0 cannot be imported without the separate lxml_html_clean package).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import stopwordsiso
from py3langid import langid

UNDETERMINED = "und"


#: Words (with their trailing spaces) whose DFA walk is remembered per start state.
_WORD_BYTES = re.compile(rb"[^ ]+ *| +")
_WALK_CACHE_MAX = 500_000
_NEEDED = ("tk_nextmove", "_rowbase", "tk_output", "_sparse_score", "_norm_probs", "nb_classes",
           "nb_ptc", "_raw_score")


class _MemoisedIdentifier(langid.LanguageIdentifier):
    """Same scores, several times faster: py3langid walks its n-gram DFA byte by byte in Python.

    The walk from a given state over a given word always ends in the same state
    having emitted the same features, and words recur, so the walk is cached per
    (state, word). Features come out in the same order, so the Counter, the
    float32 sums and every probability are bit-identical (tests/test_language.py).
    """

    __slots__ = ()
    _walks: dict[tuple[int, bytes], tuple[int, tuple[int, ...]]] = {}  # noqa: RUF012

    def _raw_score(self, text: bytes):
        nextmove, rowbase, output, walks = self.tk_nextmove, self._rowbase, self.tk_output, \
            self._walks
        state, features = 0, []
        for word in _WORD_BYTES.findall(text):
            walked = walks.get((state, word))
            if walked is None:
                start, emitted = state, []
                for letter in word:
                    state = nextmove[rowbase[state] + letter]
                    if output[state] >= 0:
                        emitted.append(output[state])
                if len(walks) >= _WALK_CACHE_MAX:
                    walks.clear()
                walked = walks[start, word] = (state, tuple(emitted))
            state = walked[0]
            features.extend(walked[1])
        if features:
            return self._sparse_score(Counter(features), self.nb_ptc)
        fill = 0.0 if self._norm_probs else langid.RAW_FLOOR
        return np.full(len(self.nb_classes), fill, dtype=np.float32)


@lru_cache(maxsize=1)
def _identifier() -> langid.LanguageIdentifier:
    """Load the model once per process: it takes about a second.

    The memoised walk is used only with the py3langid internals it was written
    for; any other version runs as it is.
    """
    plain = langid.LanguageIdentifier
    internals_match = hasattr(langid, "RAW_FLOOR") and all(
        name in getattr(plain, "__slots__", ()) or hasattr(plain, name) for name in _NEEDED)
    kind = _MemoisedIdentifier if internals_match else plain
    return kind.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_languages(lines: Sequence[str], *, min_letters: int, min_probability: float,
                     min_share: float) -> tuple[str, ...]:
    """ISO 639-1 codes of the page's languages, main one first; empty when nothing can tell.

    Lines are classified one by one and the vote is weighted by letters: classifying the whole
    page lets one long foreign teaser win (py3langid put an English page with one Russian teaser
    at 0.99999 Russian). Every language holding ``min_share`` of the voted letters is returned,
    so that a mixed page gets the stopwords of each of its languages.
    """
    votes: Counter[str] = Counter()
    for line in lines:
        letters = sum(ch.isalpha() for ch in line)
        if letters < min_letters:
            continue
        code, probability = _identifier().classify(line)
        if probability >= min_probability:
            votes[code] += letters
    total = sum(votes.values())
    return tuple(code for code, count in votes.most_common() if count >= min_share * total)


@lru_cache(maxsize=64)
def stopwords_for(languages: tuple[str, ...]) -> frozenset[str]:
    """Lower-cased stopwords of all ``languages`` that stopwordsiso has a list for."""
    return frozenset(word.lower() for code in languages if stopwordsiso.has_lang(code)
                     for word in stopwordsiso.stopwords(code))


@lru_cache(maxsize=64)
def stop_characters_for(languages: tuple[str, ...]) -> frozenset[str]:
    """Single-character stopwords (的, 了, の, ...): the unit that works without word splitting."""
    return frozenset(word for word in stopwords_for(languages) if len(word) == 1 and word.isalpha())
