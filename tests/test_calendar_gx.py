"""The Guangxi layer (壮族三月三): hand-checked against the regional notices."""


import pytest

from disclosure_rules import CalendarCoverageError, load_calendar
from disclosure_rules.clock import evaluate
from conftest import D, evaluate_on_last_day

GX = load_calendar("cn-gx")
CN = load_calendar("cn")


@pytest.mark.parametrize("day, gx, cn", [
    ("2017-03-30", False, True),    # 三月三
    ("2017-04-01", False, True),    # national make-up Saturday cancelled in Guangxi
    ("2017-04-08", True, False),    # ... and moved to this Saturday
    ("2018-04-20", False, True),
    ("2018-04-15", True, False),
    ("2020-03-26", True, True),     # 2020: cancelled (COVID), a working day
    ("2022-04-02", False, True),    # national make-up Saturday cancelled
    ("2023-04-21", False, True),
    ("2023-04-23", False, True),    # national make-up Sunday for Labour Day, a day off in Guangxi
    ("2024-04-11", False, True),
    ("2025-04-01", False, True),
    ("2015-04-20", False, True),
    ("2026-04-20", False, True),
    ("2010-04-16", True, True),     # before the 2014 measures the layer adds nothing
])
def test_days(day, gx, cn):
    assert (GX.is_workday(D(day)), CN.is_workday(D(day))) == (gx, cn)
    assert GX.day(D(day)).layer == ("cn-gx" if gx != cn else GX.day(D(day)).layer)


def test_add_across_sanyuesan():
    # 3/30-3/31 三月三, 4/1 Saturday off, 4/2-4/4 清明: the 3rd working day after 3/29 is 4/7
    assert GX.add(D("2017-03-29"), 3) == D("2017-04-07")
    assert CN.add(D("2017-03-29"), 3) == D("2017-04-01")    # nationally: 3/30, 3/31, 4/1 (Saturday worked)
    assert GX.add(D("2024-04-10"), 1) == D("2024-04-15")
    assert GX.add(D("2025-03-28"), 1) == D("2025-04-02")


def test_2021_from_its_notice():
    # 4/14-4/16 (Wed-Fri) off, Sunday 4/18 worked (imported from the notice as quoted, 2021-03-16)
    assert GX.add(D("2021-04-13"), 1) == D("2021-04-18")
    assert GX.add(D("2021-04-18"), 1) == D("2021-04-19")
    assert CN.add(D("2021-04-13"), 1) == D("2021-04-14")


def test_unsourced_years_are_never_guessed(tmp_path):
    # a layer year without a file between covered years is a gap (2021 was one until its notice was found)
    import shutil
    from disclosure_rules.calendar import bundled_calendars_dir, load_calendar
    shutil.copytree(bundled_calendars_dir() / "cn-gx", tmp_path / "cn-gx")
    (tmp_path / "cn-gx" / "2021.yaml").unlink()
    gx = load_calendar("cn-gx", search_path=[tmp_path])
    assert GX.last_day == D("2026-12-31")
    with pytest.raises(CalendarCoverageError, match="2021"):
        gx.add(D("2021-04-01"), 20)
    with pytest.raises(CalendarCoverageError, match="2021"):
        gx.is_workday(D("2021-08-02"))
    assert GX.add(D("2013-12-20"), 5) == CN.add(D("2013-12-20"), 5)
    assert GX.add(D("2020-12-30"), 1) == D("2020-12-31")


def test_2016_and_2026_weekend_sanyuesan_with_compensatory_days():
    # 2016: 三月三 on Saturday 4/9 and Sunday 4/10; Friday 4/8 and Monday 4/11 off instead
    assert GX.add(D("2016-04-07"), 1) == D("2016-04-12")
    # 2026: 三月初三 is Sunday 4/19; Friday 4/17 and Monday 4/20 off
    assert GX.add(D("2026-04-16"), 1) == D("2026-04-21")
    assert CN.add(D("2026-04-16"), 1) == D("2026-04-17")


def test_a_guangxi_agency_deadline():
    case = {"id": "gx", "calendar": "cn-gx", "receipt": {"channel": "in_person", "date": "2025-03-20"}}
    # national: 3/21, 3/24-28, 3/31-4/3, (4/4 清明), 4/7-11, 4/14-17, 4/18 -> 4/18
    assert evaluate_on_last_day({**case, "calendar": "cn"}).due == D("2025-04-18")
    # Guangxi: 3/31 and 4/1 are off as well -> two working days later, 4/22
    r = evaluate_on_last_day(case)
    assert r.due == D("2025-04-22") and r.provenance["calendar"]["layers"] == ["cn", "cn-gx"]
