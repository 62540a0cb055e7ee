"""The standing on ``as_of`` and the :class:`Result` of the fast batch path (``assemble.result_of``, no trace)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..result import Result
from .fastspan import Bail

if TYPE_CHECKING:
    from .faststate import Fold


def _open(f: Fold) -> tuple[str, dt.date | None, dt.date | None, int | None, int | None]:
    """assemble._open: (status, due, due_at_latest, workdays_left, late) of a request whose clock runs."""
    as_of, rank = f.as_of, f.rk.rank
    open_now = [c for c in f.cons if c[4] is None and c[3] and (c[2] is None or c[2] >= as_of)]
    due = f.due(as_of)
    if due is None:
        raise Bail
    if open_now and due >= as_of:
        latest = None
        if all(c[2] is not None for c in open_now):
            latest = f.due(max(c[2] for c in open_now), at_limits=True)
        return "paused", None, latest, None, None
    if as_of > due:
        late = rank(as_of) - rank(due)
        f.check("as_of", as_of, {"workdays_past_due": late})
        return "overdue", due, None, None, late
    return "running", due, None, rank(due) - rank(as_of), None


def result_of(f: Fold) -> Result:
    closed, rank = f.closed, f.rk.rank
    due = at_latest = left = late = closed_on = None
    if closed is not None:
        status, closed_on = closed[0], closed[1]
        if status != "abandoned":
            due = f.closing_due
            if status == "answered" and due is not None and closed_on > due:
                late = rank(closed_on) - rank(due)
    elif f.susp is not None:
        status = "awaiting_correction" if f.susp[0] == "correction" else "awaiting_payment"
    else:
        status, due, at_latest, left, late = _open(f)
    last = f.rk.official_last_day
    provisional = f.as_of > last or (due is not None and due > last) or (at_latest is not None and at_latest > last) \
        or (f.app_due is not None and f.app_due > last)
    v = f.v
    excluded = f.excluded(f.as_of) if closed is None else None
    applicant_due = f.app_due if f.susp is not None else None
    return Result(f.cid, f.received, f.channel, v.main.id, v.prep.versions, None, f.rk.cal.id, f.as_of, status,
                  due, at_latest, left, late, applicant_due, f.start, f.n, f.ext, excluded, closed_on, f.outcome,
                  f.reason, v.report_row(f.outcome, f.reason), f.applicant, tuple(f.violations), (), provisional,
                  v.prep.provenance(f.rk.cal))
