"""The clock package's own contracts: the effect table, the same-day order in the
rule files, the default as_of, the batch entry points and their options,
Art. 35, and the compiled violation conditions against business-rules."""

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from zoneinfo import ZoneInfo

import disclosure_rules.clock as clock
from disclosure_rules import InputError, RuleFileError
from disclosure_rules.clock import evaluate, evaluate_iter, evaluate_many
from disclosure_rules.clock.compiled import compile_condition
from disclosure_rules.conditions import ClockFacts, holding
from disclosure_rules.rulebook import bundled_rules_dir, load_rules
from disclosure_rules.testing import cases
from clock_strategies import BOOLEAN, NUMERIC, condition_trees
from conftest import D

SCHEMA = Path(clock.__file__).resolve().parent.parent.parent / "schemas" / "clock-rules.schema.json"
RECEIVED_0302 = {"channel": "in_person", "date": "2026-03-02"}


def test_the_effect_table_and_the_schema_list_the_same_effects():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    enum = schema["properties"]["events"]["additionalProperties"]["properties"]["effect"]["enum"]
    assert sorted(enum) == sorted(clock.HANDLERS) == sorted(clock.EFFECTS)
    from disclosure_rules.rulefiles.vocabulary import EFFECTS as LOADER_EFFECTS    # what the loader checks against
    assert sorted(LOADER_EFFECTS) == sorted(clock.HANDLERS)
    used = {e.effect for rs in load_rules().rulesets.values() for e in rs.events.values()}
    assert used <= set(clock.HANDLERS)


def test_every_bundled_event_has_its_own_same_day_order():
    book = load_rules()
    for main in book.national:
        events = book.rules(main.id).events
        orders = [e.order for e in events.values()]
        assert all(isinstance(o, int) and o >= 1 for o in orders)
        assert len(set(orders)) == len(orders), main.id
        # the order the Regulations imply: correction, consultation, extension, (fees, delay), answer
        rank = sorted(events, key=lambda t: events[t].order)
        assert rank.index("correction_requested") < rank.index("consultation_sent") \
            < rank.index("extension_notified") < rank.index("answered")


@pytest.fixture
def rules(tmp_path):
    shutil.copytree(bundled_rules_dir(), tmp_path / "rules")
    return tmp_path / "rules"


def test_two_events_with_the_same_order_are_a_rule_file_error(rules):
    p = rules / "ogi-2019" / "events.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("    order: 50\n", "    order: 40\n", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match="same order 40") as e:
        load_rules(rules)
    assert "同日事件" in e.value.message_zh


def test_an_event_without_an_order_is_a_rule_file_error(rules):
    p = rules / "fees-2020" / "clock.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("    order: 60\n", "", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match="order"):
        load_rules(rules)


def test_same_day_events_follow_the_rule_file_order(rules):
    # reverse the order of extension and answer: an extension on the day of the answer now comes after it
    case = {"id": "o", "receipt": {"channel": "in_person", "date": "2026-09-30"},
            "events": [{"type": "answered", "date": "2026-10-20", "outcome": "36-2"},
                       {"type": "extension_notified", "date": "2026-10-20", "workdays": 5}]}
    assert [s.event for s in evaluate(case, D("2026-10-20")).trace][1:] == ["extension_notified", "answered"]
    p = rules / "ogi-2019" / "events.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("    order: 50\n", "    order: 95\n", 1), encoding="utf-8")
    with pytest.raises(Exception, match="after the case was closed"):
        evaluate(case, D("2026-10-20"), rules=load_rules(rules))


# ----------------------------------------------------------------------------- issue 11: Art. 35

def test_an_art_35_delay_cannot_shorten_the_legal_period():
    # issue 11: receipt 3/2, delay notified 3/5 fixing 3/10; the statutory period runs to 3/30
    case = {"id": "a35", "receipt": RECEIVED_0302,
            "events": [{"type": "delay_notified", "date": "2026-03-05", "due": "2026-03-10"}]}
    r = evaluate(case, D("2026-03-11"))
    assert (r.status, r.due, r.violations) == ("running", D("2026-03-30"), ())
    step = r.trace[-1]
    assert step.event == "delay_notified" and step.effect == "no effect" and step.due == D("2026-03-30")
    assert "2026-03-10" in step.text_en and "2026-03-30" in step.text_en and "不晚于" in step.text_zh
    # fixing the due date in force itself changes nothing either; a later date moves it
    same = {**case, "events": [{"type": "delay_notified", "date": "2026-03-05", "due": "2026-03-30"}]}
    assert evaluate(same, D("2026-03-31")).status == "overdue"
    later = {**case, "events": [{"type": "delay_notified", "date": "2026-03-05", "due": "2026-04-20"}]}
    assert (evaluate(later, D("2026-03-31")).status, evaluate(later, D("2026-03-31")).due) == \
        ("running", D("2026-04-20"))


# ----------------------------------------------------------------------------- issue 11: as_of

def test_evaluate_defaults_to_today_in_shanghai(monkeypatch):
    # issue 11: a request received 2026-01-05 with no answer is overdue today, not "running as of its receipt"
    monkeypatch.setattr(clock, "today_in_shanghai", lambda: D("2026-03-02"))
    r = evaluate({"id": "n", "receipt": {"channel": "in_person", "date": "2026-01-05"}})
    assert (r.as_of, r.status) == (D("2026-03-02"), "overdue")
    assert [v.code for v in r.violations] == ["overdue"]


def test_today_in_shanghai_ignores_the_machine_time_zone(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_RULES_TODAY", raising=False)      # the pin would win over both
    for zone in ("America/Los_Angeles", "Pacific/Kiritimati", "UTC"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        before = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
        got = clock.today_in_shanghai()
        assert got in (before, dt.datetime.now(ZoneInfo("Asia/Shanghai")).date())
    monkeypatch.delenv("TZ")
    time.tzset()


def test_as_of_must_be_a_date():
    c = {"id": "x", "receipt": RECEIVED_0302}
    assert evaluate(c, "2026-03-10").as_of == D("2026-03-10")
    assert evaluate(c, dt.datetime(2026, 3, 10, 23, 0)).as_of == D("2026-03-10")
    with pytest.raises(InputError, match="as_of"):
        evaluate(c, "tomorrow")


# ----------------------------------------------------------------------------- batch

def test_unknown_errors_option_is_an_input_error():
    # issue 11/13: errors="colect" used to act silently as "raise"
    with pytest.raises(InputError, match="colect"):
        evaluate_many([], D("2026-03-10"), errors="colect")
    with pytest.raises(InputError, match="errors must be one of raise, collect"):
        evaluate_iter([{"id": "x", "receipt": RECEIVED_0302}], D("2026-03-10"), errors="ignore")
    with pytest.raises(InputError, match="trace"):
        evaluate_iter([], D("2026-03-10"), trace="yes")
    with pytest.raises(InputError, match="iterable of cases"):
        evaluate_iter(42, D("2026-03-10"))
    with pytest.raises(InputError, match="calendars must map"):
        evaluate_iter([], D("2026-03-10"), calendars=["cn"])


def test_evaluate_iter_is_lazy_and_collects_errors():
    good = {"id": "g", "receipt": RECEIVED_0302}
    bad = {"id": "b", "receipt": {"channel": "pigeon", "date": "2026-03-02"}}
    it = evaluate_iter(iter([good, bad, good]), D("2026-03-10"), errors="collect")
    first = next(it)
    assert first.status == "running" and first.trace == ()
    rest = list(it)
    assert isinstance(rest[0], InputError) and "pigeon" in rest[0].message and rest[1].id == "g"
    with pytest.raises(InputError, match="pigeon"):
        list(evaluate_iter([good, bad], D("2026-03-10")))


@settings(max_examples=60, deadline=None)
@given(cases(delays=True), st.integers(0, 300))
def test_the_batch_gives_the_plain_clocks_answers(c, days):
    received = max(v for k, v in c["receipt"].items() if k != "channel")
    as_of = min(received + dt.timedelta(days=days), D("2026-12-31"))
    plain = evaluate(c, as_of).to_dict()
    fast, = evaluate_iter([c], as_of)
    assert fast.to_dict() == {**plain, "trace": []}
    traced, = evaluate_many([c], as_of)
    assert traced.to_dict() == plain


# ----------------------------------------------------------------------------- compiled conditions

_NUMERIC, _BOOLEAN = NUMERIC, BOOLEAN
conditions = condition_trees(max_size=3, max_leaves=8)
facts = st.fixed_dictionaries({**{n: st.integers(-5, 40) for n in _NUMERIC},
                               **{n: st.booleans() for n in _BOOLEAN}})


@settings(max_examples=400, deadline=None)
@given(conditions, facts)
def test_compiled_conditions_agree_with_business_rules(cond, fs):
    expected = holding([("c", cond)], ClockFacts(fs)) == ["c"]
    assert compile_condition(cond)(fs) is expected


# numbers that are not whole (and values that are not) go through business-rules' decimal comparison
fractional_facts = st.fixed_dictionaries({**{n: st.one_of(st.integers(-5, 40), st.floats(-5, 40, width=32))
                                             for n in _NUMERIC}, **{n: st.booleans() for n in _BOOLEAN}})


@settings(max_examples=200, deadline=None)
@given(conditions, fractional_facts)
def test_compiled_conditions_agree_with_business_rules_on_fractions(cond, fs):
    expected = holding([("c", cond)], ClockFacts(fs)) == ["c"]
    assert compile_condition(cond)(fs) is expected


@pytest.mark.parametrize("value", [3, 3.0000004, 2.5])
@pytest.mark.parametrize("fact", [3, 3.0000004, 3.1, 2.9999996])
@pytest.mark.parametrize("op", ["equal_to", "greater_than", "less_than", "greater_than_or_equal_to",
                                "less_than_or_equal_to"])
def test_the_tolerance_applies_to_fractional_values_and_facts(op, fact, value):
    name = _NUMERIC[0]
    cond = {"name": name, "operator": op, "value": value}
    facts = {**{n: 0 for n in _NUMERIC}, **{n: False for n in _BOOLEAN}, name: fact}
    assert compile_condition(cond)(facts) is (holding([("c", cond)], ClockFacts(facts)) == ["c"])


def test_the_compiled_tolerance_is_business_rules_own():
    from business_rules.operators import NumericType

    from disclosure_rules.clock.compiled import epsilon
    assert epsilon() == NumericType.EPSILON and type(epsilon()) is type(NumericType.EPSILON)


def test_bundled_violation_conditions_agree_with_business_rules():
    book = load_rules()
    viols = [v for rs in book.rulesets.values() for v in rs.violations.values()]
    assert viols
    rnd = __import__("random").Random(13)
    for _ in range(300):
        fs = {n: rnd.randint(0, 30) for n in _NUMERIC} | {n: rnd.random() < 0.5 for n in _BOOLEAN}
        for v in viols:
            expected = holding([(v.code, v.conditions)], ClockFacts(fs)) == [v.code]
            assert compile_condition(v.conditions)(fs) is expected


def test_trace_is_rendered_only_when_read():
    c = {"id": "t", "receipt": RECEIVED_0302,
         "events": [{"type": "extension_notified", "date": "2026-03-20", "workdays": 5}]}
    step = evaluate(c, D("2026-03-20")).trace[-1]
    assert not isinstance(step.narration, str) and step.narration.key == "extend.granted"
    assert step.text_en.endswith("+5 working days") and step.text_zh.endswith("延长5个工作日")


def test_no_module_of_the_clock_is_over_400_lines():
    for p in Path(clock.__file__).parent.glob("*.py"):
        assert len(p.read_text(encoding="utf-8").splitlines()) <= 400, p.name


# ----------------------------------------------------------------------------- excluded intervals

CN = __import__("disclosure_rules").load_calendar("cn")
days = st.integers(0, 400).map(lambda k: D("2024-01-01") + dt.timedelta(days=k))
spans = st.lists(st.tuples(days, st.integers(0, 40)).map(lambda p: (p[0], p[0] + dt.timedelta(days=p[1]))),
                 max_size=8)


def _brute_due(start, n, excluded):
    """Walk day by day: the n-th working day after start that no span excludes."""
    d, left = start, n
    while left > 0:
        d += dt.timedelta(days=1)
        if CN.is_workday(d) and not any(a < d <= b for a, b in excluded):
            left -= 1
    return d


@settings(max_examples=300, deadline=None)
@given(spans, days, st.integers(1, 40))
def test_prefix_sums_give_the_day_by_day_due_date(sp, start, n):
    from disclosure_rules.clock.exclusions import Intervals
    iv = Intervals.merge(sp, CN)
    assert iv.due(start, n, CN) == _brute_due(start, n, sp)
    brute = sum(1 for k in range(1, 500) if CN.is_workday(start + dt.timedelta(days=k))
                and any(a < start + dt.timedelta(days=k) <= b for a, b in sp))
    assert iv.excluded_after(start, CN) == brute


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30), st.booleans()), min_size=1, max_size=10),
       st.integers(0, 60))
def test_the_intervals_kept_in_place_equal_a_fresh_merge(letters, later):
    from disclosure_rules.clock.exclusions import Consultation, Exclusions, Intervals
    pause = type("Rule", (), {"effect": "pause"})()
    ex, t, made = Exclusions(CN), D("2024-03-01"), []
    for gap, length, answer in letters:
        t += dt.timedelta(days=gap)
        c = Consultation("p", t, t + dt.timedelta(days=30), pause)
        ex.add(c)
        made.append(c)
        ex.at(t)
        if answer:
            ex.answer(c, t + dt.timedelta(days=length))
    day = t + dt.timedelta(days=later)
    got = ex.at(day)
    fresh = Intervals.merge([(c.sent, c.end(day)) for c in made if c.end(day) > c.sent], CN)
    assert (got.a, got.b, got.cum) == (fresh.a, fresh.b, fresh.cum)


def test_a_step_can_still_be_built_from_its_words():
    # the constructor other modules use (a provisional answer adds its own step)
    s = __import__("disclosure_rules").Step(D("2026-03-02"), "calendar_estimate", "provisional", None, None, (),
                                             "estimated", "估计")
    assert (s.text_en, s.text_zh, s.to_dict("zh")["text"]) == ("estimated", "估计", "估计")
    assert __import__("disclosure_rules").Step.from_dict(s.to_dict()) == s
