"""Issue 11: remedies apply the law in force on each date.  A date walks
across each switch of a period, a cap and a roll-over basis; the expected
dates are counted by hand (start day not counted, months to the
corresponding day, a rest day moves to the next working day of the
official calendar)."""

import pytest

from disclosure_rules.remedies import _bundled, in_force, remedies
from disclosure_rules.errors import InputError
from conftest import D


def by_id(r):
    return {d.id: d for d in r.deadlines}


def cites(d):
    return [(b.instrument, b.article) for b in d.basis]


@pytest.mark.parametrize("answered, months, article, instrument", [
    ("2015-04-29", 3, "39", "中华人民共和国行政诉讼法（1989）"),
    ("2015-04-30", 3, "39", "中华人民共和国行政诉讼法（1989）"),
    ("2015-05-01", 6, "46", "中华人民共和国行政诉讼法（2014）"),
    ("2015-05-04", 6, "46", "中华人民共和国行政诉讼法（2014）"),
])
def test_direct_suit_3_months_before_2015_05_01_then_6(answered, months, article, instrument):
    d = by_id(remedies(answered=D(answered), outcome="2008-21-1"))["litigation"]
    assert cites(d)[0] == (instrument, article)
    start = D(answered)
    assert d.nominal_last_day.month == (start.month + months - 1) % 12 + 1 and d.nominal_last_day.day == start.day


def test_direct_suit_hand_counted():
    # 2015-04-30 + 3 months = 2015-07-30, a Thursday
    assert by_id(remedies(answered=D("2015-04-30"), outcome="2008-21-1"))["litigation"].last_day == D("2015-07-30")
    # 2015-05-01 (Labour Day) + 6 months = 2015-11-01, a Sunday -> Monday 11-02
    d = by_id(remedies(answered=D("2015-05-01"), outcome="2008-21-1"))["litigation"]
    assert (d.nominal_last_day, d.last_day) == (D("2015-11-01"), D("2015-11-02"))


@pytest.mark.parametrize("answered, years, article", [
    ("2018-02-06", 2, "41"), ("2018-02-07", 2, "41"), ("2018-02-08", 1, "64"), ("2018-02-09", 1, "64"),
])
def test_cap_when_the_right_to_sue_was_not_stated(answered, years, article):
    d = by_id(remedies(answered=D(answered), outcome="36-2", rights_stated=False))["litigation"]
    start = D(answered)
    assert d.nominal_last_day == start.replace(year=start.year + years)
    assert cites(d)[0][1] == article and d.note is not None


def test_cap_hand_counted():
    # 2018-02-07 + 2 years = 2020-02-07, a Friday (the 2020 Spring Festival was extended to 02-02 only)
    assert by_id(remedies(answered=D("2018-02-07"), outcome="36-2", rights_stated=False))["litigation"].last_day \
        == D("2020-02-07")
    # 2018-02-08 + 1 year = 2019-02-08, Spring Festival (02-04 to 02-10 off) -> Monday 02-11
    d = by_id(remedies(answered=D("2018-02-08"), outcome="36-2", rights_stated=False))["litigation"]
    assert (d.nominal_last_day, d.last_day) == (D("2019-02-08"), D("2019-02-11"))
    assert cites(d)[0][0].endswith("（法释〔2018〕1号）")


@pytest.mark.parametrize("answered, instrument, article, capped", [
    ("2017-12-31", "中华人民共和国行政复议法（1999）", "9", False),
    ("2018-01-01", "中华人民共和国行政复议法（2017）", "9", False),
    ("2023-12-31", "中华人民共和国行政复议法（2017）", "9", False),
    ("2024-01-01", "中华人民共和国行政复议法（2023）", "20", True),
])
def test_review_period_and_cap_by_act(answered, instrument, article, capped):
    r = by_id(remedies(answered=D(answered), outcome="36-2"))["review"]
    assert cites(r)[0] == (instrument, article)
    assert r.nominal_last_day == D(answered) + __import__("datetime").timedelta(days=60)
    nr = by_id(remedies(answered=D(answered), outcome="36-2", rights_stated=False))["review"]
    # before 2024 the Act set no longer period when the right was not stated: the 60 days stand
    assert (nr.note is not None) is capped
    if not capped:
        assert nr.nominal_last_day == r.nominal_last_day


@pytest.mark.parametrize("last_day, expect", [
    # the roll-over basis is the one in force on the day the period would end
    ("2012-12-29", [("中华人民共和国民事诉讼法（1991年，2007年修正）", "75"), ("中华人民共和国行政复议法（1999）", "40")]),
    ("2013-01-12", [("中华人民共和国民事诉讼法（2012）", "82"), ("中华人民共和国行政复议法（1999）", "40")]),
    ("2017-07-01", [("中华人民共和国民事诉讼法（2017）", "82"), ("中华人民共和国行政复议法（1999）", "40")]),
    ("2018-01-06", [("中华人民共和国民事诉讼法（2017）", "82"), ("中华人民共和国行政复议法（2017）", "40")]),
    ("2019-06-08", [("中华人民共和国民事诉讼法（2017）", "82"), ("中华人民共和国行政复议法（2017）", "40")]),
    ("2022-01-01", [("中华人民共和国民事诉讼法（2021）", "85"), ("中华人民共和国行政复议法（2017）", "40")]),
    ("2024-01-01", [("中华人民共和国民事诉讼法（2023）", "85"), ("中华人民共和国行政复议法（2023）", "88")]),
])
def test_roll_over_basis_by_the_day(last_day, expect, cn):
    assert not cn.is_workday(D(last_day))
    start = D(last_day) - __import__("datetime").timedelta(days=60)
    r = by_id(remedies(answered=start, outcome="36-2"))["review"]
    assert r.nominal_last_day == D(last_day) and r.moved_because
    assert cites(r)[1:] == expect


def test_a_2019_answer_no_longer_cites_the_2023_texts():
    # 2019-04-09 + 60 days = 2019-06-08, a Saturday (端午 06-07): moved to Monday 06-10
    r = by_id(remedies(answered=D("2019-04-09"), outcome="36-2"))["review"]
    assert r.last_day == D("2019-06-10")
    assert all("2023" not in b.instrument for b in r.basis)


def test_suit_after_no_answer_before_2018_has_no_period_but_a_note():
    r = remedies(no_answer_since=D("2017-06-01"))
    assert [d.id for d in r.deadlines] == ["review"] and "2018-02-08" in r.notes[0].en
    assert r.to_dict()["notes"] and "法释〔2018〕1号" in r.to_dict("zh")["notes"][0]
    r = by_id(remedies(no_answer_since=D("2018-02-08")))
    assert cites(r["litigation"])[0][1] == "66" and r["litigation"].nominal_last_day == D("2018-08-08")


def test_suit_after_review_15_days_by_text():
    assert cites(by_id(remedies(review_decided=D("2015-04-30")))["litigation_after_review"])[0][1] == "38"
    assert cites(by_id(remedies(review_decided=D("2015-05-01")))["litigation_after_review"])[0][1] == "45"


def test_a_date_before_the_rules_is_an_error_not_a_guess():
    with pytest.raises(InputError, match="before 1990-10-01"):
        in_force(_bundled()["after_answer"][1]["period"], D("1989-01-01"), "suing directly")
