"""cleaner.discover: the corpus is exactly the intended files, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner import discover
from cleaner.discover import DiscoveryError, SourceFile, discover_files, find_output_collisions


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {name}\n")


def relatives(files: list[SourceFile]) -> list[str]:
    return [f.relative.as_posix() for f in files]


def test_walks_recursively_in_sorted_order(tmp_path: Path) -> None:
    make(tmp_path, "b.txt", "a.txt", "sub/z.txt", "sub/deeper/y.txt", "A.txt", "notes.md")
    files = discover_files([tmp_path])
    assert relatives(files) == ["A.txt", "a.txt", "b.txt", "sub/deeper/y.txt", "sub/z.txt"]
    assert all(f.root == tmp_path and f.path == tmp_path / f.relative for f in files)


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", "b.md", "drafts/c.txt", "drafts/d.md", "keep/e.txt")
    got = discover_files([tmp_path], include=("*.txt", "*.md"), exclude=("drafts/*",))
    assert relatives(got) == ["a.txt", "b.md", "keep/e.txt"]
    assert relatives(discover_files([tmp_path], include=("keep/*.txt",))) == ["keep/e.txt"]
    assert relatives(discover_files([tmp_path], exclude=("c.txt",))) == ["a.txt", "keep/e.txt"]


def test_dot_folders_and_dot_files_are_skipped(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", ".git/x.txt", ".newsclean/cache.txt", "sub/.hidden/y.txt")
    make(tmp_path, ".newsclean-tmp-abc123.txt", "sub/.draft.txt")
    assert relatives(discover_files([tmp_path])) == ["a.txt"]


def test_file_given_directly_is_always_included(tmp_path: Path) -> None:
    make(tmp_path, "story.md", ".hidden.txt")
    got = discover_files([tmp_path / "story.md", tmp_path / ".hidden.txt"], exclude=("*.md",))
    assert got == [
        SourceFile(tmp_path / ".hidden.txt", tmp_path, Path(".hidden.txt")),
        SourceFile(tmp_path / "story.md", tmp_path, Path("story.md")),
    ]


def test_relative_root_keeps_user_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "corpus/a.txt", "single.txt")
    monkeypatch.chdir(tmp_path)
    got = discover_files([Path("corpus"), Path("single.txt")])
    assert got == [
        SourceFile(Path("single.txt"), Path("."), Path("single.txt")),
        SourceFile(Path("corpus/a.txt"), Path("corpus"), Path("a.txt")),
    ]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(DiscoveryError, match=r"nope: does not exist$"):
        discover_files([tmp_path, missing])
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(DiscoveryError, match=r"dangling.txt: does not exist$"):
        discover_files([tmp_path / "dangling.txt"])


def test_same_file_twice_counts_once(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", "sub/b.txt")
    got = discover_files([tmp_path / "a.txt", tmp_path, tmp_path / "a.txt", tmp_path / "sub"])
    assert [f.path for f in got] == [tmp_path / "a.txt", tmp_path / "sub/b.txt"]
    assert discover_files([tmp_path / "sub", tmp_path]) == discover_files([tmp_path])


def test_symlinked_folders_are_not_followed_and_loops_end(tmp_path: Path) -> None:
    make(tmp_path, "corpus/a.txt", "elsewhere/secret.txt")
    (tmp_path / "corpus/loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    (tmp_path / "corpus/out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert relatives(discover_files([tmp_path / "corpus"])) == ["a.txt"]


def test_symlinked_files_only_inside_the_corpus(tmp_path: Path) -> None:
    make(tmp_path, "corpus/real.txt", "corpus/data/source.dat", "elsewhere/secret.txt")
    corpus = tmp_path / "corpus"
    (corpus / "alias.txt").symlink_to(corpus / "real.txt")  # same file twice
    (corpus / "inside.txt").symlink_to(corpus / "data/source.dat")  # only reachable by link
    (corpus / "outside.txt").symlink_to(tmp_path / "elsewhere/secret.txt")
    (corpus / "relative.txt").symlink_to(Path("../elsewhere/secret.txt"))
    (corpus / "dangling.txt").symlink_to(corpus / "missing.txt")
    assert relatives(discover_files([corpus])) == ["inside.txt", "real.txt"]


def test_link_target_prefix_is_not_containment(tmp_path: Path) -> None:
    """/x/corpus-private is not inside /x/corpus even though the string starts with it."""
    make(tmp_path, "corpus/a.txt", "corpus-private/secret.txt")
    (tmp_path / "corpus/leak.txt").symlink_to(tmp_path / "corpus-private/secret.txt")
    assert relatives(discover_files([tmp_path / "corpus"])) == ["a.txt"]


def test_root_given_as_symlink_is_walked(tmp_path: Path) -> None:
    make(tmp_path, "real/a.txt")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real/self.txt").symlink_to(tmp_path / "real/a.txt")
    assert [f.path for f in discover_files([tmp_path / "link"])] == [tmp_path / "link/a.txt"]


def test_output_folder_inside_input_is_skipped(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", "out/a.txt", "out/sub/b.txt", "sub/out/c.txt")
    got = discover_files([tmp_path], skip_dirs=[tmp_path / "sub/../out"])
    assert relatives(got) == ["a.txt", "sub/out/c.txt"]


def test_fifo_in_folder_is_ignored(tmp_path: Path) -> None:
    make(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    assert relatives(discover_files([tmp_path])) == ["a.txt"]


def test_spaces_and_non_ascii_names(tmp_path: Path) -> None:
    names = ["Köln Nachrichten/über uns.txt", "新闻/北京 报道.txt", "with space.txt"]
    make(tmp_path, *names)
    assert relatives(discover_files([tmp_path])) == sorted(names, key=lambda n: Path(n).parts)
    assert discover_files([tmp_path / "with space.txt"])[0].relative == Path("with space.txt")


def test_unlistable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Silently missing a folder would make the report lie; root can list anything, so
    simulate the PermissionError at os.scandir."""
    make(tmp_path, "a.txt", "locked/b.txt")
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    with pytest.raises(DiscoveryError, match=r"locked: cannot list folder \(permission denied\)"):
        discover_files([tmp_path])


def test_output_collisions(tmp_path: Path) -> None:
    make(tmp_path, "x/story.txt", "y/story.txt", "y/other.txt", "z/sub/story.txt")
    files = discover_files(
        [tmp_path / "x/story.txt", tmp_path / "y/story.txt", tmp_path / "y/other.txt"]
    )
    assert find_output_collisions(files) == [
        (Path("story.txt"), [tmp_path / "x/story.txt", tmp_path / "y/story.txt"])
    ]
    files = discover_files([tmp_path / "z", tmp_path / "x/story.txt"])
    assert find_output_collisions(files) == []
    assert find_output_collisions(discover_files([tmp_path])) == []
