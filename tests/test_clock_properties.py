"""Invariants of the clock over generated cases (strategies exported in
disclosure_rules.testing)."""

import datetime as dt
import json

from hypothesis import assume, given, strategies as st

from disclosure_rules import load_calendar
from disclosure_rules.case import Event
from disclosure_rules.clock import evaluate
from disclosure_rules.clock.events import in_order
from conftest import evaluate_on_last_day
from disclosure_rules.result import Result
from disclosure_rules.testing import cases

CN = load_calendar("cn")


@given(cases(delays=False))
def test_due_is_a_working_day(c):
    r = evaluate_on_last_day(c)
    for d in (r.due, r.due_at_latest, r.applicant_due):
        if d is not None:
            assert CN.is_workday(d)


@given(cases(delays=True), st.randoms())
def test_order_of_events_never_matters(c, rnd):
    base = evaluate_on_last_day(c).to_dict()
    events = list(c["events"])
    rnd.shuffle(events)
    assert evaluate_on_last_day({**c, "events": events}).to_dict() == base


@given(cases(delays=True))
def test_deterministic_and_round_trips_through_json(c):
    r = evaluate_on_last_day(c)
    assert evaluate_on_last_day(c) == r
    assert Result.from_dict(json.loads(json.dumps(r.to_dict(), ensure_ascii=False))) == r


@given(cases(delays=True), st.data())
def test_as_of_before_an_event_ignores_it(c, data):
    events = sorted(c["events"], key=lambda e: e["date"])
    assume(events)
    cut = data.draw(st.sampled_from(events))["date"] - dt.timedelta(days=1)
    received = max(v for k, v in c["receipt"].items() if k != "channel")
    assume(cut >= received)
    kept = [e for e in c["events"] if e["date"] <= cut]
    assert evaluate(c, cut).to_dict() == evaluate({**c, "events": kept}, cut).to_dict()


def _pause_free(c):
    return [e for e in c["events"] if not e["type"].startswith("consultation")]


@given(cases(fees=False, answered=False), st.data())
def test_adding_a_pause_never_makes_the_due_date_earlier(c, data):
    base = {**c, "events": _pause_free(c)}
    r0 = evaluate_on_last_day(base)
    assume(r0.due is not None and r0.status in ("running", "overdue"))
    received = r0.received
    sent = CN.add(received, data.draw(st.integers(0, 25)))
    length = data.draw(st.integers(1, 25))
    longer = length + data.draw(st.integers(1, 10))
    party = "third_party"

    def with_pause(n):
        return {**base, "events": base["events"] + [
            {"type": "consultation_sent", "date": sent, "party": party},
            {"type": "consultation_answered", "date": CN.add(sent, n), "party": party}]}

    end = max([e["date"] for e in base["events"]] + [CN.add(sent, longer)])
    due0 = evaluate(base, end).due
    r1 = evaluate(with_pause(length), end)
    r2 = evaluate(with_pause(longer), end)
    assume(r1.due is not None and r2.due is not None and due0 is not None)
    assert r1.due >= due0          # a pause never gives an earlier deadline
    assert r2.due >= r1.due        # nor does a longer one


@given(st.dates(min_value=dt.date(2019, 5, 15), max_value=dt.date(2026, 3, 31)),
       st.integers(1, 20), st.data())
def test_extension_in_time_moves_due_by_exactly_k_workdays(received, k, data):
    base = {"id": "x", "receipt": {"channel": "in_person", "date": received}, "events": []}
    if data.draw(st.booleans()):
        sent = CN.add(received, data.draw(st.integers(0, 5)))
        base["events"] += [{"type": "consultation_sent", "date": sent, "party": "other_agency"},
                           {"type": "consultation_answered", "date": CN.add(sent, data.draw(st.integers(1, 10))),
                            "party": "other_agency"}]
    last = max([received] + [e["date"] for e in base["events"]])
    due = evaluate(base, last).due
    assume(last <= due)
    when = data.draw(st.dates(min_value=last, max_value=due))
    extended = {**base, "events": base["events"] + [{"type": "extension_notified", "date": when, "workdays": k}]}
    assert evaluate(extended, when).due == CN.add(due, k)


_TYPES = ("consultation_sent", "consultation_answered", "extension_notified", "answered", "not_a_rule")
_ORDER = {"consultation_sent": 40, "consultation_answered": 50, "extension_notified": 80, "answered": 100}


@st.composite
def _events(draw):
    """Events on few days, of few types (one without a same-day order), with fields that differ or not."""
    n = draw(st.integers(0, 9))
    out = []
    for i in range(n):
        fields = draw(st.dictionaries(st.sampled_from(["party", "workdays", "received"]),
                                      st.one_of(st.sampled_from(["a", "b", "机关"]), st.integers(0, 3),
                                                st.dates(dt.date(2026, 3, 1), dt.date(2026, 3, 3))),
                                      max_size=2))
        out.append(Event(draw(st.sampled_from(_TYPES)), dt.date(2026, 3, draw(st.integers(1, 3))), fields, i))
    return tuple(out)


@given(_events())
def test_in_order_is_the_sort_by_date_same_day_order_and_content(events):
    # the order in_order gave before it worked out the content of only the tied events: every event
    # sorted by Event.sort_key when two of one type share a day, else by (date, same-day order) alone
    ranked = sorted(events, key=lambda e: (e.date, _ORDER.get(e.type, float("inf"))))
    tie = any(a.date == b.date and a.type == b.type for a, b in zip(ranked, ranked[1:], strict=False))
    want = sorted(events, key=lambda e: e.sort_key(_ORDER)) if tie else ranked
    assert [e.index for e in in_order(events, _ORDER)] == [e.index for e in want]
