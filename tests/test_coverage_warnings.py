"""`disclosure-rules check` says when calendar data runs out (issue: next year's calendar)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from disclosure_rules.calendar import bundled_calendars_dir, load_calendar
from disclosure_rules.calendar.coverage import coverage_warnings
from disclosure_rules.calendar.files import warn_from
from disclosure_rules.errors import RuleFileError
from disclosure_rules.cli import main

CALS = {"cn": load_calendar("cn"), "cn-gx": load_calendar("cn-gx")}
START = {"cn": warn_from("cn")}


def test_the_warning_day_is_data_of_the_calendar():
    assert START == {"cn": (11, 1)}
    assert warn_from("cn-gx") is None


@pytest.mark.parametrize("today,years", [
    (dt.date(2026, 10, 31), []),                       # before 1 November: nothing yet
    (dt.date(2026, 11, 1), [("cn", 2027)]),
    (dt.date(2026, 12, 31), [("cn", 2027)]),
    (dt.date(2027, 1, 5), [("cn", 2027), ("cn-gx", 2027)]),   # the year has begun without its data
    (dt.date(2026, 4, 1), []),
])
def test_warnings_by_day(today, years):
    got = coverage_warnings(CALS, today, START)
    assert [(w.calendar, w.year) for w in got] == years
    for w in got:
        if w.calendar == "cn":
            assert "calendar import" in w.message and "--estimate-until 2027" in w.message
            assert "国务院办公厅关于2027年部分节假日安排的通知" in w.message_zh


def test_a_regional_gap_in_the_current_year_is_listed(tmp_path):
    shutil.copytree(bundled_calendars_dir() / "cn-gx", tmp_path / "cn-gx")
    (tmp_path / "cn-gx" / "2021.yaml").unlink()
    gx = load_calendar("cn-gx", search_path=[tmp_path])
    assert [(w.calendar, w.year) for w in coverage_warnings({"cn-gx": gx}, dt.date(2021, 6, 1), START)] == \
        [("cn-gx", 2021)]


def test_check_prints_one_line_and_exits_0(monkeypatch, capsys):
    monkeypatch.setenv("DISCLOSURE_RULES_TODAY", "2027-01-05")
    assert main(["check"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "2027" in err[0] and "cn-gx" in err[0]
    monkeypatch.setenv("DISCLOSURE_RULES_TODAY", "2026-06-01")
    assert main(["check"]) == 0
    assert capsys.readouterr().err == ""


def test_a_bad_warn_from_is_a_rule_file_error(tmp_path):
    shutil.copytree(bundled_calendars_dir() / "cn", tmp_path / "cn")
    meta = tmp_path / "cn" / "calendar.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('warn_from: "11-01"', 'warn_from: "11-31"'),
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match="MM-DD"):
        warn_from("cn", [tmp_path])


def test_a_bad_pinned_today_is_an_input_error(monkeypatch, capsys):
    monkeypatch.setenv("DISCLOSURE_RULES_TODAY", "tomorrow")
    assert main(["check"]) == 2
    assert "DISCLOSURE_RULES_TODAY" in capsys.readouterr().err


def test_the_pinned_day_is_the_default_as_of_of_a_timeline(monkeypatch, capsys):
    # found in review: timeline without --as-of took the machine's day, not DISCLOSURE_RULES_TODAY's
    monkeypatch.setenv("DISCLOSURE_RULES_TODAY", "2026-10-15")
    assert main(["timeline", "examples/2026-0001-full.yaml", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out[0] if isinstance(out, list) else out)["as_of"] == "2026-10-15"
