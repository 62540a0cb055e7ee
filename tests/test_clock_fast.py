"""The fast batch path (``disclosure_rules.clock.fast``) against the plain clock (issue 13).

The plain clock (``evaluate`` one case at a time) is the reference.  On
generated cases (``disclosure_rules.testing.cases``: every channel, outcome
and refusal reason, corrections, consultations, extensions, fees, Art. 35
delays) varied here so that every fallback is reached (dates written as
text, random ``as_of`` days before receipt and past the calendar, justified
late corrections, same-day events of one type, damaged cases), these tests
prove that

* every answer the fast path gives is the plain clock's, field for field
  (``to_dict()``: due, status, workdays_left, late_workdays, violations with
  their messages, provisional and the bounds, provenance...);
* every case it does not take (``None``) goes to the plain clock, so
  ``evaluate_iter`` / ``evaluate_many`` give exactly the plain clock's result
  or its error for every case;
* it does take the common shapes (else it would prove nothing).

The compiled violation conditions are checked against business-rules in
``tests/test_clock_engine.py``.
"""

from __future__ import annotations

import datetime as dt
import random

import fuzzing
import pytest
from clock_strategies import fallback_events
from generated import generated_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_rules import evaluate, load_calendar, load_rules
from disclosure_rules.batch import evaluate_chunk
from disclosure_rules.clock import evaluate_iter, evaluate_many
from disclosure_rules.clock.fast import FastClock, fast_clock
from disclosure_rules.errors import DisclosureRulesError
from disclosure_rules.testing import cases

BOOK = load_rules()
CN = load_calendar("cn")
CALS = {"cn": CN}
AS_OF = dt.date(2026, 1, 31)


def plain(case, as_of, calendar=CN):
    """The plain clock's answer (its result without trace, or its error) for a case."""
    try:
        return ("ok", evaluate(case, as_of, rules=BOOK, calendar=calendar, trace=False).to_dict())
    except DisclosureRulesError as exc:
        return ("error", type(exc).__name__, exc.message, exc.message_zh)


def answer(out):
    if isinstance(out, DisclosureRulesError):
        return ("error", type(out).__name__, out.message, out.message_zh)
    return ("ok", out.to_dict())


def _isoformat(case: dict) -> dict:
    """The same case as read from JSON: every date written YYYY-MM-DD."""
    def text(v):
        return v.isoformat() if isinstance(v, dt.date) else v
    return {**case, "receipt": {k: text(v) for k, v in case["receipt"].items()},
            "events": [{k: text(v) for k, v in e.items()} for e in case["events"]]}


@st.composite
def varied(draw):
    """A generated case, varied towards the shapes the fast path must refuse or get right."""
    case = draw(cases(delays=True, fees=True))
    events = fallback_events(draw, case["events"], CN)
    case = {**case, "events": events}
    if draw(st.integers(0, 9)) == 0:
        case["calendar"] = "cn"
    if draw(st.booleans()):
        case = _isoformat(case)
    as_of = draw(st.one_of(st.just(AS_OF), st.dates(dt.date(2008, 1, 1), dt.date(2027, 6, 30))))
    return case, as_of


@settings(max_examples=700, deadline=None, suppress_health_check=list(HealthCheck))
@given(varied())
def test_fast_path_gives_the_plain_clocks_answer_or_none(drawn):
    case, as_of = drawn
    want = plain(case, as_of)
    got = fast_clock(BOOK, CALS).evaluate(case, as_of)
    if got is not None:
        assert want == ("ok", got.to_dict())
    batch, = evaluate_iter([case], as_of, rules=BOOK, calendars=CALS, errors="collect")
    assert answer(batch) == want


def test_fast_path_takes_the_common_shapes_and_agrees_on_each():
    sample = generated_cases(1000)
    fast = fast_clock(BOOK, CALS)
    taken = 0
    for case in sample:
        got = fast.evaluate(case, AS_OF)
        if got is not None:
            taken += 1
            assert plain(case, AS_OF) == ("ok", got.to_dict())
    assert taken >= 0.9 * len(sample)


def test_batches_give_the_plain_clocks_answers_on_generated_cases():
    sample = generated_cases(1000)[:600]
    want = [plain(c, AS_OF) for c in sample]
    assert [answer(r) for r in evaluate_iter(sample, AS_OF, rules=BOOK, calendars=CALS, errors="collect")] == want
    assert [answer(r) for r in evaluate_chunk(sample, AS_OF, rules=BOOK, calendars=CALS, trace=False)] == want
    # without calendars: the batch loads the case's calendar, and the fast path takes it from then on
    assert [answer(r) for r in evaluate_iter(sample[:50], AS_OF, rules=BOOK, errors="collect")] == want[:50]
    traced = evaluate_many(sample[:50], AS_OF, rules=BOOK, calendars=CALS)
    assert [r.to_dict() for r in traced] == [evaluate(c, AS_OF, rules=BOOK, calendar=CN).to_dict()
                                             for c in sample[:50]]


def test_damaged_cases_fall_back_to_the_plain_clock():
    """Damaged cases (keys dropped, renamed, retyped, items duplicated, impossible dates): the fast path
    never answers where the plain clock raises, and the batch gives the plain clock's error or result."""
    rng = random.Random(13)
    fast = fast_clock(BOOK, CALS)
    base = generated_cases(1000)[:150]
    damaged = [fuzzing.random_damage(c, rng, rng.randint(1, 3))[0] for c in base for _ in range(4)]
    for case in damaged:
        want = plain(case, AS_OF)
        got = fast.evaluate(case, AS_OF)
        if got is not None:
            assert want == ("ok", got.to_dict())
    outs = evaluate_iter(damaged, AS_OF, rules=BOOK, calendars=CALS, errors="collect")
    assert [answer(o) for o in outs] == [plain(c, AS_OF) for c in damaged]


@pytest.mark.parametrize("shape", ["local", "extra", "regime", "datetime", "case object"])
def test_shapes_it_does_not_read_go_to_the_plain_clock(shape):
    case = {"id": "s", "receipt": {"channel": "in_person", "date": dt.date(2025, 3, 3)},
            "events": [{"type": "answered", "date": dt.date(2025, 3, 20), "outcome": "36-2"}]}
    if shape == "local":
        case["local"] = "gansu-jinchang"
    elif shape == "extra":
        case["extra"] = {"crm": 1}
    elif shape == "regime":
        case["regime"] = "ogi"
    elif shape == "datetime":
        case["receipt"]["date"] = dt.datetime(2025, 3, 3, 9, 30)
    if shape == "case object":
        from disclosure_rules.case import parse_case
        case = parse_case(case)
    assert fast_clock(BOOK, CALS).evaluate(case, AS_OF) is None
    batch, = evaluate_iter([case], AS_OF, rules=BOOK, calendars=CALS, errors="collect")
    assert answer(batch) == plain(case, AS_OF)


def test_an_estimated_calendar_goes_to_the_plain_clock():
    est = load_calendar("cn", estimate_until=2028)
    fast = FastClock(BOOK, {"cn": est})
    case = {"id": "p", "receipt": {"channel": "in_person", "date": dt.date(2026, 12, 1)}, "events": []}
    assert fast.evaluate(case, dt.date(2027, 1, 10)) is None
    batch, = evaluate_iter([case], dt.date(2027, 1, 10), rules=BOOK, calendars={"cn": est})
    assert batch.provisional
    assert batch.to_dict() == evaluate(case, dt.date(2027, 1, 10), rules=BOOK, calendar=est, trace=False).to_dict()


def test_results_without_trace_share_their_provenance():
    case = {"id": "o", "receipt": {"channel": "in_person", "date": dt.date(2025, 3, 3)}, "events": []}
    a, b = evaluate_iter([case, {**case, "id": "o2"}], AS_OF, rules=BOOK, calendars=CALS)
    assert a.violations and a.violations == b.violations
    assert a.trace == () and a.provenance is b.provenance


def test_rules_with_an_effect_it_does_not_know_go_to_the_plain_clock(monkeypatch):
    from disclosure_rules.clock import fastrules

    monkeypatch.setattr(fastrules, "EFFECTS", frozenset({"close"}))
    fast = FastClock(BOOK, CALS)
    case = generated_cases(1000)[0]
    assert fast.evaluate(case, AS_OF) is None
