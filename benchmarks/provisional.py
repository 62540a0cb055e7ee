"""Backtest of the provisional calendars (issue 9, section 2).

Run on demand:  python benchmarks/provisional.py [FIRST_YEAR LAST_YEAR] [--step N]

For every year Y (default 2016-2026) the year's arrangement is hidden: Y's
year file, and every day of Y-1's file that one of Y's notices fixed (a
make-up day on 31 December).  The estimate is then built from what is left,
the statutory days of 全国年节及纪念日放假办法 (computed, never read from the
arrangement) and today's principles (calendars/principles.yaml; for years
before 2025 they are applied as they stand, which is what a user would have
had).  For a request received on each calendar day from 1 October of Y-1 to
30 November of Y, the due date is ``calendar.add(received, 20)`` (20 working
days, the 2019 Regulations Art. 33, plain calendar arithmetic, no events),
and the true one the same on the bundled calendar.  Printed per year:
(a) due == true, (b) true within [due_earliest, due_latest], (c) median and
maximum width of the bounds in working days (counted on the official
calendar), (d) figure (a) for the estimate the library gave before (the
statutory days off, no make-up days).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys

import attrs

from disclosure_rules import load_calendar
from disclosure_rules.calendar import Calendar, DayInfo
from disclosure_rules.calendar.estimate import estimated_calendars
from disclosure_rules.calendar.files import bundled_calendars_dir
from disclosure_rules.calendar.principles import load_principles, principles_file
from disclosure_rules.calendar.statutory import statutory_days
from disclosure_rules.yamlfile import load_yaml

N = 20
_ONE = dt.timedelta(days=1)


def notices_of(year: int) -> set[str]:
    """The document numbers of the notices listed in year's file (main and supplementary)."""
    doc = load_yaml(bundled_calendars_dir() / "cn" / f"{year}.yaml")
    return {n["doc_no"] for n in doc["notices"]}


def hidden(full: Calendar, year: int) -> Calendar:
    """The official calendar as it stood before ``year``'s notice: no ``year``, nothing its notices fixed."""
    mine = notices_of(year)
    dev = {d: i for d, i in full.deviations.items() if d.year < year and i.notice not in mine}
    last = dt.date(year - 1, 12, 31)
    return attrs.evolve(full, last_day=last, official_last_day=last, deviations=dev,
                        notices=tuple(n for n in full.notices if n.doc_no not in mine))


def today_estimate(official: Calendar, year: int) -> Calendar:
    """What load_calendar(estimate_until=...) gave before: the statutory weekdays off, no make-up days."""
    dev = dict(official.deviations)
    for s in statutory_days(year):
        if s.date.weekday() < 5:
            dev[s.date] = DayInfo(s.date, False, "estimated_day_off", s.festival, None, "statutory", estimated=True)
    return attrs.evolve(official, last_day=dt.date(year, 12, 31), deviations=dev)


def backtest_year(full: Calendar, year: int, step: int = 1) -> dict:
    current = load_principles(str(principles_file()))[-1]
    official = hidden(full, year)
    likely = estimated_calendars(official, year, principles=current)
    b = likely.estimate
    old = today_estimate(official, year)
    d, end = dt.date(year - 1, 10, 1), dt.date(year, 11, 30)
    n = hit = inside = old_hit = 0
    widths, misses = [], []
    while d <= end:
        true = full.add(d, N)
        due, lo, hi = likely.add(d, N), b.earliest.add(d, N), b.latest.add(d, N)
        n += 1
        hit += due == true
        old_hit += old.add(d, N) == true
        if lo <= true <= hi:
            inside += 1
        else:
            misses.append((d, true, lo, hi))
        widths.append(full.count(lo, hi))
        d += dt.timedelta(days=step)
    return {"year": year, "requests": n, "due_exact": hit, "in_bounds": inside, "old_exact": old_hit,
            "median_width": statistics.median(widths), "mean_width": statistics.mean(widths),
            "max_width": max(widths), "misses": misses}


def main(argv):
    step = 1
    if "--step" in argv:
        i = argv.index("--step")
        step = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    first, last = (int(argv[0]), int(argv[1])) if len(argv) >= 2 else (2016, 2026)
    full = load_calendar("cn")
    print(f"{'year':>4} {'requests':>8} {'(a) due exact':>14} {'(b) in bounds':>14} "
          f"{'(c) width med/mean/max':>22} {'(d) old exact':>14}")
    tot = {"requests": 0, "due_exact": 0, "in_bounds": 0, "old_exact": 0}
    for y in range(first, last + 1):
        r = backtest_year(full, y, step)
        for k in tot:
            tot[k] += r[k]
        n = r["requests"]
        print(f"{y:>4} {n:>8} {r['due_exact'] / n:>14.1%} {r['in_bounds'] / n:>14.1%} "
              f"{r['median_width']:>8g} / {r['mean_width']:4.2f} / {r['max_width']:<3} {r['old_exact'] / n:>14.1%}")
    n = tot["requests"]
    print(f"{'all':>4} {n:>8} {tot['due_exact'] / n:>14.1%} {tot['in_bounds'] / n:>14.1%} "
          f"{'':>22} {tot['old_exact'] / n:>14.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
