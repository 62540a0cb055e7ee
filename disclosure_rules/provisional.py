"""Provisional answers: evaluate a case on the likely calendar and on the two
extreme calendars of an estimate, and combine.

A calendar loaded with ``estimate_until`` carries
:class:`~disclosure_rules.calendar.estimate.Bounds` (``calendar.estimate``).
:func:`bounded` runs the clock three times -- likely (``due``), earliest
(the most working days) and latest (the fewest) -- and returns the likely
result with ``due_earliest`` / ``due_latest``, the applicant's due date
bounds, ``bounds`` for every date, the days whose status is not yet known
(``unknown_days``, also a last trace step) and, in ``provisional_notes``,
whatever else the two extremes disagree on (status, violations).  Why a
due date is monotone in the working-day set, and where that stops, is in
:mod:`disclosure_rules.calendar.estimate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from .calendar import Calendar
from .messages import Text, message
from .result import ProvisionalNote, Result, Step, UnknownDay

if TYPE_CHECKING:
    from .calendar.estimate import Bounds

_DATES = ("due", "due_at_latest", "applicant_due", "closed_on")


def bounded(run: Callable[[Calendar], Result], calendar: Calendar,
            reopened: Callable[[Calendar], Result] | None = None) -> Result:
    """``run(calendar) -> Result``; with an estimated calendar, the combined provisional result.

    ``reopened(calendar)`` runs the case with every late correction or payment taken as
    justified: where an extreme calendar lets the applicant's period lapse (the case is
    abandoned, no due date) and another does not, its due date on that calendar bounds the
    due dates of the arrangements where the case goes on (Art. 30; see
    :mod:`disclosure_rules.calendar.estimate`)."""
    likely = run(calendar)
    b = getattr(calendar, "estimate", None)
    if b is None:                                # not an estimated calendar (the estimator not imported)
        return likely
    from .calendar.estimate import Bounds
    if not isinstance(b, Bounds):
        return likely
    early, late = run(b.earliest), run(b.latest)
    results = (early, likely, late)
    bounds: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for f in _DATES:
        vals = [getattr(r, f) for r in results if getattr(r, f) is not None]
        if f == "due" and vals and reopened is not None:
            vals += [d for c, r in ((b.earliest, early), (b.latest, late)) if r.due is None
                     for d in (reopened(c).due,) if d is not None]
        if vals:
            bounds[f] = (min(vals), max(vals))
    ends = [d for r in results for d in (r.as_of, *(getattr(r, f) for f in _DATES)) if d is not None]
    unknown = b.unknown_days(likely.received - dt.timedelta(days=1), max(ends))
    if not unknown and not likely.provisional and early.due == late.due and early.status == late.status:
        return likely
    days = tuple(_unknown(calendar, b, d) for d in unknown)
    notes = _disagreements(early, late)
    due: tuple[dt.date | None, dt.date | None] = bounds.get("due", (None, None))
    app = bounds.get("applicant_due", (None, None)) if likely.applicant_due is not None else (None, None)
    if due[0] is None:
        due = (likely.due, likely.due)
    prov = dict(likely.provenance)
    prov["calendar"] = dict(prov.get("calendar", {}), estimate=b.to_dict(), data_version=calendar.data_version)
    trace = likely.trace + (_step(likely, days, notes, due, b),)
    return attrs.evolve(likely, provisional=True, due_earliest=due[0], due_latest=due[1],
                        applicant_due_earliest=app[0], applicant_due_latest=app[1], bounds=bounds,
                        unknown_days=days, provisional_notes=notes, trace=trace, provenance=prov)


def _unknown(calendar: Calendar, b: Bounds, d: dt.date) -> UnknownDay:
    info = calendar.day(d)
    other = b.latest.day(d) if info.workday else b.earliest.day(d)
    return {"date": d.isoformat(), "likely": "working" if info.workday else "off",
            "festival": info.name or other.name, "reason": info.reason("en"), "reason_zh": info.reason("zh")}


def _disagreements(early: Result, late: Result) -> tuple[ProvisionalNote, ...]:
    notes: list[ProvisionalNote] = []
    if early.status != late.status:
        notes.append({"what": "status", "earliest": early.status, "latest": late.status})
    ev, lv = {v.code for v in early.violations}, {v.code for v in late.violations}
    if ev != lv:
        notes.append({"what": "violations", "earliest": sorted(ev), "latest": sorted(lv)})
    return tuple(notes)


def _step(r: Result, days: Sequence[UnknownDay], notes: Sequence[ProvisionalNote],
          due: tuple[dt.date | None, dt.date | None], b: Bounds) -> Step:
    listed = [message("provisional.day", date=d["date"], festival=d["festival"] or "?",
                      likely=message("provisional.likely.working" if d["likely"] == "working"
                                     else "provisional.likely.off")) for d in days[:12]]
    more = message("provisional.more") if len(days) > 12 else Text("", "")
    years = "、".join(str(y) for y in b.years)
    parts = [message("provisional.head", years=years),
             message("provisional.unknown", n=len(days), listed=listed, more=more) if days
             else message("provisional.none_in_doubt")]
    if b.layers_not_estimated:
        parts.append(message("provisional.layers", layers=", ".join(b.layers_not_estimated), years=years))
    lo, hi = due
    if lo is not None and hi is not None:           # both or neither: the bounds, or the likely due twice
        parts.append(message("provisional.due_between", low=lo, high=hi))
    for n in notes:
        if n["what"] == "status":
            parts.append(message("provisional.status_differs", earliest=_status(n["earliest"]),
                                 latest=_status(n["latest"])))
        else:
            parts.append(message("provisional.violations_differs", earliest=str(n["earliest"]),
                                 latest=str(n["latest"])))
    return Step(r.as_of, "calendar_estimate", "provisional", r.due, r.applicant_due, (),
                "".join(p.en for p in parts), "".join(p.zh for p in parts))


def _status(status: object) -> Text:
    from .labels import status_label
    return Text(str(status), status_label(str(status), "zh"))
