"""Benchmark: working-time arithmetic on office hours.

Run on demand (not in CI):  python benchmarks/worktime.py [N]

Compares, in the same run, the index (bisection over cumulative working
minutes per day, disclosure_rules.calendar.worktime) with the obvious
alternative, a loop that steps minute by minute through office hours, for N
random starts in 2025-2026 and durations of 30 minutes to 5 working days.
Both must give the same answers; the ratio is printed.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from disclosure_rules.calendar.worktime import working_time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000


def minute_loop(w, t, n):
    """The alternative: walk minute by minute, counting the minutes inside office hours."""
    while n:
        if w.is_open(t):
            n -= 1
        t += dt.timedelta(minutes=1)
    while not w.is_open(t - dt.timedelta(minutes=1)):       # the earliest moment with n minutes behind it
        t -= dt.timedelta(minutes=1)
    return t


def main():
    w = working_time("gansu-jinchang")
    rnd = random.Random(2026)
    base = dt.datetime(2025, 1, 1)
    cases = [(base + dt.timedelta(days=rnd.randrange(600), minutes=rnd.randrange(1440)), rnd.randrange(30, 5 * 420))
             for _ in range(N)]
    t0 = time.perf_counter()
    fast = [w.add(t, n) for t, n in cases]
    t1 = time.perf_counter()
    slow = [minute_loop(w, t, n) for t, n in cases]
    t2 = time.perf_counter()
    assert fast == slow, "the index and the minute loop disagree"
    counts = [w.count(t, d) for (t, _), d in zip(cases, fast)]
    t3 = time.perf_counter()
    assert counts == [n for _, n in cases]
    print(f"{N} additions: index {N / (t1 - t0):,.0f}/s, minute loop {N / (t2 - t1):,.0f}/s, "
          f"ratio {(t2 - t1) / (t1 - t0):,.0f}x; counts {N / (t3 - t2):,.0f}/s; answers identical")


if __name__ == "__main__":
    main()
