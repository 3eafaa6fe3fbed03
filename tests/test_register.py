"""cleaner.register: the file format, and the register as evidence in a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrape_generator import generate

from cleaner.api import Evidence, clean_texts
from cleaner.register import (
    REGISTER_PATH,
    Entry,
    Register,
    load_register,
    parse_register,
    save_register,
    update_register_file,
)
from cleaner.register_evidence import RegisterRecorder


def entry(ident: str, last_seen: str = "2024-05-01", **fields) -> Entry:
    base = dict(id=ident, entry="line", group="", kind="teaser_headline",
                rule="near_dup_teaser", text=f"text {ident}", docs=3,
                first_seen="2024-01-01", last_seen=last_seen, keys=(int(ident, 16),))
    return Entry(**{**base, **fields})


def learn(docs, register: Register | None = None, today: str = "2024-06-01",
          accumulate: bool = True):
    """Clean `docs` as one corpus with `register` as evidence; return results and the
    register grown from this run's removals."""
    register = register or Register()
    recorder = RegisterRecorder(accumulate=accumulate)
    results = clean_texts(docs, evidence=Evidence(register, inputs_are_raw=not accumulate),
                          recorder=recorder)
    return results, recorder.merged(register, today)


@pytest.fixture(scope="module")
def site() -> list[tuple[str, str]]:
    return [(name, raw) for name, raw, _ in generate(seed=3, docs=24, sites=1)]


def test_dump_is_sorted_jsonl_and_round_trips():
    register = Register({i: entry(i) for i in ("bb", "0a", "c3")})
    text = register.dumps()
    assert [json.loads(line)["id"] for line in text.splitlines()] == ["0a", "bb", "c3"]
    assert parse_register(text, where="r").dumps() == text


@pytest.mark.parametrize("line, reason", [
    pytest.param("{not json", "not JSON", id="not-json"),
    pytest.param("[1, 2]", "not a JSON object", id="not-object"),
    pytest.param('{"id": "ab", "entry": "line", "keys": ["ab"]}', "missing field 'docs'",
                 id="missing-field"),
    pytest.param('{"id": "ab", "entry": "line", "docs": -1, "keys": ["ab"]}',
                 "'docs' is not a count", id="bad-count"),
    pytest.param('{"id": "ab", "entry": "line", "docs": 2, "keys": ["xyz"]}', "not hex",
                 id="bad-key"),
    pytest.param('{"id": "ab", "entry": "page", "docs": 2, "keys": ["ab"]}',
                 "unknown entry type", id="bad-type"),
])
def test_bad_line_is_skipped_with_a_warning_naming_it(tmp_path, line, reason):
    path = tmp_path / "register.jsonl"
    good = entry("0a").to_json()
    path.write_text(f"{good}\n{line}\n")
    warnings: list[str] = []
    register = load_register(path, warnings.append)
    assert list(register.entries) == ["0a"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:2: skipped: ") and reason in warnings[0]


def test_bad_line_survives_an_update_verbatim(tmp_path):
    path = tmp_path / REGISTER_PATH
    save_register(path, Register({"0a": entry("0a"), "bb": entry("bb")}))
    path.write_text(path.read_text() + "hand edit gone wrong\n")
    update_register_file(path, lambda r: r.without(["bb"]))
    assert path.read_text().splitlines()[-1] == "hand edit gone wrong"
    assert list(load_register(path).entries) == ["0a"]


def test_duplicate_id_is_skipped(tmp_path):
    warnings: list[str] = []
    line = entry("0a").to_json()
    register = parse_register(f"{line}\n{line}\n", where="R", warn=warnings.append)
    assert len(register) == 1 and warnings == ["R:2: skipped: duplicate id 0a"]


def test_unused_since_and_find():
    register = Register({"0a": entry("0a", "2023-01-01"), "0b": entry("0b", "2024-09-09")})
    assert register.unused_since("2024-01-01") == ["0a"]
    assert [e.id for e in register.find("0")] == ["0a", "0b"]


def test_register_stands_in_for_removed_documents(site):
    """A corpus cleaned in place keeps its evidence in the register: a new page
    judged against the cleaned pages alone keeps its furniture, with the register
    it comes out as it would from the raw corpus."""
    raw_results, register = learn(site)
    one_run = raw_results[-1].text
    cleaned = [(r.name, r.text) for r in raw_results[:-1]]
    new = site[-1]
    without = clean_texts([*cleaned, new])[-1].text
    with_register = clean_texts([*cleaned, new], evidence=Evidence(register))[-1].text
    assert without != one_run
    assert with_register == one_run


def test_deleting_entries_stops_their_removals(site):
    raw_results, register = learn(site)
    cleaned = [(r.name, r.text) for r in raw_results[:-1]]
    emptied = register.without(e.id for e in register)
    assert (clean_texts([*cleaned, site[-1]], evidence=Evidence(emptied))[-1].text
            == clean_texts([*cleaned, site[-1]])[-1].text)


def test_fuzzy_variants_share_one_entry(site):
    _, register = learn(site)
    teasers = [e for e in register if e.kind == "teaser_headline"]
    # the site's pool of 12, whatever the edits (the index may split off a variant)
    assert teasers and len(teasers) <= 14
    assert any(len(e.keys) > 1 for e in teasers)


def test_same_documents_are_counted_once(site):
    """`clean RAW -o OUT --register R` run twice: the register does not double."""
    _, first = learn(site, accumulate=False)
    results, second = learn(site, first, today="2024-07-01", accumulate=False)
    assert {i: e.docs for i, e in second.entries.items()} == \
        {i: e.docs for i, e in first.entries.items()}
    assert [r.text for r in results] == [r.text for r in learn(site)[0]]


def test_identical_documents_count_once_in_the_register():
    """A page syndicated whole into two files is one page to the corpus index, so
    its removals count once in the register too: a line kept as too rare in the
    first run stays kept when the register stands in for the cleaned pages."""
    footer = "Contact us | About Daily Planet"
    teaser = "Lagos said offers police week union offers and begin firms cut"
    body = ("New school rise people investors crash cut new tuesday strike it were and "
            "called market small were to. Teachers were the welcomed council union.")
    page = (f"{teaser}\n\n{body}\n\n{teaser} Business\n{teaser} Business\n\n"
            f"{body[:90]}\n\n{footer}\n")
    other = f"{teaser}\n\nSource: Daily Planet\n\n{body}\n\n{footer}\n"
    docs = [("site/a.txt", page), ("site/b.txt", page), ("site/c.txt", other)]
    results, register = learn(docs)
    again = clean_texts([(r.name, r.text) for r in results], evidence=Evidence(register))
    assert [r.text for r in again] == [r.text for r in results]
    entry = next((e for e in register if e.text == footer), None)
    assert entry is None or entry.docs == 1


def test_entries_record_dates(site):
    _, first = learn(site, today="2024-06-01")
    _, second = learn(site[:3], first, today="2024-08-01")
    assert {e.first_seen for e in second} == {"2024-06-01"}
    assert "2024-08-01" in {e.last_seen for e in second}


def test_register_file_round_trip(tmp_path, site):
    _, register = learn(site)
    path = tmp_path / REGISTER_PATH
    assert save_register(path, register)
    assert not save_register(path, load_register(path))  # unchanged: not rewritten
    assert load_register(path).entries == register.entries
    assert load_register(Path(tmp_path / "missing.jsonl")).entries == {}
