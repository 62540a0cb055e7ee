"""Hand-checked working-day vectors around the hardest days of 2004-2026.

Every expected value below was counted by hand from the State Council
notices cited in the comments, not produced by the code under test.
"""

import pytest

from disclosure_rules import CalendarCoverageError, InputError, load_calendar
from conftest import D


@pytest.mark.parametrize("day, workday", [
    ("2020-01-31", False),   # 国办发明电〔2020〕1号 extended the Spring Festival
    ("2020-02-01", False),   # ... which cancelled the make-up Saturday of 国办发明电〔2019〕16号
    ("2020-02-02", False),
    ("2020-02-03", True),    # "2月3日起正常上班"
    ("2020-01-19", True),    # make-up Sunday before the 2020 Spring Festival
    ("2005-12-31", True),    # a working Saturday set by the 2006 notice (国办发明电〔2005〕35号)
    ("2015-09-03", False),   # 70th anniversary, 国发明电〔2015〕1号
    ("2015-09-04", False),
    ("2015-09-06", True),    # ... and its make-up Sunday
    ("2019-04-28", True),    # 2019 Labour Day as amended by 国办发明电〔2019〕3号
    ("2019-05-02", False),
    ("2019-05-03", False),
    ("2019-05-05", True),
    ("2026-02-14", True),    # 2026 Spring Festival: make-up Saturday
    ("2026-02-15", False),
    ("2026-02-23", False),   # last day of the nine-day holiday
    ("2026-02-24", True),
    ("2026-02-28", True),    # make-up Saturday after it
    ("2024-02-09", True),    # the notice only encourages a day off: still a working day
    ("2026-03-08", False),   # 妇女节 is a Sunday here; half-day holidays never count anyway
    ("2023-03-08", True),    # 妇女节 half day off for women only: an ordinary working day
    ("2026-01-04", True),    # Sunday worked after New Year 2026
])
def test_is_workday(cn, day, workday):
    assert cn.is_workday(D(day)) is workday


@pytest.mark.parametrize("start, n, expected", [
    ("2026-09-30", 20, "2026-11-03"),   # the example: 10/1-7 off, 10/10 Saturday worked
    ("2022-09-30", 20, "2022-11-02"),   # Lianyungang 2022 case (fact sheet §5.2): 10/8 and 10/9 worked
    ("2020-01-23", 1, "2020-02-03"),    # straight over the extended 2020 Spring Festival
    ("2005-12-30", 1, "2005-12-31"),    # the working Saturday
    ("2015-09-02", 1, "2015-09-06"),    # the anniversary make-up Sunday
    ("2019-04-30", 1, "2019-05-05"),    # amended Labour Day
    ("2026-02-12", 3, "2026-02-24"),    # 2/13 Fri, 2/14 Sat (make-up), then 2/24
    ("2026-02-13", 1, "2026-02-14"),
    ("2026-02-14", 1, "2026-02-24"),
    ("2025-12-31", 1, "2026-01-04"),    # year boundary: 1/1-1/3 off, Sunday 1/4 worked
    ("2026-02-15", 1, "2026-02-24"),    # the start day never counts, whatever kind of day it is
    ("2026-02-14", 10, "2026-03-06"),   # 2/24-27 (4), 2/28 Saturday worked (5), 3/2-3/6 (10)
])
def test_add(cn, start, n, expected):
    assert cn.add(D(start), n) == D(expected)


def test_add_spring_festival_by_hand(cn):
    # 2/24, 2/25, 2/26, 2/27, 2/28 (Saturday worked), 3/2, 3/3, 3/4, 3/5, 3/6 -> the 10th is 3/6
    assert cn.add(D("2026-02-14"), 9) == D("2026-03-05")
    assert cn.add(D("2026-02-23"), 10) == D("2026-03-06")


@pytest.mark.parametrize("a, b, n", [
    ("2026-09-30", "2026-11-03", 20),
    ("2019-04-26", "2019-05-06", 5),    # 4/28 Sun, 4/29, 4/30, 5/5 Sun, 5/6
    ("2020-01-23", "2020-02-03", 1),
    ("2026-02-13", "2026-02-13", 0),
    ("2026-11-03", "2026-09-30", -20),
])
def test_count(cn, a, b, n):
    assert cn.count(D(a), D(b)) == n


def test_next_and_previous(cn):
    assert cn.next_workday(D("2026-09-30")) == D("2026-10-08")
    assert cn.previous_workday(D("2026-10-08")) == D("2026-09-30")
    assert cn.previous_workday(D("2026-02-24")) == D("2026-02-14")
    assert cn.add(D("2026-02-24"), -2) == D("2026-02-13")


def test_explain_lists_skipped_days_and_make_up_days(cn):
    span = cn.explain_add(D("2026-09-30"), 20)
    assert span.end == D("2026-11-03") and span.workdays == 20
    skipped = {d.date.isoformat(): d for d in span.skipped}
    assert skipped["2026-10-01"].name == "国庆节"
    assert skipped["2026-10-01"].notice == "国办发明电〔2025〕7号"
    assert skipped["2026-10-11"].kind == "weekend"
    assert [d.date.isoformat() for d in span.make_up_days] == ["2026-10-10"]
    assert "调休上班" in span.make_up_days[0].reason("zh")
    # 34 calendar days in (9/30, 11/3]: 20 counted + 14 skipped
    assert len(span.skipped) == 34 - 20


def test_outside_coverage_raises(cn):
    with pytest.raises(CalendarCoverageError) as e:
        cn.add(D("2026-12-20"), 20)
    assert e.value.last_day == D("2026-12-31") and e.value.date.year == 2027
    assert "2027" in str(e.value) and "cn" in str(e.value)
    with pytest.raises(CalendarCoverageError):
        cn.is_workday(D("2027-01-04"))
    with pytest.raises(CalendarCoverageError):
        cn.is_workday(D("2003-12-31"))
    assert cn.add(D("2026-12-30"), 1) == D("2026-12-31")


def test_estimate_only_on_request():
    est = load_calendar("cn", estimate_until=2027)
    # 2027-01-01 (Friday, New Year) is an estimated day off: no notice yet
    assert est.add(D("2026-12-31"), 1) == D("2027-01-04")
    assert est.provisional(D("2026-12-31"), D("2027-01-04"))
    assert not est.provisional(D("2026-09-30"), D("2026-11-03"))
    assert est.day(D("2027-01-01")).estimated
    assert est.add(D("2026-09-30"), 20) == D("2026-11-03")


def test_bad_n(cn):
    with pytest.raises(InputError):
        cn.explain_add(D("2026-01-05"), 0)


def test_batch_matches_scalar_on_hand_vectors(cn):
    starts = [D("2026-09-30"), D("2022-09-30"), D("2020-01-23")]
    assert cn.add_many(starts, 20) == [cn.add(d, 20) for d in starts]
    assert cn.add_many(starts, [20, 20, 1])[2] == D("2020-02-03")
