"""RunStats: counters that merge, so per-worker results simply sum."""

from __future__ import annotations

from collections import Counter

from cli_corpus import FOOTER, SHARE, article_text
from hypothesis import given
from hypothesis import strategies as st

from cleaner.api import clean_texts
from cleaner.read import Skipped
from cleaner.stats import RunStats, stats_of_result, stats_of_skipped

words = st.sampled_from(["teaser_headline", "footer", "share", "nav"])
counters = st.dictionaries(words, st.integers(0, 50)).map(Counter)
stats_strategy = st.builds(
    RunStats,
    files_read=st.integers(0, 9), files_skipped=st.integers(0, 9),
    lines_removed=st.integers(0, 99), lines_by_kind=counters, removed_from=counters,
    appeared_in=st.dictionaries(words, st.integers(2, 50)),
)


def test_per_document_stats_sum_to_the_run() -> None:
    results = clean_texts([(f"d{i}.txt", article_text(i)) for i in range(4)])
    total = sum((stats_of_result(r) for r in results), RunStats())
    assert (total.files_read, total.files_cleaned, total.files_unchanged) == (4, 4, 0)
    assert total.lines_removed == 8 == sum(len(r.removed) for r in results)
    assert total.lines_by_kind == Counter({"footer": 4, "share": 4})
    assert total.bytes_by_kind["footer"] == 4 * (len(FOOTER.encode()) + 1)
    assert total.lines_by_rule == Counter({"boilerplate_phrase": 8})
    assert total.top_recurring(2) == [(FOOTER, 4, 4), (SHARE, 4, 4)]


def test_sum_starts_from_zero_and_skips_count() -> None:
    skipped = stats_of_skipped(Skipped("x.bin", "binary file"))
    total = sum([skipped, skipped])
    assert total.files_skipped == 2
    assert total.skipped_reasons == Counter({"binary file": 2})


@given(stats_strategy, stats_strategy, stats_strategy)
def test_merging_is_associative_and_commutative(a: RunStats, b: RunStats, c: RunStats) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a + RunStats() == a


@given(stats_strategy, stats_strategy)
def test_appeared_in_merges_by_max(a: RunStats, b: RunStats) -> None:
    merged = (a + b).appeared_in
    for text in {*a.appeared_in, *b.appeared_in}:
        assert merged[text] == max(a.appeared_in.get(text, 0), b.appeared_in.get(text, 0))
