"""Period arithmetic of a regime: one function per unit over a moment.

Minute regimes count on :class:`~disclosure_rules.calendar.worktime.WorkingTime`
(office hours on the working-day calendar); day regimes on the calendar's
working days.  Units: ``minutes`` and ``clock_hours`` (7x24), ``working_minutes``
and ``working_hours`` (office time), ``working_days`` (a convention says what
n working days from a moment mean), ``calendar_days`` (with an optional
roll-over to the next working day when the last day is a rest day).
``direction: before`` counts backwards from the anchor (a deadline before a
hearing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, cast, overload

import attrs

from ..errors import InputError, RuleFileError
from ..messages import message
from ..reprs import SharedRepr

if TYPE_CHECKING:
    from ..calendar.days import Calendar
    from ..calendar.worktime import WorkingTime

ROLLOVERS = ("none", "next_workday")

# a datetime (minute regimes) or a date (day regimes): a datetime is a date
Moment: TypeAlias = dt.date


@attrs.frozen(repr=False)
class TimeBase(SharedRepr):
    """What a regime's periods count on: the calendar and, for minute regimes, office hours."""

    resolution: str
    calendar: Calendar
    working: WorkingTime | None = None          # minute regimes only

    def add(self, t: Moment, unit: str, n: int, convention: str | None = None, rollover: str | None = None,
            direction: str = "after") -> Moment:
        dirn = -1 if direction == "before" else 1
        fn = _UNITS[unit]
        try:
            return fn(self, t, n, dirn, convention or "same_time", rollover or "none")
        except OverflowError:
            raise InputError(message("periods.out_of_range_before" if dirn < 0 else "periods.out_of_range_after",
                                     n=n, unit=unit, moment=str(t))) from None

    @overload
    def fmt(self, t: None) -> None: ...

    @overload
    def fmt(self, t: Moment) -> str: ...

    @overload
    def fmt(self, t: Moment | None) -> str | None: ...

    def fmt(self, t: Moment | None) -> str | None:
        if t is None:
            return None
        return t.isoformat() if self.resolution == "day" else t.strftime("%Y-%m-%dT%H:%M")

    def late_by(self, due: Moment, t: Moment) -> int:
        """Minutes (minute regimes) or days (day regimes) from ``due`` to ``t``; 0 when not after."""
        if t <= due:
            return 0
        if self.resolution == "day":
            return (t - due).days
        return int((t - due).total_seconds() // 60)


def _need_minutes(tb: TimeBase, unit: str) -> None:
    if tb.resolution != "minute":
        raise RuleFileError("", None, message("periods.needs_minutes", unit=unit))


def _clock(tb: TimeBase, t: Moment, n: int, dirn: int, conv: str, roll: str, per: int = 1,
           unit: str = "minutes") -> Moment:
    _need_minutes(tb, unit)
    return t + dt.timedelta(minutes=dirn * n * per)


def _working(tb: TimeBase, t: Moment, n: int, dirn: int, conv: str, roll: str, per: int = 1,
             unit: str = "working_minutes") -> Moment:
    _need_minutes(tb, unit)
    if dirn < 0:
        raise RuleFileError("", None, message("periods.time_backwards"))
    return _office(tb).add(cast(dt.datetime, t), n * per)


def _workdays(tb: TimeBase, t: Moment, n: int, dirn: int, conv: str, roll: str) -> Moment:
    if tb.resolution == "day":
        return tb.calendar.add(t, dirn * n) if n else t
    if dirn < 0:
        raise RuleFileError("", None, message("periods.days_backwards"))
    return _office(tb).add_workdays(cast(dt.datetime, t), n, conv) if n else t


def _calendar_days(tb: TimeBase, t: Moment, n: int, dirn: int, conv: str, roll: str) -> Moment:
    if roll not in ROLLOVERS:
        raise RuleFileError("", None, message("periods.rollover", name=str(roll), known=list(ROLLOVERS)))
    due = t + dt.timedelta(days=dirn * n)
    if roll == "next_workday":
        d = due if tb.resolution == "day" else cast(dt.datetime, due).date()
        if not tb.calendar.is_workday(d):
            moved = tb.calendar.add(d, 1 if dirn > 0 else -1)
            due = moved if tb.resolution == "day" else dt.datetime.combine(moved, cast(dt.datetime, due).time())
    return due


def _office(tb: TimeBase) -> WorkingTime:
    """The office hours of a minute regime (its rule files name them: checked when loaded)."""
    return cast("WorkingTime", tb.working)


_UnitCount = Callable[[TimeBase, Moment, int, int, str, str], Moment]
_UNITS: dict[str, _UnitCount] = {
    "minutes": _clock,
    "clock_hours": lambda tb, t, n, s, c, r: _clock(tb, t, n, s, c, r, 60, "clock_hours"),
    "working_minutes": _working,
    "working_hours": lambda tb, t, n, s, c, r: _working(tb, t, n, s, c, r, 60, "working_hours"),
    "working_days": _workdays,
    "calendar_days": _calendar_days,
}
