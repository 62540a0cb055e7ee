"""Working time: office hours (dated schedules in data) on the working-day calendar.

An office-hours file (``calendars/hours/<name>.yaml``) names the working-day
calendar it sits on and lists *schedules*: the opening periods of a working
day (``08:30-12:00``, ``14:30-18:00``), each with its basis, optionally in
force only between two dates (``from`` / ``to``) or in a season recurring every
year (``season: {from: 05-01, to: 09-30}``, for summer and winter hours).  On a
day, a schedule with a season that contains it wins over one without; two
candidates of the same kind are a mistake in the file.

:class:`WorkingTime` answers in O(log n) from an index of cumulative working
minutes per day (a bisection over the days, then the day's few periods):

* ``add(t, minutes)``: the earliest moment at which ``minutes`` working minutes
  have passed since ``t``.  A start outside office hours counts from the next
  opening; a due time exactly at a closing is that closing (09:00 + 3h = 12:00);
* ``count(a, b)``: the working minutes in ``(a, b]``;
* ``add_workdays(t, n, convention)``: n working days from a moment, under a
  named convention (``same_time`` or ``end_of_day``).

Clock time (7x24, 《办法》's "3小时") is :func:`add_clock`, a different period.
Moments are naive ``datetime`` values in Beijing time at minute resolution.
A moment on a day the calendar or the schedules do not cover raises
:class:`~disclosure_rules.errors.CalendarCoverageError`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import attrs

from ..errors import CalendarCoverageError, InputError, RuleFileError, UnknownNameError
from ..messages import Text, message
from ..reprs import SharedRepr
from .days import Calendar
from .hours import OfficeHours, Schedule

WORKDAY_CONVENTIONS = ("same_time", "end_of_day")

# extra folders searched before the bundled ones: one folder or several
SearchPath = str | Path | Iterable[str | Path] | None


@attrs.frozen(eq=False, repr=False)
class WorkingTime(SharedRepr):
    """Office hours on a calendar, indexed: ``cum[i]`` is the working minutes
    before day ``first_day + i``."""

    hours: OfficeHours
    calendar: Calendar
    first_day: dt.date = attrs.field(init=False)
    last_day: dt.date = attrs.field(init=False)
    # day index -> its Schedule, or None (not a workday)
    _day_schedule: list[Schedule | None] = attrs.field(init=False, repr=False)
    _cum: list[int] = attrs.field(init=False, repr=False)            # len n + 1

    def __attrs_post_init__(self) -> None:
        cal = self.calendar
        days: list[Schedule | None] = []
        d = cal.first_day
        while d <= cal.last_day and self.hours.schedule_on(d) is None:
            d += dt.timedelta(days=1)
        first = d
        while d <= cal.last_day and (s := self.hours.schedule_on(d)) is not None:
            days.append(s if cal.covers(d) and cal.is_workday(d) else None)
            d += dt.timedelta(days=1)
        if not days:
            raise RuleFileError(self.hours.path, 1, message("worktime.no_schedule", calendar=cal.id))
        if d <= cal.last_day and any(self.hours.schedule_on(x) for x in _days(d, cal.last_day)):
            raise RuleFileError(self.hours.path, 1, message("worktime.schedule_gap", day=d))
        cum = [0]
        for s in days:
            cum.append(cum[-1] + (s.minutes if s else 0))
        object.__setattr__(self, "first_day", first)
        object.__setattr__(self, "last_day", first + dt.timedelta(days=len(days) - 1))
        object.__setattr__(self, "_day_schedule", days)
        object.__setattr__(self, "_cum", cum)

    @property
    def id(self) -> str:
        return self.hours.id

    # -- positions: working minutes since the start of the index --------------
    def _i(self, d: dt.date, what: str | None = None, what_zh: str | None = None) -> int:
        i = d.toordinal() - self.first_day.toordinal()
        if i < 0 or i >= len(self._day_schedule):
            raise CalendarCoverageError(d, f"{self.calendar.id}+{self.id}", self.first_day, self.last_day,
                                        what, what_zh)
        return i

    def position(self, t: dt.datetime) -> int:
        """Working minutes in [first_day 00:00, t]."""
        i = self._i(t.date())
        s = self._day_schedule[i]
        if s is None:
            return self._cum[i]
        m = t.hour * 60 + t.minute
        return self._cum[i] + sum(min(max(m - a, 0), b - a) for a, b in s.periods)

    def at_position(self, p: int, what: str | None = None, what_zh: str | None = None) -> dt.datetime:
        """The earliest moment whose position is ``p`` (0 < p <= total)."""
        if p > self._cum[-1]:
            raise CalendarCoverageError(self.last_day + dt.timedelta(days=1), f"{self.calendar.id}+{self.id}",
                                        self.first_day, self.last_day, what, what_zh)
        i = bisect.bisect_left(self._cum, p) - 1      # cum[i] < p <= cum[i + 1]
        rem, day = p - self._cum[i], self.first_day + dt.timedelta(days=i)
        # cum[i] < cum[i + 1]: day i has office hours, so a schedule
        for a, b in cast(Schedule, self._day_schedule[i]).periods:
            if rem <= b - a:
                return _at(day, a + rem)
            rem -= b - a
        raise AssertionError("unreachable: the index and the day's periods disagree")  # pragma: no cover

    # -- the arithmetic ----------------------------------------------------------
    def add(self, t: dt.datetime, minutes: int) -> dt.datetime:
        """The earliest moment by which ``minutes`` working minutes have passed since ``t``."""
        _check_minutes(minutes)
        if minutes == 0:
            self.position(t)
            return t
        due = self.at_position(self.position(t) + minutes,
                               *message("worktime.what.minutes_from", n=minutes, start=fmt(t)))
        self._check_gaps(t.date(), due.date())
        return due

    def count(self, a: dt.datetime, b: dt.datetime) -> int:
        """Working minutes in ``(a, b]``; negative when ``b < a``."""
        self._check_gaps(min(a, b).date(), max(a, b).date())
        return self.position(b) - self.position(a)

    def add_workdays(self, t: dt.datetime, n: int, convention: str = "same_time") -> dt.datetime:
        """n working days from the moment ``t``.

        ``same_time``: the moment on the n-th working day after the day work
        starts (``t``, or the next opening) that has as many working minutes of
        its day behind it as the start had; ``end_of_day``: the last closing of
        the n-th working day strictly after the date of ``t``."""
        if convention not in WORKDAY_CONVENTIONS:
            raise InputError(message("worktime.unknown_convention", name=convention, known=list(WORKDAY_CONVENTIONS)))
        cal = self.calendar
        if convention == "end_of_day":
            d = cal.add(t.date(), n)
            i = self._i(d)
            return self.at_position(self._cum[i + 1])
        p = self.position(t)
        i = bisect.bisect_right(self._cum, p) - 1          # the day work starts: cum[i] <= p < cum[i + 1]
        if i >= len(self._day_schedule):
            raise CalendarCoverageError(self.last_day + dt.timedelta(days=1), f"{self.calendar.id}+{self.id}",
                                        self.first_day, self.last_day)
        end = cal.add(self.first_day + dt.timedelta(days=i), n)
        j = self._i(end, *message("worktime.what.days_from", n=n, start=fmt(t)))
        return self.at_position(self._cum[j] + min(p - self._cum[i], self._cum[j + 1] - self._cum[j]))

    def is_open(self, t: dt.datetime) -> bool:
        """Whether ``t`` lies inside an opening period (closing moment excluded)."""
        s = self._day_schedule[self._i(t.date())]
        m = t.hour * 60 + t.minute
        return s is not None and any(a <= m < b for a, b in s.periods)

    def period_ends(self, d: dt.date) -> tuple[dt.datetime, ...]:
        """The closing moments of the periods of day ``d`` (none on a rest day)."""
        s = self._day_schedule[self._i(d)]
        return tuple(_at(d, b) for _, b in s.periods) if s else ()

    def schedule(self, d: dt.date) -> Schedule | None:
        return self._day_schedule[self._i(d)]

    def provisional(self, a: dt.datetime, b: dt.datetime) -> bool:
        return self.calendar.provisional(a.date(), b.date())

    def _check_gaps(self, lo: dt.date, hi: dt.date) -> None:
        for ga, gb in self.calendar.gaps:
            if ga <= hi and gb >= lo:
                self.calendar.count(lo - dt.timedelta(days=1), hi)     # raises with the gap named

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.hours.title, "calendar": self.calendar.id,
                "first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat(),
                "schedules": [s.to_dict() for s in self.hours.schedules], "assumption": self.hours.assumption}


def add_clock(t: dt.datetime, minutes: int) -> dt.datetime:
    """Clock time (7x24 hours): ``t`` plus ``minutes``, whatever the day."""
    _check_minutes(minutes)
    return t + dt.timedelta(minutes=minutes)


# ----------------------------------------------------------------------------- text forms

def fmt(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


def parse_moment(value: object, what: str | Text | None = None, error: type[InputError] = InputError) -> dt.datetime:
    """A Beijing-time moment written ``YYYY-MM-DDTHH:MM`` (a space instead of
    ``T`` and ``:00`` seconds are accepted); anything else raises ``error``.
    ``what`` names the value in the message (a code such as ``--as-of``, or a
    catalogue text)."""
    what = message("worktime.what.time") if what is None else what
    if isinstance(value, dt.datetime):
        if value.second or value.microsecond or value.tzinfo:
            raise error(message("worktime.not_to_the_minute", what=what, value=str(value)))
        return value
    if isinstance(value, str) and len(value) in (16, 19) and value[10] in "T ":
        try:
            t = dt.datetime.fromisoformat(value.replace(" ", "T"))
            if not t.second and t.tzinfo is None:
                return t
        except ValueError:
            pass
    raise error(message("worktime.not_a_time", what=what, value=str(value)))


def parse_duration(text: str) -> int:
    """``90min``, ``3h``, ``2h30min`` -> minutes."""
    import re
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)min)?", text.strip()) if isinstance(text, str) else None
    if not m or not (m.group(1) or m.group(2)):
        raise InputError(message("worktime.not_a_duration", text=str(text)))
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)


def _check_minutes(minutes: object) -> None:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        raise InputError(message("worktime.bad_minutes", value=repr(minutes)))


def _at(d: dt.date, minute: int) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day) + dt.timedelta(minutes=minute)


def _days(a: dt.date, b: dt.date) -> Iterator[dt.date]:
    while a <= b:
        yield a
        a += dt.timedelta(days=1)


# ----------------------------------------------------------------------------- files

def hours_dir() -> Path:
    from ..data import data_dir
    return data_dir("calendars") / "hours"


def available_hours(search_path: SearchPath = None) -> list[str]:
    return sorted({p.stem for root in _roots(search_path) if root.is_dir() for p in root.glob("*.yaml")})


def _roots(search_path: SearchPath) -> list[Path]:
    extra: list[str | Path] = [search_path] if isinstance(search_path, (str, Path)) else list(search_path or [])
    return [Path(p) for p in extra] + [hours_dir()]


def load_hours(name: str, search_path: SearchPath = None) -> OfficeHours:
    """Read and check the office-hours file ``name`` (searched in ``search_path`` first)."""
    if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
        raise UnknownNameError(message("worktime.not_a_name", name=str(name)))
    for root in _roots(search_path):
        p = root / f"{name}.yaml"
        if p.is_file():
            from .hours_file import load_hours_file
            return load_hours_file(p)
    raise UnknownNameError(message("worktime.unknown_hours", name=name, known=list(available_hours(search_path))))


def working_time(name: str, calendar: Calendar | None = None, *, search_path: SearchPath = None,
                 estimate_until: int | None = None) -> WorkingTime:
    """Office hours ``name`` on their calendar (or on ``calendar``), indexed."""
    if calendar is None and search_path is None:
        return _bundled(name, estimate_until)
    hours = load_hours(name, search_path)
    if calendar is None:
        from .files import load_calendar
        calendar = load_calendar(hours.calendar, estimate_until=estimate_until)
    return WorkingTime(hours, calendar)


@functools.lru_cache(maxsize=16)
def _bundled(name: str, estimate_until: int | None) -> WorkingTime:
    from .files import load_calendar
    hours = load_hours(name)
    return WorkingTime(hours, load_calendar(hours.calendar, estimate_until=estimate_until))

