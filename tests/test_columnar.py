"""The columnar evaluator (``disclosure_rules.columnar``) against the plain clock and business-rules (issue 13).

The plain clock (``evaluate`` one case at a time, without its trace) is the
reference.  The columnar fold takes a whole batch at once and folds every
case together (one step per event position, grouped by version and event
type), so these tests draw *batches*: 1 to 40 generated cases
(``disclosure_rules.testing.cases``, varied as in ``tests/test_clock_fast.py``:
dates written as text, justified late corrections, same-day events of one
type, events before receipt or past the calendar, damaged cases; and here
also many consultations, 2008-era receipts, the Guangxi calendar beside the
national one and a calendar the batch does not have) with one ``as_of`` for
the batch (a fixed day, any day from 2008 to past the calendar, or a day on
or next to one of the batch's own dates).  They prove that

* every answer it gives is the plain clock's, field for field
  (``Result.to_dict()``), and it gives none (``None``: the case goes to the
  fast path and the plain clock) only where the fast path also hands the
  case on;
* it takes the common shapes (else it would prove nothing);
* the violation conditions compiled into array predicates
  (:func:`~disclosure_rules.columnar.conditions.compile_vector`) give
  business-rules' answers on generated facts and condition trees, and on
  every bundled violation;
* the merged consultation intervals in columns (:mod:`~disclosure_rules.columnar.days`)
  are :class:`~disclosure_rules.clock.fastspan.Spans`, row by row;
* the comparison can fail: an off-by-one planted in the columnar module is
  caught;
* what it cannot take (rules with an effect it does not know, a condition
  with a non-whole value, an estimated calendar, a calendar the batch was
  not given) gives ``None``.

``DISCLOSURE_RULES_FUZZ=nightly`` (or ``NIGHTLY=1``) draws ten times the examples.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import fuzzing
import numpy as np
import pytest
from clock_strategies import BOOLEAN, NUMERIC, NUMERIC_OPS, condition_trees, fallback_events
from generated import generated_cases
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from disclosure_rules import evaluate, load_calendar, load_rules
from disclosure_rules.clock import evaluate_iter, fastrules
from disclosure_rules.clock.fast import FastClock, fast_clock
from disclosure_rules.clock.fastspan import Spans
from disclosure_rules.columnar import days as cdays
from disclosure_rules.columnar.clock import ColumnarClock, columnar_clock
from disclosure_rules.columnar.conditions import Unsupported, compile_vector
from disclosure_rules.columnar.effects import HANDLERS
from disclosure_rules.columnar.table import WHOLE
from disclosure_rules.conditions import ClockFacts, holding
from disclosure_rules.errors import DisclosureRulesError
from disclosure_rules.testing import cases

try:
    from disclosure_rules.columnar.dicts import evaluate_dicts
except ImportError:                      # pyarrow (the columnar extra) not installed: the Arrow entry is not checked
    evaluate_dicts = None

BOOK = load_rules()
CN = load_calendar("cn")
GX = load_calendar("cn-gx")
CALS = {"cn": CN, "cn-gx": GX}
AS_OF = dt.date(2026, 1, 31)
SCALE = fuzzing.SCALE
_FIRST_2008 = dt.date(2008, 5, 4)           # ogi-2008 in force from 2008-05-01 (receipts up to 3 days earlier)


# ----------------------------------------------------------------------------- the reference

def plain(case, as_of):
    """The plain clock's answer (its result without trace, or its error) under the case's calendar."""
    name = case.get("calendar", "cn") if isinstance(case, dict) else "cn"
    cal = CALS.get(name, CN) if isinstance(name, str) else CN
    try:
        return ("ok", evaluate(case, as_of, rules=BOOK, calendar=cal, trace=False).to_dict())
    except DisclosureRulesError as exc:
        return ("error", type(exc).__name__, exc.message, exc.message_zh)


def agree(batch, as_of, calendars=CALS):
    """Assert that every answer the columnar clock gives for the batch is the plain clock's, and that it
    hands on (None) only cases the fast path hands on too, or whose values its columns do not hold (a whole
    number beyond ``table.WHOLE``, a mapping where a number goes, even in an event after as_of that the
    fast path never reads); the count of cases it took."""
    col = columnar_clock(BOOK, calendars)
    got = col.evaluate(batch, as_of)
    # the way evaluate_iter takes: case dicts through Arrow
    arrow = evaluate_dicts(col, batch, as_of) if evaluate_dicts is not None else [None] * len(batch)
    assert len(got) == len(arrow) == len(batch)
    fast = fast_clock(BOOK, calendars)
    for i, (case, r, a) in enumerate(zip(batch, got, arrow, strict=True)):
        want = plain(case, as_of) if r is not None or a is not None else None
        for answer in (r, a):
            if answer is not None:
                assert want == ("ok", answer.to_dict()), ("differs", i, case, as_of)
        if r is None and fast.evaluate(case, as_of) is not None:
            assert not col.table([case]).ok[0], ("handed on", i, case, as_of)
    return sum(r is not None for r in got)


# ----------------------------------------------------------------------------- generated batches

def _isoformat(case: dict) -> dict:
    """The same case as read from JSON: every date written YYYY-MM-DD."""
    def text(v):
        return v.isoformat() if isinstance(v, dt.date) else v
    return {**case, "receipt": {k: text(v) for k, v in case["receipt"].items()},
            "events": [{k: text(v) for k, v in e.items()} for e in case["events"]]}


_PARTIES = sorted({p for rs in BOOK.national for p in BOOK.rules(rs.id).events["consultation_sent"].parties})


def _consultations(draw, case: dict) -> list[dict]:
    """3 to 9 more consultations (overlapping, adjacent, some never answered, some received later)."""
    first = min(v for k, v in case["receipt"].items() if k != "channel")
    out = []
    for _ in range(draw(st.integers(3, 9))):
        party = draw(st.sampled_from(_PARTIES))
        sent = CN.add(CN.on_or_after(first), draw(st.integers(0, 40)))
        ev = {"type": "consultation_sent", "date": sent, "party": party}
        if draw(st.integers(0, 2)) == 0:
            ev["received"] = CN.add(sent, draw(st.integers(0, 3)))
        out.append(ev)
        if draw(st.integers(0, 4)) > 0:
            out.append({"type": "consultation_answered", "date": CN.add(sent, draw(st.integers(0, 25))),
                        "party": party})
    return out


_TYPES = sorted({t for rs in BOOK.national for t in BOOK.rules(rs.id).events})
_FIELDS = {"consultation_sent": {"party": "third_party"}, "consultation_answered": {"party": "third_party"},
           "correction_requested": {"period_workdays": 5}, "extension_notified": {"workdays": 5},
           "fee_notice_received": {"amount": "100"}, "answered": {"outcome": "36-2"}}


def _vary_events(draw, case: dict) -> list[dict]:
    events = fallback_events(draw, case["events"], CN)
    if draw(st.integers(0, 4)) == 0:                             # many consultations
        events += _consultations(draw, case)
    if draw(st.integers(0, 5)) == 0:                             # an event of any type, any day after receipt
        kind = draw(st.sampled_from(_TYPES))
        day = max(v for k, v in case["receipt"].items() if k != "channel") + dt.timedelta(draw(st.integers(0, 200)))
        extra = {"due": day + dt.timedelta(days=30)} if kind == "delay_notified" else _FIELDS.get(kind, {})
        events.append({"type": kind, "date": day, **extra})
    if events and draw(st.integers(0, 11)) == 0:                 # a whole number near or past int64's bounds
        e = draw(st.sampled_from(events))
        name = draw(st.sampled_from(["workdays", "period_workdays"]))
        e[name] = draw(st.sampled_from([2**62, 2**63 - 1, 2**64, -(2**63), WHOLE.stop - 1, WHOLE.stop]))
    return events


def _receipt_under(draw):
    if draw(st.integers(0, 5)) == 0:                              # a receipt under the 2008 Regulations
        return draw(cases(delays=True, fees=True, min_value=_FIRST_2008, max_value=dt.date(2009, 12, 31)))
    if draw(st.integers(0, 5)) == 0:                              # 2019-2020: the fee rules not yet in force
        return draw(cases(delays=True, fees=True, min_value=dt.date(2019, 5, 15), max_value=dt.date(2020, 12, 31)))
    return draw(cases(delays=True, fees=True))


@st.composite
def varied_case(draw):
    """A generated case, varied towards the shapes the columnar fold must refuse or get right."""
    case = _receipt_under(draw)
    case = {**case, "events": _vary_events(draw, case)}
    which = draw(st.integers(0, 19))
    if which < 4:
        case["calendar"] = ("cn", "cn", "cn-gx", "cn-gx")[which]
    elif which == 4:
        case["calendar"] = "cn-hk"                              # a calendar the batch was not given
    if draw(st.booleans()):
        case = _isoformat(case)
    if draw(st.integers(0, 9)) == 0:                             # damaged: keys dropped, renamed, retyped...
        rng = random.Random(draw(st.integers(0, 2**32)))
        case = fuzzing.random_damage(case, rng, rng.randint(1, 3))[0]
    return case


def _days_of(batch: list) -> list[dt.date]:
    """Every date the batch gives (receipts and events, as dates), for an as_of on or next to one."""
    out = []
    for c in batch:
        events = c.get("events") if isinstance(c, dict) else None
        blocks = [c.get("receipt") if isinstance(c, dict) else None] + (events if isinstance(events, list) else [])
        for v in (v for b in blocks if isinstance(b, dict) for v in b.values()):
            if type(v) is dt.date:
                out.append(v)
            elif isinstance(v, str):
                try:
                    out.append(dt.date.fromisoformat(v))
                except ValueError:
                    pass
    return [d for d in out if dt.date(2004, 1, 2) <= d <= dt.date(2027, 12, 30)]


@st.composite
def batches(draw, max_size=40):
    size = draw(st.integers(1, max_size))
    batch = draw(st.lists(varied_case(), min_size=size, max_size=size))
    own = _days_of(batch)
    kind = draw(st.integers(0, 3))
    if kind == 0 or not own:
        as_of = draw(st.sampled_from([AS_OF, CN.official_last_day, dt.date(2027, 1, 4)]))
    elif kind == 1:
        as_of = draw(st.dates(dt.date(2008, 1, 1), dt.date(2027, 6, 30)))
    else:                                                         # on, the day before or after one of its dates
        as_of = draw(st.sampled_from(own)) + dt.timedelta(days=draw(st.integers(-1, 1)))
    return batch, as_of


_BATCH = settings(max_examples=50 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@_BATCH
@given(batches())
def test_columnar_answers_are_the_plain_clocks_on_generated_batches(drawn):
    batch, as_of = drawn
    agree(batch, as_of)


def test_columnar_takes_the_common_shapes_and_agrees_on_each():
    sample = generated_cases(1000)[:500]
    assert agree(sample, AS_OF) >= 0.95 * len(sample)
    # the same cases, each in a batch of its own, give the same answers as in the batch
    col = columnar_clock(BOOK, CALS)
    whole = col.evaluate(sample[:60], AS_OF)
    alone = [col.evaluate([c], AS_OF)[0] for c in sample[:60]]
    assert [r and r.to_dict() for r in whole] == [r and r.to_dict() for r in alone]


def answer(out):
    if isinstance(out, DisclosureRulesError):
        return ("error", type(out).__name__, out.message, out.message_zh)
    return ("ok", out.to_dict())


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_evaluate_iter_gives_the_plain_clocks_answers_through_the_columnar_evaluator():
    """A chunk big enough for evaluate_iter to fold it through the columnar evaluator (and Arrow): the
    generated cases, the same written as text, damaged, and the shapes of the two bugs found here."""
    rng = random.Random(7)
    sample = generated_cases(1000)
    damaged = [fuzzing.random_damage(c, rng, rng.randint(1, 2))[0] for c in sample[:400]]
    found = [_abandoned_then({"type": "fee_paid", "date": dt.date(2020, 4, 20)}, "2020-03-02"),
             {**CASE, "id": "big", "events": [{"type": "extension_notified", "date": dt.date(2025, 3, 10),
                                               "workdays": 5},
                                              {"type": "extension_notified", "date": dt.date(2025, 3, 11),
                                               "workdays": 2**63 - 1}]}]
    chunk = sample + [{**_isoformat(c), "id": f"t{c['id']}"} for c in sample[:700]] + damaged + found * 3
    assert len(chunk) >= 2048
    for as_of in (AS_OF, dt.date(2020, 6, 1)):
        outs = evaluate_iter(chunk, as_of, rules=BOOK, calendars=CALS, errors="collect")
        assert [answer(o) for o in outs] == [plain(c, as_of) for c in chunk]


@pytest.mark.parametrize("as_of", [dt.date(2012, 6, 1), dt.date(2020, 3, 2), dt.date(2026, 12, 31),
                                   dt.date(2027, 2, 1)])
def test_the_generated_cases_on_other_days(as_of):
    agree(generated_cases(1000)[500:700], as_of)


def test_damaged_cases_are_never_answered_where_the_plain_clock_refuses():
    rng = random.Random(13)
    base = generated_cases(1000)[:100]
    damaged = [fuzzing.random_damage(c, rng, rng.randint(1, 3))[0] for c in base for _ in range(3)]
    agree(damaged, AS_OF)


# ----------------------------------------------------------------------------- regressions

def _abandoned_then(event: dict, received: str) -> dict:
    """A correction notice never answered (the request is deemed abandoned), then ``event``."""
    day = dt.date.fromisoformat(received)
    return {"id": event["type"], "receipt": {"channel": "in_person", "date": day},
            "events": [{"type": "correction_requested", "date": day + dt.timedelta(days=1), "period_workdays": 5},
                       event]}


@pytest.mark.parametrize("case", [
    # the 2008 Regulations know no Art. 35 delay: the plain clock refuses the event, abandoned or not
    _abandoned_then({"type": "delay_notified", "date": dt.date(2010, 4, 20), "due": dt.date(2010, 5, 20)},
                    "2010-03-01"),
    # the fee rules are in force from 2021-01-01: a fee notice in 2020 is refused, abandoned or not
    _abandoned_then({"type": "fee_notice_received", "date": dt.date(2020, 4, 20), "amount": "100"}, "2020-03-02"),
    _abandoned_then({"type": "fee_paid", "date": dt.date(2020, 4, 20)}, "2020-03-02"),
], ids=lambda c: c["id"])
def test_an_event_the_version_does_not_know_after_an_abandonment_is_handed_on(case):
    """Found by this file: the columnar fold ignored every event after an abandonment, where the fast path
    (and the plain clock, which raises) first asks whether the version knows the event on its day."""
    as_of = dt.date(2020, 6, 1)
    assert plain(case, as_of)[:2] == ("error", "CaseError")
    assert columnar_clock(BOOK, CALS).evaluate([case, CASE], as_of)[0] is None
    agree([case, CASE], as_of)


def test_a_value_the_columns_do_not_hold_is_handed_on_even_after_as_of():
    case = {"id": "m", "receipt": {"channel": "in_person", "date": dt.date(2019, 4, 15)},
            "events": [{"type": "extension_notified", "date": dt.date(2019, 4, 22), "workdays": {}}]}
    as_of = dt.date(2019, 4, 15)
    assert fast_clock(BOOK, CALS).evaluate(case, as_of).to_dict() == plain(case, as_of)[1]
    assert columnar_clock(BOOK, CALS).evaluate([case], as_of) == [None]
    agree([case, CASE], as_of)


@pytest.mark.parametrize("workdays", [2**63 - 1, 2**63 - 10, WHOLE.stop, WHOLE.stop - 1, 10**6])
def test_an_extension_of_nearly_int64_workdays_does_not_overflow(workdays):
    """Found by this file: 2**63 - 1 workdays after an extension of 5 made extension_total overflow int64
    (negative, so no extension_over_cap violation where the plain clock finds one); such a number now goes
    to the fast path."""
    case = {"id": "x", "receipt": {"channel": "in_person", "date": dt.date(2025, 3, 3)},
            "events": [{"type": "extension_notified", "date": dt.date(2025, 3, 10), "workdays": 5},
                       {"type": "extension_notified", "date": dt.date(2025, 3, 11), "workdays": workdays}]}
    as_of = dt.date(2025, 3, 20)
    want = plain(case, as_of)
    assert [v["code"] for v in want[1]["violations"]] == ["extension_over_cap"]
    got = columnar_clock(BOOK, CALS).evaluate([case], as_of)[0]
    assert (got is None) is (workdays not in WHOLE)
    agree([case, CASE], as_of)


# ----------------------------------------------------------------------------- compiled conditions

_NUMERIC, _BOOLEAN, _NUMERIC_OPS = NUMERIC, BOOLEAN, NUMERIC_OPS
trees = condition_trees(max_size=4, max_leaves=12)


@st.composite
def fact_columns(draw):
    """n rows of facts, each fact a column of n values or one value for every row (as the base facts are)."""
    n = draw(st.integers(1, 12))
    cols, rows = {}, [{} for _ in range(n)]
    for name in _NUMERIC + _BOOLEAN:
        values = st.integers(-5, 40) if name in _NUMERIC else st.booleans()
        if draw(st.booleans()):
            v = draw(values)
            cols[name] = v
            for r in rows:
                r[name] = v
        else:
            vs = draw(st.lists(values, min_size=n, max_size=n))
            cols[name] = np.asarray(vs, dtype=np.int64 if name in _NUMERIC else np.bool_)
            for r, v in zip(rows, vs, strict=True):
                r[name] = v
    return cols, rows


def _business_rules(cond, row) -> bool:
    return holding([("c", cond)], ClockFacts(row)) == ["c"]


@settings(max_examples=300 * SCALE, deadline=None)
@given(trees, fact_columns())
def test_compiled_vectors_agree_with_business_rules(cond, facts):
    cols, rows = facts
    got = compile_vector(cond)(cols, len(rows))
    assert got.dtype == np.bool_ and got.shape == (len(rows),)
    assert got.tolist() == [_business_rules(cond, r) for r in rows]


@pytest.mark.parametrize("value", [0.5, 3.0, Decimal("2"), "3", True, None, [1]])
@pytest.mark.parametrize("op", _NUMERIC_OPS)
def test_a_comparison_with_anything_but_a_whole_number_is_unsupported(op, value):
    with pytest.raises(Unsupported):
        compile_vector({"all": [{"name": _NUMERIC[0], "operator": op, "value": value}]})


def test_an_operator_it_does_not_know_is_unsupported():
    with pytest.raises(Unsupported):
        compile_vector({"name": _NUMERIC[0], "operator": "not_equal_to", "value": 1})


def test_every_bundled_violation_condition_agrees_with_business_rules():
    viols = [v for rs in BOOK.rulesets.values() for v in rs.violations.values()]
    assert viols
    rnd = np.random.default_rng(13)
    n = 400 * SCALE
    cols = {k: rnd.integers(-2, 40, n) for k in _NUMERIC} | {k: rnd.random(n) < 0.5 for k in _BOOLEAN}
    rows = [{k: (bool(v[i]) if k in _BOOLEAN else int(v[i])) for k, v in cols.items()} for i in range(n)]
    for v in viols:
        got = compile_vector(v.conditions)(cols, n).tolist()
        assert got == [_business_rules(v.conditions, r) for r in rows], v.code


# ----------------------------------------------------------------------------- merged intervals

intervals = st.lists(st.tuples(st.integers(0, 60), st.integers(-3, 25)).map(lambda p: (p[0], p[0] + p[1])),
                     max_size=8)


@settings(max_examples=300 * SCALE, deadline=None)
@given(st.lists(intervals, min_size=1, max_size=6), st.data())
def test_merged_rank_intervals_are_the_fast_paths_spans(rows, data):
    k = max(1, max(len(r) for r in rows))
    lo = np.array([[a for a, _ in r] + [0] * (k - len(r)) for r in rows], dtype=np.int64)
    hi = np.array([[b for _, b in r] + [0] * (k - len(r)) for r in rows], dtype=np.int64)
    g_lo, g_hi = cdays.merged(lo, hi)
    spans = [Spans(r) for r in rows]
    big = np.iinfo(np.int64).max
    for i, sp in enumerate(spans):
        groups = [(int(a), int(b)) for a, b in zip(g_lo[i], g_hi[i], strict=True) if a != big]
        assert groups == list(zip(sp.lo, sp.hi, strict=True))
        assert all(b == big for a, b in zip(g_lo[i], g_hi[i], strict=True) if a == big)
    s = np.array(data.draw(st.lists(st.integers(0, 90), min_size=len(rows), max_size=len(rows))), dtype=np.int64)
    n = np.array(data.draw(st.lists(st.integers(1, 40), min_size=len(rows), max_size=len(rows))), dtype=np.int64)
    assert cdays.excluded_upto(g_lo, g_hi, s).tolist() == [sp.excluded_upto(int(x)) for sp, x in zip(spans, s, strict=True)]
    assert cdays.total(g_lo, g_hi).tolist() == [sp.cum[-1] for sp in spans]
    assert cdays.due_rank(g_lo, g_hi, s, n).tolist() == [sp.due(int(a), int(b)) for sp, a, b in zip(spans, s, n, strict=True)]


def test_merged_intervals_by_hand():
    # (lo, hi] intervals: overlapping, adjacent (3,5] + (5,7], empty (9,9] and reversed (12,10]
    lo = np.array([[1, 5, 3, 9, 12, 20], [0, 0, 0, 0, 0, 0]], dtype=np.int64)
    hi = np.array([[4, 7, 5, 9, 10, 22], [0, 0, 0, 0, 0, 0]], dtype=np.int64)
    g_lo, g_hi = cdays.merged(lo, hi)
    big = np.iinfo(np.int64).max
    groups = [(a, b) for a, b in zip(g_lo[0].tolist(), g_hi[0].tolist(), strict=True) if a != big]
    assert groups == [(1, 7), (20, 22)]                 # (wherever in the row; the other places empty at +inf)
    assert g_lo[1].tolist() == [big] * 6
    s = np.array([5, 5], dtype=np.int64)
    assert cdays.excluded_upto(g_lo, g_hi, s).tolist() == [4, 0]
    assert cdays.due_rank(g_lo, g_hi, s, np.array([3, 3], dtype=np.int64)).tolist() == [Spans([(1, 7), (20, 22)]).due(5, 3), 8]


# ----------------------------------------------------------------------------- the comparison can fail

def _off_by_one_day(self, r, bail):
    return self.days[np.clip(r, 0, len(self.days) - 1)]           # the working day of rank r + 1


def _adjacent_apart(lo, hi):
    g_lo, g_hi = _MERGED(lo, hi)
    return g_lo, np.where(g_hi == np.iinfo(np.int64).max, g_hi, g_hi - 1)   # every group one rank short


_MERGED = cdays.merged


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@pytest.mark.parametrize("mutant", ["day", "merged", "facts"])
def test_a_planted_off_by_one_is_caught(monkeypatch, mutant):
    from disclosure_rules.columnar import checks, state

    if mutant == "day":
        monkeypatch.setattr(cdays.DayIndex, "day", _off_by_one_day)
    elif mutant == "merged":
        monkeypatch.setattr(state, "merged", _adjacent_apart)
    else:
        real = checks.Checker.facts_at

        def facts_at(self, idx, t, due):
            got = real(self, idx, t, due)
            got["workdays_since_receipt"] = got["workdays_since_receipt"] + 1
            return got
        monkeypatch.setattr(checks.Checker, "facts_at", facts_at)
    sample = generated_cases(1000)[:300]
    with pytest.raises(AssertionError, match="differs"):
        agree(sample, AS_OF)

    # derandomized: the same batches every run (random ones now and then missed the facts mutant: no drawn
    # case had a violation that one more working day since receipt would change; seen once in nine runs)
    @settings(max_examples=30, deadline=None, phases=[Phase.generate], database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(batches())
    def prop(drawn):
        agree(*drawn)
    with pytest.raises(AssertionError, match="differs"):
        prop()


# ----------------------------------------------------------------------------- what it cannot take

CASE = {"id": "c", "receipt": {"channel": "in_person", "date": dt.date(2025, 3, 3)},
        "events": [{"type": "consultation_sent", "date": dt.date(2025, 3, 5), "party": "third_party"},
                   {"type": "answered", "date": dt.date(2025, 3, 20), "outcome": "36-2"}]}


def test_the_effects_it_handles_are_the_fast_paths():
    assert set(HANDLERS) == fastrules.EFFECTS


def test_rules_with_an_effect_it_does_not_know_give_none(monkeypatch):
    monkeypatch.setattr(fastrules, "EFFECTS", frozenset({"close"}))
    col = ColumnarClock(FastClock(BOOK, {"cn": CN}))
    assert not col.usable
    assert col.evaluate([CASE, CASE], AS_OF) == [None, None]


def test_a_condition_with_a_non_whole_value_gives_none(monkeypatch):
    """A violation compared with 0.5 (the rule files allow whole numbers only, but business-rules would read
    it; the columns do not): no case is taken, and the fast path still answers as the plain clock does."""
    from disclosure_rules.columnar import vrules

    real, calls = vrules.compile_vector, []

    def compile_with_a_float(cond):
        calls.append(cond)
        if len(calls) == 1:
            cond = {"all": [cond, {"name": "workdays_past_due", "operator": "greater_than", "value": 0.5}]}
        return real(cond)
    monkeypatch.setattr(vrules, "compile_vector", compile_with_a_float)
    fast = FastClock(BOOK, {"cn": CN})
    col = ColumnarClock(fast)
    assert calls and not col.usable
    assert col.evaluate([CASE, CASE], AS_OF) == [None, None]
    assert fast.evaluate(CASE, AS_OF).to_dict() == plain(CASE, AS_OF)[1]


def test_an_estimated_calendar_gives_none():
    est = load_calendar("cn", estimate_until=2028)
    case = {"id": "p", "receipt": {"channel": "in_person", "date": dt.date(2026, 12, 1)}, "events": []}
    assert columnar_clock(BOOK, {"cn": est}).evaluate([case, CASE], dt.date(2027, 1, 10)) == [None, None]


def test_a_calendar_not_in_the_batch_gives_none():
    gx = {**CASE, "id": "gx", "calendar": "cn-gx"}
    hk = {**CASE, "id": "hk", "calendar": "cn-hk"}
    got = columnar_clock(BOOK, {"cn": CN}).evaluate([CASE, gx, hk, CASE], AS_OF)
    assert [r is None for r in got] == [False, True, True, False]
    assert got[0].to_dict() == plain(CASE, AS_OF)[1]
    both = columnar_clock(BOOK, CALS).evaluate([CASE, gx, hk], AS_OF)
    assert [r is None for r in both] == [False, False, True]
    assert both[1].to_dict() == plain(gx, AS_OF)[1] and both[1].calendar == "cn-gx"


def test_an_empty_batch():
    assert columnar_clock(BOOK, CALS).evaluate([], AS_OF) == []
