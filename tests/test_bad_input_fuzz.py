"""Whatever a caller sends, the engine answers or raises a documented error:
never an unexpected exception from deep inside."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from disclosure_rules import DisclosureRulesError
from disclosure_rules.clock import evaluate
from disclosure_rules.api import classify

dates = st.one_of(st.dates(dt.date(2003, 1, 1), dt.date(2027, 12, 31)).map(str),
                  st.dates(dt.date(2008, 5, 1), dt.date(2026, 6, 30)), st.text(max_size=12), st.integers(), st.none())
values = st.one_of(st.none(), st.booleans(), st.integers(-5, 50), st.text(max_size=10), dates,
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
event_types = st.sampled_from(["correction_requested", "correction_received", "consultation_sent",
                               "consultation_answered", "extension_notified", "fee_notice_received", "fee_paid",
                               "delay_notified", "answered", "withdrawn", "bogus"])
events = st.fixed_dictionaries(
    {"type": st.one_of(event_types, values), "date": dates},
    optional={"party": st.one_of(st.sampled_from(["third_party", "other_agency"]), values),
              "workdays": values, "period_workdays": values, "due": dates, "received": dates,
              "outcome": st.one_of(st.sampled_from(["36-2", "36-3", "37", "2008-21-1"]), values),
              "reason": st.one_of(st.sampled_from(["third_party"]), values), "justified": values})
receipts = st.fixed_dictionaries(
    {"channel": st.one_of(st.sampled_from(["in_person", "online", "post_ordinary", "post_registered", "fax"]), values)},
    optional={"date": dates, "submitted": dates, "confirmed": dates, "arrived": dates, "signed": dates})
cases = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=5), st.integers()), "receipt": st.one_of(receipts, values),
     "events": st.one_of(st.lists(st.one_of(events, values), max_size=5), values)},
    optional={"applicant": values, "local": st.one_of(st.just("gansu-jinchang"), values),
              "calendar": st.one_of(st.sampled_from(["cn", "cn-gx"]), values)})


@settings(max_examples=400, deadline=None)
@given(cases, st.one_of(st.none(), st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31))))
def test_evaluate_never_crashes(case, as_of):
    try:
        evaluate(case, as_of)
    except DisclosureRulesError:
        pass


@given(st.dictionaries(st.sampled_from(["exists", "held_by_agency", "exemption", "separable", "already_public",
                                        "petition", "unknown_fact"]), values, max_size=5))
def test_classify_never_crashes(facts):
    try:
        classify(facts)
    except DisclosureRulesError:
        pass


@settings(max_examples=400, deadline=None)
@given(st.builds(lambda r, evs, local: {"id": "f", "receipt": r, "events": evs, **({"local": local} if local else {})},
                 __import__("disclosure_rules.testing", fromlist=["receipts"]).receipts(),
                 st.lists(events, max_size=6), st.sampled_from([None, "gansu-jinchang"])),
       st.one_of(st.none(), st.dates(dt.date(2008, 5, 1), dt.date(2026, 12, 31))))
def test_evaluate_with_a_valid_receipt_never_crashes(case, as_of):
    try:
        evaluate(case, as_of)
    except DisclosureRulesError:
        pass
