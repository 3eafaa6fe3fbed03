"""Properties every cleaning run must have, whatever the rules decide (issue 7).

Checked on generated seeds-like corpora (tests/strategies.py) through the library entry
point `clean_texts`: the cleaner only removes whole lines, settles (a rerun in place
changes nothing, at worst after one more run), does not depend
on file order or names, survives any Unicode, and never empties a syndicated document.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import ANY_TEXT, adversarial_lines, corpora, single_articles

from cleaner import api
from cleaner.api import Evidence, clean_texts
from cleaner.discover import SourceFile, discover_files
from cleaner.model import DocumentResult
from cleaner.normalise import normalise_text
from cleaner.read import Decoded, decode_bytes
from cleaner.register import Register
from cleaner.register_evidence import RegisterRecorder

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Corpus = Sequence[tuple[str, str]]
RERUN_CASE = Path(__file__).parent / "data" / "rerun_uncovers_recurrence.json"


def output_lines(result: DocumentResult) -> list[str]:
    return result.text.split("\n")[:-1] if result.text else []


def texts_by_name(results: Sequence[DocumentResult]) -> dict[str, str]:
    return {result.name: result.text for result in results}


def is_subsequence(part: Sequence[str], whole: Sequence[str]) -> bool:
    rest = iter(whole)
    return all(any(line == other for other in rest) for line in part)


def assert_only_removes(text: str, result: DocumentResult) -> None:
    """Output lines are the normalised input lines, in order, minus the removed ones."""
    normalised = normalise_text(text)
    assert list(result.original_lines) == normalised
    out = output_lines(result)
    assert is_subsequence(out, normalised), "output has a line that is not an input line"
    removed = {decision.line_index for decision in result.removed}
    assert all(normalised[i].strip() for i in removed), "a blank line was 'removed'"
    kept = [line for i, line in enumerate(normalised) if i not in removed]
    assert out == normalise_text("\n".join(kept)), "output differs from input minus removals"
    assert result.changed == bool(removed)
    result.text.encode("utf-8")  # what the CLI writes: must never raise


# --- only removes --------------------------------------------------------------------


@PROPERTY
@given(corpora())
def test_output_is_input_minus_removed_lines(docs: Corpus) -> None:
    results = clean_texts(docs)
    assert [result.name for result in results] == [name for name, _ in docs]
    for (_, text), result in zip(docs, results, strict=True):
        assert_only_removes(text, result)


# --- idempotent ----------------------------------------------------------------------


def clean_in_place(docs: Corpus, register: Register, today: str
                   ) -> tuple[list[DocumentResult], Register]:
    """One `clean --in-place` run: the register is its evidence, and grows from it."""
    recorder = RegisterRecorder()
    results = clean_texts(docs, evidence=Evidence(register), recorder=recorder)
    return results, recorder.merged(register, today)


@PROPERTY
@given(corpora())
def test_cleaning_in_place_settles_after_one_more_run(docs: Corpus) -> None:
    """As `clean --in-place` run again and again: a rerun may still find a little (a
    first run's removals can uncover recurrence, see `test_known_rerun_change`), but
    the run after it changes nothing."""
    first, register = clean_in_place(docs, Register(), "2024-01-01")
    second, register = clean_in_place([(r.name, r.text) for r in first], register,
                                      "2024-01-02")
    third, _ = clean_in_place([(r.name, r.text) for r in second], register, "2024-01-03")
    assert texts_by_name(third) == texts_by_name(second)
    assert not [result.name for result in third if result.changed]


@pytest.mark.xfail(strict=True, reason="known: the first run's removals move a page's title "
                   "(what stood above it now recurs), so the rerun drops a paragraph above it")
def test_known_rerun_change() -> None:
    """A corpus hypothesis found (four pages built of each other's headlines and leads):
    the second in-place run still drops a line. Strict: passing means it got fixed."""
    docs = [tuple(doc) for doc in json.loads(RERUN_CASE.read_text(encoding="utf-8"))]
    first, register = clean_in_place(docs, Register(), "2024-01-01")
    second, _ = clean_in_place([(r.name, r.text) for r in first], register, "2024-01-02")
    assert texts_by_name(second) == texts_by_name(first)


# --- deterministic -------------------------------------------------------------------


@PROPERTY
@given(docs=corpora(), data=st.data())
def test_same_output_for_any_file_order_and_names(docs: Corpus, data: st.DataObject) -> None:
    baseline = texts_by_name(clean_texts(docs))
    names = [name for name, _ in docs]
    new_names = data.draw(st.permutations([f"renamed/{i:03d}.txt" for i in range(len(docs))]))
    rename = dict(zip(names, new_names, strict=True))
    shuffled = data.draw(st.permutations(list(docs)))
    results = clean_texts([(rename[name], text) for name, text in shuffled])
    assert [result.name for result in results] == [rename[name] for name, _ in shuffled]
    assert {name: texts_by_name(results)[rename[name]] for name in names} == baseline


def clean_folder(docs: Corpus, jobs: int) -> dict[str, str | None]:
    """Write `docs` as files and clean them with `clean_files(jobs=...)`, as -j does;
    None for a skipped file. Chunks of two files, so even a small corpus goes through
    the process pool in both passes."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in docs:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(text.encode("utf-8"))
        files = discover_files([root])
        files = [files[i] for i in order_of(docs, files)]
        with mock.patch.object(api, "PASS1_CHUNK", 2), mock.patch.object(api, "PASS2_CHUNK", 2):
            outcomes = list(api.clean_files(files, jobs=jobs))
    return {outcome.source.relative.as_posix():
            outcome.result.text if outcome.result is not None else None
            for outcome in outcomes}


def order_of(docs: Corpus, files: Sequence[SourceFile]) -> list[int]:
    """Indexes of `files` in the order `docs` lists them (discovery sorts by name)."""
    position = {file.relative.as_posix(): i for i, file in enumerate(files)}
    return [position[name] for name, _ in docs]


@settings(PROPERTY, max_examples=10)
@given(jobs=st.sampled_from([2, 3]), docs=corpora(min_docs=3), data=st.data())
def test_same_output_for_any_jobs_file_order_and_names(jobs: int, docs: Corpus,
                                                       data: st.DataObject) -> None:
    """-j: the file-based pipeline on several processes agrees with itself on one, for
    any order and names of the files."""
    baseline = clean_folder(docs, jobs=1)
    names = [name for name, _ in docs]
    new_names = data.draw(st.permutations([f"renamed/{i:03d}.txt" for i in range(len(docs))]))
    rename = dict(zip(names, new_names, strict=True))
    shuffled = data.draw(st.permutations(list(docs)))
    results = clean_folder([(rename[name], text) for name, text in shuffled], jobs=jobs)
    assert {name: results[rename[name]] for name in names} == baseline


# --- no crash on hostile text --------------------------------------------------------


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]), ANY_TEXT),
                min_size=1, max_size=6, unique_by=lambda doc: doc[0]))
def test_any_unicode_text_is_cleaned_without_error(docs: Corpus) -> None:
    for (_, text), result in zip(docs, clean_texts(docs), strict=True):
        assert_only_removes(text, result)


@PROPERTY
@given(st.lists(adversarial_lines(), min_size=1, max_size=8), st.integers(2, 4))
def test_adversarial_lines_repeated_across_documents(lines: list[str], copies: int) -> None:
    """Hostile lines recurring in several documents reach the near-duplicate index."""
    docs = [(f"{k}.txt", "\n".join([f"Story {k} title", *lines, f"Body of story {k}."]))
            for k in range(copies)]
    for (_, text), result in zip(docs, clean_texts(docs), strict=True):
        assert_only_removes(text, result)


@PROPERTY
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
def test_lone_surrogates_are_refused_or_decoded_cleanly(text: str, codec: str) -> None:
    """Lone surrogates only exist as invalid bytes; whatever decode makes of them is
    valid text the pipeline can clean and write."""
    data = text.encode(codec, "surrogatepass")
    if codec != "utf-8":
        data = ("\ufeff".encode(codec)) + data
    decoded = decode_bytes(data)
    if isinstance(decoded, Decoded):
        decoded.text.encode("utf-8")
        (result,) = clean_texts([("x.txt", decoded.text)])
        assert_only_removes(decoded.text, result)
    else:
        assert decoded and "\n" not in decoded


@pytest.mark.parametrize("data", [
    pytest.param(b"Story \xed\xa0\x80 text\n", id="utf8-encoded-surrogate"),
    pytest.param("\ufeffStory \ud800 text\n".encode("utf-16-le", "surrogatepass"),
                 id="utf16-lone-surrogate"),
    pytest.param("\ufeffStory \udc00\ud800 text\n".encode("utf-16-be", "surrogatepass"),
                 id="utf16-reversed-pair"),
])
def test_lone_surrogate_bytes_never_decode_to_surrogates(data: bytes) -> None:
    """Bytes that encode a lone surrogate are refused, or (when they also read as a
    legacy code page, as ED A0 80 does in cp1252) decoded to real characters."""
    decoded = decode_bytes(data)
    if isinstance(decoded, Decoded):
        decoded.text.encode("utf-8")
    else:
        assert decoded


def test_hundred_thousand_short_lines() -> None:
    """Issue 7's 100,000 short lines: cleaned (context is two linear sweeps, not a scan
    from every line), and still only removes."""
    many = "\n".join(f"Item {i % 997}" if i % 3 else "" for i in range(100_000))
    docs = [("many.txt", many), ("other.txt", "Title\n\nItem 1\nItem 2\nSome prose here.\n")]
    results = clean_texts(docs)
    for (_, text), result in zip(docs, results, strict=True):
        assert_only_removes(text, result)


def test_very_long_lines_without_spaces() -> None:
    long_latin = "x" * 200_000
    long_cjk = "北京时间" * 25_000
    docs = [(f"{k}.txt", f"Title {k}\n{long_latin}\n\n{long_cjk}{k}\nShare on Facebook\n")
            for k in range(3)]
    started = time.perf_counter()
    results = clean_texts(docs)
    assert time.perf_counter() - started < 20
    for (_, text), result in zip(docs, results, strict=True):
        assert_only_removes(text, result)


# --- syndication kept ----------------------------------------------------------------


@PROPERTY
@given(single_articles(), st.integers(2, 5), corpora(min_docs=0, max_docs=6))
def test_document_copied_whole_is_never_emptied(article: str, copies: int,
                                                others: Corpus) -> None:
    docs = [*others, *((f"wire/{k}.txt", article) for k in range(copies))]
    results = clean_texts(docs)
    outputs = {result.text for result in results if result.name.startswith("wire/")}
    assert len(outputs) == 1, "identical copies were cleaned differently"
    (output,) = outputs
    assert output.strip(), "a syndicated document was emptied"


# --- the same properties on the real seeds -------------------------------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "input"


def test_seed_corpus_has_every_property() -> None:
    docs = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    assert docs
    first = clean_texts(docs)
    for (_, text), result in zip(docs, first, strict=True):
        assert_only_removes(text, result)
        assert result.text.strip()
    again = clean_texts([(result.name, result.text) for result in first])
    assert texts_by_name(again) == texts_by_name(first)
    assert texts_by_name(clean_texts(docs[::-1])) == texts_by_name(first)
