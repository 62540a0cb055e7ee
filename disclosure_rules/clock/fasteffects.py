"""The effects of the fast batch path: ``effects.HANDLERS`` without the trace, on a :class:`~.faststate.Fold`.

Each handler does what its plain counterpart in :mod:`.effects` or
:mod:`.consultations` does to the clock, in the same order (violations
first; a voiding violation leaves the clock as it was), and raises
:class:`~.fastspan.Bail` wherever the plain one raises an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..rulebook import EventRule
from .fastspan import Bail

if TYPE_CHECKING:
    from .faststate import Fold
    from .lean import LeanEvent

_ONE_DAY = dt.timedelta(days=1)


def _whole(v: Any, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise Bail
    return v


def _add(f: Fold, d: dt.date, n: int) -> dt.date:
    rk = f.rk
    return rk.day(rk.rank(d) + n)


def lapse(f: Fold, t: dt.date) -> None:
    """fold._lapse: the applicant's period ended before day t, the request is deemed abandoned."""
    if f.susp is None or f.app_due is None or f.app_due >= t or f.closed is not None:
        return
    rule = f.susp[1]
    if rule.expiry_status is None:                       # (the loader requires it of every suspend)
        raise Bail
    f.closed = (rule.expiry_status, f.app_due + _ONE_DAY, rule.expiry_outcome)
    f.outcome = rule.expiry_outcome


def suspend(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    t = ev[1]
    due = f.due(t)
    voided = f.check(ev[0], t, f.facts_at(t, due)) if f.v.checks.get(ev[0]) else False
    if rule.applicant == "correction":
        f.corrections += 1
    if voided:
        return
    if rule.applicant == "payment":
        rank = f.rk.rank
        used = rank(t) - rank(f.start) - f.excluded(t)
        f.remaining = max(1, f.n + f.ext - used) if due is not None else None
    fields, rules = ev[2], f.v.rules
    n: int | None
    if rule.applicant_field and fields.get(rule.applicant_field) is not None:
        n = _whole(fields[rule.applicant_field])
    elif rule.applicant_parameter and rules.param(rule.applicant_parameter) is not None:
        n = rules.parameters[rule.applicant_parameter].value
    elif rule.applicant_period:
        n = rules.period(rule.applicant_period).workdays
    else:
        n = None
    if n:
        if not isinstance(n, int) or n < 0:
            raise Bail
        f.app_due = _add(f, fields.get("received") or t, n)
    else:
        f.app_due = None
    f.susp = ("correction" if rule.applicant == "correction" else "payment", rule, t)


def restart(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    susp = f.susp
    if susp is None or susp[1].type != rule.answers:
        if any(x.event == rule.answers and x.voids_effect for x in f.violations):
            f.due(ev[1])                                 # the plain clock works it out for its trace
            return                                       # answers a notice that had no effect
        raise Bail
    rules = f.v.rules
    mode = rules.param(rule.parameter) if rule.parameter else "restart"
    f.susp, f.app_due = None, None
    f.start, f.fixed, f.ext = ev[1], None, 0
    if mode == "resume" and f.remaining is not None:
        f.n = f.remaining
    else:
        if rule.period is None:
            raise Bail
        f.n = rules.period(rule.period).workdays
    f.due(ev[1])


def pause(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    t, party = ev[1], ev[2].get("party")
    pr = rule.parties.get(party) if isinstance(party, str) else None
    if pr is None:
        raise Bail
    due = f.due(t)
    if f.v.checks.get(ev[0]):
        f.check(ev[0], t, f.facts_at(t, due))
    f.ver += 1
    if pr.effect == "record":
        f.cons.append([party, t, None, False, None])
        return
    limit = None
    bound = f.v.bound
    if pr.period is not None and bound is not None and bound.value == "until_answer_or_limit":
        limit = _add(f, ev[2].get("received") or t, f.v.rules.period(pr.period).workdays)
    elif pr.period is not None and bound is None:
        raise Bail                                       # the plain clock reads a missing parameter: KeyError
    pauses = pr.effect == "pause"
    f.cons.append([party, t, limit, pauses, None])
    f.pausing += pauses
    f.nopen += pauses


def resume(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    party = ev[2].get("party")
    for c in f.cons:
        if c[0] == party and c[4] is None:
            c[4] = ev[1]
            f.ver += 1
            f.nopen -= c[3]
            f.due(ev[1])
            return
    raise Bail


def extend(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    t = ev[1]
    k = _whole(ev[2].get("workdays"))
    if rule.cap is None:
        raise Bail
    cap = f.v.periods[rule.cap]
    due = f.due(t)
    if f.v.checks.get(ev[0]):
        facts = f.facts_at(t, due)
        facts.update(extension_total=f.ext + k, extension_cap=cap)
        if f.check(ev[0], t, facts):
            return
    f.ext += max(0, min(k, cap - f.ext))
    f.due(t)


def set_due(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    t, due = ev[1], ev[2].get("due")
    if not isinstance(due, dt.date) or due < t:
        raise Bail
    in_force = f.due(t)
    if f.v.checks.get(ev[0]) and f.check(ev[0], t, f.facts_at(t, in_force)):
        return
    if in_force is not None and due <= in_force:
        return
    f.fixed = due


def close(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    t, fields = ev[1], ev[2]
    due = f.due(t)
    outcome = fields.get("outcome")
    if rule.status == "answered" and outcome is not None:
        _check_outcome(f, outcome, fields.get("reason"))
    if f.v.checks.get(ev[0]):
        f.check(ev[0], t, f.facts_at(t, due))
    if rule.status is None:
        raise Bail
    f.closed, f.closing_due = (rule.status, t, outcome), due
    if rule.status == "answered":
        f.outcome = None if outcome is None else str(outcome)
        f.reason = fields.get("reason")
    elif rule.status == "withdrawn":
        f.outcome = "withdrawn"


def _check_outcome(f: Fold, outcome: Any, reason: Any) -> None:
    """effects._check_outcome: an outcome and reason the version knows, else the plain clock's error."""
    cat = f.v.catalogue
    if cat is None:
        return
    code = str(outcome)
    if code not in cat.outcomes:
        raise Bail
    if (cat.outcomes[code].by_reason or reason is not None) and (not isinstance(reason, str)
                                                                 or reason not in cat.reasons):
        raise Bail


def record(f: Fold, ev: LeanEvent, rule: EventRule) -> None:
    """No effect on the clock (the plain clock works out the due date for its trace)."""
    f.due(ev[1])


EFFECTS_FAST: dict[str, Callable[[Fold, LeanEvent, EventRule], None]] = {
    "suspend": suspend, "restart": restart, "pause": pause, "resume": resume, "extend": extend,
    "set": set_due, "close": close, "record": record,
}
