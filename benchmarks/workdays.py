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
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

import numpy as np

from disclosure_rules import load_calendar

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
K = 20


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


if __name__ == "__main__":
    main()
