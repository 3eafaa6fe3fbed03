"""The pre-commit benchmark: cold `newsclean check .` vs a warm check of 10 edited files.

    python bench/precommit_bench.py [--docs 10000] [--seed 1] [--keep DIR]

Generates a seeds-shaped corpus in a temporary git repository, runs a cold
`newsclean check .` (no cache), then, for each of `--rounds` commits, edits 10
files and runs `newsclean check` on just those 10 (as the hook does, with the
cache the runs before left), and prints the wall times, the median warm run and
its ratio to the cold one (one warm run alone is at the mercy of the machine).
The timed runs use byte-compiled modules, as an installed newsclean has them
(see `installed_env`). Target (issue 5): warm under 1 s and under 10 % of cold.
Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

NEWSCLEAN = [sys.executable, "-c", "from cli.app import main; main()"]


def installed_env(pycache: Path) -> dict[str, str]:
    """The environment of the timed runs: Python modules byte-compiled once, as `pip
    install` (and pre-commit's hook environment) leaves them. Without this a
    PYTHONDONTWRITEBYTECODE=1 environment (as on the development machine) compiles
    every newsclean module from source on every run, a few tenths of a second."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def timed(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run([*NEWSCLEAN, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"newsclean {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return elapsed, done.returncode


def edit(path: Path, rng: random.Random) -> None:
    """A new paragraph in the middle and a changed word, as a re-scrape would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    middle = len(lines) // 2
    lines[middle:middle] = ["Editors added this paragraph after the first scrape of the "
                            f"story, number {rng.randint(1, 10**6)}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5, help="warm runs, 10 new edits each")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    pycache = Path(tempfile.mkdtemp(prefix="newsclean-bench-pycache-"))
    try:
        root.mkdir(parents=True, exist_ok=True)
        generate(root, docs=args.docs, seed=args.seed)
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        files = sorted(root.rglob("*.txt"))
        print(f"corpus: {len(files)} documents, "
              f"{sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {root}", flush=True)

        shutil.rmtree(root / ".newsclean_cache", ignore_errors=True)
        env = installed_env(pycache)
        cold, _ = timed(["check", "--quiet", "."], root, env)
        print(f"cold  newsclean check .            {cold:8.2f} s", flush=True)

        rng = random.Random(args.seed)
        warm_times: list[float] = []
        for _ in range(args.rounds):
            edited = rng.sample(files, args.edits)
            for path in edited:
                edit(path, rng)
            names = [str(p.relative_to(root)) for p in edited]
            warm_times.append(timed(["check", "--quiet", *names], root, env)[0])
        warm = statistics.median(warm_times)
        rounds = " ".join(f"{t:.2f}" for t in warm_times)
        print(f"warm  newsclean check ({args.edits} files)   {warm:8.2f} s  "
              f"(median of {args.rounds}: {rounds})")
        print(f"ratio warm/cold                    {warm / cold:8.1%}")
        uncompiled, _ = timed(["check", "--quiet", *names], root)
        print(f"again, modules not byte-compiled   {uncompiled:8.2f} s  (this shell's env)")
        uncached, _ = timed(["check", "--quiet", "--no-cache", *names], root, env)
        print(f"same 10 files without the cache    {uncached:8.2f} s")
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
