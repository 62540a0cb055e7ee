"""The statutory holidays of 全国年节及纪念日放假办法 Art. 2, per text in force.

Checked three ways: hand-checked dates (the lunar dates from the published
notices, which name 除夕 and 正月初一), every statutory day 2008-2026 is a
day off (or a weekend rest day) in the bundled national calendar, and the
days agree with the non-substituted, non-observed days of
``holidays.China()`` (an independent transcription of the same law).
"""

import datetime as dt

import holidays
import pytest

from disclosure_rules.calendar.statutory import load_texts, statutory_days, text_in_force
from disclosure_rules.errors import InputError, RuleFileError

from conftest import D

YEARS = range(2008, 2027)


def _by_festival(year):
    out = {}
    for s in statutory_days(year):
        out.setdefault(s.festival, []).append(s.date)
    return out


@pytest.mark.parametrize("year,spring,basis", [
    # 2007 text: 除夕、初一、初二.  2008 除夕 = 2008-02-06 (notice: 春节 2月6日至12日)
    (2008, ["2008-02-06", "2008-02-07", "2008-02-08"], "2007年修订"),
    (2013, ["2013-02-09", "2013-02-10", "2013-02-11"], "2007年修订"),
    # 2013 text: 初一至初三.  2014 初一 = 2014-01-31
    (2014, ["2014-01-31", "2014-02-01", "2014-02-02"], "2013年修订"),
    (2024, ["2024-02-10", "2024-02-11", "2024-02-12"], "2013年修订"),
    # 2024 text: 除夕至初三.  2025 除夕 = 2025-01-28 (notice: "1月28日（农历除夕、周二）")
    (2025, ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"], "2024年修订"),
    (2026, ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"], "2024年修订"),
])
def test_spring_festival_follows_the_text_in_force(year, spring, basis):
    f = _by_festival(year)
    assert f["春节"] == [D(s) for s in spring]
    assert all(basis in s.basis and s.basis.endswith("第二条") for s in statutory_days(year))


def test_counts_and_fixed_days():
    for y in YEARS:
        f = _by_festival(y)
        assert set(f) == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
        assert f["元旦"] == [dt.date(y, 1, 1)]
        assert f["国庆节"] == [dt.date(y, 10, d) for d in (1, 2, 3)]
        assert f["劳动节"] == [dt.date(y, 5, 1)] + ([dt.date(y, 5, 2)] if y >= 2025 else [])
        assert len(statutory_days(y)) == (13 if y >= 2025 else 11)


def test_hand_checked_lunar_and_solar_term_days():
    f = _by_festival(2020)
    assert f["清明节"] == [D("2020-04-04")] and f["端午节"] == [D("2020-06-25")]
    assert f["中秋节"] == [D("2020-10-01")]          # 2020: 中秋 on 国庆 itself
    f = _by_festival(2025)
    assert f["清明节"] == [D("2025-04-04")] and f["端午节"] == [D("2025-05-31")]
    assert f["中秋节"] == [D("2025-10-06")]
    f = _by_festival(2009)
    assert f["端午节"] == [D("2009-05-28")] and f["中秋节"] == [D("2009-10-03")]


def test_labels_name_the_day():
    labels = [s.label for s in statutory_days(2025) if s.festival == "春节"]
    assert labels == ["农历除夕", "正月初一", "正月初二", "正月初三"]
    assert [s.label for s in statutory_days(2025) if s.festival == "劳动节"] == ["5月1日", "5月2日"]


def test_every_statutory_day_is_a_day_off_in_the_national_calendar(cn):
    for y in YEARS:
        for s in statutory_days(y):
            info = cn.day(s.date)
            assert not info.workday, (s, info)
            # on a weekday it is a notice's day off for the same festival, never an accident
            if s.date.weekday() < 5:
                assert info.kind == "day_off", (s, info)
                # merged festivals are named together in the files (2009, 2017, 2020, 2023, 2025: 国庆节、中秋节)
                assert s.festival in info.name.split("、") or (s.festival, info.name) == ("中秋节", "国庆节"), \
                    (s, info)


_HOLIDAYS_NAMES = {"New Year's Day": "元旦", "Chinese New Year's Eve": "春节",
                   "Chinese New Year (Spring Festival)": "春节", "Tomb-Sweeping Day": "清明节",
                   "Labor Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-Autumn Festival": "中秋节",
                   "National Day": "国庆节"}


def test_agrees_with_the_holidays_package():
    for y in YEARS:
        theirs = {}
        for d, name in holidays.China(years=y, language="en_US").items():
            for n in name.split("; "):
                if n in _HOLIDAYS_NAMES:          # skips substituted, observed and one-off days (2015-09-03)
                    theirs[d] = _HOLIDAYS_NAMES[n]
        ours = {s.date: s.festival for s in statutory_days(y)}
        assert ours == theirs, (y, set(ours.items()) ^ set(theirs.items()))


def test_years_without_a_text_are_refused():
    with pytest.raises(InputError, match="2007"):
        statutory_days(2007)
    assert text_in_force(2030).version == "2024年修订"


def test_texts_follow_each_other_without_gap():
    texts = load_texts(str(text_in_force(2020).path))
    assert [t.version for t in texts] == ["2007年修订", "2013年修订", "2024年修订"]
    assert texts[0].start == D("2008-01-01") and texts[1].start == D("2014-01-01")
    assert texts[2].start == D("2025-01-01") and texts[2].end is None


def test_a_bad_file_names_the_line(tmp_path):
    p = tmp_path / "statutory.yaml"
    p.write_text("texts:\n  - version: x\n    basis: y\n    in_force: {from: 2008-01-01}\n"
                 "    festivals:\n      - festival: 春节\n        days: [{lunar: {month: 2, day: 1}}]\n",
                 encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_texts(str(p))
    assert e.value.line == 7 and "lunar" in e.value.message and "农历" in e.value.message_zh
