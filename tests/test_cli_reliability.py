"""`newsclean clean` on hostile folders: clear messages, right exit codes, nothing lost.

In-process runs use typer's CliRunner; the messy-folder, interrupt and encoding cases run
the installed console script in a subprocess, as a user would.
"""

from __future__ import annotations

import errno
import gzip
import os
import random
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from strategies import make_corpus
from typer.testing import CliRunner, Result

from cleaner import write
from cleaner.api import clean_texts
from cleaner.cache import CACHE_DIR
from cleaner.register import REGISTER_PATH
from cleaner.write import TEMP_PREFIX
from cli.app import app
from cli.signals import raise_interrupt

REGISTER_DIR = REGISTER_PATH.parts[0]
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "input"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def newsclean_command() -> list[str]:
    """The console script next to this interpreter, else the same entry point via -c."""
    script = Path(sys.executable).with_name("newsclean")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from cli.app import main; main()"]  # pragma: no cover


def invoke(*args: str, runner: CliRunner | None = None) -> Result:
    """Run `newsclean ARGS` in-process; fail on any exception that escaped the CLI."""
    result = (runner or CliRunner()).invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"newsclean raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stderr
    return result


def summary_count(stderr: str, label: str) -> int:
    """A count from the end-of-run summary table ("  5  cleaned")."""
    match = re.search(rf"^\s*(\d+)\s+{label}\s*$", stderr, re.MULTILINE)
    assert match, f"no '{label}' count in:\n{stderr}"
    return int(match.group(1))


def documents(folder: Path) -> list[Path]:
    """Every file under `folder` except newsclean's own cache and register
    (`.newsclean_cache/` and `.newsclean/` at the corpus root), so a stray write
    anywhere else, temp files included, shows up."""
    return [path for path in sorted(folder.rglob("*")) if path.is_file()
            and path.relative_to(folder).parts[0] not in (CACHE_DIR, REGISTER_DIR)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in documents(folder)}


def temp_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob(f"{TEMP_PREFIX}*")]


def seed_folder(folder: Path, count: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt"))[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


# --- a messy folder: one table feeds the setup and the checks --------------------------

# (relative path, bytes, expected outcome: "cleaned" or the skip reason's start)
MESSY = [
    ("empty.txt", b"", "cleaned"),
    ("whitespace.txt", b" \n\t\n  \r\n", "cleaned"),
    ("picture.txt", PNG, "binary file (PNG image)"),
    ("archive.txt", gzip.compress(b"Share on Facebook\n" * 50), "binary file (gzip data)"),
    ("nul.txt", b"Story text\x00more text\n", "binary file (NUL bytes)"),
    ("cp1252.txt", "Caf\u00e9 owners said the \u201cnew\u201d rules were na\u00efve and "
     "would cost them \u20ac2,000 this winter.\n".encode("cp1252"), "cleaned"),
    ("utf16.txt", "\ufeffK\u00f6ln: the council voted on Tuesday.\r\n".encode("utf-16-le"),
     "cleaned"),
    ("folder with spaces/story one.txt", b"A story in a folder with spaces.\n", "cleaned"),
    ("\u00dcn\u00efc\u00f6d\u00e9/\u65b0\u95fb \u0444\u0430\u0439\u043b.txt",
     "\u5317\u4eac\u65f6\u95f4\u65b0\u95fb\u3002\n".encode(), "cleaned"),
]


def build_messy_folder(root: Path) -> Path:
    corpus = seed_folder(root / "in")
    for relative, data, _ in MESSY:
        (corpus / relative).parent.mkdir(parents=True, exist_ok=True)
        (corpus / relative).write_bytes(data)
    if sys.platform.startswith("linux"):  # a file name that is not valid UTF-8
        with open(os.path.join(os.fsencode(corpus), b"latin1 caf\xe9.txt"), "wb") as handle:
            handle.write(b"Plain story.\n")
    return corpus


def test_messy_folder_exits_0_and_reports_each_bad_file_once(tmp_path: Path) -> None:
    corpus = build_messy_folder(tmp_path)
    before = snapshot(corpus)
    out = tmp_path / "out"
    run = subprocess.run([*newsclean_command(), "clean", str(corpus), "-o", str(out)],
                         capture_output=True, timeout=120)
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    assert run.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert run.stdout == b""
    assert snapshot(corpus) == before
    for relative, _, outcome in MESSY:
        mentions = [line for line in stderr.splitlines() if f"{corpus / relative}:" in line]
        if outcome == "cleaned":
            assert (out / relative).is_file(), relative
            assert not mentions, mentions
        else:
            assert mentions == [mentions[0]] and mentions[0].endswith(
                f"{corpus / relative}: skipped: {outcome}"), (relative, mentions)
            assert not (out / relative).exists()
    assert (out / "empty.txt").read_bytes() == b""
    assert (out / "whitespace.txt").read_bytes() == b""
    assert "Café owners" in (out / "cp1252.txt").read_text(encoding="utf-8")
    assert (out / "utf16.txt").read_bytes() == "Köln: the council voted on Tuesday.\n".encode()
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (out / seed.name).stat().st_size > 0


def test_clean_text_on_stdout_even_when_the_locale_cannot_encode_it(tmp_path: Path) -> None:
    """Regression: sys.stdout.write raised UnicodeEncodeError under an ASCII locale."""
    page = tmp_path / "page.txt"
    page.write_text("Straße in Köln, 北京时间.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run([*newsclean_command(), "clean", str(page)], capture_output=True,
                         env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "Straße in Köln, 北京时间.\n".encode()
    assert b"Traceback" not in run.stderr


# --- usage errors: exit 2, one line, nothing written ------------------------------------


@pytest.mark.parametrize("extra", [["-o", "out"], ["--in-place"], []],
                         ids=["output", "in-place", "stdout"])
def test_missing_path_exits_2(tmp_path: Path, extra: list[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("clean", "no-such-folder", *extra)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["newsclean: error: no-such-folder: does not exist"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [
    pytest.param(["in", "-o", "in"], id="same-folder"),
    pytest.param(["in", "-o", "in/"], id="trailing-slash"),
    pytest.param(["in", "-o", "in/../in"], id="dot-dot"),
    pytest.param(["in", "-o", "link-to-in"], id="symlink"),
    pytest.param(["in/001_4e85e5c8432a6b34.txt", "-o", "in"], id="file-into-its-folder"),
])
def test_output_equal_to_input_without_in_place_exits_2(
        tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seed_folder(tmp_path / "in")
    (tmp_path / "link-to-in").symlink_to(tmp_path / "in", target_is_directory=True)
    before = snapshot(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    result = invoke("clean", *args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("newsclean: error: ") and "--in-place" in line
    assert snapshot(tmp_path / "in") == before


def test_output_folder_inside_input_folder_is_not_read_back(tmp_path: Path) -> None:
    corpus = seed_folder(tmp_path / "in")
    out = corpus / "clean"
    first = invoke("clean", str(corpus), "-o", str(out))
    written = snapshot(out)
    second = invoke("clean", str(corpus), "-o", str(out))  # out now holds .txt files
    assert first.exit_code == second.exit_code == 0
    assert sorted(written) == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert snapshot(out) == written
    assert first.stderr == second.stderr
    assert summary_count(second.stderr, "read") == 5


# --- in place: permissions kept, untouched files untouched ------------------------------


def test_in_place_keeps_permissions_and_leaves_clean_files_alone(tmp_path: Path) -> None:
    corpus = seed_folder(tmp_path / "in")
    # nothing to remove, but not in output form: CRLF, trailing spaces, cp1252
    (corpus / "plain.txt").write_bytes("Caf\u00e9 story.  \r\n\r\nSecond line.\r\n"
                                       .encode("cp1252"))
    expected = invoke("clean", str(corpus), "-o", str(tmp_path / "expected"))
    assert expected.exit_code == 0
    modes = {path.name: mode for path, mode in zip(
        documents(corpus), [0o600, 0o640, 0o444, 0o755, 0o620, 0o604], strict=True)}
    old = time.time() - 86_400
    for path in documents(corpus):
        path.chmod(modes[path.name])
        os.utime(path, (old, old))
    before = snapshot(corpus)

    result = invoke("clean", str(corpus), "--in-place")

    assert result.exit_code == 0
    assert (summary_count(result.stderr, "cleaned"), summary_count(result.stderr, "unchanged")) \
        == (5, 1)
    for path in documents(corpus):
        assert stat.S_IMODE(path.stat().st_mode) == modes[path.name], path.name
        # normalisation alone is a change (check reports it): plain.txt becomes UTF-8, LF
        assert path.read_bytes() == (tmp_path / "expected" / path.name).read_bytes()
        assert path.read_bytes() != before[path.name]
    assert not temp_files(corpus)
    # a clean corpus is left alone: same bytes, same modification times
    for path in documents(corpus):
        os.utime(path, (old, old))
    after = snapshot(corpus)
    assert invoke("clean", str(corpus), "--in-place").exit_code == 0
    assert snapshot(corpus) == after
    assert all(path.stat().st_mtime == pytest.approx(old, abs=1) for path in documents(corpus))


def test_exit_codes_of_a_fixer_run_and_a_second_run(tmp_path: Path) -> None:
    """1 when --exit-non-zero-on-fix changed files; then 0 with nothing left to change."""
    corpus = seed_folder(tmp_path / "in")
    first = invoke("clean", str(corpus), "--in-place", "--exit-non-zero-on-fix")
    after_first = snapshot(corpus)
    second = invoke("clean", str(corpus), "--in-place", "--exit-non-zero-on-fix")
    assert (first.exit_code, second.exit_code) == (1, 0)
    assert snapshot(corpus) == after_first
    assert summary_count(second.stderr, "unchanged") == 5


# --- write failures: non-zero exit, one line, inputs intact -----------------------------


@pytest.mark.parametrize("how", [
    pytest.param("chmod", marks=pytest.mark.skipif(
        IS_ROOT or sys.platform == "win32", reason="root ignores folder permissions")),
    "simulated",
])
def test_read_only_output_folder(tmp_path: Path, how: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = seed_folder(tmp_path / "in")
    before = snapshot(corpus)
    out = tmp_path / "out"
    out.mkdir()
    if how == "chmod":
        out.chmod(0o555)
    else:
        def refuse(folder: Path, **_: object) -> tuple[int, Path]:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        monkeypatch.setattr(write, "_create_temp", refuse)
    try:
        result = invoke("clean", str(corpus), "-o", str(out))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newsclean: error: {out}") and "ermission denied" in line
    assert snapshot(corpus) == before
    assert not list(out.iterdir())


def test_full_disk_during_in_place_run_keeps_inputs(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = seed_folder(tmp_path / "in")
    before = snapshot(corpus)

    def disk_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write, "_write_all", disk_full)
    result = invoke("clean", str(corpus), "--in-place")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["newsclean: error: No space left on device"]
    assert snapshot(corpus) == before
    assert not temp_files(corpus)


# --- interrupted: every file old or new, never partial, no temp files -------------------


def signal_after_first_write(process: subprocess.Popen[bytes], paths: list[Path],
                             old_time: float) -> None:
    """SIGTERM the run as soon as one file has been rewritten: mid-way through pass 2."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if any(path.stat().st_mtime > old_time + 1 for path in paths):
            process.send_signal(signal.SIGTERM)
            return
        time.sleep(0.005)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_during_in_place_run_leaves_every_file_old_or_new(tmp_path: Path,
                                                                  jobs: str) -> None:
    pages = make_corpus(random.Random(7), 200)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old_time = time.time() - 86_400
    for name, text in pages.items():
        (corpus / name).write_text(text, encoding="utf-8")
        os.utime(corpus / name, (old_time, old_time))
    paths = sorted(corpus.iterdir())

    process = subprocess.Popen([*newsclean_command(), "clean", str(corpus), "--in-place",
                                "-j", jobs],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watcher = threading.Thread(target=signal_after_first_write,
                               args=(process, paths, old_time), daemon=True)
    watcher.start()
    try:
        # What "new" must be, computed while the subprocess starts up and runs pass 1.
        expected = {result.name: result.text for result in clean_texts(list(pages.items()))}
        watcher.join(timeout=150)
        _, stderr_bytes = process.communicate(timeout=120)
    finally:
        if process.poll() is None:  # pragma: no cover - only if the run hangs
            process.kill()
            process.wait()
    stderr = stderr_bytes.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr

    states = {"old": 0, "new": 0}
    for path in paths:
        data = path.read_text(encoding="utf-8")
        if data == pages[path.name]:
            states["old"] += 1
        else:
            assert data == expected[path.name], f"{path.name} is neither old nor new"
            states["new"] += 1
    assert not temp_files(corpus)
    assert states["new"] >= 1
    if states["old"]:  # the signal landed mid-run (as it nearly always does)
        assert process.returncode == 130, stderr
        assert stderr.splitlines()[-1].startswith("newsclean: error: interrupted")


def test_signal_during_a_write_lands_after_it(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """cli.signals: SIGTERM arriving mid-write is held until that file is complete."""
    corpus = seed_folder(tmp_path / "in")
    before = snapshot(corpus)
    real_write_all = write._write_all

    def write_all_then_signalled(fd: int, data: bytes) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # delivered now unless held back
        real_write_all(fd, data)

    monkeypatch.setattr(write, "_write_all", write_all_then_signalled)
    previous = signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        result = invoke("clean", str(corpus), "--in-place")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 130
    after = snapshot(corpus)
    rewritten = [name for name in after if after[name] != before[name]]
    assert len(rewritten) == 1  # the write in flight completed, then the run stopped
    assert not temp_files(corpus)


# --- a file over the size limit ---------------------------------------------------------


def test_file_over_200_mb_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    corpus = seed_folder(tmp_path / "in", count=2)
    big = corpus / "huge.txt"
    with open(big, "wb") as handle:  # sparse where the filesystem allows: instant
        handle.truncate(201 * 1024 * 1024)
    try:
        started = time.monotonic()
        result = invoke("clean", str(corpus), "-o", str(tmp_path / "out"))
        in_place = invoke("clean", str(corpus), "--in-place")
        assert time.monotonic() - started < 60
        for run in (result, in_place):
            assert run.exit_code == 0
            assert f"{big}: skipped: file larger than 200 MB" in run.stderr
        assert not (tmp_path / "out" / "huge.txt").exists()
        assert big.stat().st_size == 201 * 1024 * 1024
    finally:
        big.unlink()
