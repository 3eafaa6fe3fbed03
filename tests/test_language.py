"""The memoised py3langid walk scores exactly like py3langid's own."""

from __future__ import annotations

from corpus import generated_texts
from py3langid import langid

from cleaner.language import _identifier

LINES = [
    "The minister said the council would meet again on Tuesday.",
    "любая рыба (и морская и речная)",
    "上一篇\uff1a北京今日天气晴朗\uff0c最高气温二十度",
    "Release time:2024-05-03 10:22",
    "   leading spaces  and   doubled  spaces ",
    "",
    "x",
]


def test_memoised_walk_is_bit_identical():
    reference = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    fast = _identifier()
    assert type(fast).__name__ == "_MemoisedIdentifier"
    lines = LINES + [line for _, text in generated_texts(5) for line in text.splitlines()]
    for line in lines + lines:  # the second round runs from the cache
        assert fast.classify(line) == reference.classify(line), line
        assert fast.rank(line) == reference.rank(line), line
