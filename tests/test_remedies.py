"""Remedy deadlines, counted by hand across holidays of the official calendar."""


import pytest

from disclosure_rules import CalendarCoverageError, load_calendar
from disclosure_rules.cli import main
from disclosure_rules.clock import evaluate
from disclosure_rules.errors import InputError
from disclosure_rules.api import remedies, remedies_for_result
from conftest import D


def by_id(r):
    return {d.id: d for d in r.deadlines}


def test_after_an_answer_across_national_day():
    r = by_id(remedies(answered=D("2026-04-02"), outcome="36-2"))
    # review: 4/2 + 60 days = 6/1 (28 days to 4/30, 31 in May, 1 in June), a Monday
    assert (r["review"].last_day, r["review"].moved_because) == (D("2026-06-01"), None)
    # suit: 4/2 + 6 months = 10/2, a National Day holiday; 10/3-10/7 off too -> 10/8
    assert r["litigation"].nominal_last_day == D("2026-10-02")
    assert r["litigation"].last_day == D("2026-10-08") and "国庆节" in r["litigation"].moved_because
    assert r["litigation"].basis[-1].instrument.startswith("中华人民共和国行政复议法") or \
        any(b.article == "85" for b in r["litigation"].basis)


def test_2023_answer_uses_the_2017_act_and_a_make_up_saturday():
    r = by_id(remedies(answered=D("2023-08-02"), outcome="36-2"))
    # 8/2 + 60 days = 10/1 (2023 National Day 9/29-10/6 off); the first working day is Saturday 10/7 (调休上班)
    assert r["review"].last_day == D("2023-10-07")
    assert r["review"].basis[0].instrument == "中华人民共和国行政复议法（2017）"


def test_refusal_goes_to_review_first_from_2024():
    r = remedies(answered=D("2026-04-02"), outcome="36-3")
    assert r.review_first and [d.id for d in r.deadlines] == ["review"]
    assert r.review_first_basis[0].article == "23"
    r = remedies(answered=D("2023-08-02"), outcome="36-3")
    assert not r.review_first and {d.id for d in r.deadlines} == {"review", "litigation"}


def test_rights_not_stated_gives_one_year():
    r = by_id(remedies(answered=D("2025-08-02"), outcome="36-2", rights_stated=False))
    # 2025-08-02 + 1 year = 2026-08-02, a Sunday -> Monday 8/3
    assert r["review"].last_day == D("2026-08-03") and r["litigation"].last_day == D("2026-08-03")
    assert r["review"].note is not None


def test_after_no_answer():
    r = by_id(remedies(no_answer_since=D("2026-04-01")))
    # 4/1 + 60 days = 5/31, a Sunday -> 6/1; 4/1 + 6 months = 10/1 (National Day) -> 10/8
    assert r["review"].last_day == D("2026-06-01") and r["litigation"].last_day == D("2026-10-08")
    assert r["litigation"].basis[0].article == "66"


def test_after_review_decision():
    r = by_id(remedies(review_decided=D("2026-09-20")))
    # 9/20 + 15 days = 10/5 (National Day) -> 10/8
    assert r["litigation_after_review"].last_day == D("2026-10-08")


def test_outside_the_calendar():
    with pytest.raises(CalendarCoverageError, match="2027"):
        remedies(answered=D("2026-08-02"), outcome="36-2")
    r = remedies(answered=D("2026-08-02"), outcome="36-2", calendar=load_calendar("cn", estimate_until=2027))
    assert r.provisional


def test_from_an_evaluated_case():
    res = evaluate({"id": "x", "receipt": {"channel": "in_person", "date": "2026-03-02"}}, D("2026-04-10"))
    assert res.status == "overdue" and res.due == D("2026-03-30")
    r = by_id(remedies_for_result(res))
    # 3/30 + 60 days = 5/29 (Friday)
    assert r["review"].last_day == D("2026-05-29")
    with pytest.raises(InputError):
        remedies_for_result(evaluate({"id": "y", "receipt": {"channel": "in_person", "date": "2026-03-02"}},
                                     D("2026-03-10")))
    with pytest.raises(InputError):
        remedies()


def test_cli(capsys, tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text("id: r1\nreceipt: {channel: in_person, date: 2026-03-02}\nevents:\n"
                 "  - {type: answered, date: 2026-04-02, outcome: '36-3', reason: third_party}\n", encoding="utf-8")
    assert main(["remedies", str(p), "--as-of", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert "2026-06-01" in out and "review" in out
    assert main(["remedies", str(p), "--as-of", "2026-11-24", "--json", "--lang", "zh"]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["review_first"] is True and data["deadlines"][0]["last_day"] == "2026-06-01"
