"""`newsclean register list/show/forget`, and how `clean` finds and updates the register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrape_generator import generate
from typer.testing import CliRunner

from cleaner.register import REGISTER_PATH, load_register
from cli.app import app


def run(*args: str | Path):
    return CliRunner().invoke(app, [*map(str, args)])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder cleaned in place once: its register sits at .newsclean/register.jsonl."""
    folder = tmp_path_factory.mktemp("corpus")
    for name, raw, _ in generate(seed=5, docs=20, sites=2):
        (folder / name).write_text(raw)
    result = run("clean", "-q", "--in-place", folder)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def copy(corpus, tmp_path) -> Path:
    (tmp_path / REGISTER_PATH).parent.mkdir(parents=True)
    (tmp_path / REGISTER_PATH).write_bytes((corpus / REGISTER_PATH).read_bytes())
    return tmp_path


def test_in_place_run_starts_a_register(corpus):
    assert len(load_register(corpus / REGISTER_PATH)) > 0


def test_list_prints_one_line_per_entry(corpus):
    result = run("register", "list", corpus)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert len(rows) == len(load_register(corpus / REGISTER_PATH))
    assert all(len(row.split("\t")) == 6 for row in rows)


def test_show_prints_the_entry_by_prefix(corpus):
    first = next(iter(load_register(corpus / REGISTER_PATH)))
    result = run("register", "show", first.id[:6], "--register", corpus / REGISTER_PATH)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == first.text


def test_show_unknown_id_is_a_usage_error(corpus):
    result = run("register", "show", "zzzz", corpus)
    assert result.exit_code == 2
    assert "no entry with id 'zzzz'" in result.stderr


def test_forget_by_id(copy):
    register = load_register(copy / REGISTER_PATH)
    gone = next(iter(register)).id
    result = run("register", "forget", gone, "--corpus", copy)
    assert result.exit_code == 0, result.output
    assert "forgot 1 entry" in result.stderr
    left = load_register(copy / REGISTER_PATH)
    assert gone not in left.entries and len(left) == len(register) - 1


def test_forget_unused_since(copy):
    path = copy / REGISTER_PATH
    lines = path.read_text().splitlines()
    record = json.loads(lines[0])
    record["last_seen"] = "2020-01-01"
    path.write_text("\n".join([json.dumps(record), *lines[1:]]) + "\n")
    result = run("register", "forget", "--unused-since", "2021-01-01", "--register", path)
    assert result.exit_code == 0
    assert record["id"] not in load_register(path).entries
    assert len(load_register(path)) == len(lines) - 1


@pytest.mark.parametrize("args", [
    pytest.param(["forget"], id="nothing-to-forget"),
    pytest.param(["forget", "--unused-since", "last week"], id="bad-date"),
])
def test_forget_usage_errors(copy, args):
    result = run("register", *args, "--corpus", copy)
    assert result.exit_code == 2
    assert result.stderr.startswith("newsclean: error:")


def test_no_register_found_is_a_usage_error(tmp_path):
    (tmp_path / ".git").mkdir()
    result = run("register", "list", tmp_path)
    assert result.exit_code == 2 and "no register found" in result.stderr


def test_corrupt_register_line_warns_and_the_run_goes_on(corpus, tmp_path):
    for source in sorted(corpus.glob("*.txt")):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    path = tmp_path / REGISTER_PATH
    path.parent.mkdir()
    text = (corpus / REGISTER_PATH).read_text().splitlines()
    path.write_text("\n".join([text[0], '{"id": broken', *text[1:]]) + "\n")
    result = run("clean", "--in-place", tmp_path)
    assert result.exit_code == 0
    assert f"{path}:2: skipped: not JSON" in result.stderr
    assert '{"id": broken' in path.read_text()  # kept for the user to fix


def test_no_register_flag_leaves_no_register(tmp_path):
    for name, raw, _ in generate(seed=5, docs=8, sites=1):
        (tmp_path / name).write_text(raw)
    assert run("clean", "-q", "--in-place", "--no-register", tmp_path).exit_code == 0
    assert not (tmp_path / ".newsclean").exists()


def test_output_run_writes_a_register_only_when_asked(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text, _ in generate(seed=5, docs=8, sites=1):
        (raw / name).write_text(text)
    assert run("clean", "-q", raw, "-o", tmp_path / "a").exit_code == 0
    assert not (tmp_path / "a" / ".newsclean").exists() and not (raw / ".newsclean").exists()
    target = tmp_path / "b" / REGISTER_PATH
    assert run("clean", "-q", raw, "-o", tmp_path / "b", "--register", target).exit_code == 0
    assert len(load_register(target)) > 0


def test_corpus_option_writes_only_the_given_files(corpus, tmp_path):
    for source in sorted(corpus.glob("*.txt")):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.txt")}
    name, raw, _ = generate(seed=5, docs=21, sites=2)[-1]
    (tmp_path / name).write_text(raw)
    result = run("clean", "-q", "--in-place", "--corpus", tmp_path, tmp_path / name)
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.txt") if p.name != name} == before
    assert (tmp_path / name).read_text() != raw


def test_corpus_must_be_a_folder(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("text\n")
    result = run("clean", "--in-place", "--corpus", page, page)
    assert result.exit_code == 2 and "--corpus must be a folder" in result.stderr


@pytest.fixture
def joined(corpus, tmp_path) -> tuple[Path, Path]:
    """The cleaned corpus with its register, and one new raw scrape of the same sites."""
    for source in [*corpus.glob("*.txt"), corpus / REGISTER_PATH]:
        target = tmp_path / source.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    name, raw, _ = generate(seed=5, docs=21, sites=2)[-1]
    (tmp_path / name).write_text(raw)
    return tmp_path, tmp_path / name


def test_check_and_explain_read_the_register(joined):
    """Against a cleaned corpus only the register still knows the boilerplate."""
    folder, page = joined
    register_before = (folder / REGISTER_PATH).read_bytes()
    with_register = run("check", "--corpus", folder, page)
    without = run("check", "--corpus", folder, "--no-register", page)
    assert with_register.exit_code == 1, with_register.output
    removed = int(with_register.stdout.split("would remove ")[1].split()[0])
    if without.exit_code == 1:
        assert int(without.stdout.split("would remove ")[1].split()[0]) < removed
    explained = run("explain", "--corpus", folder, "--dropped", page)
    assert explained.exit_code == 0, explained.output
    entry = explained.stdout.split("register entry ")[1].split()[0]
    shown = run("register", "show", entry, folder)
    assert shown.exit_code == 0, shown.output
    assert (folder / REGISTER_PATH).read_bytes() == register_before  # read, never written


def test_check_predicts_the_in_place_clean(joined):
    folder, page = joined
    register_before = (folder / REGISTER_PATH).read_bytes()
    check = run("check", "--corpus", folder, "-v", page)
    assert (folder / REGISTER_PATH).read_bytes() == register_before  # check writes nothing
    raw = page.read_text()
    assert run("clean", "-q", "--in-place", "--corpus", folder, page).exit_code == 0
    removed = sum(1 for line in raw.splitlines() if line.strip()) - sum(
        1 for line in page.read_text().splitlines() if line.strip())
    assert f"would remove {removed} line" in check.stdout
    assert (folder / REGISTER_PATH).read_bytes() != register_before  # the clean recorded


def test_register_and_output_are_the_same_for_any_jobs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text, _ in generate(seed=9, docs=30, sites=3):
        (raw / name).write_text(text)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = run("clean", "-q", "-j", jobs, raw, "-o", out, "--register",
                     tmp_path / f"register-{jobs}.jsonl")
        assert result.exit_code == 0, result.output
        outputs.append(({p.name: p.read_bytes() for p in out.glob("*.txt")},
                        (tmp_path / f"register-{jobs}.jsonl").read_bytes()))
    assert outputs[0] == outputs[1]


def _add_entry(path: Path, ident: str) -> None:
    from cleaner.register import Entry, update_register_file

    entry = Entry(ident, "line", "", "share", "boilerplate_phrase", f"line {ident}", 2,
                  "2024-01-01", "2024-01-01", (int(ident, 16),))
    update_register_file(path, lambda now: now.with_entries({**now.entries, ident: entry}))


def test_concurrent_updates_keep_every_entry(tmp_path):
    """Runs updating the register at once each add their entries; none is lost."""
    import multiprocessing

    path = tmp_path / REGISTER_PATH
    idents = [f"{n:012x}" for n in range(1, 41)]
    with multiprocessing.get_context("fork").Pool(4) as pool:
        pool.starmap(_add_entry, [(path, ident) for ident in idents])
    assert sorted(load_register(path).entries) == idents
    assert [p.name for p in path.parent.iterdir()] == ["register.jsonl"]  # no lock file
