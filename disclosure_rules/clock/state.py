"""The state of one request's clock while its events are folded over it.

Every attribute is declared here; the effect handlers (``effects.py``) are
the only code that changes it.  ``due()`` is the due date in force as known
on a day: the reply period counted from ``start`` (Art. 33(2)), lengthened
by extensions and by the working days consultations exclude, or the date
the agency fixed under Art. 35; None while the agency's clock is stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from ..basis import Basis
from ..calendar import Calendar
from ..case import Case, Event
from ..reprs import SharedRepr
from ..result import Step, Violation
from ..rulebook import EventRule, Rules
from .exclusions import Exclusions, Intervals
from .narration import Message, Said
from .prepared import Prepared


@attrs.frozen(repr=False)
class Suspension(SharedRepr):
    """The agency's clock is stopped while the applicant corrects or pays (Art. 30; fee measures)."""

    kind: str                      # correction | payment
    rule: EventRule                # the suspending rule
    since: dt.date


@attrs.frozen(repr=False)
class Closure(SharedRepr):
    status: str                    # answered | withdrawn | abandoned
    day: dt.date
    outcome: str | None


@attrs.define(slots=True, repr=False)
class ClockState(SharedRepr):
    prepared: Prepared
    cal: Calendar
    case: Case
    received: dt.date
    start: dt.date
    n: int                                         # working days of the period running from start
    as_of: dt.date
    exclusions: Exclusions
    steps: list[Step] | None                       # None: no trace asked for
    ext: int = 0                                   # extension granted (Art. 33(2)), at most the cap
    fixed_due: dt.date | None = None               # the date the agency fixed (Art. 35)
    suspended: Suspension | None = None
    applicant_due: dt.date | None = None
    closed: Closure | None = None
    closing_due: dt.date | None = None
    corrections: int = 0                           # correction notices sent (Art. 30: once)
    remaining_at_fee: int | None = None
    outcome: str | None = None
    outcome_reason: str | None = None
    violations: list[Violation] = attrs.field(factory=list)
    # ((version, start, n), due): the last answer of due()
    _due_memo: tuple[tuple[int, dt.date, int], dt.date] | tuple[()] = ()

    @property
    def rules(self) -> Rules:
        return self.prepared.rules

    def due(self, t: dt.date, intervals: Intervals | None = None) -> dt.date | None:
        """The due date in force as known on day t (None while suspended)."""
        if self.suspended is not None:
            return None
        if self.fixed_due is not None:
            return self.fixed_due
        n, start = self.n + self.ext, self.start
        if intervals is not None:
            return intervals.due(start, self._days(start, n), self.cal)
        iv = self.exclusions.at(t)
        key = (self.exclusions.version, start, n)
        if self._due_memo and self._due_memo[0] == key:
            return self._due_memo[1]                 # nothing the due date depends on has changed
        due = iv.due(start, self._days(start, n), self.cal)
        self._due_memo = (key, due)
        return due

    def _days(self, start: dt.date, n: int) -> int:
        """Working days to count after ``start`` (one fewer when the first day counts and is a working day)."""
        return n - 1 if self.prepared.start_day_counts and self.cal.is_workday(start) else n

    def excluded_workdays(self, t: dt.date) -> int:
        return self.exclusions.at(t).excluded_after(self.start, self.cal)

    def say(self, ev: Event | None, date: dt.date, kind: str, message: Message, basis: Iterable[Basis],
            due: dt.date | None = None, note: str = "") -> None:
        """Add a trace step (only when a trace was asked for); ``message`` is ``narration.said(...)``."""
        if self.steps is not None:
            key, values = message
            self.steps.append(Step(date, kind, note, due, self.applicant_due, tuple(dict.fromkeys(basis)),
                                   narration=Said(key, tuple(values.items()))))
