"""What each effect does to the clock: one small handler per effect, in one table.

The effect of an event type is data (``effect:`` in ``events.yaml``); the
names the engine knows are the keys of :data:`HANDLERS`, and the rule-file
schema's enum must list exactly these (a test checks).  Every handler takes
the state, the event and its rule, checks the event's violations first and
leaves the clock unchanged when one voids the event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from ..basis import Basis
from ..case import Event
from ..errors import CaseError
from ..messages import Text, message
from ..rulebook import EventRule
from ..rulefiles.outcomefiles import OutcomeCatalogue
from .checks import check, facts_at
from .consultations import pause, resume
from .events import event_error, whole_number
from .narration import said
from .state import ClockState, Closure, Suspension


def suspend(s: ClockState, ev: Event, rule: EventRule) -> None:
    """The agency's clock stops while the applicant corrects or pays (Art. 30; fee measures)."""
    due = s.due(ev.date)
    voided = check(s, ev.type, ev.date, facts_at(s, ev.date, due))
    if rule.applicant == "correction":
        s.corrections += 1
    if voided:
        s.say(ev, ev.date, ev.type, said("suspend.unlawful", title=rule.title), rule.basis, due, "no effect")
        return
    if rule.applicant == "payment":
        used = s.cal.count(s.start, ev.date) - s.excluded_workdays(ev.date)
        s.remaining_at_fee = max(1, s.n + s.ext - used) if due is not None else None
    n, basis = _applicant_period(s, ev, rule)
    s.applicant_due = s.cal.add(ev.get("received") or ev.date, n) if n else None
    s.suspended = Suspension("correction" if rule.applicant == "correction" else "payment", rule, ev.date)
    text = (said("suspend.period", title=rule.title, n=n, until=s.applicant_due) if n
            else said("suspend.no_period", title=rule.title))
    s.say(ev, ev.date, ev.type, text, basis, None, "suspend")


def _applicant_period(s: ClockState, ev: Event, rule: EventRule) -> tuple[int | None, list[Basis]]:
    """The applicant's working days: given on the event, else the parameter, else the period."""
    basis = list(rule.basis)
    if rule.applicant_field and ev.get(rule.applicant_field) is not None:
        return whole_number(s.case, ev, rule.applicant_field), basis
    if rule.applicant_parameter and s.rules.param(rule.applicant_parameter) is not None:
        p = s.rules.parameters[rule.applicant_parameter]
        return p.value, basis + list(p.basis)
    if rule.applicant_period:
        period = s.rules.period(rule.applicant_period)
        return period.workdays, basis + list(period.basis)
    return None, basis


def restart(s: ClockState, ev: Event, rule: EventRule) -> None:
    """A new period from the event (a corrected request, a payment), or the rest of the old one."""
    assert rule.answers is not None             # the loader requires the event every restart answers
    susp = s.suspended
    if susp is None or susp.rule.type != rule.answers:
        if any(v.event == rule.answers and v.voids_effect for v in s.violations):
            s.say(ev, ev.date, ev.type, said("restart.unlawful_notice", title=rule.title), rule.basis,
                  s.due(ev.date), "no effect")
            return
        ans = s.rules.events[rule.answers].title
        raise event_error(s.case, ev, message("clock.error.answers_nothing", key=rule.answers, title=ans))
    mode = s.rules.param(rule.parameter) if rule.parameter else "restart"
    s.suspended, s.applicant_due = None, None
    s.start, s.fixed_due, s.ext = ev.date, None, 0
    basis = list(rule.basis)
    if mode == "resume" and s.remaining_at_fee is not None:
        assert rule.parameter is not None       # (mode is a parameter's choice)
        s.n = s.remaining_at_fee
        basis += list(s.rules.parameters[rule.parameter].basis)
        text = said("restart.resume", title=rule.title, n=s.n)
    else:
        assert rule.period is not None          # the loader requires a period of every restart
        period = s.rules.period(rule.period)
        s.n = period.workdays
        basis += list(period.basis)
        text = said("restart.new", title=rule.title, n=s.n)
    s.say(ev, ev.date, ev.type, text, basis, s.due(ev.date), "restart")


def extend(s: ClockState, ev: Event, rule: EventRule) -> None:
    """An extension notified in time adds working days, at most the cap in total (Art. 33(2))."""
    k = whole_number(s.case, ev, "workdays")
    assert rule.cap is not None                 # the loader requires a cap of every extension
    cap = s.rules.period(rule.cap)
    due = s.due(ev.date)
    facts = facts_at(s, ev.date, due)
    facts.update(extension_total=s.ext + k, extension_cap=cap.workdays)
    if check(s, ev.type, ev.date, facts):
        s.say(ev, ev.date, ev.type, said("extend.no_effect", title=rule.title, k=k), rule.basis, due, "no effect")
        return
    granted = max(0, min(k, cap.workdays - s.ext))
    s.ext += granted
    text = (said("extend.granted", title=rule.title, granted=granted) if granted == k
            else said("extend.capped", title=rule.title, granted=granted, k=k, cap=cap.workdays))
    s.say(ev, ev.date, ev.type, text, rule.basis + cap.basis, s.due(ev.date), "extend")


def set_due(s: ClockState, ev: Event, rule: EventRule) -> None:
    """Art. 35: a reasonable later date when the period cannot be met; never an earlier one."""
    due = ev.get("due")
    if not isinstance(due, dt.date) or due < ev.date:
        raise event_error(s.case, ev, message("clock.error.due", date=ev.date), dated=False)
    in_force = s.due(ev.date)
    if check(s, ev.type, ev.date, facts_at(s, ev.date, in_force)):
        s.say(ev, ev.date, ev.type, said("set.no_effect", title=rule.title), rule.basis, in_force, "no effect")
        return
    if in_force is not None and due <= in_force:
        s.say(ev, ev.date, ev.type, said("set.not_later", title=rule.title, fixed=due, due=in_force), rule.basis,
              in_force, "no effect")
        return
    s.fixed_due = due
    s.say(ev, ev.date, ev.type, said("set.fixed", title=rule.title, due=due), rule.basis, due, "set")


def close(s: ClockState, ev: Event, rule: EventRule) -> None:
    """The case ends: answered (Art. 36) or withdrawn."""
    due = s.due(ev.date)
    facts = facts_at(s, ev.date, due)
    outcome = ev.get("outcome")
    if rule.status == "answered" and outcome is not None:
        _check_outcome(s, ev)
    check(s, ev.type, ev.date, facts)
    assert rule.status is not None              # the loader requires a status of every close
    s.closed, s.closing_due = Closure(rule.status, ev.date, outcome), due
    if rule.status == "answered":
        s.outcome = None if outcome is None else str(outcome)
        s.outcome_reason = ev.get("reason")
    elif rule.status == "withdrawn":
        s.outcome = "withdrawn"
    text = (said("close.outcome", title=rule.title, outcome=outcome) if outcome
            else said("close.plain", title=rule.title))
    s.say(ev, ev.date, ev.type, text, rule.basis, due, "close")


def _check_outcome(s: ClockState, ev: Event) -> None:
    """The answer's outcome must be one of the version's outcomes (with a reason where the report needs one)."""
    # RuleSet.outcomes is typed object in rulebook.py; it holds the folder's OutcomeCatalogue or None
    cat = cast("OutcomeCatalogue | None", s.rules.main.outcomes)
    if cat is None:
        return
    code, case = str(ev.get("outcome")), s.case
    if code not in cat.outcomes:
        # (outcomes imports business-rules, classify's engine: only for this error)
        from ..outcomes import unknown_answer

        others = [cast(OutcomeCatalogue, r.outcomes) for r in s.prepared.book.rulesets.values() if r.outcomes]
        en, zh = unknown_answer(code, cat, others)
        raise CaseError(message("clock.error.answer", id=case.id, n=ev.index + 1, what=Text(en, zh)), event=ev.index)
    reason = ev.get("reason")
    if (cat.outcomes[code].by_reason or reason is not None) and (not isinstance(reason, str)
                                                                 or reason not in cat.reasons):
        known = ", ".join(cat.reasons)
        raise CaseError(message("clock.error.reason", id=case.id, n=ev.index + 1, code=code, known=known),
                        event=ev.index)


def record(s: ClockState, ev: Event, rule: EventRule) -> None:
    """Noted in the trace, no effect on the clock."""
    s.say(ev, ev.date, ev.type, said("record", title=rule.title), rule.basis, s.due(ev.date), "record")


Handler = Callable[[ClockState, Event, EventRule], None]

# effect name (``effect:`` in events.yaml) -> handler: the one list of effects the engine knows
HANDLERS: dict[str, Handler] = {
    "suspend": suspend,
    "restart": restart,
    "pause": pause,
    "resume": resume,
    "extend": extend,
    "set": set_due,
    "close": close,
    "record": record,
}
EFFECTS = tuple(HANDLERS)
