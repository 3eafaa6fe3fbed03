"""JSON records, the run report and unified diffs rendered from results."""

from __future__ import annotations

import json

from cli_corpus import FOOTER, SHARE, article_text

from cleaner.api import clean_texts
from cleaner.report import document_record, render_diff, stats_report, to_json_line
from cleaner.stats import stats_of_result


def _results():
    return clean_texts([(f"d{i}.txt", article_text(i)) for i in range(4)])


def test_document_record_round_trips_through_json() -> None:
    result = _results()[0]
    line = to_json_line(document_record(result, "in/d0.txt", all_decisions=True))
    assert line.endswith("\n") and line.count("\n") == 1
    record = json.loads(line)
    assert record["path"] == "in/d0.txt" and record["text"] == result.text
    assert [r["text"] for r in record["removed"]] == [SHARE, FOOTER]
    assert len(record["decisions"]) == len(result.decisions)


def test_diff_is_empty_when_nothing_changes() -> None:
    result = _results()[0]
    assert render_diff(result, result.text, "d0.txt") == ""


def test_diff_removes_exactly_the_removed_lines() -> None:
    result = _results()[1]
    diff = render_diff(result, article_text(1), "d1.txt")
    assert diff.startswith("--- d1.txt\n+++ d1.txt\n@@ ")
    removed = [line[1:] for line in diff.splitlines()
               if line.startswith("-") and not line.startswith("---")]
    assert [line for line in removed if line] == [SHARE, FOOTER]


def test_diff_marks_a_missing_final_newline() -> None:
    result = _results()[2]
    diff = render_diff(result, article_text(2).rstrip("\n"), "d2.txt")
    assert "\\ No newline at end of file\n" in diff
    assert all(line.endswith("\n") for line in diff.splitlines(keepends=True))


def test_report_is_json_and_sorted() -> None:
    stats = sum(stats_of_result(r) for r in _results())
    report = json.loads(json.dumps(stats_report(stats)))
    assert report["schema"] == 1
    assert list(report["removed_by_kind"]) == sorted(report["removed_by_kind"])
    assert report["bytes"]["removed"] == sum(v["bytes"] for v in report["removed_by_kind"].values())
