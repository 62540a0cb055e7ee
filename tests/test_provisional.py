"""Provisional answers (issue 9, section 2): the estimate family, its three
calendars, the bounds on every date a result carries, the outputs that say
so, the coverage error that points the way, and --recheck."""

import datetime as dt
import itertools
import json

import attrs
import pytest
from hypothesis import given, strategies as st

from benchmarks.provisional import hidden
from disclosure_rules import CalendarCoverageError, evaluate, load_calendar
from disclosure_rules.calendar import DayInfo
from disclosure_rules.calendar.estimate import estimated_calendars
from disclosure_rules.calendar.principles import load_principles, principles_file
from disclosure_rules.calendar.statutory import statutory_days
from disclosure_rules.cli import main
from disclosure_rules.recheck import recheck
from disclosure_rules.api import remedies_for_result
from disclosure_rules.result import Result

from conftest import D


@pytest.fixture(scope="module")
def est():
    return load_calendar("cn", estimate_until=2027)


def _days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def members(est, every=1):
    """Calendars of the arrangements of the family (every ``every``-th), built from the units."""
    official = load_calendar("cn")
    units = [u for _, u in est.estimate.units]
    for i, combo in enumerate(itertools.product(*(u.family for u in units))):
        if i % every:
            continue
        dev = dict(official.deviations)
        for a in combo:
            for d in a.days_off:
                dev.setdefault(d, DayInfo(d, False, "day_off", a.name, "-", "test"))
            for d in a.make_up:
                dev.setdefault(d, DayInfo(d, True, "make_up_workday", a.name, "-", "test"))
        yield attrs.evolve(est, deviations=dev, estimate=None)


# ----------------------------------------------------------------------------- the family

def test_the_likely_arrangement_is_the_published_one_for_2025_and_2026():
    full = load_calendar("cn")
    current = load_principles(str(principles_file()))[-1]
    for y in (2025, 2026):
        likely = estimated_calendars(hidden(full, y), y, principles=current)
        assert all(likely.is_workday(d) == full.is_workday(d) for d in _days(D(f"{y - 1}-12-01"), D(f"{y}-12-31")))


def test_every_arrangement_lies_between_the_extremes(est):
    b = est.estimate
    n = 0
    for cal in members(est):
        n += 1
        for d in _days(D("2026-12-01"), D("2027-12-31")):
            assert not b.latest.is_workday(d) or cal.is_workday(d), d
            assert not cal.is_workday(d) or b.earliest.is_workday(d), d
    assert n >= 16                         # the family is a real family, not one guess


def test_every_arrangement_keeps_the_statutory_days_and_the_number_of_working_days(est):
    stat = {s.date for s in statutory_days(2027)}
    weekdays = sum(1 for d in _days(D("2027-01-01"), D("2027-12-31")) if d.weekday() < 5)
    for cal in members(est, every=7):
        assert not any(cal.is_workday(d) for d in stat)
        # 调休 moves working days, it does not remove them: Mon-Fri minus the 13 statutory days
        assert cal.count(D("2026-12-31"), D("2027-12-31")) == weekdays - len(stat)


def test_likely_2027_follows_the_principles(est):
    likely = {u.name: u.likely for _, u in est.estimate.units}
    spring = sorted(likely["春节"].days_off)
    assert spring[0] == D("2027-02-05") and len(spring) == 8           # 除夕 2027-02-05, 8 days
    assert sorted(likely["国庆节"].days_off) == list(_days(D("2027-10-01"), D("2027-10-07")))
    assert likely["端午节"].days_off == {D("2027-06-09")}                 # a Wednesday: the day alone
    assert len(likely["劳动节"].days_off) == 5
    run = best = 0
    for d in _days(D("2027-01-01"), D("2027-12-31")):
        run = run + 1 if est.is_workday(d) else 0
        best = max(best, run)
    assert best <= 6


@given(st.dates(D("2026-09-01"), D("2027-09-01")), st.integers(1, 60))
def test_due_dates_are_ordered(d, n):
    est = load_calendar("cn", estimate_until=2027)
    b = est.estimate
    assert b.earliest.add(d, n) <= est.add(d, n) <= b.latest.add(d, n)


# ----------------------------------------------------------------------------- results

CASES = [
    {"id": "plain", "receipt": {"channel": "in_person", "date": "2027-01-20"}},
    {"id": "ext", "receipt": {"channel": "in_person", "date": "2027-01-18"},
     "events": [{"type": "extension_notified", "date": "2027-02-16", "workdays": 20}]},
    {"id": "fee", "receipt": {"channel": "in_person", "date": "2027-01-11"},
     "events": [{"type": "fee_notice_received", "date": "2027-01-25", "amount": "100"}]},
    {"id": "consult", "receipt": {"channel": "in_person", "date": "2027-04-12"},
     "events": [{"type": "consultation_sent", "date": "2027-04-14", "party": "third_party",
                 "received": "2027-04-15"}]},
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_bounds_hold_for_every_arrangement(est, case):
    as_of = D("2027-06-30")
    r = evaluate(case, as_of, calendar=est)
    assert r.provisional
    for cal in members(est, every=9):
        other = evaluate(case, as_of, calendar=cal)
        if other.due is not None:
            assert r.due_earliest <= other.due <= r.due_latest, (cal, other.due)
        if other.applicant_due is not None and r.applicant_due_earliest is not None:
            assert r.applicant_due_earliest <= other.applicant_due <= r.applicant_due_latest


def test_a_provisional_result_says_everything(est):
    r = evaluate(CASES[0], D("2027-01-25"), calendar=est)
    assert r.provisional and r.due_earliest < r.due_latest and r.due_earliest <= r.due <= r.due_latest
    assert r.bounds["due"] == (r.due_earliest, r.due_latest)
    unknown = [u["date"] for u in r.unknown_days]
    assert unknown and all("2027-01-21" <= u <= r.due_latest.isoformat() for u in unknown)
    step = r.trace[-1]
    assert step.event == "calendar_estimate" and unknown[0] in step.text_en and "临时结果" in step.text_zh
    prov = r.provenance["calendar"]
    assert prov["data_version"].endswith("+likely2027") and "principles.yaml" in prov["estimate"]["principles"]
    assert "国办发明电〔2024〕12号" in prov["estimate"]["basis"]
    d = r.to_dict("zh")
    assert d["due_earliest"] == r.due_earliest.isoformat() and d["due_latest"] == r.due_latest.isoformat()
    assert d["provisional"] is True and d["due_at_latest"] is None      # a different field, not a bound
    back = Result.from_dict(json.loads(json.dumps(d)))
    assert back.due_latest == r.due_latest and back.unknown_days == r.unknown_days


def test_an_official_answer_has_equal_bounds():
    r = evaluate({"id": "x", "receipt": {"channel": "in_person", "date": "2026-09-30"}}, D("2026-10-09"))
    assert not r.provisional and r.due_earliest == r.due == r.due_latest == D("2026-11-03")
    assert r.unknown_days == () and r.trace[-1].event != "calendar_estimate"


def test_remedies_carry_bounds(est):
    r = evaluate(CASES[0], D("2027-03-10"), calendar=est)
    assert r.status == "overdue"
    rem = remedies_for_result(r, calendar=est)
    assert rem.provisional
    for d in rem.deadlines:
        assert d.last_day_earliest <= d.last_day <= d.last_day_latest
    assert any(d.last_day_earliest < d.last_day_latest for d in rem.deadlines)


# ----------------------------------------------------------------------------- command line

def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_the_coverage_error_shows_the_way_out(capsys):
    with pytest.raises(CalendarCoverageError) as e:
        load_calendar("cn").add(D("2026-12-20"), 20)
    err = e.value
    assert err.missing_year == 2027 and err.notice == "国务院办公厅关于2027年部分节假日安排的通知"
    for text in (err.message, err.message_zh):
        assert "国务院办公厅关于2027年部分节假日安排的通知" in text
        assert "disclosure-rules calendar import NOTICE.txt" in text and "--estimate-until 2027" in text
    rc, out, e2 = run(capsys, "workdays", "add", "2026-12-20", "20", "--json")
    data = json.loads(out)["error"]
    assert rc == 3 and data["notice"] == err.notice and data["ways_out"] == list(err.ways_out)
    rc, out, e2 = run(capsys, "workdays", "add", "2026-12-20", "20", "--lang", "zh")
    assert rc == 3 and e2.count("\n") == 1 and "--estimate-until 2027" in e2 and "导入" in e2


def test_workdays_prints_the_range(capsys):
    rc, out, err = run(capsys, "workdays", "add", "2027-01-20", "20", "--estimate-until", "2027")
    assert rc == 0 and "provisional: between" in out and "2027-01-31" in out and "estimated calendar" in err
    rc, out, err = run(capsys, "workdays", "add", "2027-01-20", "20", "--estimate-until", "2027", "--json")
    data = json.loads(out)
    assert data["earliest"] <= data["result"] <= data["latest"] and data["earliest"] < data["latest"]
    assert "2027-01-31" in data["unknown_days"] and data["provisional"] is True
    rc, out, err = run(capsys, "workdays", "count", "2027-01-20", "2027-03-01", "--estimate-until", "2027",
                       "--json")
    data = json.loads(out)
    assert data["earliest"] <= data["result"] <= data["latest"] and data["earliest"] < data["latest"]


def test_workdays_is_says_when_a_day_is_not_known(capsys):
    rc, out, err = run(capsys, "workdays", "is", "2027-01-31", "--estimate-until", "2027")
    assert rc == 0 and "not yet known" in out
    rc, out, err = run(capsys, "workdays", "is", "2027-02-09", "--estimate-until", "2027", "--json")
    data = json.loads(out)
    assert data["workday"] is False and data["known"] is True and data["provisional"] is True   # 正月初四: off in all


def test_regional_layers_say_their_own_days_are_not_estimated(capsys):
    rc, out, err = run(capsys, "workdays", "add", "2027-03-20", "20", "--calendar", "cn-gx",
                       "--estimate-until", "2027")
    assert rc == 0 and "cn-gx" in err and "not estimated" in err
    r = evaluate({"id": "g", "calendar": "cn-gx", "receipt": {"channel": "in_person", "date": "2027-03-20"}},
                 D("2027-03-21"), estimate_until=2027)
    assert r.provisional and r.provenance["calendar"]["estimate"]["layers_not_estimated"] == ["cn-gx"]
    assert "cn-gx" in r.trace[-1].text_en and "地方放假日未作估计" in r.trace[-1].text_zh


def test_timeline_text_and_json_say_provisional(capsys, tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps(CASES[0]), encoding="utf-8")
    rc, out, _ = run(capsys, "timeline", p, "--as-of", "2027-01-25", "--estimate-until", "2027")
    assert rc == 0 and "PROVISIONAL" in out and "provisional: between" in out and "days not yet known" in out
    rc, out, _ = run(capsys, "timeline", p, "--as-of", "2027-01-25", "--estimate-until", "2027", "--lang", "zh")
    assert "临时结果" in out and "之间" in out


def _stored(tmp_path, cases, calendar, as_of):
    p = tmp_path / "results.jsonl"
    with open(p, "w", encoding="utf-8") as f:
        for c in cases:
            # as of the day of receipt unless told (evaluate's own default is today since issue 11)
            day = as_of or c["receipt"]["date"]
            f.write(json.dumps(evaluate(c, day, calendar=calendar).to_dict(), ensure_ascii=False) + "\n")
    return p


def _year_hidden(tmp_path):
    """A copy of the national calendar without 2026, as it stood before the 2026 notice."""
    import shutil
    from disclosure_rules.calendar import bundled_calendars_dir
    root = tmp_path / "cal"
    shutil.copytree(bundled_calendars_dir() / "cn", root / "cn")
    (root / "cn" / "2026.yaml").unlink()
    return load_calendar("cn", search_path=root, estimate_until=2026)


def test_recheck_lists_what_the_notice_changed(capsys, tmp_path):
    cases = [{"id": "spring", "receipt": {"channel": "in_person", "date": "2026-01-19"}},
             {"id": "autumn", "receipt": {"channel": "in_person", "date": "2026-09-15"}},
             {"id": "settled", "receipt": {"channel": "in_person", "date": "2025-09-15"}}]
    cp = tmp_path / "cases.jsonl"
    cp.write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    old = _stored(tmp_path, cases, _year_hidden(tmp_path), None)
    rc, out, err = run(capsys, "timeline", cp, "--recheck", old)
    lines = [json.loads(x) for x in out.splitlines()]
    assert rc == 1 and err == ""
    by = {x["id"]: x for x in lines}
    assert set(by) == {"spring", "autumn"}              # the 2025 case needed no 2026 day
    spring = by["spring"]
    # 2026-01-19 + 20 working days: 1/20-23, 1/26-30, 2/2-6, 2/9-13 (19), then the make-up Saturday 2/14;
    # the estimate had it too, so the date stays and only its certainty changes
    assert spring["old_provisional"] is True and spring["new_provisional"] is False
    assert spring["old_due"] == spring["new_due"] == "2026-02-14" and spring["due_changed"] is False
    known = {k["date"]: k for k in spring["became_known"]}
    assert known["2026-02-14"]["now"] == "working" and "国办发明电〔2025〕7号" in known["2026-02-14"]["reason"]
    assert spring["old_calendar"].endswith("+likely2026") and "+" not in spring["new_calendar"]
    # the same stored results, rechecked against the calendar they were made with: nothing changes
    new = _stored(tmp_path, cases, load_calendar("cn"), None)
    rc, out, err = run(capsys, "timeline", cp, "--recheck", new)
    assert rc == 0 and out == ""


def test_recheck_refuses_what_it_cannot_read(capsys, tmp_path):
    cp = tmp_path / "cases.json"
    cp.write_text(json.dumps(CASES[0]), encoding="utf-8")
    bad = tmp_path / "r.jsonl"
    bad.write_text(json.dumps({"id": "plain", "due": "2027-01-01"}) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "timeline", cp, "--recheck", bad)
    assert rc == 2 and err.count("\n") == 1 and "stored result 1" in err
    other = tmp_path / "o.jsonl"
    r = evaluate({"id": "nobody", "receipt": {"channel": "in_person", "date": "2026-09-30"}}, D("2026-10-09"))
    other.write_text(json.dumps(r.to_dict()) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "timeline", cp, "--recheck", other)
    assert rc == 2 and "nobody" in err


def test_recheck_api_matches(tmp_path):
    cases = [{"id": "a", "receipt": {"channel": "in_person", "date": "2026-09-15"}}]
    cal = _year_hidden(tmp_path)
    stored = [evaluate(cases[0], D("2026-09-15"), calendar=cal)]
    changes = recheck(cases, stored)
    assert [c.id for c in changes] == ["a"] and changes[0].old_provisional and not changes[0].new_provisional


# ----------------------------------------------------------------------------- the principles file

def test_the_bundled_principles_cite_their_basis():
    (p,) = load_principles(str(principles_file()))
    assert p.start == D("2025-01-01") and p.max_consecutive_workdays == 6
    assert any("国办发明电〔2024〕12号" in b and "春节自农历除夕起放假调休8天" in b for b in p.basis)
    assert p.rule("春节").shapes == ((8, (0,)), (9, (-1,))) and p.rule("春节").anchor == "除夕"
    assert p.rule("国庆节").merge.length == 8


@pytest.mark.parametrize("text,line,word", [
    ("principles:\n  - from: 2025-01-01\n    festivals: []\n", 2, "basis"),
    ("principles:\n  - from: 2025-01-01\n    basis: [{instrument: x, text: y}]\n    max_consecutive_workdays: 6\n"
     "    weekends_each_side: 1\n    festivals:\n      - festival: 春节\n        lengths: [30]\n", 8, "length"),
    ("principles:\n  - from: 2025-01-01\n    basis: [{instrument: x, text: y}]\n    max_consecutive_workdays: 6\n"
     "    weekends_each_side: 1\n    festivals:\n      - festival: 元旦\n        lengths: [3]\n"
     "        alone_on: [wensday]\n", 9, "alone_on"),
])
def test_a_bad_principles_file_names_the_line(tmp_path, text, line, word):
    from disclosure_rules.errors import RuleFileError
    p = tmp_path / "principles.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_principles(str(p))
    assert e.value.line == line and word in e.value.message and e.value.message_zh != e.value.message


def test_the_day_the_notice_appears(tmp_path):
    """Before the 2026 notice: provisional answers with bounds.  The notice comes out, one import
    adds it, and recheck lists exactly the answers it changed, each with the days now known."""
    import shutil
    from disclosure_rules.calendar import bundled_calendars_dir
    from disclosure_rules.calendar.importer import plan_import, write_plan
    from conftest import ROOT
    folder = tmp_path / "calendars"
    shutil.copytree(bundled_calendars_dir() / "cn", folder / "cn")
    (folder / "cn" / "2026.yaml").unlink()
    before = load_calendar("cn", search_path=folder, estimate_until=2026)
    cases = [{"id": f"r{i}", "receipt": {"channel": "in_person", "date": (D("2025-12-01") + dt.timedelta(days=i))
                                          .isoformat()}} for i in range(0, 330, 7)]
    stored = [evaluate(c, c["receipt"]["date"], calendar=before) for c in cases]     # as of receipt
    assert all(r.provisional for r in stored)
    text = (ROOT / "tests" / "data" / "notices" / "cn" / "2026.txt").read_text(encoding="utf-8")
    write_plan(plan_import(text, directory=folder, doc_no="国办发明电〔2025〕7号",
                           title="国务院办公厅关于2026年部分节假日安排的通知"))
    after = load_calendar("cn", search_path=folder)
    truth = load_calendar("cn")
    changes = {c.id: c for c in recheck(cases, [r.to_dict() for r in stored], search_path=folder)}
    for r, c in zip(stored, cases):
        new_due = truth.add(D(c["receipt"]["date"]), 20)
        assert after.add(D(c["receipt"]["date"]), 20) == new_due           # the import gave the official days
        assert r.due_earliest <= new_due <= r.due_latest                     # and the bounds held
        ch = changes[r.id]                                                   # every one was provisional
        assert ch.new_due == new_due and not ch.new_provisional
        assert {k["date"] for k in ch.became_known} == {u["date"] for u in r.unknown_days}
    assert recheck(cases, [evaluate(c, c["receipt"]["date"], calendar=after).to_dict() for c in cases],
                   search_path=folder) == []


@st.composite
def _member(draw, est):
    """One arrangement of the family, drawn festival by festival, as a calendar."""
    official = load_calendar("cn")
    dev = dict(official.deviations)
    for _, u in est.estimate.units:
        a = draw(st.sampled_from(u.family))
        for d in a.days_off:
            dev.setdefault(d, DayInfo(d, False, "day_off", a.name, "-", "test"))
        for d in a.make_up:
            dev.setdefault(d, DayInfo(d, True, "make_up_workday", a.name, "-", "test"))
    return attrs.evolve(est, deviations=dev, estimate=None)


_EST28 = load_calendar("cn", estimate_until=2028)


@given(st.data())
def test_bounds_hold_for_generated_cases(data):
    """Every kind of event (corrections, consultations, extensions, fees, delays, answers) on a
    random arrangement of the family: its due date and the applicant's lie within the bounds."""
    from disclosure_rules.testing import cases
    case = data.draw(cases(calendar=_EST28, delays=True, min_value=D("2026-11-15"), max_value=D("2027-09-30")))
    as_of = data.draw(st.dates(D("2027-01-01"), D("2028-03-31")))
    received = max(v for k, v in case["receipt"].items() if k != "channel")
    as_of = max(as_of, received, *(e["date"] for e in case["events"]))
    r = evaluate(case, as_of, calendar=_EST28)
    other = evaluate(case, as_of, calendar=data.draw(_member(_EST28)))
    if other.due is not None and r.due_earliest is not None:
        assert r.due_earliest <= other.due <= r.due_latest
    if other.applicant_due is not None and r.applicant_due_earliest is not None:
        assert r.applicant_due_earliest <= other.applicant_due <= r.applicant_due_latest


def test_bounds_hold_when_the_earliest_calendar_lets_the_correction_period_lapse():
    """Found by the property test above.  On the earliest calendar (the most working days) the
    11 working days to correct end on 2027-02-01, the correction of 02-02 is late and the request
    abandoned (Art. 30): no due date.  On an arrangement with fewer working days in January the
    correction is in time, and with 2027-04-25 (Sunday) worked for 劳动节 the extended due date
    is 2027-04-25, before the likely and latest 04-26.  The lower bound must come from the
    earliest calendar with the correction taken as in time."""
    case = {"id": "lapse", "receipt": {"channel": "in_person", "date": "2027-01-06"}, "events": [
        {"type": "correction_requested", "date": "2027-01-19", "period_workdays": 11},
        {"type": "correction_received", "date": "2027-02-02"},
        {"type": "consultation_sent", "date": "2027-02-02", "party": "third_party"},
        {"type": "consultation_answered", "date": "2027-02-03", "party": "third_party"},
        {"type": "consultation_sent", "date": "2027-02-03", "party": "third_party"},
        {"type": "consultation_answered", "date": "2027-02-26", "party": "third_party"},
        {"type": "extension_notified", "date": "2027-02-26", "workdays": 1},
        {"type": "extension_notified", "date": "2027-02-26", "workdays": 19},
        {"type": "delay_notified", "date": "2027-03-01", "due": "2027-03-11"}]}
    # the arrangement of the failing example: 春节 2月5日-12日 off, 1月31日 and 2月14日 worked;
    # 劳动节 5月1日-5日 off, 4月25日 worked; the likely arrangement elsewhere
    off = {D("2027-02-05") + dt.timedelta(days=i) for i in range(8)} | set(_days(D("2027-05-01"), D("2027-05-05")))
    make_up = {D("2027-01-31"), D("2027-02-14"), D("2027-04-25")}
    official = load_calendar("cn")
    dev = dict(official.deviations)
    for _, u in _EST28.estimate.units:
        fits = [a for a in u.family if set(a.make_up) <= make_up and set(a.days_off) <= off]
        a = fits[0] if fits and any(d in off for d in u.family[0].days_off) else u.family[0]
        for d in a.days_off:
            dev.setdefault(d, DayInfo(d, False, "day_off", a.name, "-", "test"))
        for d in a.make_up:
            dev.setdefault(d, DayInfo(d, True, "make_up_workday", a.name, "-", "test"))
    member = attrs.evolve(_EST28, deviations=dev, estimate=None)
    assert off <= {d for d in _days(D("2027-01-01"), D("2027-12-31")) if not member.is_workday(d)}
    assert all(member.is_workday(d) for d in make_up)
    r = evaluate(case, D("2027-03-01"), calendar=_EST28)
    true = evaluate(case, D("2027-03-01"), calendar=member)
    early = evaluate(case, D("2027-03-01"), calendar=_EST28.estimate.earliest)
    assert early.status == "abandoned" and early.due is None          # the monotone argument stops here
    assert true.status == "running" and true.due == D("2027-04-25")
    assert r.due == D("2027-04-26")
    assert r.due_earliest <= true.due <= r.due_latest
    assert {"what": "status", "earliest": "abandoned", "latest": "running"} in r.provisional_notes
