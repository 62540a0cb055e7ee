"""Hypothesis strategies for property tests of disclosure-rules and of
systems built on it.

    from hypothesis import given
    from disclosure_rules.testing import cases

    @given(cases())
    def test_my_system_agrees(case):
        result = evaluate(case, as_of=date(2026, 12, 31))   # always an explicit as_of
        ...

Generated cases are valid (they never raise ``CaseError``) and their dates
stay inside the official calendar, so every answer is exact.
"""

from __future__ import annotations

import datetime as dt

try:
    from hypothesis import strategies as st
except ImportError:      # an optional dependency: say how to get it, not a bare ModuleNotFoundError
    from .messages import message
    _needs = message("testing.needs_hypothesis")
    raise ImportError(f"{_needs.en} ({_needs.zh})", name="hypothesis") from None

from .calendar import load_calendar

CHANNELS = ("in_person", "post_registered", "post_ordinary", "online", "fax")
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_organization",
              "legal_service_institution", "other_organization")
REASONS = ("state_secret", "other_law", "security_stability", "third_party", "internal_affairs", "process_info",
           "enforcement_file", "administrative_query")


def answers(version: str = "ogi-2019"):
    """An ``answered`` event's outcome fields (``outcome``, and ``reason`` where the answer needs one)."""
    from .api import load_outcomes

    cat = load_outcomes(version)

    @st.composite
    def one(draw):
        code = draw(st.sampled_from(list(cat.outcomes)))
        out = {"outcome": code}
        if cat.outcomes[code].by_reason or code in ("37", "2008-22"):
            out["reason"] = draw(st.sampled_from(sorted(cat.reasons)))
        return out
    return one()


def working_days(calendar=None, min_value=dt.date(2008, 6, 1), max_value=dt.date(2026, 4, 30)):
    """Working days of the official calendar between the bounds."""
    cal = calendar or load_calendar("cn")
    return st.dates(min_value=min_value, max_value=max_value).map(lambda d: cal.on_or_after(d))


@st.composite
def receipts(draw, min_value=dt.date(2008, 6, 1), max_value=dt.date(2026, 4, 30)):
    """A ``receipt`` block for any channel, with the dates that channel needs."""
    channel = draw(st.sampled_from(CHANNELS))
    day = draw(st.dates(min_value=min_value, max_value=max_value))
    if channel == "in_person":
        return {"channel": channel, "date": day}
    if channel == "post_registered":
        return {"channel": channel, "signed": day}
    if channel == "post_ordinary":
        return {"channel": channel, "arrived": day, "confirmed": day}
    before = day - dt.timedelta(days=draw(st.integers(0, 3)))
    return {"channel": channel, "submitted": before, "confirmed": day}


@st.composite
def cases(draw, calendar=None, fees: bool = True, delays: bool = False, answered: bool | None = None,
          min_value=dt.date(2008, 6, 1), max_value=dt.date(2025, 12, 31)):
    """A valid case: a receipt and events in a lawful or unlawful but possible order.

    Receipts fall between ``min_value`` and ``max_value``; with the default
    bound, the longest generated history (corrections, consultations,
    extensions, a fee, an answer) still ends inside the 2026 calendar.
    ``fees``: may include a fee notice (only for requests received from
    2021); ``delays``: may include an Art. 35 delayed reply (which sets a due
    date the agency chooses); ``answered``: force the case to end with an
    answer (True), leave it open (False), or either (None).
    """
    cal = calendar or load_calendar("cn")
    receipt = draw(receipts(min_value, max_value))
    received = max(v for k, v in receipt.items() if k != "channel")
    version_2019 = received >= dt.date(2019, 5, 15)
    events = []
    t = received

    def later(lo=0, hi=8):
        nonlocal t
        k = draw(st.integers(lo, hi))
        t = cal.add(t, k) if k else t
        return t

    if draw(st.booleans()):
        d = later(0, 9)
        ev = {"type": "correction_requested", "date": d, "period_workdays": draw(st.integers(5, 15))}
        events.append(ev)
        if draw(st.integers(0, 4)) > 0:
            events.append({"type": "correction_received", "date": later(0, ev["period_workdays"])})
        else:
            return _finish(draw, receipt, events, cal, t, False, version_2019)
    parties = ("third_party", "other_agency") if version_2019 else ("third_party",)
    for _ in range(draw(st.integers(0, 2))):
        party = draw(st.sampled_from(parties))
        sent = later(0, 6)
        ev = {"type": "consultation_sent", "date": sent, "party": party}
        if draw(st.booleans()):
            ev["received"] = cal.add(sent, draw(st.integers(0, 2))) if draw(st.booleans()) else sent
        events.append(ev)
        events.append({"type": "consultation_answered", "date": cal.add(sent, draw(st.integers(1, 20))),
                       "party": party})
        t = max(t, events[-1]["date"])
    for _ in range(draw(st.integers(0, 2))):
        events.append({"type": "extension_notified", "date": later(0, 12), "workdays": draw(st.integers(1, 20))})
    if fees and version_2019 and received >= dt.date(2021, 1, 1) and draw(st.integers(0, 3)) == 0:
        events.append({"type": "fee_notice_received", "date": later(1, 10), "amount": "100"})
        if draw(st.integers(0, 3)) > 0:
            events.append({"type": "fee_paid", "date": later(0, 19)})
        else:
            return _finish(draw, receipt, events, cal, t, False, version_2019)
    if delays and version_2019 and draw(st.integers(0, 4)) == 0:
        d = later(1, 15)
        events.append({"type": "delay_notified", "date": d, "due": d + dt.timedelta(days=draw(st.integers(10, 90)))})
    return _finish(draw, receipt, events, cal, t, answered, version_2019)


def _finish(draw, receipt, events, cal, t, answered, version_2019=True):
    end = draw(st.booleans()) if answered is None else answered
    if end:
        d = cal.add(t, draw(st.integers(1, 25)))
        if draw(st.integers(0, 9)) == 0:
            events.append({"type": "withdrawn", "date": d})
        else:
            events.append({"type": "answered", "date": d,
                           **draw(answers("ogi-2019" if version_2019 else "ogi-2008"))})
    case = {"id": f"gen-{draw(st.integers(1, 10**6))}", "receipt": receipt, "events": events}
    if draw(st.booleans()):
        case["applicant"] = draw(st.sampled_from(APPLICANTS))
    return case
