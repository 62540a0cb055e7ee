"""Benchmark: the 20th working day after a date (the 2019 reply period).

Run on demand (not in CI):  make bench   or   python benchmarks/workdays.py

Compares, on the same random start dates in 2004-2026:
  * disclosure-rules, scalar   Calendar.add(d, 20)
  * disclosure-rules, batch    Calendar.add_many(datetime64 array, 20)
  * holidays                   holidays.China().get_nth_working_day(d, 20)
  * chinese_calendar           a day-by-day loop over is_workday
  * numpy.busday_offset        Monday-Friday week + holidays (cannot express make-up days)
and prints the time per call, the ratio to this library, and how many answers
of each alternative differ from the official calendar.

Then the batch methods on BATCH (default 1,000,000) dates (best of ROUNDS, the contenders in turn), against the same
gathers done by hand with numpy on the same precomputed cumulative index
(the physical limit of this design) and against numpy's busday functions;
every batch answer is checked against ``holidays`` (each distinct start
date, and so every answer, once).  Same number of rounds for every contender.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

import numpy as np

from disclosure_rules import load_calendar

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
BATCH = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
K = 20
ROUNDS = 15


def timed(fn, repeat=3):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    cal = load_calendar("cn")
    rnd = random.Random(2026)
    lo, hi = dt.date(2004, 1, 1).toordinal(), dt.date(2026, 10, 31).toordinal()
    starts = [dt.date.fromordinal(rnd.randint(lo, hi)) for _ in range(N)]
    arr = np.array([d.isoformat() for d in starts], dtype="datetime64[D]")
    rows = []

    t, ours = timed(lambda: [cal.add(d, K) for d in starts])
    rows.append(("disclosure-rules scalar", t, 0))
    t, batch = timed(lambda: cal.add_many(arr, K))
    wrong = sum(1 for a, b in zip(batch.astype("datetime64[D]").tolist(), ours) if a != b)
    rows.append(("disclosure-rules batch (numpy)", t, wrong))

    import holidays
    h = holidays.China(years=range(2004, 2028))
    h.get_nth_working_day(starts[0], K)           # warm the year cache
    t, theirs = timed(lambda: [h.get_nth_working_day(d, K) for d in starts], repeat=1)
    rows.append(("holidays get_nth_working_day", t, sum(a != b for a, b in zip(theirs, ours))))

    try:
        import chinese_calendar as cc

        def nth(d):
            n = 0
            while n < K:
                d += dt.timedelta(days=1)
                if cc.is_workday(d):
                    n += 1
            return d
        t, theirs = timed(lambda: [nth(d) for d in starts], repeat=1)
        rows.append(("chinese_calendar day loop", t, sum(a != b for a, b in zip(theirs, ours))))
    except ImportError:
        rows.append(("chinese_calendar day loop (not installed)", float("nan"), 0))

    days_off = sorted(d for d, info in cal.deviations.items() if not info.workday and d.weekday() < 5)
    hol = np.array([d.isoformat() for d in days_off], dtype="datetime64[D]")
    bdc = np.busdaycalendar(weekmask="1111100", holidays=hol)
    # the n-th business day strictly after d: from a business day offset n, from a rest day roll forward n-1
    t, theirs = timed(lambda: np.busday_offset(arr, np.where(np.is_busday(arr, busdaycal=bdc), K, K - 1),
                                               roll="forward", busdaycal=bdc))
    wrong = sum(1 for a, b in zip(theirs.tolist(), ours) if a != b)
    rows.append(("numpy.busday_offset (Mon-Fri + holidays)", t, wrong))

    base = rows[0][1] / N
    print(f"{N} start dates, add(d, {K}); Python {sys.version.split()[0]}")
    print(f"{'method':44} {'per call':>11} {'vs scalar':>10} {'wrong':>14}")
    for name, t, wrong in rows:
        per = t / N
        print(f"{name:44} {per * 1e6:9.2f}us {per / base:9.2f}x {wrong:6d} ({wrong / N:6.1%})")


def batch():
    """add_many / count_many on BATCH dates against hand gathers, numpy busday and holidays."""
    import holidays
    from disclosure_rules.calendar.many import _arrays

    cal = load_calendar("cn")
    rng = np.random.default_rng(2026)
    lo, hi = np.datetime64("2004-01-01"), np.datetime64("2026-10-31")
    starts = lo + rng.integers(0, int((hi - lo).astype(np.int64)) + 1, BATCH).astype("timedelta64[D]")
    ends = starts + rng.integers(0, 60, BATCH).astype("timedelta64[D]")
    ends = np.minimum(ends, np.datetime64("2026-12-31"))
    cum, work, off = _arrays(cal, np)
    days_off = sorted(d for d, info in cal.deviations.items() if not info.workday and d.weekday() < 5)
    bdc = np.busdaycalendar(weekmask="1111100", holidays=np.array([d.isoformat() for d in days_off],
                                                                   dtype="datetime64[D]"))

    def race(*fns):
        """Best time of each contender over the same rounds, taken in turn so load hits all alike."""
        times, outs = [float("inf")] * len(fns), [None] * len(fns)
        for _ in range(ROUNDS):
            for j, fn in enumerate(fns):
                t0 = time.perf_counter()
                outs[j] = fn()
                times[j] = min(times[j], time.perf_counter() - t0)
        return [x for pair in zip(times, outs) for x in pair]

    s_int, e_int = starts.view(np.int64), ends.view(np.int64)
    rows = []
    t_hand, hand, t_ours, ours, t_bus, bus = race(
        lambda: work[cum[s_int - off] + (K - 1)].view("datetime64[D]"),
        lambda: cal.add_many(starts, K),
        lambda: np.busday_offset(starts, np.where(np.is_busday(starts, busdaycal=bdc), K, K - 1),
                                 roll="forward", busdaycal=bdc))
    h = holidays.China(years=range(2004, 2028))
    truth = {}
    for d in np.unique(starts).tolist():
        truth[d] = h.get_nth_working_day(d, K)
    wrong = lambda got: int(sum(1 for d, g in zip(starts.tolist(), got.tolist()) if truth[d] != g))  # noqa: E731
    rows += [("add_many", t_ours, t_hand, wrong(ours)), ("hand gathers on the same index", t_hand, t_hand, wrong(hand)),
             ("numpy.busday_offset (Mon-Fri + holidays)", t_bus, t_hand, wrong(bus))]

    t_hand_c, hand_c, t_ours_c, ours_c, t_bus_c, bus_c = race(
        lambda: cum[e_int - off] - cum[s_int - off],
        lambda: cal.count_many(starts, ends),
        lambda: np.busday_count(starts + 1, ends + 1, busdaycal=bdc))
    wd = {}

    def is_wd(d):
        if d not in wd:
            wd[d] = h.is_working_day(d)
        return wd[d]
    pairs = set(zip(starts.tolist(), ends.tolist()))
    truth_c = {}
    for a, b in pairs:
        truth_c[(a, b)] = sum(is_wd(a + dt.timedelta(days=i)) for i in range(1, (b - a).days + 1))
    wrong_c = lambda got: int(sum(1 for a, b, g in zip(starts.tolist(), ends.tolist(), got.tolist())  # noqa: E731
                                  if truth_c[(a, b)] != g))
    rows += [("count_many", t_ours_c, t_hand_c, wrong_c(ours_c)),
             ("hand gathers on the same index (count)", t_hand_c, t_hand_c, wrong_c(hand_c)),
             ("numpy.busday_count (Mon-Fri + holidays)", t_bus_c, t_hand_c, wrong_c(bus_c))]
    print(f"\n{BATCH:,} dates, best of {ROUNDS} rounds; answers checked against holidays "
          f"({len(truth):,} distinct starts, {len(pairs):,} distinct pairs)")
    print(f"{'method':44} {'total':>9} {'ns/date':>8} {'vs hand':>8} {'wrong':>14}")
    for name, t, ref, bad in rows:
        print(f"{name:44} {t * 1e3:7.1f}ms {t / BATCH * 1e9:8.2f} {t / ref:7.2f}x {bad:6d} ({bad / BATCH:6.1%})")


if __name__ == "__main__":
    main()
    batch()
