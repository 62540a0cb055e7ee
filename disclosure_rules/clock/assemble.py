"""Where the request stands on ``as_of``: the status, the dates and the counts of the result."""

from __future__ import annotations

import datetime as dt
from typing import cast

import attrs

from ..reprs import SharedRepr
from ..result import Result
from ..rulefiles.outcomefiles import OutcomeCatalogue
from .checks import check
from .state import ClockState, Closure


@attrs.define(slots=True, repr=False)
class Standing(SharedRepr):
    status: str
    due: dt.date | None = None
    due_at_latest: dt.date | None = None
    workdays_left: int | None = None
    late: int | None = None
    closed_on: dt.date | None = None


def standing(s: ClockState) -> Standing:
    if s.closed is not None:
        return _closed(s, s.closed)
    if s.suspended is not None:
        return Standing("awaiting_correction" if s.suspended.kind == "correction" else "awaiting_payment")
    return _open(s)


def _closed(s: ClockState, closed: Closure) -> Standing:
    st = Standing(closed.status, closed_on=closed.day)
    if st.status != "abandoned":
        st.due = s.closing_due
        if st.status == "answered" and st.due is not None and closed.day > st.due:
            st.late = s.cal.count(st.due, closed.day)
    return st


def _open(s: ClockState) -> Standing:
    as_of, cal = s.as_of, s.cal
    open_now = [c for c in s.exclusions.items if c.answered is None and c.pauses
                and (c.limit is None or c.limit >= as_of)]
    due = s.due(as_of)
    assert due is not None                      # the clock runs: not suspended, not closed
    if open_now and due >= as_of:
        st = Standing("paused")
        limits = [c.limit for c in open_now if c.limit is not None]
        if len(limits) == len(open_now):
            latest = max(limits)
            st.due_at_latest = s.due(latest, s.exclusions.at_limits(latest))
        return st
    if as_of > due:                  # also: consulted after the period had run out, nothing left to pause
        late = cal.count(due, as_of)
        check(s, "as_of", as_of, {"workdays_past_due": late})
        return Standing("overdue", due=due, late=late)
    return Standing("running", due=due, workdays_left=cal.count(as_of, due))


def _report_row(s: ClockState) -> str | None:
    # RuleSet.outcomes is typed object in rulebook.py; it holds the folder's OutcomeCatalogue or None
    cat = cast("OutcomeCatalogue | None", s.rules.main.outcomes)
    if s.outcome is None or cat is None or s.outcome not in cat.codes():
        return None
    if cat.get(s.outcome).by_reason and s.outcome_reason not in cat.reasons:
        return None
    return cat.report_row(s.outcome, s.outcome_reason)


def result_of(s: ClockState) -> Result:
    st, cal, rules = standing(s), s.cal, s.rules
    provisional = any(cal.is_estimated(d) for d in (st.due, st.due_at_latest, s.applicant_due, s.as_of)
                      if d is not None)
    return Result(
        id=s.case.id, received=s.received, channel=s.case.receipt.channel,
        rules_version=rules.main.id, rules_applied=s.prepared.versions, local=s.case.local,
        calendar=cal.id, as_of=s.as_of, status=st.status, due=st.due, due_at_latest=st.due_at_latest,
        workdays_left=st.workdays_left, late_workdays=st.late,
        applicant_due=s.applicant_due if s.suspended is not None else None,
        period_start=s.start, period_workdays=s.n, extension_workdays=s.ext,
        excluded_workdays=s.excluded_workdays(s.as_of) if s.closed is None else None,
        closed_on=st.closed_on, outcome=s.outcome, outcome_reason=s.outcome_reason, report_row=_report_row(s),
        applicant=s.case.applicant, violations=tuple(s.violations),
        trace=tuple(s.steps) if s.steps is not None else (), provisional=provisional,
        provenance=s.prepared.provenance(cal))
