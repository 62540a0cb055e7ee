"""Benchmark: evaluate 100,000 generated cases and report cases per second.

Run on demand (not in CI):  python benchmarks/clock.py [N]

Cases are drawn with a seeded random generator (receipt by any channel in
2019-2026, optional correction, consultations, extensions, fee notice and
answer), the same mix as disclosure_rules.testing.cases but without
hypothesis, which is built for search rather than bulk generation.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from disclosure_rules import load_calendar
from disclosure_rules.clock import evaluate_many
from disclosure_rules.rulebook import load_rules

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def generate(n, seed=2026):
    cal = load_calendar("cn")
    rnd = random.Random(seed)
    lo, hi = dt.date(2019, 5, 15).toordinal(), dt.date(2026, 4, 30).toordinal()
    out = []
    for i in range(n):
        r = dt.date.fromordinal(rnd.randint(lo, hi))
        t = r
        ev = []
        if rnd.random() < 0.2:
            t = cal.add(t, rnd.randint(1, 9))
            ev.append({"type": "correction_requested", "date": t, "period_workdays": 10})
            t = cal.add(t, rnd.randint(1, 10))
            ev.append({"type": "correction_received", "date": t})
        if rnd.random() < 0.3:
            s = cal.add(t, rnd.randint(1, 8))
            party = rnd.choice(("third_party", "other_agency"))
            ev.append({"type": "consultation_sent", "date": s, "party": party})
            t = cal.add(s, rnd.randint(1, 20))
            ev.append({"type": "consultation_answered", "date": t, "party": party})
        if rnd.random() < 0.3:
            t = cal.add(t, rnd.randint(1, 15))
            ev.append({"type": "extension_notified", "date": t, "workdays": rnd.randint(5, 20)})
        if r.year >= 2021 and rnd.random() < 0.05:
            t = cal.add(t, rnd.randint(1, 5))
            ev.append({"type": "fee_notice_received", "date": t})
            t = cal.add(t, rnd.randint(1, 19))
            ev.append({"type": "fee_paid", "date": t})
        if rnd.random() < 0.8:
            ev.append({"type": "answered", "date": cal.add(t, rnd.randint(1, 25)), "outcome": "36-2"})
        out.append({"id": f"b{i}", "receipt": {"channel": "in_person", "date": r}, "events": ev})
    return out


def main():
    t0 = time.perf_counter()
    cases = generate(N)
    t1 = time.perf_counter()
    book = load_rules()
    cals = {"cn": load_calendar("cn")}
    results = evaluate_many(cases, rules=book, calendars=cals)
    t2 = time.perf_counter()
    statuses = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(f"generated {N} cases in {t1 - t0:.1f}s")
    print(f"evaluated {N} cases in {t2 - t1:.1f}s: {N / (t2 - t1):,.0f} cases per second")
    print("statuses:", dict(sorted(statuses.items())))


if __name__ == "__main__":
    main()
