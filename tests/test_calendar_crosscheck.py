"""The calendar data against two independent sources, day by day, 2004-2026:
the ``holidays`` package and the audited reference table in ../shared."""

import csv
import datetime as dt

import holidays
import pytest

from conftest import SHARED


def _days(first=2004, last=2026):
    d = dt.date(first, 1, 1)
    while d.year <= last:
        yield d
        d += dt.timedelta(days=1)


def test_every_day_matches_holidays_package(cn):
    h = holidays.China(years=range(2004, 2027))      # default category: public holidays
    extra_work = set(h.weekend_workdays)
    diffs = []
    for d in _days():
        theirs = (d.weekday() < 5 and d not in h) or d in extra_work
        if cn.is_workday(d) != theirs:
            diffs.append((d.isoformat(), cn.day(d).reason("en"), h.get(d)))
    assert diffs == []


@pytest.mark.skipif(not (SHARED / "reference" / "cn-workday-adjustments.csv").exists(),
                    reason="../shared/reference not beside the checkout")
def test_every_deviation_matches_the_audited_table(cn):
    expected = {}
    with open(SHARED / "reference" / "cn-workday-adjustments.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            expected[dt.date.fromisoformat(row["date"])] = (row["kind"], row["notice"])
    ours = {}
    for d in _days():
        info = cn.day(d)
        if info.workday and d.weekday() >= 5:
            ours[d] = ("work", info.notice)
        elif not info.workday and d.weekday() < 5:
            ours[d] = ("off", info.notice)
    assert ours == expected
