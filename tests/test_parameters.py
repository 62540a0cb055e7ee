"""Each named parameter changes the answer the way its documentation says.

The rules are copied and one parameter changed; expected dates are counted
by hand from the 2026 calendar (10/1-10/7 off, Saturday 10/10 worked; 4/6
off; 5/1-5/5 off, Saturday 5/9 worked).
"""

import shutil

import pytest

from disclosure_rules.clock import evaluate
from disclosure_rules.rulebook import bundled_rules_dir, load_rules
from conftest import D, evaluate_on_last_day


@pytest.fixture
def with_param(tmp_path):
    def make(file, key, value):
        root = tmp_path / "rules"
        if not root.exists():
            shutil.copytree(bundled_rules_dir(), root)
        p = root / file
        text = p.read_text(encoding="utf-8")
        start = text.index(f"  {key}:\n")
        i = text.index("    value: ", start)
        j = text.index("\n", i)
        p.write_text(text[:i] + f"    value: {value}" + text[j:], encoding="utf-8")
        return load_rules(root)
    return make


def case(receipt, *events):
    return {"id": "p", "receipt": receipt, "events": list(events)}


def test_start_day_counts(with_param):
    c = case({"channel": "in_person", "date": "2026-09-30"})
    assert evaluate_on_last_day(c).due == D("2026-11-03")
    # 9/30 is day 1: the 20th working day is the 19th after it, 11/2
    assert evaluate_on_last_day(c, rules=with_param("ogi-2019/periods.yaml", "start_day_counts", "true")).due == D("2026-11-02")


def test_rest_day_receipt(with_param):
    c = case({"channel": "in_person", "date": "2026-10-03"})
    # as received: 10/8, 10/9, 10/10 ... the 20th is 11/3
    assert evaluate_on_last_day(c).due == D("2026-11-03")
    # deemed received 10/8: 10/9, 10/10, 10/12-16, 10/19-23, 10/26-30, 11/2-4 -> 11/4
    r = evaluate(c, D("2026-10-08"), rules=with_param("ogi-2019/periods.yaml", "rest_day_receipt", "next_workday"))
    assert (r.received, r.due) == (D("2026-10-08"), D("2026-11-04"))


def test_late_confirmation(with_param):
    c = case({"channel": "post_ordinary", "arrived": "2026-09-28", "confirmed": "2026-09-30"})
    assert evaluate_on_last_day(c).received == D("2026-09-30")
    r = evaluate_on_last_day(c, rules=with_param("ogi-2019/periods.yaml", "late_confirmation", "arrival"))
    assert (r.received, r.due) == (D("2026-09-28"), D("2026-10-30"))
    assert [v.code for v in r.violations] == ["late_receipt_confirmation"]


def test_fee_payment_effect(with_param):
    c = case({"channel": "in_person", "date": "2026-09-28"},
             {"type": "fee_notice_received", "date": "2026-10-12"}, {"type": "fee_paid", "date": "2026-10-20"})
    assert evaluate_on_last_day(c).due == D("2026-11-17")            # a full new period from 10/20
    # 6 working days used by 10/12 (9/29, 9/30, 10/8, 10/9, 10/10, 10/12): 14 left from 10/20 -> 11/9
    r = evaluate_on_last_day(c, rules=with_param("fees-2020/clock.yaml", "fee_payment_effect", "resume"))
    assert r.due == D("2026-11-09")


def test_consultation_bound(with_param):
    c = case({"channel": "in_person", "date": "2026-03-02"},
             {"type": "consultation_sent", "date": "2026-03-10", "received": "2026-03-11", "party": "third_party"},
             {"type": "consultation_answered", "date": "2026-04-20", "party": "third_party"})
    assert evaluate_on_last_day(c).due == D("2026-04-22")            # capped at the third party's 15 working days
    # the whole wait (3/10, 4/20] = 28 working days is excluded: 20 + 28 -> 5/12
    r = evaluate_on_last_day(c, rules=with_param("ogi-2019/periods.yaml", "consultation_bound", "until_answer"))
    assert r.due == D("2026-05-12")


def test_extension_must_precede_due(with_param):
    c = case({"channel": "in_person", "date": "2026-09-30"},
             {"type": "extension_notified", "date": "2026-11-04", "workdays": 10})
    assert evaluate_on_last_day(c).due == D("2026-11-03")
    r = evaluate_on_last_day(c, rules=with_param("ogi-2019/periods.yaml", "extension_must_precede_due", "false"))
    # the extension now counts: 11/3 + 10 -> 11/17
    assert r.due == D("2026-11-17") and [v.code for v in r.violations] == []
