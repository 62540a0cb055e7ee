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
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import strategies as st
except ImportError:      # an optional dependency: say how to get it, not a bare ModuleNotFoundError
    from .messages import message
    _needs = message("testing.needs_hypothesis")
    raise ImportError(f"{_needs.en} ({_needs.zh})", name="hypothesis") from None

from .calendar import load_calendar
from .jsondata import JSONDict

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

    from .calendar import Calendar
    from .rulebook import RuleBook, RuleSet

# Room left after the latest generated receipt for the longest generated history
# (corrections, consultations, extensions, a fee, an answer) to end inside the
# calendar: a property of these strategies, not a legal period.
HISTORY_ROOM = dt.timedelta(days=366)
EVENTS_ROOM = dt.timedelta(days=245)

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_organization",
              "legal_service_institution", "other_organization")


def _book() -> RuleBook:
    from .api import load_rules

    return load_rules()


def _supplement_with(main: RuleSet, event: str, received: dt.date) -> RuleSet | None:
    """A supplement of ``main`` in force on ``received`` that defines ``event`` (the fee rules from 2021)."""
    return next((s for s in _book().rulesets.values()
                 if main.id in s.supplements and s.in_force(received) and event in s.events), None)


def _channels() -> tuple[str, ...]:
    shared = set.intersection(*(set(r.channels) for r in _book().national))
    return tuple(sorted(shared))


def _first(calendar: Calendar) -> dt.date:
    """The first day both the calendar and some national rule set cover."""
    earliest = min(r.effective_from for r in _book().national if r.effective_from is not None)
    return max(calendar.first_day, earliest)


def _receipts_from(calendar: Calendar) -> dt.date:
    """The first day a receipt is drawn on by default: the other versions' dates of a receipt fall up to
    three days earlier (see :func:`receipts`), and must still be covered by some rule set."""
    return _first(calendar) + dt.timedelta(days=3)


def __getattr__(name: str) -> tuple[str, ...]:
    """``CHANNELS`` and ``REASONS`` as the bundled rules define them (read when first asked for)."""
    if name == "CHANNELS":
        return _channels()
    if name == "REASONS":
        from .api import load_outcomes

        return tuple(load_outcomes(_book().national[0].id).reasons)
    raise AttributeError(name)


def answers(version: str | None = None) -> SearchStrategy[dict[str, str]]:
    """An ``answered`` event's outcome fields (``outcome``, and ``reason`` where the answer needs one)
    under rule set ``version`` (default: the newest national one)."""
    from .api import load_outcomes

    cat = load_outcomes(version or _book().national[0].id)

    @st.composite
    def one(draw: DrawFn) -> dict[str, str]:
        code = draw(st.sampled_from(list(cat.outcomes)))
        out = {"outcome": code}
        if cat.outcomes[code].takes_reason:
            out["reason"] = draw(st.sampled_from(sorted(cat.reasons)))
        return out
    return one()


def working_days(calendar: Calendar | None = None, min_value: dt.date | None = None,
                 max_value: dt.date | None = None) -> SearchStrategy[dt.date]:
    """Working days of the official calendar between the bounds (default: the
    calendar's range the rules cover, with room for a history after them)."""
    cal = calendar or load_calendar("cn")
    min_value = min_value or _first(cal)
    max_value = max_value or cal.last_day - EVENTS_ROOM
    return st.dates(min_value=min_value, max_value=max_value).map(lambda d: cal.on_or_after(d))


@st.composite
def receipts(draw: DrawFn, min_value: dt.date | None = None, max_value: dt.date | None = None) -> JSONDict:
    """A ``receipt`` block for any channel the bundled rule sets share, with
    every date some version's receipt.yaml requires for it: the newest
    version's date of receipt on the drawn day, the others (a submission
    before it is confirmed) up to three days earlier."""
    cal = load_calendar("cn")
    day = draw(st.dates(min_value=min_value or _receipts_from(cal), max_value=max_value or cal.last_day - EVENTS_ROOM))
    channel = draw(st.sampled_from(_channels()))
    rules = [r.channels[channel] for r in _book().national]
    out: JSONDict = {"channel": channel}
    for key in dict.fromkeys(k for rule in rules for k in rule.requires):
        same_day = key in (rules[0].date_of_receipt, rules[0].confirm_on_day_of)
        out[key] = day if same_day else day - dt.timedelta(days=draw(st.integers(0, 3)))
    return out


def _governing(receipt: JSONDict) -> tuple[RuleSet, dt.date]:
    """The national rule set that governs ``receipt``, chosen as the clock chooses it
    (newest first; the first in force on its own date of receipt, Art. 31)."""
    for main in _book().national:
        received = receipt[main.channels[receipt["channel"]].date_of_receipt]
        if main.in_force(received):
            return main, received
    raise ValueError(f"no rule set governs {receipt}")


@st.composite
def cases(draw: DrawFn, calendar: Calendar | None = None, fees: bool = True, delays: bool = False,
          answered: bool | None = None, min_value: dt.date | None = None,
          max_value: dt.date | None = None) -> JSONDict:
    """A valid case: a receipt and events in a lawful or unlawful but possible order.

    Receipts fall between ``min_value`` and ``max_value``; with the default
    bounds (the calendar's range the rules cover, ending ``HISTORY_ROOM``
    before the calendar does), the longest generated history (corrections, consultations,
    extensions, a fee, an answer) still ends inside the 2026 calendar.
    ``fees``: may include a fee notice (only for requests received from
    2021); ``delays``: may include an Art. 35 delayed reply (which sets a due
    date the agency chooses); ``answered``: force the case to end with an
    answer (True), leave it open (False), or either (None).
    """
    cal = calendar or load_calendar("cn")
    receipt = draw(receipts(min_value or _receipts_from(cal), max_value or cal.last_day - HISTORY_ROOM))
    main, received = _governing(receipt)
    events: list[JSONDict] = []
    t = received

    def later(lo: int = 0, hi: int = 8) -> dt.date:
        nonlocal t
        k = draw(st.integers(lo, hi))
        t = cal.add(t, k) if k else t
        return t

    if draw(st.booleans()):
        d = later(0, 9)
        ev: JSONDict = {"type": "correction_requested", "date": d, "period_workdays": draw(st.integers(5, 15))}
        events.append(ev)
        if draw(st.integers(0, 4)) > 0:
            events.append({"type": "correction_received", "date": later(0, ev["period_workdays"])})
        else:
            return _finish(draw, receipt, events, cal, t, False, main.id)
    parties = tuple(main.events["consultation_sent"].parties)
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
    cap = main.periods["extension_cap"].workdays      # lawful extensions, and the cap itself (Art. 33)
    for _ in range(draw(st.integers(0, 2))):
        events.append({"type": "extension_notified", "date": later(0, 12), "workdays": draw(st.integers(1, cap))})
    fee_rules = _supplement_with(main, "fee_notice_received", received) if fees else None
    if fee_rules is not None and draw(st.integers(0, 3)) == 0:
        events.append({"type": "fee_notice_received", "date": later(1, 10), "amount": "100"})
        if draw(st.integers(0, 3)) > 0:
            # paid within the payment period (国办函〔2020〕109号: 20 working days), as most are
            events.append({"type": "fee_paid", "date": later(0, fee_rules.periods["fee_payment"].workdays - 1)})
        else:
            return _finish(draw, receipt, events, cal, t, False, main.id)
    if delays and "delay_notified" in main.events and draw(st.integers(0, 4)) == 0:
        d = later(1, 15)
        events.append({"type": "delay_notified", "date": d, "due": d + dt.timedelta(days=draw(st.integers(10, 90)))})
    return _finish(draw, receipt, events, cal, t, answered, main.id)


def _finish(draw: DrawFn, receipt: JSONDict, events: list[JSONDict], cal: Calendar, t: dt.date,
            answered: bool | None, version: str) -> JSONDict:
    end = draw(st.booleans()) if answered is None else answered
    if end:
        d = cal.add(t, draw(st.integers(1, 25)))
        if draw(st.integers(0, 9)) == 0:
            events.append({"type": "withdrawn", "date": d})
        else:
            events.append({"type": "answered", "date": d,
                           **draw(answers(version))})
    case: dict[str, Any] = {"id": f"gen-{draw(st.integers(1, 10**6))}", "receipt": receipt, "events": events}
    if draw(st.booleans()):
        case["applicant"] = draw(st.sampled_from(APPLICANTS))
    return case
