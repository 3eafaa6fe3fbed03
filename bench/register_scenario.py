"""Issue 11's scenario: a corpus cleaned in place, new scrapes arriving in batches.

    python bench/register_scenario.py ../shared/corpora/seedlike-dev [--no-register]

Copies CORPUS/input to a temp folder, cleans the first three quarters (by name)
in place, then adds the rest in batches of five, each batch cleaned with
`clean --in-place --corpus DIR FILES`. The new files are compared with
CORPUS/expected and with a one-run clean of the whole raw input: exact-match
rates (trailing whitespace and final blank lines ignored, as score_synth.py),
content lost (share of expected lines missing) and lines the one run keeps
that the batches lost. Then a second `clean --in-place DIR` over the finished
corpus, with and without the register, must change no file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from cleaner.register import REGISTER_PATH, load_register
from cli.clean import OutputMode, register_use, run_clean
from cli.config import flag_overrides
from cli.console import Messages

QUIET = Messages(quiet=True)


def norm_exact(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def content_lines(text: str) -> Counter[str]:
    return Counter(line.rstrip() for line in text.lstrip("\ufeff").split("\n") if line.strip())


def clean(*paths: str | Path, in_place: bool = False, output: Path | None = None,
          corpus: Path | None = None, no_register: bool = False) -> None:
    """`newsclean clean` as the command line runs it (no cache: every run reads all)."""
    mode = OutputMode()
    register = register_use(register_file=None, no_register=no_register, in_place=in_place,
                            output=output, mode=mode)
    run_clean([str(p) for p in paths], output=output, in_place=in_place,
              exit_non_zero_on_fix=False, flags=flag_overrides(), messages=QUIET, mode=mode,
              corpus=corpus, use_cache=False, jobs=1, register=register)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def run_scenario(source: Path, work: Path, *, batch: int = 5, share: float = 0.75,
                 use_register: bool = True) -> dict[str, float]:
    """Run the scenario on `source` (a folder of raw .txt files) inside `work`.

    Returns the new files' texts compared with the one-run texts, plus the
    idempotence counts; `expected` comparisons are made by the caller.
    """
    names = sorted(p.name for p in source.glob("*.txt"))
    first = int(len(names) * share)
    one_run = work / "one-run"
    clean(source, output=one_run, no_register=True)
    corpus = work / "corpus"
    corpus.mkdir()
    for name in names[:first]:
        shutil.copy2(source / name, corpus / name)
    clean(corpus, in_place=True, no_register=not use_register)
    for start in range(first, len(names), batch):
        new = [corpus / name for name in names[start:start + batch]]
        for path in new:
            shutil.copy2(source / path.name, path)
        clean(*new, in_place=True, corpus=corpus, no_register=not use_register)
    finished = snapshot(corpus)
    idem = idempotence(corpus, use_register)
    fresh = work / "fresh"
    shutil.copytree(source, fresh)
    clean(fresh, in_place=True, no_register=not use_register)
    idem_fresh = idempotence(fresh, use_register)
    register = load_register(corpus / REGISTER_PATH)
    size = (corpus / REGISTER_PATH).stat().st_size if (corpus / REGISTER_PATH).exists() else 0
    return {"new": names[first:], "corpus": finished, "one_run": one_run,
            "idempotence": idem, "idempotence_fresh": idem_fresh,
            "entries": len(register), "bytes": size}


def idempotence(corpus: Path, use_register: bool) -> tuple[int, int, int]:
    """Files changed by further in-place runs: (next run, the run after it, then one
    without the register)."""
    counts = []
    for no_register in (not use_register, not use_register, True):
        before = snapshot(corpus)
        clean(corpus, in_place=True, no_register=no_register)
        counts.append(sum(before[n] != b for n, b in snapshot(corpus).items()))
    return counts[0], counts[1], counts[2]


def hindsight_free(source: Path, work: Path, new: list[str], batch: int) -> dict[str, str]:
    """Each new file as one run over the raw pages up to its batch would clean it."""
    names = sorted(p.name for p in source.glob("*.txt"))
    outputs: dict[str, str] = {}
    for start in range(0, len(new), batch):
        upto = names.index(new[min(start + batch, len(new)) - 1]) + 1
        raw, out = work / f"upto-{upto}", work / f"upto-{upto}-out"
        raw.mkdir()
        for name in names[:upto]:
            shutil.copy2(source / name, raw / name)
        clean(raw, output=out, no_register=True)
        outputs.update((n, (out / n).read_text(encoding="utf-8"))
                       for n in new[start:start + batch])
    return outputs


def compare(names: list[str], outputs: dict[str, str], expected: Path) -> dict[str, float]:
    exact = lost = total = 0
    for name in names:
        want = (expected / name).read_text(encoding="utf-8")
        got = outputs[name]
        exact += norm_exact(got) == norm_exact(want)
        need = content_lines(want)
        total += sum(need.values())
        lost += sum((need - content_lines(got)).values())
    return {"exact_match": exact / len(names), "content_lost": lost / max(1, total)}


def lost_against(names: list[str], outputs: dict[str, str], reference: dict[str, str]) -> int:
    """Lines the reference keeps that `outputs` lost."""
    return sum(sum((content_lines(reference[n]) - content_lines(outputs[n])).values())
               for n in names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder with input/ and expected/")
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--no-register", action="store_true",
                        help="run the batches without the register (the issue's baseline)")
    parser.add_argument("--hindsight-free", action="store_true",
                        help="also compare with one run over the raw pages up to each batch "
                        "(what any cleaner could know when the batch arrived)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="register-scenario-") as tmp:
        result = run_scenario(args.corpus / "input", Path(tmp), batch=args.batch,
                              use_register=not args.no_register)
        names = result["new"]
        batches = {n: result["corpus"][n].decode("utf-8") for n in names}
        one_run = {n: (result["one_run"] / n).read_text(encoding="utf-8") for n in names}
        got = compare(names, batches, args.corpus / "expected")
        ref = compare(names, one_run, args.corpus / "expected")
        same = sum(norm_exact(batches[n]) == norm_exact(one_run[n]) for n in names)
        print(f"corpus                      {args.corpus}  ({len(names)} new files, "
              f"batches of {args.batch}, register {'off' if args.no_register else 'on'})")
        print(f"exact_match new files       batches {got['exact_match']:.3f}   "
              f"one run {ref['exact_match']:.3f}")
        print(f"content_lost new files      batches {got['content_lost']:.4f}  "
              f"one run {ref['content_lost']:.4f}")
        print(f"same as one run             {same}/{len(names)}")
        print(f"lines one run keeps, lost   {lost_against(names, batches, one_run)}")
        if args.hindsight_free:
            known = hindsight_free(args.corpus / "input", Path(tmp), names, args.batch)
            same = sum(norm_exact(batches[n]) == norm_exact(known[n]) for n in names)
            print(f"same as one run up to batch {same}/{len(names)}")
        for label, key in (("after the batches", "idempotence"),
                           ("after one in-place run", "idempotence_fresh")):
            a, b, c = result[key]
            print(f"{label + ':':27s} next in-place run changes {a} file(s), the one after "
                  f"{b}, then without register {c}")
        print(f"register                    {result['entries']} entries, {result['bytes']} bytes")
        print(f"time                        {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
