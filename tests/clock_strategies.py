"""Hypothesis pieces shared by the tests of the clock's batch paths (the fast path, the columnar evaluator)
and of its compiled conditions."""

import datetime as dt

from hypothesis import strategies as st

from disclosure_rules.rulebook import FACTS

NUMERIC_OPS = ("equal_to", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to")
NUMERIC = sorted(n for n, k in FACTS.items() if k == "numeric")
BOOLEAN = sorted(n for n, k in FACTS.items() if k == "boolean")


def condition_trees(max_size: int, max_leaves: int):
    """business-rules condition trees over the clock's facts: all/any nesting, every operator, whole values."""
    leaf = st.one_of(
        st.builds(lambda n, o, v: {"name": n, "operator": o, "value": v},
                  st.sampled_from(NUMERIC), st.sampled_from(NUMERIC_OPS), st.integers(-5, 40)),
        st.builds(lambda n, o, v: {"name": n, "operator": o, "value": v},
                  st.sampled_from(BOOLEAN), st.sampled_from(("is_true", "is_false")), st.booleans()))
    return st.recursive(leaf, lambda inner: st.builds(lambda k, cs: {k: cs}, st.sampled_from(("all", "any")),
                                                      st.lists(inner, min_size=1, max_size=max_size)),
                        max_leaves=max_leaves)


def fallback_events(draw, events: list[dict], cal) -> list[dict]:
    """A case's events (copied), varied towards what a batch path must hand on or get right: a justified
    late correction or payment, two events of one type on one day, an event before receipt or past the
    calendar."""
    events = [dict(e) for e in events]
    if events and draw(st.integers(0, 5)) == 0:                  # a justified late correction or payment
        for e in events:
            if e["type"] in ("correction_received", "fee_paid"):
                e["justified"] = True
                e["date"] = cal.add(e["date"], draw(st.integers(5, 30)))
    if events and draw(st.integers(0, 7)) == 0:                  # two events of one type on one day
        events.append(dict(draw(st.sampled_from(events))))
    if events and draw(st.integers(0, 9)) == 0:                  # an event before receipt, or past the calendar
        e = draw(st.sampled_from(events))
        e["date"] = draw(st.sampled_from([dt.date(2008, 1, 2), dt.date(2027, 3, 1), e["date"]]))
    return events
