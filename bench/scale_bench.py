"""Time newsclean against the floor and a peer on generated corpora, in one run.

    python bench/scale_bench.py --docs 10000 100000 --work /tmp/newsclean-bench

For each size the same generated corpus (bench/generate.py) is processed by:
  floor     a plain Python loop reading every file and writing it back unchanged
  justext   jusText on each document's lines (each line a <p>, English stoplist)
  -j 1/-j 2 `newsclean clean DIR -o OUT --quiet --no-cache -j N` (cold, no cache)
Every tool runs as its own process; the table gives seconds, documents/s, MB/s,
the ratio to the floor and the peak resident memory of the largest process of
the tool's process tree (sampled with psutil every 50 ms). With several sizes it
ends with the growth factor time(largest)/time(smallest).

Needs the `bench` extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent

FLOOR = """
import os, sys
src, out = sys.argv[1], sys.argv[2]
for folder, _dirs, names in os.walk(src):
    target = os.path.join(out, os.path.relpath(folder, src))
    os.makedirs(target, exist_ok=True)
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            data = handle.read()
        with open(os.path.join(target, name), "wb") as handle:
            handle.write(data)
"""

JUSTEXT = """
import html, os, sys
import justext
src, out = sys.argv[1], sys.argv[2]
stoplist = justext.get_stoplist("English")
for folder, _dirs, names in os.walk(src):
    target = os.path.join(out, os.path.relpath(folder, src))
    os.makedirs(target, exist_ok=True)
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        page = "<html><body>" + "".join(
            f"<p>{html.escape(line)}</p>" for line in lines if line.strip()) + "</body></html>"
        kept = [p.text for p in justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
                if not p.is_boilerplate]
        with open(os.path.join(target, name), "w", encoding="utf-8") as handle:
            handle.write("\\n\\n".join(kept) + "\\n")
"""


@dataclass
class Run:
    tool: str
    docs: int
    megabytes: float
    seconds: float
    peak_rss_mb: float


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the largest resident set (MB) of any process in the tree."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, *(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}")
    return seconds, peak / 1e6


def corpus(work: Path, docs: int, seed: int) -> tuple[Path, float]:
    folder = work / f"corpus-{docs}-{seed}"
    if not (folder / ".done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(folder),
                        "--docs", str(docs), "--seed", str(seed)], check=True)
        (folder / ".done").write_text("")
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    return folder, size / 1e6


def run_size(work: Path, docs: int, seed: int, tools: list[str],
             peer_max_docs: int) -> list[Run]:
    folder, megabytes = corpus(work, docs, seed)
    newsclean = shutil.which("newsclean") or str(Path(sys.executable).parent / "newsclean")
    commands = {
        "floor": [sys.executable, "-c", FLOOR],
        "justext": [sys.executable, "-c", JUSTEXT],
        # --no-cache: each run does the whole work (-j 2 would otherwise read the
        # cache -j 1 left, and measure the cache rather than the cleaner).
        "newsclean -j 1": [newsclean, "clean", "--quiet", "--no-cache", "-j", "1"],
        "newsclean -j 2": [newsclean, "clean", "--quiet", "--no-cache", "-j", "2"],
    }
    runs = []
    for tool in tools:
        if tool == "justext" and docs > peer_max_docs:
            continue
        out = work / f"out-{docs}-{tool.replace(' ', '')}"
        shutil.rmtree(out, ignore_errors=True)
        command = commands[tool]
        args = [*command, str(folder), str(out)] if tool in ("floor", "justext") \
            else [*command, str(folder), "-o", str(out)]
        seconds, peak = measure(args)
        runs.append(Run(tool, docs, megabytes, seconds, peak))
        print(f"  {docs} docs  {tool:15} {seconds:8.1f} s  {peak:7.0f} MB", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
    return runs


def table(runs: list[Run]) -> str:
    rows = ["| docs | tool | seconds | docs/s | MB/s | x floor | peak RSS MB |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    floors = {r.docs: r.seconds for r in runs if r.tool == "floor"}
    for r in runs:
        ratio = f"{r.seconds / floors[r.docs]:.1f}" if r.docs in floors else "-"
        rows.append(f"| {r.docs:,} | {r.tool} | {r.seconds:.1f} | {r.docs / r.seconds:,.0f} | "
                    f"{r.megabytes / r.seconds:.2f} | {ratio} | {r.peak_rss_mb:,.0f} |")
    sizes = sorted({r.docs for r in runs})
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        rows += ["", f"| tool | time({large:,}) / time({small:,}) |", "|---|---:|"]
        for tool in dict.fromkeys(r.tool for r in runs):
            times = {r.docs: r.seconds for r in runs if r.tool == tool}
            if small in times and large in times:
                rows.append(f"| {tool} | {times[large] / times[small]:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsclean-bench"))
    parser.add_argument("--tools", nargs="+",
                        default=["floor", "justext", "newsclean -j 1", "newsclean -j 2"])
    parser.add_argument("--peer-max-docs", type=int, default=10**9,
                        help="skip jusText above this many documents")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    runs = [run for docs in args.docs
            for run in run_size(args.work, docs, args.seed, args.tools, args.peer_max_docs)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{date.today()} · {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · "
          f"load average at the end {load:.1f}\n")
    print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
