"""Working time on office hours: hand-checked vectors and properties.

Expected moments are worked out by hand from the gansu-jinchang hours
(Mon-Fri 08:30-12:00, 14:30-18:00, 7 working hours a day, seed 000 OGI
guide 四) and the 2026 State Council notice (国办发明电〔2025〕7号: 10-01..10-07
off, Saturday 10-10 a make-up working day).
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from disclosure_rules.calendar.worktime import (add_clock, fmt, load_hours, parse_duration, parse_moment,
                                                working_time)
from disclosure_rules.cli import main
from disclosure_rules.errors import CalendarCoverageError, InputError, RuleFileError

HOURS = Path(__file__).parent / "data" / "hours"


def T(s):
    return dt.datetime.fromisoformat(s)


@pytest.fixture(scope="module")
def jc():
    return working_time("gansu-jinchang")


@pytest.mark.parametrize("start, minutes, due", [
    ("2026-10-12T09:00", 180, "2026-10-12T12:00"),   # exactly at the lunch closing: that closing
    ("2026-10-12T09:00", 181, "2026-10-12T14:31"),   # across the lunch break
    ("2026-10-12T11:00", 180, "2026-10-12T16:30"),
    ("2026-10-12T12:00", 30, "2026-10-12T15:00"),    # a start at a closing counts from the next opening
    ("2026-10-12T13:00", 30, "2026-10-12T15:00"),    # a start in the lunch break
    ("2026-10-12T07:00", 30, "2026-10-12T09:00"),    # before the morning opening
    ("2026-10-12T20:00", 30, "2026-10-13T09:00"),    # after closing
    ("2026-10-16T17:00", 180, "2026-10-19T10:30"),   # Friday -> Monday across a weekend
    ("2026-10-17T10:00", 30, "2026-10-19T09:00"),    # a start on a Saturday
    ("2026-10-09T17:00", 180, "2026-10-10T10:30"),   # Friday -> make-up Saturday 10-10
    ("2026-09-30T17:00", 120, "2026-10-08T09:30"),   # the National Day holiday 10-01..10-07
    ("2026-10-12T08:30", 420, "2026-10-12T18:00"),   # a full working day ends at the day's closing
    ("2026-10-12T08:30", 7 * 420, "2026-10-20T18:00"),
])
def test_hand_checked_vectors(jc, start, minutes, due):
    assert fmt(jc.add(T(start), minutes)) == due
    assert jc.count(T(start), T(due)) == minutes


def test_end_of_the_published_calendar(jc):
    assert fmt(jc.add(T("2026-12-31T17:00"), 60)) == "2026-12-31T18:00"
    with pytest.raises(CalendarCoverageError) as e:
        jc.add(T("2026-12-31T17:00"), 61)
    assert e.value.exit_code == 3 and "2027" in e.value.message
    with pytest.raises(CalendarCoverageError):
        jc.count(T("2026-12-31T09:00"), T("2027-01-04T09:00"))


def test_clock_hours_are_another_period(jc):
    assert add_clock(T("2026-10-12T09:00"), 180) == T("2026-10-12T12:00")
    assert add_clock(T("2026-10-12T11:00"), 180) == T("2026-10-12T14:00")
    assert add_clock(T("2026-10-01T11:00"), 180) == T("2026-10-01T14:00")   # a holiday counts
    assert jc.add(T("2026-10-12T11:00"), 180) == T("2026-10-12T16:30")


def test_a_summer_winter_switch():
    w = working_time("test-seasons", search_path=HOURS)
    # 2026-09-30 (Wednesday) is summer (08:00-12:00, 15:00-18:30); after the
    # holiday, 10-08 (Thursday) is winter (09:00-12:00, 14:00-17:30)
    assert fmt(w.add(T("2026-09-30T17:30"), 60)) == "2026-09-30T18:30"
    assert fmt(w.add(T("2026-09-30T17:30"), 90)) == "2026-10-08T09:30"
    assert fmt(w.add(T("2026-10-08T11:00"), 90)) == "2026-10-08T14:30"
    assert w.count(T("2026-09-30T00:00"), T("2026-10-08T23:59")) == 450 + 390
    # before 2026 the winter schedule is not in force: the all-year one applies
    assert fmt(w.add(T("2025-10-09T08:30"), 60)) == "2025-10-09T09:30"


@pytest.mark.parametrize("start, n, same_time, end_of_day", [
    ("2026-10-12T10:00", 1, "2026-10-13T10:00", "2026-10-13T18:00"),
    ("2026-10-09T20:00", 1, "2026-10-10T18:00", "2026-10-10T18:00"),   # Friday evening: the make-up Saturday
    ("2026-10-17T10:00", 1, "2026-10-19T18:00", "2026-10-19T18:00"),   # a Saturday start
    ("2026-10-16T15:00", 1, "2026-10-19T15:00", "2026-10-19T18:00"),
    ("2026-09-30T11:00", 3, "2026-10-10T11:00", "2026-10-10T18:00"),
])
def test_working_days_from_a_moment(jc, start, n, same_time, end_of_day):
    assert fmt(jc.add_workdays(T(start), n, "same_time")) == same_time
    assert fmt(jc.add_workdays(T(start), n, "end_of_day")) == end_of_day


moments = st.builds(lambda d, m: dt.datetime(2025, 1, 1) + dt.timedelta(days=d, minutes=m),
                    st.integers(0, 600), st.integers(0, 24 * 60 - 1))
durations = st.integers(0, 6000)


@given(moments, durations, durations)
def test_adding_composes(t, a, b):
    w = working_time("gansu-jinchang")
    try:
        assert w.add(w.add(t, a), b) == w.add(t, a + b) or a == 0 and b == 0
    except CalendarCoverageError:
        pass


@given(moments, st.integers(1, 6000))
def test_a_due_time_is_in_office_hours_or_at_a_closing(t, n):
    w = working_time("gansu-jinchang")
    due = w.add(t, n)
    assert due > t
    assert w.is_open(due - dt.timedelta(minutes=1))
    assert w.is_open(due) or due in w.period_ends(due.date())


@given(moments, durations)
def test_counting_inverts_adding(t, n):
    w = working_time("gansu-jinchang")
    due = w.add(t, n)
    assert w.count(t, due) == n
    if n:
        assert w.count(t, due - dt.timedelta(minutes=1)) == n - 1


@given(moments, moments)
def test_adding_a_count_never_passes_the_end(a, b):
    w = working_time("gansu-jinchang")
    a, b = min(a, b), max(a, b)
    n = w.count(a, b)
    assert n >= 0 and w.add(a, n) <= b and w.count(a, w.add(a, n)) == n


def test_parsing():
    assert parse_duration("90min") == 90 and parse_duration("3h") == 180 and parse_duration("2h30min") == 150
    for bad in ("3", "h", "3 hours", "-3h", ""):
        with pytest.raises(InputError):
            parse_duration(bad)
    assert parse_moment("2026-10-12T09:00") == T("2026-10-12T09:00")
    for bad in ("2026-10-12", "2026-10-12T25:00", "2026-10-12T09:00:30", "12/10/2026 09:00"):
        with pytest.raises(InputError):
            parse_moment(bad)


def test_the_bundled_file_says_what_the_seed_leaves_open():
    h = load_hours("gansu-jinchang")
    assert h.calendar == "cn" and "2023" in h.assumption
    assert h.schedules[0].periods == ((510, 720), (870, 1080))
    assert "08:30-12:00、14:30-18:00" in h.schedules[0].basis[0].text


@pytest.mark.parametrize("text, where", [
    ("periods: [\"08:30-12:00\"]", "schedules"),
    ("schedules:\n  - {periods: [\"12:00-08:30\"], basis: {instrument: x, section: '1'}}", "end after"),
    ("schedules:\n  - {periods: [\"8h-12h\"], basis: {instrument: x, section: '1'}}", "not a time"),
    ("schedules:\n  - {periods: [\"08:30-12:00\"]}", "basis"),
    ("schedules:\n  - {periods: [\"08:30-12:00\"], seasn: x, basis: {instrument: x, section: '1'}}", "unknown key"),
])
def test_a_bad_hours_file_names_file_and_line(tmp_path, text, where):
    (tmp_path / "bad.yaml").write_text(f"id: bad\ncalendar: cn\nbasis: {{instrument: x, section: '1'}}\n{text}\n",
                                       encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_hours("bad", search_path=tmp_path)
    assert "bad.yaml" in e.value.message and where in e.value.message


def test_overlapping_seasons_are_a_mistake(tmp_path):
    b = "basis: {instrument: x, section: '1'}"
    (tmp_path / "two.yaml").write_text(
        f"id: two\ncalendar: cn\n{b}\nschedules:\n"
        f"  - {{periods: [\"08:00-12:00\"], season: {{from: \"05-01\", to: \"09-30\"}}, {b}}}\n"
        f"  - {{periods: [\"09:00-12:00\"], season: {{from: \"09-01\", to: \"10-31\"}}, {b}}}\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        working_time("two", search_path=tmp_path)
    assert "two.yaml:6" in e.value.message and "2004-09-01" in e.value.message


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_add_and_count(capsys):
    assert run(capsys, "worktime", "add", "2026-10-12T09:00", "3h", "--hours", "gansu-jinchang") == \
        (0, "2026-10-12T12:00\n", "")
    assert run(capsys, "worktime", "add", "2026-10-12T11:00", "3h", "--clock") == (0, "2026-10-12T14:00\n", "")
    assert run(capsys, "worktime", "add", "2026-10-12T11:00", "90min", "--hours", "gansu-jinchang") == \
        (0, "2026-10-12T15:00\n", "")
    rc, out, _ = run(capsys, "worktime", "add", "2026-10-09T17:00", "3h", "--hours", "gansu-jinchang", "--json")
    assert rc == 0 and json.loads(out)["due"] == "2026-10-10T10:30"
    assert run(capsys, "worktime", "count", "2026-10-09T17:00", "2026-10-10T10:30", "--hours",
               "gansu-jinchang") == (0, "180\n", "")


@pytest.mark.parametrize("argv, code", [
    (["add", "2026-10-12", "3h", "--hours", "gansu-jinchang"], 2),
    (["add", "2026-10-12T09:00", "3", "--hours", "gansu-jinchang"], 2),
    (["add", "2026-10-12T09:00", "3h"], 2),
    (["add", "2026-10-12T09:00", "3h", "--hours", "mars"], 2),
    (["add", "2026-12-31T17:00", "2h", "--hours", "gansu-jinchang"], 3),
    (["count", "2026-12-31T09:00", "2027-01-04T09:00", "--hours", "gansu-jinchang"], 3),
])
def test_cli_errors(capsys, argv, code):
    rc, out, err = run(capsys, "worktime", *argv, "--json")
    assert rc == code and len(err.strip().splitlines()) == 1
    assert json.loads(out)["error"]["kind"] in ("input", "calendar_coverage")


def test_a_year_missing_from_a_layer_is_never_taken_for_rest_days(tmp_path):
    import shutil

    from disclosure_rules import load_calendar
    from disclosure_rules.calendar import bundled_calendars_dir
    # 2021 was a gap of the bundled layer until its notice was imported: remove it again in a copy
    shutil.copytree(bundled_calendars_dir() / "cn-gx", tmp_path / "cn-gx")
    (tmp_path / "cn-gx" / "2021.yaml").unlink()
    gx = load_calendar("cn-gx", search_path=[tmp_path])
    assert gx.gaps, "the Guangxi layer has a year without data (2021)"
    w = working_time("gansu-jinchang", gx)
    (a, b), = gx.gaps[:1]
    before = dt.datetime.combine(a - dt.timedelta(days=1), dt.time(17, 0))
    with pytest.raises(CalendarCoverageError):
        w.add(before, 600)
    with pytest.raises(CalendarCoverageError):
        w.count(before, dt.datetime.combine(b + dt.timedelta(days=3), dt.time(10, 0)))
