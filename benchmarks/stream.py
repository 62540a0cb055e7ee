"""Benchmark: timeline and report on JSON Lines in constant memory.

Run on demand (not in CI):  python benchmarks/stream.py [SIZES...]   (default 100000 1000000)

* The cases: the unique mix drawn by ``disclosure_rules.testing.cases``
  (tests/generated.py, cached in the temporary directory), repeated with a
  fresh id for each line up to the size, with one unreadable line in every
  10,000 so ``--errors collect`` has work to do.  Repetition does not help
  the library here: nothing is cached between cases.
* Each command runs as its own process; its peak resident memory comes from
  the kernel (``wait4``), its output is checked: one line per input case,
  results plus error lines.
* Contenders: ``timeline --format jsonl --errors collect`` and
  ``report --errors collect``, and, for the ratio, the list-building way
  (``load_cases`` then a list of results, as ``timeline`` did before), at
  the smallest size only (it grows with the count).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SIZES = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
BASE = 10_000
AS_OF = "2026-03-31"
BAD_EVERY = 10_000
CLI = [sys.executable, "-m", "disclosure_rules"]


def write_cases(n: int, folder: Path) -> Path:
    from generated import generated_cases

    p = folder / f"cases-{n}.jsonl"
    if p.is_file():
        return p
    base = [json.dumps({k: v for k, v in c.items() if k != "id"}, default=str, ensure_ascii=False)[1:]
            for c in generated_cases(BASE)]
    with p.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i % BAD_EVERY == BAD_EVERY - 1:
                f.write("{not json\n")
            else:
                f.write(f'{{"id": "s{i}", ' + base[i % BASE] + "\n")
    return p


def measure(argv, out_path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code of one process."""
    t0 = time.perf_counter()
    with out_path.open("wb") as out:
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


# the list-building way: every case read into a list, every result kept, one array printed
LIST_WAY = """
import datetime as dt, json, sys
from disclosure_rules import evaluate, parse_case
from disclosure_rules.errors import DisclosureRulesError
text = open(sys.argv[1], encoding="utf-8").read()
docs = []
for line in text.splitlines():
    try:
        docs.append(parse_case(json.loads(line)))
    except ValueError:
        docs.append(None)
results = []
for c in docs:
    try:
        results.append(evaluate(c, dt.date(2026, 3, 31)) if c is not None else None)
    except DisclosureRulesError as exc:
        results.append(exc)
sys.stdout.write(json.dumps([r.to_dict() if hasattr(r, "to_dict") else str(r) for r in results],
                            ensure_ascii=False, indent=2))
"""


def main():
    folder = Path(tempfile.gettempdir()) / "disclosure-rules-stream"
    folder.mkdir(exist_ok=True)
    rows = []
    for n in SIZES:
        src = write_cases(n, folder)
        bad = n // BAD_EVERY
        runs = [("timeline --format jsonl --errors collect",
                 CLI + ["timeline", str(src), "--as-of", AS_OF, "--format", "jsonl", "--errors", "collect", "-q"]),
                ("report --year 2025 --errors collect",
                 CLI + ["report", str(src), "--year", "2025", "--errors", "collect", "-q", "--json"])]
        if n == min(SIZES):
            runs.append(("list of results (as before), for the ratio", [sys.executable, "-c", LIST_WAY, str(src)]))
        for name, argv in runs:
            out = folder / "out.txt"
            secs, mb, rc = measure(argv, out)
            check = ""
            if name.startswith("timeline"):
                with out.open("rb") as f:
                    lines = sum(1 for _ in f)
                with out.open("rb") as f:
                    errors = sum(1 for line in f if line.startswith(b'{"id": null, "error"'))
                check = f"lines {lines:,} = cases {n:,}: {lines == n}; error lines {errors:,} (expected {bad:,})"
                assert lines == n and errors == bad and rc == 2, (lines, errors, rc)
            elif name.startswith("report"):
                table = json.loads(out.read_text(encoding="utf-8"))
                check = f"exit {rc}; rows 1 + 2 = {table['rows']['1']['total'] + table['rows']['2']['total']:,}"
                assert rc == 2
            rows.append((n, name, secs, mb, check))
            print(f"{n:>9,}  {name:46} {secs:7.1f}s {n / secs:8,.0f} cases/s  peak {mb:7.1f} MB  {check}",
                  flush=True)
    print("\npeak memory, largest size against smallest:")
    for name in {r[1] for r in rows}:
        by = {r[0]: r[3] for r in rows if r[1] == name}
        if len(by) > 1:
            lo, hi = min(by), max(by)
            print(f"  {name:46} {by[hi]:.1f} MB at {hi:,} / {by[lo]:.1f} MB at {lo:,} = {by[hi] / by[lo]:.2f}x "
                  f"for {hi // lo}x the cases")


if __name__ == "__main__":
    main()
