"""Which corpus a lone file is judged against, and the names it gets there."""

from __future__ import annotations

from pathlib import Path

from cleaner.corpus import context_for, find_corpus_root, git_root


def touch(path: Path, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_corpus_root_precedence(tmp_path: Path) -> None:
    page = touch(tmp_path / "repo" / "scraped" / "site" / "page.txt")
    repo = tmp_path / "repo"
    assert find_corpus_root(page) == page.parent.resolve()  # no git, no settings
    (repo / ".git").mkdir()
    assert git_root(page) == repo.resolve()
    assert find_corpus_root(page) == repo.resolve()
    touch(repo / "newsclean.toml", 'corpus = "scraped"\n')
    assert find_corpus_root(page) == (repo / "scraped").resolve()
    assert find_corpus_root(page, tmp_path) == tmp_path.resolve()


def test_context_names_files_relative_to_the_corpus_root(tmp_path: Path) -> None:
    a = touch(tmp_path / "site" / "a.txt")
    touch(tmp_path / "site" / "b.txt")
    touch(tmp_path / "notes.md")
    odd = touch(tmp_path / "site" / "c.text")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside = touch(elsewhere / "d.txt")
    clash = touch(elsewhere / "site" / "b.txt")
    touch(tmp_path / "b.txt")
    context = context_for(tmp_path, [a, odd, outside, elsewhere / "b.txt"], include=["*.txt"])
    assert sorted(f.relative.as_posix() for f in context.corpus) == [
        "b.txt", "d.txt", "site/a.txt", "site/b.txt", "site/c.text"]  # .md is not read
    assert [f.relative.as_posix() for f in context.targets] == [
        "site/a.txt", "site/c.text", "d.txt"]  # a file from elsewhere joins by its name
    assert context.targets[0].path == a  # written where the user named it
    assert context.outside == (elsewhere / "b.txt",)  # ... unless the corpus has that name
    assert clash.exists()
