"""Evaluate the single-page judge alone.

    python bench/single_page_eval.py DATASET OUTDIR            # benchmark: write kept lines, score
    python bench/single_page_eval.py --synthetic DATASET...    # content loss against expected/
    python bench/single_page_eval.py --timing FOLDER...        # judge_page time per document

Benchmark mode writes, for every DATASET/input/KEY.txt, the kept lines (blank runs collapsed) to
OUTDIR/KEY.txt and runs shared/tools/score.py on the folder. Synthetic mode (a corpus with
expected/, or the seeds folder followed by its expected folder) counts expected lines the judge
would drop: the integrator drops a line when either cross-corpus evidence or this judge says so,
so these drops are straight content loss.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.single_page import judge_page

SCORER = Path("/work/shared/tools/score.py")


def read_lines(path: Path) -> list[str]:
    """Read a scrape the way the cleaner will see it: UTF-8, no BOM, LF, no trailing blanks."""
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def kept_text(lines: list[str]) -> str:
    """Kept lines joined, runs of blank lines collapsed to one."""
    judgement = judge_page(lines)
    out: list[str] = []
    for line, verdict in zip(lines, judgement.verdicts, strict=True):
        if not verdict.keep or (not line and (not out or not out[-1])):
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def run_benchmark(dataset: Path, outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    for path in sorted((dataset / "input").glob("*.txt")):
        (outdir / path.name).write_text(kept_text(read_lines(path)), encoding="utf-8")
    return subprocess.call([sys.executable, str(SCORER), str(dataset), str(outdir)])


def content_loss(inputs: Path, expected: Path, verbose: bool) -> tuple[int, int, int, int]:
    """(expected lines, lost lines, docs, docs with loss) for one folder pair."""
    total = lost = docs = docs_lost = 0
    for path in sorted(inputs.glob("*.txt")):
        lines = read_lines(path)
        judgement = judge_page(lines)
        kept = Counter(line for line, v in zip(lines, judgement.verdicts, strict=True)
                       if v.keep and line)
        want = Counter(line for line in read_lines(expected / path.name) if line)
        missing = want - kept
        docs += 1
        total += sum(want.values())
        lost += sum(missing.values())
        if missing:
            docs_lost += 1
            if verbose:
                for line, count in missing.items():
                    print(f"{path.name}: lost x{count}: {line[:100]}")
    return total, lost, docs, docs_lost


def run_synthetic(folders: list[Path], verbose: bool) -> int:
    pairs: list[tuple[Path, Path]] = []
    i = 0
    while i < len(folders):
        folder = folders[i]
        if (folder / "expected").is_dir():
            pairs.append((folder / "input", folder / "expected"))
            i += 1
        else:
            pairs.append((folder, folders[i + 1]))
            i += 2
    worst = 0.0
    for inputs, expected in pairs:
        total, lost, docs, docs_lost = content_loss(inputs, expected, verbose)
        share = lost / total if total else 0.0
        worst = max(worst, share)
        print(f"{inputs.parent.name if inputs.name == 'input' else inputs.name}: "
              f"expected lines {total}, dropped by judge {lost} ({share:.4%}), "
              f"docs with loss {docs_lost}/{docs}")
    return 0 if worst < 0.002 else 1


def run_timing(folders: list[Path]) -> int:
    """Mean judge_page time per document, reading excluded; the first page that needs language
    detection pays the model load, as in a real run."""
    for folder in folders:
        inputs = folder / "input" if (folder / "input").is_dir() else folder
        pages = [read_lines(path) for path in sorted(inputs.glob("*.txt"))]
        started = time.perf_counter()
        judged = sum(judge_page(lines).language != "und" for lines in pages)
        elapsed = time.perf_counter() - started
        print(f"{folder.name}: {len(pages)} docs, {elapsed / max(1, len(pages)) * 1000:.3f} ms/doc"
              f" ({judged} judged with a detected language)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.synthetic:
        return run_synthetic(args.paths, args.verbose)
    if args.timing:
        return run_timing(args.paths)
    if len(args.paths) != 2:
        parser.error("benchmark mode takes DATASET OUTDIR")
    return run_benchmark(*args.paths)


if __name__ == "__main__":
    sys.exit(main())
