"""The request clock against hand-counted dates from the official calendar.

Each expected date is counted by hand in the comment beside it (2026 calendar:
国办发明电〔2025〕7号; 10/1-10/7 off, Saturday 10/10 worked; 4/6 off; 5/1-5/5
off, Saturday 5/9 worked).
"""

import json
import random

import pytest

from disclosure_rules import CalendarCoverageError, CaseError
from disclosure_rules.clock import evaluate
from disclosure_rules.result import Result
from conftest import D, evaluate_on_last_day


def case(receipt, *events, **extra):
    return {"id": "t", "receipt": receipt, "events": list(events), **extra}


IN_PERSON_0930 = {"channel": "in_person", "date": "2026-09-30"}
IN_PERSON_0302 = {"channel": "in_person", "date": "2026-03-02"}


def codes(r):
    return sorted(v.code for v in r.violations)


def test_plain_request_across_national_day():
    r = evaluate(case(IN_PERSON_0930), D("2026-10-20"))
    assert (r.rules_version, r.status, r.due, r.workdays_left) == ("ogi-2019", "running", D("2026-11-03"), 10)
    assert r.trace[0].event == "receipt" and r.trace[0].basis[0].article == "31"


@pytest.mark.parametrize("received, version, due", [
    ("2019-05-14", "ogi-2008", "2019-06-04"),   # 15 working days: 5/15-17, 5/20-24, 5/27-31, 6/3, 6/4
    ("2019-05-15", "ogi-2019", "2019-06-13"),   # 20 working days; 6/7 (端午) off
])
def test_version_is_chosen_by_date_of_receipt(received, version, due):
    r = evaluate_on_last_day(case({"channel": "in_person", "date": received}))
    assert (r.rules_version, r.due, r.period_workdays) == (version, D(due), 15 if version == "ogi-2008" else 20)


def test_spring_festival_2026():
    # 2/11, 2/12, 2/13, 2/14 (Saturday worked), 2/24-2/27, 2/28 (Saturday worked), 3/2-3/6, 3/9-3/13, 3/16
    assert evaluate_on_last_day(case({"channel": "in_person", "date": "2026-02-10"})).due == D("2026-03-16")


@pytest.mark.parametrize("receipt, received", [
    ({"channel": "post_registered", "signed": "2026-09-29"}, "2026-09-29"),
    ({"channel": "online", "submitted": "2026-09-26", "confirmed": "2026-09-28"}, "2026-09-28"),
    ({"channel": "fax", "submitted": "2026-09-28", "confirmed": "2026-09-28"}, "2026-09-28"),
    ({"channel": "post_ordinary", "arrived": "2026-09-28", "confirmed": "2026-09-28"}, "2026-09-28"),
])
def test_date_of_receipt_by_channel(receipt, received):
    assert evaluate_on_last_day(case(receipt)).received == D(received)


def test_ordinary_letter_confirmed_late_is_a_violation():
    r = evaluate_on_last_day(case({"channel": "post_ordinary", "arrived": "2026-09-28", "confirmed": "2026-09-30"}))
    assert r.received == D("2026-09-30") and codes(r) == ["late_receipt_confirmation"]
    assert "2" in r.violations[0].message_en


def test_correction_suspends_and_restarts():
    r = evaluate(case({"channel": "online", "submitted": "2026-09-26", "confirmed": "2026-09-28"},
                      {"type": "correction_requested", "date": "2026-09-30", "period_workdays": 10},
                      {"type": "correction_received", "date": "2026-10-12"}), D("2026-10-13"))
    # a new 20 working days from 10/12: 10/13-16, 10/19-23, 10/26-30, 11/2-6, 11/9
    assert (r.status, r.due, r.period_start) == ("running", D("2026-11-09"), D("2026-10-12"))
    r = evaluate(case({"channel": "online", "submitted": "2026-09-26", "confirmed": "2026-09-28"},
                      {"type": "correction_requested", "date": "2026-09-30", "period_workdays": 10}), D("2026-10-09"))
    # 10 working days from 9/30: 10/8, 10/9, 10/10 (Saturday worked), 10/12-16, 10/19, 10/20
    assert (r.status, r.due, r.applicant_due) == ("awaiting_correction", None, D("2026-10-20"))


def test_second_correction_notice_does_not_stop_the_clock():
    r = evaluate(case({"channel": "in_person", "date": "2026-11-02"},
                      {"type": "correction_requested", "date": "2026-11-03", "period_workdays": 5},
                      {"type": "correction_received", "date": "2026-11-06"},
                      {"type": "correction_requested", "date": "2026-11-09", "period_workdays": 5}), D("2026-11-10"))
    # restart on 11/6: 11/9-13, 11/16-20, 11/23-27, 11/30-12/4 -> 12/4
    assert (r.status, r.due) == ("running", D("2026-12-04"))
    assert codes(r) == ["second_correction_notice"]


def test_late_extension_does_not_move_the_due_date():
    r = evaluate(case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-11-04", "workdays": 10}),
                 D("2026-11-10"))
    # still due 11/3; late on 11/4, 11/5, 11/6, 11/9, 11/10
    assert (r.status, r.due, r.late_workdays, r.extension_workdays) == ("overdue", D("2026-11-03"), 5, 0)
    assert codes(r) == ["late_extension", "overdue"]


def test_extension_in_time_moves_the_due_date():
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-11-03", "workdays": 20}))
    # 11/3 + 20: 11/4-6, 11/9-13, 11/16-20, 11/23-27, 11/30, 12/1 -> 12/1
    assert (r.due, r.extension_workdays, codes(r)) == (D("2026-12-01"), 20, [])


def test_overlapping_consultations_are_excluded_once():
    r = evaluate_on_last_day(case(IN_PERSON_0302,
                      {"type": "consultation_sent", "date": "2026-03-10", "party": "third_party"},
                      {"type": "consultation_answered", "date": "2026-03-13", "party": "third_party"},
                      {"type": "consultation_sent", "date": "2026-03-12", "party": "other_agency"},
                      {"type": "consultation_answered", "date": "2026-03-18", "party": "other_agency"}))
    # union (3/10, 3/18] = 3/11, 3/12, 3/13, 3/16, 3/17, 3/18: 6 working days; 3/30 + 6 (4/6 off) -> 4/8
    assert (r.due, r.excluded_workdays) == (D("2026-04-08"), 6)
    r2 = evaluate(case(IN_PERSON_0302,
                       {"type": "consultation_sent", "date": "2026-03-10", "party": "third_party"},
                       {"type": "consultation_answered", "date": "2026-03-13", "party": "third_party"},
                       {"type": "consultation_sent", "date": "2026-03-12", "party": "other_agency"},
                       {"type": "consultation_answered", "date": "2026-03-18", "party": "other_agency"}),
                  D("2026-03-20"))
    assert r2.excluded_workdays == 6 and r2.due == D("2026-04-08")


def test_open_consultation_pauses_and_gives_latest_due():
    r = evaluate(case(IN_PERSON_0302,
                      {"type": "consultation_sent", "date": "2026-03-10", "received": "2026-03-11",
                       "party": "third_party"}), D("2026-03-20"))
    # limit: 15 working days after 3/11 = 4/1; excluded (3/10, 4/1] = 16; due 3/30 + 16 -> 4/22
    assert (r.status, r.due, r.due_at_latest) == ("paused", None, D("2026-04-22"))


def test_consultation_after_the_due_date_does_not_pause():
    r = evaluate(case(IN_PERSON_0930, {"type": "consultation_sent", "date": "2026-11-05", "party": "third_party"}),
                 D("2026-11-10"))
    # due 11/3; late on 11/4, 11/5, 11/6, 11/9, 11/10
    assert (r.status, r.due, r.late_workdays) == ("overdue", D("2026-11-03"), 5)


def test_fee_notice_payment_restarts():
    r = evaluate_on_last_day(case({"channel": "in_person", "date": "2026-09-28"},
                      {"type": "fee_notice_received", "date": "2026-10-12", "amount": "100"},
                      {"type": "fee_paid", "date": "2026-10-20"}))
    # 20 working days after 10/20: 10/21-23 (3), 10/26-30 (8), 11/2-6 (13), 11/9-13 (18), 11/16, 11/17 -> 11/17
    assert (r.status, r.due, r.rules_applied) == ("running", D("2026-11-17"), ("ogi-2019", "fees-2020"))


def test_fee_before_2021_is_impossible():
    with pytest.raises(CaseError, match="2021-01-01"):
        evaluate_on_last_day(case({"channel": "in_person", "date": "2020-11-02"},
                      {"type": "fee_notice_received", "date": "2020-11-10"}))


def test_delay_sets_the_due_date_and_late_delay_is_void():
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "delay_notified", "date": "2026-10-20", "due": "2026-12-20"}))
    assert r.due == D("2026-12-20") and codes(r) == []
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "delay_notified", "date": "2026-11-04", "due": "2026-12-20"}))
    # evaluated as of the notice (11/4), the request is also overdue
    assert r.due == D("2026-11-03") and codes(r) == ["late_delay_notice", "overdue"]


def test_late_answer_and_withdrawal():
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "answered", "date": "2026-11-05", "outcome": "36-2"}))
    assert (r.status, r.late_workdays, r.outcome, codes(r)) == ("answered", 2, "36-2", ["late_answer"])
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "withdrawn", "date": "2026-10-09"}))
    assert (r.status, r.closed_on, codes(r)) == ("withdrawn", D("2026-10-09"), [])


def test_as_of_ignores_later_events():
    c = case(IN_PERSON_0930, {"type": "answered", "date": "2026-11-05", "outcome": "36-2"})
    r = evaluate(c, D("2026-11-04"))
    assert (r.status, r.late_workdays) == ("overdue", 1)


@pytest.mark.parametrize("bad, message", [
    (case(IN_PERSON_0930, {"type": "answered", "date": "2026-09-29"}), "before the date of receipt"),
    (case(IN_PERSON_0930, {"type": "fee_paid", "date": "2026-10-09"}), "fee_notice_received"),
    (case(IN_PERSON_0930, {"type": "correction_received", "date": "2026-10-09"}), "correction_requested"),
    (case(IN_PERSON_0930, {"type": "consultation_answered", "date": "2026-10-09", "party": "third_party"}),
     "no open consultation"),
    (case(IN_PERSON_0930, {"type": "teleported", "date": "2026-10-09"}), "unknown event type"),
    (case({"channel": "pigeon", "date": "2026-09-30"}), "unknown channel"),
    (case({"channel": "online", "submitted": "2026-09-30"}), "Art. 31"),
    (case({"channel": "in_person", "date": "2018-03-01"}, {"type": "delay_notified", "date": "2018-03-05",
                                                            "due": "2018-05-01"}), "not part of the rules"),
    (case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-10-09"}), "workdays"),
    (case(IN_PERSON_0930, {"type": "answered", "date": "2026-10-09"}, {"type": "withdrawn", "date": "2026-10-12"}),
     "after the case was closed"),
    (case({"channel": "in_person", "date": "2026-13-01"}), "not a date"),
    (case({"channel": "in_person", "date": "2007-03-01"}), "before the first rules"),
    ({"receipt": IN_PERSON_0930}, "no 'id'"),
    (case(IN_PERSON_0930, local="atlantis"), "unknown rule set 'atlantis'"),
    (case(IN_PERSON_0930, calendar="cn-mars"), "unknown calendar 'cn-mars'"),
    (case(IN_PERSON_0930, local="fees-2020"), "not a local rule set"),
])
def test_impossible_input_is_a_case_error(bad, message):
    with pytest.raises(CaseError, match=message):
        evaluate(bad, D("2026-10-12"))


def test_as_of_before_receipt_is_an_error():
    with pytest.raises(CaseError, match="not been received yet"):
        evaluate(case(IN_PERSON_0930), D("2026-09-29"))


def test_case_error_names_the_event():
    with pytest.raises(CaseError) as e:
        evaluate_on_last_day(case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-10-09", "workdays": 5},
                      {"type": "fee_paid", "date": "2026-10-12"}))
    assert e.value.event == 1 and "event 2" in str(e.value) and "第2个事件" in e.value.message_zh


def test_due_outside_the_calendar():
    with pytest.raises(CalendarCoverageError, match="2027"):
        evaluate_on_last_day(case({"channel": "in_person", "date": "2026-12-10"}))
    r = evaluate_on_last_day(case({"channel": "in_person", "date": "2026-12-10"}), estimate_until=2027)
    assert r.provisional and r.due.year == 2027


def test_local_rules_fix_the_correction_period():
    c = case({"channel": "in_person", "date": "2026-09-28"}, {"type": "correction_requested", "date": "2026-09-30"},
             local="gansu-jinchang")
    r = evaluate(c, D("2026-10-09"))
    assert r.applicant_due == D("2026-10-20") and "gansu-jinchang" in r.rules_applied
    assert any("二(二)4" in (b.section or "") for s in r.trace for b in s.basis)
    # without the local rules no period is known: the applicant's clock has no end
    del c["local"]
    assert evaluate(c, D("2026-10-09")).applicant_due is None


def test_local_rules_for_another_version_are_refused():
    with pytest.raises(CaseError, match="gansu-jinchang"):
        evaluate_on_last_day(case({"channel": "in_person", "date": "2018-03-01"}, local="gansu-jinchang"))


def test_events_listed_in_any_order_give_the_same_result():
    events = [{"type": "correction_requested", "date": "2026-09-30", "period_workdays": 10},
              {"type": "correction_received", "date": "2026-10-12"},
              {"type": "consultation_sent", "date": "2026-10-14", "party": "third_party"},
              {"type": "consultation_answered", "date": "2026-10-20", "party": "third_party"},
              {"type": "extension_notified", "date": "2026-11-05", "workdays": 20}]
    base = evaluate_on_last_day(case(IN_PERSON_0930, *events)).to_dict()
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(events)
        assert evaluate_on_last_day(case(IN_PERSON_0930, *events)).to_dict() == base


def test_trace_is_bilingual_and_cites_articles():
    r = evaluate_on_last_day(case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-10-20", "workdays": 5}))
    step = r.trace[-1]
    assert "延长" in step.text_zh and "extension" in step.text_en
    assert step.basis[0].cite("zh") == "政府信息公开条例（2019）第33条第2款"
    assert step.basis[0].cite("en") == "政府信息公开条例（2019） Art. 33(2)"


def test_result_round_trips_through_json():
    r = evaluate(case(IN_PERSON_0930, {"type": "extension_notified", "date": "2026-11-04", "workdays": 10}),
                 D("2026-11-10"))
    again = Result.from_dict(json.loads(json.dumps(r.to_dict(), ensure_ascii=False)))
    assert again == r


def test_provenance_names_rule_and_calendar_versions():
    r = evaluate_on_last_day(case(IN_PERSON_0930))
    assert set(r.provenance["rules"]) == {"ogi-2019", "fees-2020"}
    assert r.provenance["calendar"]["official_last_day"] == "2026-12-31"
    assert r.provenance["calendar"]["data_version"]


def test_answer_outcomes_are_checked_against_the_catalogue():
    with pytest.raises(CaseError, match="not an answer under ogi-2019"):
        evaluate_on_last_day(case(IN_PERSON_0930, {"type": "answered", "date": "2026-10-09", "outcome": "36-9"}))
    with pytest.raises(CaseError, match="give the reason"):
        evaluate_on_last_day(case(IN_PERSON_0930, {"type": "answered", "date": "2026-10-09", "outcome": "36-3"}))
    with pytest.raises(CaseError, match="ogi-2008"):
        evaluate_on_last_day(case({"channel": "in_person", "date": "2018-03-01"},
                      {"type": "answered", "date": "2018-03-05", "outcome": "36-2"}))


@pytest.mark.parametrize("events, row", [
    ([{"type": "answered", "date": "2026-10-09", "outcome": "36-3", "reason": "third_party"}], "3.3.4"),
    ([{"type": "answered", "date": "2026-10-09", "outcome": "37", "reason": "process_info"}], "3.2"),
    ([{"type": "answered", "date": "2026-10-09", "outcome": "36-5"}], "3.4.1"),
    ([{"type": "withdrawn", "date": "2026-10-09"}], "3.6.3"),
    ([{"type": "correction_requested", "date": "2026-10-08", "period_workdays": 2}], "3.6.1"),
    ([], None),
])
def test_result_carries_its_report_row(events, row):
    r = evaluate(case(IN_PERSON_0930, *events), D("2026-11-24"))
    assert r.report_row == row


@pytest.mark.parametrize("as_of, status", [
    ("2026-10-20", "awaiting_correction"),    # the applicant's last day: still running
    ("2026-10-21", "abandoned"),              # the day after: deemed abandoned
])
def test_applicant_period_boundary(as_of, status):
    # 10 working days from 9/30: 10/8, 10/9, 10/10 (Saturday worked), 10/12-16, 10/19, 10/20
    r = evaluate(case({"channel": "in_person", "date": "2026-09-28"},
                      {"type": "correction_requested", "date": "2026-09-30", "period_workdays": 10}), D(as_of))
    assert (r.status, r.applicant_due) == (status, D("2026-10-20"))


@pytest.mark.parametrize("as_of, status", [
    ("2026-04-01", "paused"),                 # the consultee's last day (15 working days after 3/11)
    ("2026-04-02", "running"),                # after it the clock runs again
])
def test_consultation_limit_boundary(as_of, status):
    r = evaluate(case(IN_PERSON_0302, {"type": "consultation_sent", "date": "2026-03-10", "received": "2026-03-11",
                                       "party": "third_party"}), D(as_of))
    assert r.status == status
