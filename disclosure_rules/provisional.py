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
    listed = ", ".join(f"{d['date']} ({d['festival'] or '?'}: {d['likely']} in the likely arrangement)"
                       for d in days[:12]) + (" ..." if len(days) > 12 else "")
    listed_zh = "、".join(f"{d['date']}（{d['festival'] or '?'}，估计{'上班' if d['likely'] == 'working' else '放假'}）"
                         for d in days[:12]) + ("等" if len(days) > 12 else "")
    years = "、".join(str(y) for y in b.years)
    en = (f"provisional: the calendar of {years} is an estimate (no official notice yet); "
          + (f"{len(days)} day(s) not yet known: {listed}" if days else "no day this answer needs is in doubt"))
    zh = (f"临时结果：{years}年日历为估计（尚无官方通知）；"
          + (f"{len(days)}天的安排尚不确定：{listed_zh}" if days else "本结果所涉日期均无疑问"))
    if b.layers_not_estimated:
        lay = ", ".join(b.layers_not_estimated)
        en += f"; the regional days of {lay} for {years} are not estimated: the bounds cover the national arrangement only"
        zh += f"；{lay}的地方放假日未作估计：上下限只涵盖全国安排"
    lo, hi = due
    if lo is not None and hi is not None:           # both or neither: the bounds, or the likely due twice
        en += f"; due between {lo.isoformat()} and {hi.isoformat()}"
        zh += f"；答复期限在{lo.isoformat()}至{hi.isoformat()}之间"
    for n in notes:
        what_zh = {"status": "状态", "violations": "违法情形"}[n["what"]]
        en += f"; the {n['what']} differs: {n['earliest']} (earliest calendar) / {n['latest']} (latest)"
        zh += f"；两端日历下的{what_zh}不同：{n['earliest']} / {n['latest']}"
    return Step(r.as_of, "calendar_estimate", "provisional", r.due, r.applicant_due, (), en, zh)
