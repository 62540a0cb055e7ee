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
from ..reprs import SharedRepr
from ..rulebook import PartyRule


@attrs.define(slots=True, repr=False)
class Consultation(SharedRepr):
    """One consultation letter (``consultation_sent``) and its answer."""

    party: str
    sent: dt.date
    limit: dt.date | None          # the consultee's last day, when the rules bound the pause
    rule: PartyRule                # effect pause or record, basis
    answered: dt.date | None = None

    @property
    def pauses(self) -> bool:
        return self.rule.effect == "pause"

    def end(self, t: dt.date) -> dt.date:
        """Last excluded day as known on day t: the answer, the limit, or t."""
        e = self.answered if self.answered is not None else t
        return min(e, self.limit) if self.limit is not None else e


@attrs.define(slots=True, eq=False, repr=False)
class Intervals(SharedRepr):
    """Merged, disjoint (a, b] intervals with ``cum[i]`` = working days in the first i."""

    a: list[dt.date] = attrs.field(factory=list)
    b: list[dt.date] = attrs.field(factory=list)
    cum: list[int] = attrs.field(factory=lambda: [0])

    @classmethod
    def merge(cls, spans: list[tuple[dt.date, dt.date]], cal: Calendar) -> Intervals:
        out = cls()
        for lo, hi in sorted(spans):
            out.extend(lo, hi, cal)
        return out

    def extend(self, lo: dt.date, hi: dt.date, cal: Calendar) -> None:
        """Add the span (lo, hi], which starts on or after every span added before."""
        a, b, cum = self.a, self.b, self.cum
        if a and lo <= b[-1]:
            if hi > b[-1]:
                b[-1] = hi
                cum[-1] = cum[-2] + cal.count(a[-1], hi)
        else:
            a.append(lo)
            b.append(hi)
            cum.append(cum[-1] + cal.count(lo, hi))

    def keep_before(self, day: dt.date) -> dt.date | None:
        """Drop the intervals that do not end before ``day``; the end of the last one kept."""
        k = bisect.bisect_left(self.b, day)
        del self.a[k:], self.b[k:], self.cum[k + 1:]
        return self.b[-1] if self.b else None

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


@attrs.define(slots=True, repr=False)
class Exclusions(SharedRepr):
    """The consultations of a case and their merged intervals, kept up to date in place.

    Consultations are added in the order of their letters (events are taken
    by date).  A change (a letter, an answer, or the day moving on while one
    is open) re-merges only the intervals from the earliest changed letter
    on; ``version`` counts the changes.
    """

    cal: Calendar
    items: list[Consultation] = attrs.field(factory=list)
    version: int = 0
    _pausing: list[Consultation] = attrs.field(factory=list)     # in the order of their letters
    _sent: list[dt.date] = attrs.field(factory=list)
    _open: list[Consultation] = attrs.field(factory=list)
    _merged: Intervals = attrs.field(factory=Intervals)
    _stale_from: dt.date | None = None
    _day: dt.date | None = None

    def add(self, c: Consultation) -> None:
        self.items.append(c)
        if c.pauses:
            i = bisect.bisect_right(self._sent, c.sent)
            self._pausing.insert(i, c)
            self._sent.insert(i, c.sent)
            self._open.append(c)
            self._stale(c.sent)

    def answer(self, c: Consultation, day: dt.date) -> None:
        c.answered = day
        if c.pauses:
            self._open.remove(c)
            self._stale(c.sent)

    def open_for(self, party: object) -> Consultation | None:
        return next((c for c in self.items if c.party == party and c.answered is None), None)

    def _stale(self, sent: dt.date) -> None:
        if self._stale_from is None or sent < self._stale_from:
            self._stale_from = sent

    def at_limits(self, t: dt.date) -> Intervals:
        """The intervals if every open consultation were answered on its last day (none open without one)."""
        spans = [(c.sent, c.limit if c.answered is None and c.limit is not None else c.end(t))
                 for c in self._pausing]
        return Intervals.merge([(a, b) for a, b in spans if b > a], self.cal)

    def at(self, t: dt.date) -> Intervals:
        """The merged intervals as known on day t."""
        if self._open and t != self._day:
            self._stale(min(c.sent for c in self._open))
        self._day = t
        if self._stale_from is not None:
            last = self._merged.keep_before(self._stale_from)
            i = bisect.bisect_right(self._sent, last) if last is not None else 0
            for c in self._pausing[i:]:
                end = c.end(t)
                if end > c.sent:
                    self._merged.extend(c.sent, end, self.cal)
            self._stale_from = None
            self.version += 1
        return self._merged
