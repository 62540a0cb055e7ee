"""Consultations and the working days they exclude (Art. 33(3); 2008: Art. 24).

The working days in (sent, end] of each pausing consultation are not
counted, where ``end`` is the answer, the consultee's limit, or the day the
question is asked, whichever comes first; overlapping consultations count
once.  The merged intervals are kept with prefix sums of their working days,
so the due date and the excluded days are found by binary search instead of
re-walking every interval for every event: the cost of a case is linear in
its events.
"""

from __future__ import annotations

import bisect
import datetime as dt

import attrs

from ..calendar import Calendar


@attrs.define(slots=True)
class Consultation:
    """One consultation letter (``consultation_sent``) and its answer."""

    party: str
    sent: dt.date
    limit: dt.date | None          # the consultee's last day, when the rules bound the pause
    rule: object                   # the PartyRule (effect pause or record, basis)
    answered: dt.date | None = None

    @property
    def pauses(self) -> bool:
        return self.rule.effect == "pause"

    def end(self, t: dt.date) -> dt.date:
        """Last excluded day as known on day t: the answer, the limit, or t."""
        e = self.answered if self.answered is not None else t
        return min(e, self.limit) if self.limit is not None else e


@attrs.frozen
class Intervals:
    """Merged, disjoint (a, b] intervals with ``cum[i]`` = working days in the first i."""

    a: tuple[dt.date, ...]
    b: tuple[dt.date, ...]
    cum: tuple[int, ...]

    @classmethod
    def merge(cls, spans: list[tuple[dt.date, dt.date]], cal: Calendar) -> "Intervals":
        a: list[dt.date] = []
        b: list[dt.date] = []
        for lo, hi in sorted(spans):
            if a and lo <= b[-1]:
                b[-1] = max(b[-1], hi)
            else:
                a.append(lo)
                b.append(hi)
        cum = [0]
        for lo, hi in zip(a, b):
            cum.append(cum[-1] + cal.count(lo, hi))
        return cls(tuple(a), tuple(b), tuple(cum))

    def _first_after(self, start: dt.date) -> int:
        """Index of the first interval that ends after ``start``."""
        return bisect.bisect_right(self.b, start)

    def excluded_after(self, start: dt.date, cal: Calendar) -> int:
        """Working days excluded in (start, ...)."""
        k = self._first_after(start)
        if k == len(self.a):
            return 0
        return self._clipped(k, start, len(self.a), cal)

    def _clipped(self, k: int, start: dt.date, i: int, cal: Calendar) -> int:
        """Working days excluded by intervals k..i-1, the k-th cut at ``start``."""
        if i <= k:
            return 0
        whole = self.cum[i] - self.cum[k]
        if self.a[k] < start:
            whole -= cal.count(self.a[k], start)
        return whole

    def due(self, start: dt.date, n: int, cal: Calendar) -> dt.date:
        """The n-th working day after ``start`` that no interval excludes."""
        if not self.a:
            return cal.add(start, n)
        k = self._first_after(start)
        lo, hi = k, len(self.a)
        while lo < hi:              # first interval with at least n counted working days before it
            mid = (lo + hi) // 2
            begin = max(self.a[mid], start)
            if cal.count(start, begin) - self._clipped(k, start, mid, cal) >= n:
                hi = mid
            else:
                lo = mid + 1
        return cal.add(start, n + self._clipped(k, start, lo, cal))


_NONE = Intervals((), (), (0,))


@attrs.define(slots=True)
class Exclusions:
    """The consultations of a case, with the merged intervals cached until they change."""

    cal: Calendar
    items: list[Consultation] = attrs.field(factory=list)
    _cache: Intervals | None = None
    _cache_day: dt.date | None = None
    _open: int = 0

    def add(self, c: Consultation) -> None:
        self.items.append(c)
        if c.pauses:
            self._cache = None
            self._open += 1

    def answer(self, c: Consultation, day: dt.date) -> None:
        c.answered = day
        if c.pauses:
            self._cache = None
            self._open -= 1

    def open_for(self, party: object) -> Consultation | None:
        return next((c for c in self.items if c.party == party and c.answered is None), None)

    def at_limits(self, t: dt.date) -> Intervals:
        """The intervals if every open consultation were answered on its last day (none open without one)."""
        spans = [(c.sent, c.limit if c.answered is None and c.limit is not None else c.end(t))
                 for c in self.items if c.pauses]
        spans = [(a, b) for a, b in spans if b > a]
        return Intervals.merge(spans, self.cal) if spans else _NONE

    def at(self, t: dt.date) -> Intervals:
        """The merged intervals as known on day t."""
        if self._cache is not None and (self._open == 0 or self._cache_day == t):
            return self._cache
        spans = [(c.sent, c.end(t)) for c in self.items if c.pauses and c.end(t) > c.sent]
        self._cache = Intervals.merge(spans, self.cal) if spans else _NONE
        self._cache_day = t
        return self._cache
