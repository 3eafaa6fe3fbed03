"""How big the boilerplate register grows: entries and bytes for a generated corpus.

    python bench/register_size.py --docs 10000 --seed 1 [--work DIR]

Generates a seeds-shaped corpus (bench/generate.py), cleans it once into a temp
folder with `newsclean clean RAW -o OUT --register R` (what seeding a corpus repo
from a first big scrape does) and prints the register's entries, bytes, bytes per
entry and per document, and the same run's time. Issue 11's target: under 2 MB at
10,000 documents; the register grows with the number of distinct patterns, not
with the number of documents, so doubling the pages of the same sites should
barely change it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaner.register import load_register

HERE = Path(__file__).resolve().parent
NEWSCLEAN = [sys.executable, "-c", "from cli.app import main; main()"]


def measure(raw: Path, work: Path) -> dict[str, float]:
    register = work / "register.jsonl"
    started = time.perf_counter()
    subprocess.run([*NEWSCLEAN, "clean", "-q", "--no-cache", str(raw),
                    "-o", str(work / "out"), "--register", str(register)], check=True)
    seconds = time.perf_counter() - started
    return {"entries": len(load_register(register)), "bytes": register.stat().st_size,
            "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="keep the corpora here (default: temp)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="register-size-") as tmp:
        work = args.work or Path(tmp)
        print(f"{'docs':>8} {'entries':>8} {'bytes':>10} {'B/entry':>8} {'B/doc':>6} "
              f"{'seconds':>8}")
        for docs in args.docs:
            raw = work / f"raw-{docs}"
            if not raw.is_dir():
                subprocess.run([sys.executable, str(HERE / "generate.py"), str(raw),
                                "--docs", str(docs), "--seed", str(args.seed)],
                               check=True, stdout=subprocess.DEVNULL)
            run = work / f"run-{docs}"
            run.mkdir(parents=True, exist_ok=True)
            got = measure(raw, run)
            print(f"{docs:>8,} {got['entries']:>8,} {got['bytes']:>10,} "
                  f"{got['bytes'] / max(1, got['entries']):>8.0f} {got['bytes'] / docs:>6.0f} "
                  f"{got['seconds']:>8.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
