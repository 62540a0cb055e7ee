"""The fold: a case's events, in order, over the clock's state.

receipt (Art. 31) -> the period starts (Art. 33(2)) -> each event's effect
(``effects.HANDLERS``) -> the applicant's period may lapse (Art. 30) -> the
result on ``as_of``.
"""

from __future__ import annotations

import datetime as dt

from ..calendar import Calendar
from ..case import Case, Event
from ..errors import CaseError
from ..messages import Text, message
from ..result import Result, Step
from ..rulebook import EventRule, RuleBook
from .assemble import result_of
from .checks import check
from .effects import HANDLERS
from .events import check_dates, event_error, in_order, rule_of
from .exclusions import Exclusions
from .narration import said
from .receipt import receive
from .state import ClockState, Closure

_ONE_DAY = dt.timedelta(days=1)


def run(book: RuleBook, cal: Calendar, case: Case, as_of: dt.date, trace: bool = True) -> Result:
    """Evaluate one parsed case on ``as_of`` (events after it are ignored)."""
    s = _start(book, cal, case, as_of, trace)
    for ev in in_order(case.events, s.prepared.order):
        if ev.date > as_of:
            continue
        check_dates(case, ev, s.received)
        rule = rule_of(case, ev, s.rules, book.rulesets)
        _lapse(s, ev.date)
        if s.closed is not None:
            _after_close(s, ev, rule, s.closed)
        else:
            HANDLERS[rule.effect](s, ev, rule)
    _lapse(s, as_of)
    return result_of(s)


def _start(book: RuleBook, cal: Calendar, case: Case, as_of: dt.date, trace: bool) -> ClockState:
    got = receive(book, case)
    prep, received = got.prepared, got.received
    steps: list[Step] | None = [] if trace else None
    rules = prep.rules
    reply = rules.period("reply")
    s = ClockState(prep, cal, case, received, received, reply.workdays, as_of, Exclusions(cal), steps)
    if prep.rest_day_next_workday and not cal.is_workday(received):
        deemed = cal.next_workday(received)
        s.say(None, received, "receipt", said("receipt.rest_day", deemed=deemed),
              rules.parameters["rest_day_receipt"].basis)
        s.received = s.start = deemed
    if as_of < s.received:
        raise CaseError(message("clock.error.not_yet_received", id=case.id, as_of=as_of, received=s.received))
    text = said("receipt.start", channel=got.channel.title, n=reply.workdays, version=rules.main.id)
    s.say(None, s.received, "receipt", text, got.channel.basis + reply.basis, s.due(s.received), "start")
    check(s, "receipt", s.received, {"days_confirmation_late": got.days_confirmation_late})
    return s


def _lapse(s: ClockState, t: dt.date) -> None:
    """Let the applicant's period lapse if it ended before day t: the request is deemed abandoned."""
    if s.suspended is None or s.applicant_due is None or s.applicant_due >= t or s.closed is not None:
        return
    rule = s.suspended.rule
    day = s.applicant_due + _ONE_DAY
    assert rule.expiry_status is not None       # the loader requires one of every suspending event
    s.closed = Closure(rule.expiry_status, day, rule.expiry_outcome)
    s.outcome = rule.expiry_outcome
    key = "expired.correction" if rule.applicant == "correction" else "expired.payment"
    s.say(None, day, "applicant_period_expired", said(key, until=s.applicant_due), rule.basis, None, "close")


def _after_close(s: ClockState, ev: Event, rule: EventRule, closed: Closure) -> None:
    """An event after the case ended (``closed``): a justified late correction or payment reopens it (正当理由)."""
    if closed.status == "abandoned" and ev.get("justified") and rule.effect == "restart" \
            and s.suspended is not None and rule.answers == s.suspended.rule.type:
        s.closed, s.outcome = None, None
        s.say(ev, ev.date, ev.type, said("reopen"), rule.basis, None, "reopen")
        HANDLERS[rule.effect](s, ev, rule)
        return
    if closed.status == "abandoned":
        s.say(ev, ev.date, ev.type, said("ignored", title=rule.title, day=closed.day), rule.basis, None, "ignored")
        return
    from ..labels import status_label
    status = Text(status_label(closed.status, "en"), status_label(closed.status, "zh"))
    raise event_error(s.case, ev, message("clock.error.after_close", status=status, day=closed.day))
