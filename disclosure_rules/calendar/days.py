"""Working-day arithmetic on the official calendar.

A :class:`Calendar` is built once from calendar data (see
:mod:`disclosure_rules.calendar.files`) and answers in O(1) per call from an
index of cumulative working days:

* ``add(d, n)``: the n-th working day strictly after ``d`` (the start day
  never counts, whatever kind of day it is); negative ``n`` counts backwards;
* ``count(a, b)``: the working days in ``(a, b]``;
* ``is_workday(d)``, ``next_workday(d)``, ``previous_workday(d)``;
* ``add_many`` / ``count_many``: the same for many dates at once;
* ``explain_add`` / ``explain_count``: the skipped days and the make-up
  working days (调休上班) counted, each with its reason and notice.

Any question whose answer needs a day outside the covered years raises
:class:`~disclosure_rules.errors.CalendarCoverageError`.  Years estimated on
request (statutory holidays from the ``holidays`` package, no make-up days)
are covered, but every answer touching them reports ``provisional``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from ..errors import CalendarCoverageError, InputError
from ..messages import Text, message, render
from ..reprs import SharedRepr

if TYPE_CHECKING:
    from .many import Counts, Dates, ManyCounts, ManyDates

# the weekday (Monday = 0) -> the message naming it
_WEEKDAYS = ("days.weekday.monday", "days.weekday.tuesday", "days.weekday.wednesday", "days.weekday.thursday",
             "days.weekday.friday", "days.weekday.saturday", "days.weekday.sunday")
# the kind of a day -> the message giving its reason
_REASONS = {"weekday": "days.reason.weekday", "weekend": "days.reason.weekend", "day_off": "days.reason.day_off",
            "make_up_workday": "days.reason.make_up_workday",
            "estimated_make_up_workday": "days.reason.estimated_make_up_workday"}


@attrs.frozen(repr=False)
class Notice(SharedRepr):
    """The official document a year's arrangement comes from."""

    doc_no: str
    title: str
    dated: dt.date | None = None
    layer: str = "cn"
    sources: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc_no": self.doc_no, "title": self.title,
                "dated": self.dated.isoformat() if self.dated else None, "layer": self.layer}


@attrs.frozen(repr=False)
class DayInfo(SharedRepr):
    """What a day is and why.

    ``kind`` is ``weekday`` (an ordinary working day), ``weekend`` (an
    ordinary rest day), ``day_off`` (a weekday or weekend made a day off by a
    notice), ``make_up_workday`` (a weekend day made a working day, 调休上班),
    or, for a year whose notice is not in the data, ``estimated_day_off`` /
    ``estimated_make_up_workday`` (from the arrangement principles, see
    :mod:`.estimate`).
    """

    date: dt.date
    workday: bool
    kind: str
    name: str | None = None
    notice: str | None = None
    layer: str | None = None
    estimated: bool = False

    def reason(self, lang: str = "en") -> str:
        week = render(_WEEKDAYS[self.date.weekday()], lang, {})
        return render(_REASONS.get(self.kind, "days.reason.estimated_day_off"), lang,
                      {"week": week, "name": str(self.name), "notice": str(self.notice)})

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"date": self.date.isoformat(), "workday": self.workday, "kind": self.kind,
                "name": self.name, "notice": self.notice, "layer": self.layer,
                "estimated": self.estimated, "reason": self.reason(lang)}


@attrs.frozen(repr=False)
class Span(SharedRepr):
    """The explanation of ``add`` or ``count``: the interval ``(start, end]``."""

    start: dt.date
    end: dt.date
    workdays: int
    skipped: tuple[DayInfo, ...]
    make_up_days: tuple[DayInfo, ...]
    provisional: bool

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "workdays": self.workdays, "provisional": self.provisional,
                "skipped": [d.to_dict(lang) for d in self.skipped],
                "make_up_days": [d.to_dict(lang) for d in self.make_up_days]}


@attrs.frozen(eq=False, repr=False)
class Calendar(SharedRepr):
    """An official working-day calendar with its index.  Build with
    :func:`disclosure_rules.load_calendar`, or :meth:`from_days` for tests."""

    id: str
    title: str
    first_day: dt.date
    last_day: dt.date                      # last covered day, estimates included
    official_last_day: dt.date             # last day of a published arrangement
    weekend: frozenset[int]
    deviations: dict[dt.date, DayInfo] = attrs.field(repr=False)          # date -> DayInfo (non-default days)
    notices: tuple[Notice, ...] = attrs.field(repr=False, default=())
    layers: tuple[str, ...] = ()
    data_version: str = ""
    gaps: tuple[tuple[dt.date, dt.date], ...] = ()                       # (first, last) day ranges inside the span with no data
    estimate: object = attrs.field(default=None, repr=False)  # estimate.Bounds of a provisional calendar
    _base: int = attrs.field(init=False, repr=False)
    _cum: list[int] = attrs.field(init=False, repr=False)       # cum[i]: workdays in [first_day, first_day+i]
    _workdays: list[int] = attrs.field(init=False, repr=False)  # ordinals of working days, ascending
    _np: tuple[Any, Any, int] | None = attrs.field(init=False, repr=False, default=None)  # numpy index, built on first batch call

    def __attrs_post_init__(self) -> None:
        # whole numbers only (ordinals; the weekday of ordinal o is (o - 1) % 7, Monday 0),
        # no date object per day, the weekdays repeated a week at a time: the index of 20 years in under 1 ms
        base = self.first_day.toordinal()
        n = self.last_day.toordinal() - base + 1
        week = [(base + i - 1) % 7 not in self.weekend for i in range(7)]   # from the first day's weekday on
        ok = (week * (n // 7 + 1))[:n]
        for d, info in self.deviations.items():
            i = d.toordinal() - base
            if 0 <= i < n:
                ok[i] = info.workday
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_cum", list(itertools.accumulate(ok, initial=0))[1:])
        object.__setattr__(self, "_workdays", list(itertools.compress(range(base, base + n), ok)))

    # -- construction for tests and estimates ---------------------------------
    @classmethod
    def from_days(cls, id: str, first_day: dt.date, last_day: dt.date, days_off: Iterable[dt.date] = (),
                  make_up_days: Iterable[dt.date] = (), weekend: Iterable[int] = (5, 6)) -> Calendar:
        dev = {d: DayInfo(d, False, "day_off", "day off", "-", id) for d in days_off}
        dev.update({d: DayInfo(d, True, "make_up_workday", "make-up day", "-", id) for d in make_up_days})
        return cls(id=id, title=id, first_day=first_day, last_day=last_day, official_last_day=last_day,
                   weekend=frozenset(weekend), deviations=dev, layers=(id,))

    # -- coverage ---------------------------------------------------------------
    def covers(self, d: dt.date) -> bool:
        return self.first_day <= d <= self.last_day and not any(a <= d <= b for a, b in self.gaps)

    def _check_gaps(self, lo: dt.date, hi: dt.date, what: str | None = None, what_zh: str | None = None) -> None:
        """Raise if a day in (lo, hi] falls in a year without data."""
        for a, b in self.gaps:
            if a <= hi and b > lo:
                raise CalendarCoverageError(max(a, lo + dt.timedelta(days=1)), self.id, self.first_day,
                                            self.last_day, what, what_zh, gap=(a, b))

    def is_estimated(self, d: dt.date) -> bool:
        """True when ``d`` lies in a year estimated on request (no official notice), or is a
        day an estimated year's arrangement would change (a make-up day before 1 January)."""
        if d > self.official_last_day:
            return True
        info = self.deviations.get(d)
        return info is not None and info.estimated

    @property
    def provisional_from(self) -> dt.date | None:
        """First estimated day, or None when the calendar holds official data only."""
        if self.last_day <= self.official_last_day:
            return None
        first = self.official_last_day + dt.timedelta(days=1)
        if self.estimate is not None:
            first = min([first] + [d for d, i in self.deviations.items() if i.estimated and d < first])
        return first

    def provisional(self, a: dt.date, b: dt.date) -> bool:
        """Whether an answer about the days in ``(a, b]`` used an estimated day."""
        start = self.provisional_from
        return start is not None and max(a, b) >= start

    def _uncovered(self, d: dt.date, what: str | None = None, what_zh: str | None = None) -> CalendarCoverageError:
        return CalendarCoverageError(d, self.id, self.first_day, self.last_day, what, what_zh)

    def _index(self, d: dt.date) -> int:
        i = d.toordinal() - self._base
        if i < 0 or i >= len(self._cum):
            raise self._uncovered(d)
        if self.gaps:
            self._check_gaps(d - dt.timedelta(days=1), d)
        return i

    def _rank(self, d: dt.date) -> int:
        """Working days in [first_day, d]; the day before coverage has rank 0."""
        i = d.toordinal() - self._base
        if i == -1:
            return 0
        if i < 0 or i >= len(self._cum):
            raise self._uncovered(d)
        return self._cum[i]

    # -- scalar questions -------------------------------------------------------
    def is_workday(self, d: dt.date) -> bool:
        i = self._index(d)
        return self._cum[i] != (self._cum[i - 1] if i else 0)

    def day(self, d: dt.date) -> DayInfo:
        """The kind of ``d`` and the reason (festival name and notice)."""
        self._index(d)
        info = self.deviations.get(d)
        if info is not None:
            return info
        if d.weekday() in self.weekend:
            return DayInfo(d, False, "weekend")
        return DayInfo(d, True, "weekday")

    def add(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``d`` (n > 0), strictly before
        ``d`` (n < 0), or ``d`` itself (n == 0)."""
        if n == 0:
            self._rank(d)
            return d
        r = self._rank(d)
        if n > 0:
            k = r + n - 1
        else:
            if d.toordinal() - self._base >= 0 and self.is_workday(d):
                r -= 1
            k = r + n
        w = self._workdays
        if k < 0:
            raise self._uncovered(self.first_day - dt.timedelta(days=1),
                                  *message("days.what.before", nth=Text(_ordinal(-n), str(-n)), day=d))
        if k >= len(w):
            raise self._uncovered(self.last_day + dt.timedelta(days=1),
                                  *message("days.what.after", nth=Text(_ordinal(n), str(n)), day=d))
        day = dt.date.fromordinal(w[k])
        if self.gaps:
            lo, hi = (d, day) if day > d else (day - dt.timedelta(days=1), d)
            self._check_gaps(lo, hi, *message("days.what.counting", n=n, day=d))
        return day

    def count(self, a: dt.date, b: dt.date) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``."""
        if self.gaps:
            self._check_gaps(min(a, b), max(a, b))
        return self._rank(b) - self._rank(a)

    def next_workday(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d``."""
        return self.add(d, 1)

    def previous_workday(self, d: dt.date) -> dt.date:
        """The last working day strictly before ``d``."""
        return self.add(d, -1)

    def on_or_after(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the next working day."""
        return d if self.is_workday(d) else self.add(d, 1)

    # -- batch questions (calendar/many.py) -------------------------------------
    def add_many(self, dates: Dates, n: Counts, errors: str = "raise") -> ManyDates:
        """``add`` for many dates (a sequence of ``date`` or a numpy
        ``datetime64[D]`` array) and one ``n`` or a sequence of them (n >= 1).
        Returns a list of dates, or a ``datetime64[D]`` array for array input.
        ``errors="raise"``: the first bad entry's error, naming its index;
        ``errors="mask"``: masked answers there (None in a list)."""
        from .many import add_many
        return add_many(self, dates, n, errors)

    def count_many(self, starts: Dates, ends: Dates, errors: str = "raise") -> ManyCounts:
        """``count`` for pairs of dates: a list of ints, or an int64 array for array input
        (``errors`` as for :meth:`add_many`)."""
        from .many import count_many
        return count_many(self, starts, ends, errors)

    # -- explanations -----------------------------------------------------------
    def explain_count(self, a: dt.date, b: dt.date) -> Span:
        """The working days in ``(a, b]`` with every skipped day and every
        make-up working day counted, each with its reason."""
        lo, hi = (a, b) if a <= b else (b, a)
        n = self.count(lo, hi)
        skipped: list[DayInfo] = []
        makeup: list[DayInfo] = []
        d = lo + dt.timedelta(days=1)
        while d <= hi:
            info = self.day(d)
            if not info.workday:
                skipped.append(info)
            elif info.kind == "make_up_workday":
                makeup.append(info)
            d += dt.timedelta(days=1)
        return Span(lo, hi, n if a <= b else -n, tuple(skipped), tuple(makeup), self.provisional(lo, hi))

    def explain_add(self, d: dt.date, n: int) -> Span:
        """``add(d, n)`` (n >= 1) with the days skipped on the way."""
        if n < 1:
            _bad_n(n)
        return self.explain_count(d, self.add(d, n))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "layers": list(self.layers),
                "first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat(),
                "official_last_day": self.official_last_day.isoformat(),
                "data_version": self.data_version,
                "notices": [n.doc_no for n in self.notices]}


def _bad_n(n: int) -> NoReturn:
    raise InputError(message("days.bad_n", n=n))


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
