"""The Dask engine against the local engine on one generated corpus.

    python bench/dask_bench.py --docs 100000 --work /tmp/newsclean-bench

Runs `clean_files` (-j N, the local engine) and `clean_files_dask` on a
loopback LocalCluster of N worker processes, checks the outputs are
byte-identical, and prints both times, the Dask overhead and the bytes the
client received (pickled partition reports). Cluster start-up is timed apart.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import time
from pathlib import Path

from scale_bench import corpus

from cleaner.api import clean_files
from cleaner.dask_engine import clean_files_dask, connect
from cleaner.discover import discover_files
from cleaner.options import DEFAULT_OPTIONS
from cleaner.write import write_if_changed


def _same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*.txt"))
    if files != sorted(p.relative_to(b) for p in b.rglob("*.txt")):
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsclean-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    folder, megabytes = corpus(args.work, args.docs, args.seed)
    files = discover_files([folder])
    local_out, dask_out = args.work / "dask-bench-local", args.work / "dask-bench-dask"
    for out in (local_out, dask_out):
        shutil.rmtree(out, ignore_errors=True)

    start = time.perf_counter()
    for outcome in clean_files(files, DEFAULT_OPTIONS, jobs=args.jobs):
        write_if_changed(local_out / outcome.source.relative,
                         outcome.result.text.encode("utf-8"), durable=False)
    local = time.perf_counter() - start

    start = time.perf_counter()
    client, cluster = connect(None, args.jobs)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    run = clean_files_dask(files, DEFAULT_OPTIONS, client=client, output=dask_out,
                           in_place=False)
    distributed = time.perf_counter() - start
    client.close()
    cluster.close()

    identical = _same_tree(local_out, dask_out)
    print(f"| engine | docs | MB | seconds | docs/s | vs local |\n|---|---:|---:|---:|---:|---:|\n"
          f"| local -j {args.jobs} | {args.docs:,} | {megabytes:.0f} | {local:.1f} | "
          f"{args.docs / local:,.0f} | 1.00 |\n"
          f"| dask, {run.workers} workers, {run.partitions} partitions | {args.docs:,} | "
          f"{megabytes:.0f} | {distributed:.1f} | {args.docs / distributed:,.0f} | "
          f"{distributed / local:.2f} |\n\n"
          f"cluster start-up {startup:.1f} s (not included); bytes sent to the client: "
          f"{run.bytes_to_client:,}; outputs byte-identical: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
