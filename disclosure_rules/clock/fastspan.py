"""Working days as ranks, and the days consultations exclude as merged rank intervals with prefix sums.

The fast batch path (:mod:`.fast`) counts in ranks: ``rank(d)`` is the
number of working days in [first day of the calendar, d], read from the
calendar's cumulative index by plain list indexing, so ``count(a, b)`` is
``rank(b) - rank(a)`` and the n-th working day after ``d`` is the working
day of rank ``rank(d) + n``.  The working days a set of consultations
excludes (Art. 33(3)) are merged intervals (lo, hi] of ranks; with the
prefix sums of their lengths, the due date and the excluded days are two
binary searches, whatever the number of consultations.
"""

from __future__ import annotations

import bisect
import datetime as dt

from ..calendar import Calendar


class Bail(Exception):
    """The fast path cannot take this case: the plain clock evaluates it (and raises what it raises)."""


class Ranks:
    """The calendar's cumulative index, for a calendar with no gaps and no estimated days."""

    def __init__(self, cal: Calendar) -> None:
        self.cal = cal
        self.base = cal.first_day.toordinal()
        self.cum: list[int] = cal._cum                        # (a private field) read-only, the same index
        self.n = len(self.cum)
        self.days = [dt.date.fromordinal(o) for o in cal._workdays]   # (a private field) the r-th working day
        self.official_last_day = cal.official_last_day

    def rank(self, d: dt.date) -> int:
        i = d.toordinal() - self.base
        if 0 <= i < self.n:
            return self.cum[i]
        if i == -1:
            return 0
        raise Bail                                           # outside the calendar: the plain clock raises

    def workday(self, d: dt.date) -> bool:
        i = d.toordinal() - self.base
        if 0 < i < self.n:
            return self.cum[i] != self.cum[i - 1]
        if i == 0:
            return self.cum[0] != 0
        raise Bail

    def day(self, r: int) -> dt.date:
        """The working day of rank r (r >= 1)."""
        if 1 <= r <= len(self.days):
            return self.days[r - 1]
        raise Bail


class Spans:
    """Merged, disjoint rank intervals (lo, hi] with ``cum[i]`` = ranks excluded by the first i."""

    __slots__ = ("lo", "hi", "cum", "free")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        lo: list[int] = []
        hi: list[int] = []
        for a, b in sorted(spans):
            if b <= a:
                continue
            if hi and a <= hi[-1]:
                if b > hi[-1]:
                    hi[-1] = b
            else:
                lo.append(a)
                hi.append(b)
        cum = [0]
        for a, b in zip(lo, hi, strict=True):
            cum.append(cum[-1] + b - a)
        self.lo, self.hi, self.cum = lo, hi, cum
        self.free = [a - c for a, c in zip(lo, cum, strict=False)]          # working days not excluded up to lo[i]

    def excluded_upto(self, s: int) -> int:
        """Ranks excluded in [1, s]."""
        j = bisect.bisect_right(self.hi, s)
        ex = self.cum[j]
        if j < len(self.lo) and self.lo[j] < s:
            ex += s - self.lo[j]
        return ex

    def excluded_after(self, s: int) -> int:
        """Ranks excluded after s."""
        return self.cum[-1] - self.excluded_upto(s)

    def due(self, s: int, n: int) -> int:
        """The rank of the n-th working day after rank s that no interval excludes."""
        target = s - self.excluded_upto(s) + n
        return target + self.cum[bisect.bisect_left(self.free, target)]
