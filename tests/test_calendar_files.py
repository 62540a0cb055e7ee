"""Calendar data files: every shipped file loads; a mistake names file and line."""

import datetime as dt
import shutil
import textwrap

import pytest

from disclosure_rules import (CalendarCoverageError, RuleFileError, UnknownNameError, available_calendars,
                              load_calendar)
from disclosure_rules.calendar.files import bundled_calendars_dir


def test_every_bundled_calendar_loads():
    ids = available_calendars()
    assert "cn" in ids
    for cid in ids:
        cal = load_calendar(cid)
        assert cal.first_day == dt.date(2004, 1, 1)
        assert cal.data_version


@pytest.fixture
def tree(tmp_path):
    """A private copy of the national calendar to break."""
    shutil.copytree(bundled_calendars_dir() / "cn", tmp_path / "cn")
    return tmp_path


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def load(tree, name="cn"):
    return load_calendar(name, search_path=[tree])


def test_wrong_notice_is_reported_with_line(tree):
    p = tree / "cn" / "2026.yaml"
    s = p.read_text(encoding="utf-8").replace("{date: 2026-01-04, name: 元旦, notice: 国办发明电〔2025〕7号}",
                                              "{date: 2026-01-04, name: 元旦, notice: 国办发明电〔2025〕99号}")
    p.write_text(s, encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load(tree)
    line = next(i for i, l in enumerate(s.splitlines(), 1) if "99号" in l)
    assert e.value.path.endswith("2026.yaml") and e.value.line == line
    assert "notice" in e.value.message and "通知" in e.value.message_zh


def test_weekday_cannot_be_a_make_up_day(tree):
    p = tree / "cn" / "2026.yaml"
    s = p.read_text(encoding="utf-8").replace("working_days:   # 调休上班的周末\n",
        "working_days:   # 调休上班的周末\n  - {date: 2026-03-03, name: 元旦, notice: 国办发明电〔2025〕7号}\n")
    p.write_text(s, encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load(tree)
    assert "already a working day" in str(e.value) and e.value.line


def test_date_outside_the_year(tree):
    p = tree / "cn" / "2026.yaml"
    s = p.read_text(encoding="utf-8").replace("{date: 2026-01-04,", "{date: 2025-01-04,")
    p.write_text(s, encoding="utf-8")
    with pytest.raises(RuleFileError, match="not in 2026"):
        load(tree)


def test_syntax_error_has_line(tree):
    p = tree / "cn" / "2026.yaml"
    p.write_text("year: 2026\nnotices: [\n  - bad\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load(tree)
    assert e.value.line is not None and "YAML" in str(e.value)


def test_duplicate_key(tree):
    write(tree / "cn" / "2026.yaml", """\
        year: 2026
        year: 2027
        """)
    with pytest.raises(RuleFileError, match="twice") as e:
        load(tree)
    assert e.value.line == 2


def test_a_missing_year_is_a_gap(tree):
    (tree / "cn" / "2025.yaml").unlink()
    cal = load(tree)
    assert cal.last_day == dt.date(2026, 12, 31)
    # 2024 still answers: 10/8-10/11 (4), Saturday 10/12 worked (5), 10/14-18, 10/21-25, 10/28-11/1 (20)
    assert cal.add(dt.date(2024, 9, 30), 20) == dt.date(2024, 11, 1)
    assert cal.add(dt.date(2026, 9, 30), 20) == dt.date(2026, 11, 3)   # and 2026
    with pytest.raises(CalendarCoverageError, match="2025"):
        cal.add(dt.date(2024, 12, 20), 20)                              # ... but nothing that needs 2025
    with pytest.raises(CalendarCoverageError, match="2025"):
        cal.is_workday(dt.date(2025, 6, 3))
    with pytest.raises(CalendarCoverageError):
        cal.count(dt.date(2024, 12, 1), dt.date(2026, 1, 5))
    with pytest.raises(CalendarCoverageError):
        cal.add_many([dt.date(2024, 12, 20)], 20)
    assert not cal.covers(dt.date(2025, 6, 3)) and cal.covers(dt.date(2026, 6, 3))


def test_next_year_file_is_enough_to_extend_coverage(tree):
    write(tree / "cn" / "2027.yaml", """\
        year: 2027
        notices:
          - {doc_no: 测试通知, title: 测试用的2027年安排, dated: 2026-11-01}
        days_off:
          - {date: 2027-01-01, name: 元旦, notice: 测试通知}
        working_days: []
        """)
    cal = load(tree)
    assert cal.last_day == dt.date(2027, 12, 31)
    assert cal.add(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_layer_needs_basis(tree):
    (tree / "cn-xx").mkdir()
    write(tree / "cn-xx" / "calendar.yaml", """\
        id: cn-xx
        title: 测试层
        extends: cn
        """)
    with pytest.raises(RuleFileError, match="legal basis"):
        load(tree, "cn-xx")


def test_layer_adds_and_cancels_days(tree):
    (tree / "cn-xx").mkdir()
    write(tree / "cn-xx" / "calendar.yaml", """\
        id: cn-xx
        title: 测试层
        extends: cn
        adds_nothing_before: 2026-01-01
        basis:
          - {instrument: 全国年节及纪念日放假办法, article: "4"}
        """)
    write(tree / "cn-xx" / "2026.yaml", """\
        year: 2026
        notices:
          - {doc_no: 测试地方通知, title: 测试}
        days_off:
          - {date: 2026-03-02, name: 地方节日, notice: 测试地方通知}
          - {date: 2026-02-14, name: 取消调休, notice: 测试地方通知}
        """)
    cal = load(tree, "cn-xx")
    assert cal.layers == ("cn", "cn-xx")
    assert not cal.is_workday(dt.date(2026, 3, 2))
    assert not cal.is_workday(dt.date(2026, 2, 14))     # the national make-up Saturday is cancelled here
    assert cal.is_workday(dt.date(2026, 3, 3))
    assert cal.first_day == dt.date(2004, 1, 1) and cal.last_day == dt.date(2026, 12, 31)
    assert cal.day(dt.date(2026, 3, 2)).layer == "cn-xx"


def test_unknown_calendar():
    with pytest.raises(UnknownNameError, match="unknown calendar 'mars'"):
        load_calendar("mars")
    with pytest.raises(UnknownNameError, match="not a calendar name"):
        load_calendar("../etc")
