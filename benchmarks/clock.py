"""Benchmark: the request clock on the mix of ``disclosure_rules.testing.cases``.

Run on demand (not in CI):  python benchmarks/clock.py [N]   (default 20,000)

* The cases are drawn by the hypothesis strategy the property tests use
  (every channel, outcome and refusal reason, corrections, consultations,
  extensions, fees, Art. 35 delays), de-duplicated so no two are alike, and
  cached in the temporary directory (generation is slow and not measured).
  The mix is printed.
* Rules and calendars are loaded and warmed up before any timing.
* Every contender runs the same number of rounds on the same cases; the best
  round is reported, as cases per second of CPU time of this process (the
  machine is shared: wall-clock time would measure the neighbours) and as a
  ratio to the plain clock.
* Contenders: the plain clock (``evaluate`` one case at a time, with and
  without trace), ``evaluate_many`` with and without trace, and
  ``evaluate_iter(trace=False)`` (both without trace go through the fast
  batch path, ``disclosure_rules.clock.fast``, for the cases it takes: the
  share is printed), and pandas ``evaluate_frame`` when pandas is installed.
* Every result is checked against the plain clock (``evaluate`` one
  case at a time, with its trace): same fields, same violations; the
  frame's rows against the rows of the plain clock's results.
* Cost in events: µs per case at 8, 16, 32 and 64 events (consultation and
  extension pairs), plain clock and fast path, every result checked, and the
  ratio 64/8 (linear cost means at most 8).
* Result size: bytes allocated per result kept (tracemalloc), with and
  without the trace.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import json
import pickle
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from disclosure_rules import clock, load_calendar
from disclosure_rules.rulebook import load_rules
from disclosure_rules.testing import cases as case_strategy

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
ROUNDS = 3
AS_OF = dt.date(2026, 1, 31)          # explicit: results never depend on the day the benchmark runs
SEED = 2026
# this script run on the code of commit 5eaddea (main before the fast batch path: PYTHONPATH=/path/to/that/checkout
# python benchmarks/clock.py), same mix, same machine, CPU time, load average 5 to 8 on 2 cores; the event cost and
# the bytes of evaluate_iter(trace=False) there; commit 25a27c8 (before the clock package) had 6,752 cases/s with
# trace, x11.22 from 8 to 64 events and 3,517 bytes per result
BEFORE = {"plain evaluate (with trace)": 9_706, "plain evaluate(trace=False)": 16_865, "evaluate_many (trace)": 9_165,
          "evaluate_many(trace=False)": 17_240, "evaluate_iter(trace=False)": 17_224, "pandas evaluate_frame": 7_559,
          "64/8 events": 5.90, "bytes per result": 801}


def generate(n: int) -> list[dict]:
    """n unique cases from the testing strategy (cached: generation is slow and not what we measure)."""
    cache = Path(tempfile.gettempdir()) / f"disclosure-rules-bench-{n}-{SEED}.pickle"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    seen, out = set(), []
    rounds = 0
    while len(out) < n:
        rounds += 1

        @seed(SEED + rounds)
        @settings(max_examples=n - len(out) + n // 20, phases=[Phase.generate], database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case_strategy(delays=True))
        def collect(c):
            key = json.dumps({**c, "id": ""}, sort_keys=True, default=str)
            if key not in seen and len(out) < n:
                seen.add(key)
                out.append({**c, "id": f"b{len(out)}"})
        collect()
    cache.write_bytes(pickle.dumps(out))
    return out


def events_case(i: int, n_events: int, cal) -> dict:
    """A case with n_events events: consultation pairs and extension pairs, alternating."""
    received = cal.on_or_after(dt.date(2024, 3, 1) + dt.timedelta(days=i % 200))
    t, events, k = received, [], 0
    while len(events) < n_events:
        t = cal.add(t, 1)
        if k % 2 == 0:
            party = "third_party" if k % 4 == 0 else "other_agency"
            events.append({"type": "consultation_sent", "date": t, "party": party})
            events.append({"type": "consultation_answered", "date": cal.add(t, 2), "party": party})
            t = cal.add(t, 2)
        else:
            events.append({"type": "extension_notified", "date": t, "workdays": 1 + (i + k) % 3})
            events.append({"type": "extension_notified", "date": cal.add(t, 1), "workdays": 1})
            t = cal.add(t, 1)
        k += 1
    return {"id": f"e{n_events}-{i}", "receipt": {"channel": "in_person", "date": received}, "events": events}


def print_mix(cases: list[dict]) -> None:
    channels = collections.Counter(c["receipt"]["channel"] for c in cases)
    kinds = collections.Counter(e["type"] for c in cases for e in c["events"])
    outcomes = collections.Counter(e.get("outcome") for c in cases for e in c["events"] if e["type"] == "answered")
    reasons = collections.Counter(e["reason"] for c in cases for e in c["events"] if "reason" in e)
    n_events = sum(len(c["events"]) for c in cases)
    print(f"mix: {len(cases):,} unique cases from disclosure_rules.testing.cases(delays=True), "
          f"{n_events / len(cases):.2f} events per case, as of {AS_OF}")
    print(f"  channels ({len(channels)}):", dict(sorted(channels.items())))
    print(f"  events ({len(kinds)}):", dict(sorted(kinds.items())))
    print(f"  outcomes ({len(outcomes)}), reasons ({len(reasons)}); "
          f"received {min(_received(c) for c in cases)} .. {max(_received(c) for c in cases)}")


def _received(c: dict) -> dt.date:
    return max(v for k, v in c["receipt"].items() if k != "channel")


def best_of(fn, rounds: int = ROUNDS) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(rounds):
        out = None
        gc.collect()
        t0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t0)
    return best, out


def comparable(d: dict, trace: bool) -> dict:
    return d if trace else {k: v for k, v in d.items() if k != "trace"}


def check_against_plain(results, reference, trace: bool) -> int:
    wrong = 0
    for got, want in zip(results, reference, strict=True):
        if comparable(got.to_dict(), trace) != comparable(want.to_dict(), trace):
            wrong += 1
    return wrong


def bytes_per_result(fn, cases) -> float:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = fn(cases)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / len(kept)


def contenders(book, cals):
    """name -> (function of a list of cases, whether its results carry the trace)."""
    plain = lambda cs: [clock.evaluate(c, AS_OF, rules=book, calendar=cals["cn"]) for c in cs]  # noqa: E731
    bare = lambda cs: [clock.evaluate(c, AS_OF, rules=book, calendar=cals["cn"], trace=False)  # noqa: E731
                       for c in cs]
    out = {"plain evaluate (with trace)": (plain, True),
           "plain evaluate(trace=False)": (bare, False),
           "evaluate_many (trace)": (lambda cs: clock.evaluate_many(cs, AS_OF, rules=book, calendars=cals), True),
           "evaluate_many(trace=False)": (
               lambda cs: clock.evaluate_many(cs, AS_OF, rules=book, calendars=cals, trace=False), False),
           "evaluate_iter(trace=False)": (
               lambda cs: list(clock.evaluate_iter(cs, AS_OF, rules=book, calendars=cals, trace=False)), False)}
    return out


def fast_share(book, cals, cases) -> float:
    """The share of the cases the fast batch path takes (the others go to the plain clock)."""
    try:
        from disclosure_rules.clock.fast import fast_clock
    except ImportError:                                 # the code before the fast path
        return 0.0
    fast = fast_clock(book, cals)
    return sum(fast.evaluate(c, AS_OF) is not None for c in cases) / len(cases)


def frame_contender(book, cals, cases, reference):
    """pandas evaluate_frame on one core, its rows checked against the plain clock's (None without pandas)."""
    try:
        import pandas as pd
        import pyarrow as pa
    except ImportError:
        return None
    from disclosure_rules.batch.columns import arrow_schema, row_of
    from disclosure_rules.frame import evaluate_frame

    df = pd.DataFrame({"case": [json.dumps(c, default=str) for c in cases]})
    want = pa.Table.from_pylist([row_of(r) for r in reference], schema=arrow_schema()).to_pandas(
        types_mapper=pd.ArrowDtype)
    secs, got = best_of(lambda: evaluate_frame(df, as_of=AS_OF, rules=book, calendars=cals))
    if list(got.columns) != list(want.columns):
        return secs, len(cases)
    wrong = sum(a != b for a, b in zip(got.astype(str).values.tolist(), want.astype(str).values.tolist(),
                                       strict=True))
    return secs, wrong


def typed_rows(cases: list[dict]) -> list[dict]:
    """The cases as rows of typed columns (id, applicant, receipt struct, events list of structs)."""
    return [{"id": c["id"], "applicant": c.get("applicant"), "receipt": c["receipt"], "events": c["events"] or None}
            for c in cases]


def columnar_contenders(book, cals, cases, reference):
    """The columnar evaluator on typed columns: Arrow in and out (the rows it hands on through the row path,
    timed with it), and pandas evaluate_frame on typed columns; every row checked against the plain clock's.
    None without numpy / pyarrow."""
    try:
        import pandas as pd
        import pyarrow as pa

        from disclosure_rules.batch.columns import result_table, row_of
        from disclosure_rules.columnar.clock import columnar_clock
        from disclosure_rules.columnar.rows import evaluate_arrow
        from disclosure_rules.frame import evaluate_frame
    except ImportError:                                 # the code before the columnar evaluator, or no extra
        return None
    rows = typed_rows(cases)
    table = pa.Table.from_pylist(rows)
    df = pd.DataFrame(rows)
    want = [row_of(r) for r in reference]

    def rest(idx):
        return result_table(table.take(pa.array(idx)).to_pylist(), None, AS_OF, numbers=[int(i) + 1 for i in idx],
                            rules=book, calendars=cals)

    out = {}
    secs, got = best_of(lambda: evaluate_arrow(table, AS_OF, rest, rules=book, calendars=cals))
    out["columnar (Arrow columns in and out)"] = (secs, sum(a != b for a, b in zip(got.to_pylist(), want,
                                                                                    strict=True)))
    secs, got = best_of(lambda: evaluate_frame(df, as_of=AS_OF, rules=book, calendars=cals))
    back = pa.Table.from_pandas(got, preserve_index=False).to_pylist()
    out["pandas evaluate_frame (typed)"] = (secs, sum(a != b for a, b in zip(back, want, strict=True)))
    arrow_df = table.to_pandas(types_mapper=pd.ArrowDtype)     # as read by pd.read_parquet(dtype_backend="pyarrow")
    secs, got = best_of(lambda: evaluate_frame(arrow_df, as_of=AS_OF, rules=book, calendars=cals))
    back = pa.Table.from_pandas(got, preserve_index=False).to_pylist()
    out["pandas evaluate_frame (Arrow dtypes)"] = (secs, sum(a != b for a, b in zip(back, want, strict=True)))
    share = sum(r is not None for r in columnar_clock(book, cals).evaluate(cases, AS_OF)) / len(cases)
    return out, share


def result_floor(cases, reference) -> None:
    """What any path from case dicts to Result objects pays in Python, whatever evaluates the cases:
    building the Result objects from fields already computed (one ``map`` over ``Result``, nothing
    else), and reading the dicts into Arrow in C (``pyarrow.array``, as the columnar path does)."""
    import attrs

    from disclosure_rules.result import Result

    names = [f.name for f in attrs.fields(Result)]
    columns = [[getattr(r, k) for r in reference] for k in names]
    secs, made = best_of(lambda: list(map(Result, *columns)))
    build = 1e6 * secs / len(cases)
    wrong = sum(a != b for a, b in zip(made, reference, strict=True))
    print(f"\nthe floor of a path returning Result objects (best of {ROUNDS}):")
    print(f"  building the Result objects alone: {build:5.1f} µs/case (wrong: {wrong})")
    try:
        import pyarrow as pa
    except ImportError:
        return
    secs, _ = best_of(lambda: pa.array(cases))
    read = 1e6 * secs / len(cases)
    print(f"  reading the case dicts into Arrow alone (pyarrow.array): {read:5.1f} µs/case")
    print(f"  the two together: {build + read:5.1f} µs/case, at most {1e6 / (build + read):,.0f} cases/s "
          "before a single case is evaluated")


def _line(name, rate, secs, n, rates, wrong) -> None:
    before = BEFORE.get(name)
    was = f"  before: {before:,} (x{rate / before:.2f})" if before else ""
    base = rates["plain evaluate (with trace)"]
    print(f"  {name:<30} {rate:>10,.0f} cases/s  {1e6 * secs / n:7.1f} µs/case  x{rate / base:5.2f}  "
          f"wrong: {wrong}{was}")


def main() -> None:
    t0 = time.perf_counter()
    cases = generate(N)
    print(f"generated (or read from the cache) {len(cases):,} cases in {time.perf_counter() - t0:.1f}s")
    print_mix(cases)
    book, cals = load_rules(), {"cn": load_calendar("cn")}
    runs = contenders(book, cals)
    plain_fn = runs["plain evaluate (with trace)"][0]
    plain_fn(cases[:500])                                                   # warm caches and imports
    reference = plain_fn(cases)
    statuses = collections.Counter(r.status for r in reference)
    print("  statuses:", dict(sorted(statuses.items())))
    print(f"\ncase evaluation ({ROUNDS} rounds each, best round; every result checked against the plain clock; "
          f"the fast batch path takes {fast_share(book, cals, cases):.1%} of the cases, the plain clock the rest):")
    rates = {}
    for name, (fn, trace) in runs.items():
        secs, results = best_of(lambda fn=fn: fn(cases))
        rate = rates[name] = len(cases) / secs
        wrong = check_against_plain(results, reference, trace)
        _line(name, rate, secs, len(cases), rates, wrong)
    got = frame_contender(book, cals, cases, reference)
    if got is not None:
        secs, wrong = got
        rates["pandas evaluate_frame"] = len(cases) / secs
        _line("pandas evaluate_frame", len(cases) / secs, secs, len(cases), rates, wrong)
    got = columnar_contenders(book, cals, cases, reference)
    if got is not None:
        runs_c, share = got
        for name, (secs, wrong) in runs_c.items():
            rates[name] = len(cases) / secs
            _line(name, len(cases) / secs, secs, len(cases), rates, wrong)
        print(f"  (the columnar evaluator answers {share:.1%} of the cases; the rest go through the row path)")
    fast, bare = rates["evaluate_iter(trace=False)"], rates["plain evaluate(trace=False)"]
    print(f"  fast batch path / plain clock, both without trace: x{fast / bare:.2f}; "
          f"target 100,000 cases/s: {fast / 100_000:.0%} of it")
    for name in ("columnar (Arrow columns in and out)", "pandas evaluate_frame (typed)",
                 "pandas evaluate_frame (Arrow dtypes)"):
        if name in rates:
            print(f"  {name}: x{rates[name] / bare:.2f} the plain clock without trace; "
                  f"target 100,000 cases/s: {rates[name] / 100_000:.0%} of it")
    result_floor(cases, reference)
    events_cost(runs, book, cals)
    print("\nresult size (bytes allocated per result kept, tracemalloc, 5,000 cases):")
    sample = cases[:5000]
    for name, (fn, _trace) in runs.items():
        print(f"  {name:<30} {bytes_per_result(fn, sample):8,.0f} bytes")
    print(f"  (before: {BEFORE['bytes per result']:,} bytes per result without trace; target: at most 1,000)")


def events_cost(runs, book, cals) -> None:
    """µs per case at 8, 16, 32 and 64 events, plain clock and fast batch path, every result checked."""
    print("\ncost in events (consultation and extension pairs; 1,000 cases each, best of rounds; checked):")
    cal = cals["cn"]
    names = ("plain evaluate(trace=False)", "evaluate_iter(trace=False)")
    per: dict[str, dict[int, float]] = {n: {} for n in names}
    for n_events in (8, 16, 32, 64):
        batch = [events_case(i, n_events, cal) for i in range(1000)]
        reference = runs[names[0]][0](batch)
        cells = []
        for name in names:
            secs, results = best_of(lambda f=runs[name][0], b=batch: f(b))
            per[name][n_events] = 1e6 * secs / len(batch)
            cells.append(f"{name} {per[name][n_events]:7.1f} µs (wrong: "
                         f"{check_against_plain(results, reference, False)})")
        print(f"  {n_events:>2} events: " + "   ".join(cells))
    for name in names:
        print(f"  64 / 8 events, {name}: x{per[name][64] / per[name][8]:.2f} "
              f"(linear: at most x8; before: x{BEFORE['64/8 events']})")


if __name__ == "__main__":
    main()
