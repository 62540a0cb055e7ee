"""Working days as ranks for whole arrays of days (:class:`~disclosure_rules.clock.fastspan.Ranks` in numpy).

``rank(d)`` is the number of working days in [first day of the calendar, d];
the n-th working day after ``d`` is the working day of rank ``rank(d) + n``.
A day the calendar does not cover marks its case in ``bail`` (the plain
clock raises the documented error for it) and reads as rank 0, so that the
arrays stay in bounds while the batch goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..clock.fastspan import Ranks

if TYPE_CHECKING:
    from numpy.typing import NDArray

_BIG = np.iinfo(np.int64).max                # an empty interval, put after every real one
_SMALL = np.iinfo(np.int64).min


class DayIndex:
    """The cumulative index of one calendar as numpy arrays."""

    def __init__(self, ranks: Ranks) -> None:
        self.ranks = ranks
        self.base = ranks.base
        self.cum = np.asarray(ranks.cum, dtype=np.int64)
        self.n = len(self.cum)
        self.days = np.asarray([d.toordinal() for d in ranks.days], dtype=np.int64)
        self.last = ranks.official_last_day.toordinal()

    def rank(self, ords: NDArray[np.int64], bail: NDArray[np.bool_]) -> NDArray[np.int64]:
        """Ranks of days (ordinals); marks in ``bail`` (same shape) the days outside the calendar."""
        i = ords - self.base
        inside = (i >= 0) & (i < self.n)
        bail |= ~inside & (i != -1)
        return np.where(inside, self.cum.take(i, mode="clip"), 0)

    def workday(self, ords: NDArray[np.int64], bail: NDArray[np.bool_]) -> NDArray[np.bool_]:
        i = ords - self.base
        inside = (i >= 0) & (i < self.n)
        bail |= ~inside
        before = np.where(i > 0, self.cum.take(i - 1, mode="clip"), 0)
        out: NDArray[np.bool_] = inside & (self.cum.take(i, mode="clip") != before)
        return out

    def day(self, r: NDArray[np.int64], bail: NDArray[np.bool_]) -> NDArray[np.int64]:
        """The working day (ordinal) of rank r >= 1."""
        inside = (r >= 1) & (r <= len(self.days))
        bail |= ~inside
        return self.days.take(r - 1, mode="clip")

    def add(self, ords: NDArray[np.int64], n: NDArray[np.int64], bail: NDArray[np.bool_]) -> NDArray[np.int64]:
        return self.day(self.rank(ords, bail) + n, bail)

    def cum_at(self, ords: NDArray[np.int64], bail: NDArray[np.bool_]) -> NDArray[np.int64]:
        """``cum[ord - base]`` for days that must lie inside the calendar (a consultation's interval)."""
        i = ords - self.base
        inside = (i >= 0) & (i < self.n)
        bail |= ~inside
        return self.cum.take(i, mode="clip")


def merged(lo: NDArray[np.int64], hi: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Rows of rank intervals (lo, hi] (empty ones have lo >= hi) merged: per row the disjoint groups in
    order, each at the place of its first interval, the other places empty intervals at +inf."""
    empty = lo >= hi
    lo = np.where(empty, _BIG, lo)
    hi = np.where(empty, _BIG, hi)
    order = np.argsort(lo, axis=1, kind="stable")
    lo = np.take_along_axis(lo, order, axis=1)
    hi = np.take_along_axis(hi, order, axis=1)
    rows, k = lo.shape
    run = np.maximum.accumulate(hi, axis=1)
    prev = np.concatenate([np.full((rows, 1), _SMALL), run[:, :-1]], axis=1)
    start = lo > prev                                    # a new group: it begins after every earlier one ends
    place = np.where(start, np.arange(k)[None, :], k)
    after = np.minimum.accumulate(place[:, ::-1], axis=1)[:, ::-1]      # the first start at or after each place
    following = np.concatenate([after[:, 1:], np.full((rows, 1), k)], axis=1)
    g_hi = np.take_along_axis(run, following - 1, axis=1)  # the group's end: the running maximum before the next
    return np.where(start, lo, _BIG), np.where(start, g_hi, _BIG)


def excluded_upto(g_lo: NDArray[np.int64], g_hi: NDArray[np.int64], s: NDArray[np.int64]) -> NDArray[np.int64]:
    """Ranks the merged groups exclude in [1, s], per row."""
    covered = np.minimum(s[:, None], g_hi) - g_lo
    out: NDArray[np.int64] = np.where(g_lo < s[:, None], covered, 0).sum(axis=1)
    return out


def total(g_lo: NDArray[np.int64], g_hi: NDArray[np.int64]) -> NDArray[np.int64]:
    out: NDArray[np.int64] = np.where(g_lo < g_hi, g_hi - g_lo, 0).sum(axis=1)
    return out


def due_rank(g_lo: NDArray[np.int64], g_hi: NDArray[np.int64], s: NDArray[np.int64],
             n: NDArray[np.int64]) -> NDArray[np.int64]:
    """``Spans.due``: the rank of the n-th working day after rank s that no group excludes."""
    length = np.where(g_lo < g_hi, g_hi - g_lo, 0)
    before = np.cumsum(length, axis=1) - length
    free = np.where(g_lo < g_hi, g_lo - before, _BIG)
    target = s - excluded_upto(g_lo, g_hi, s) + n
    out: NDArray[np.int64] = target + np.where(free < target[:, None], length, 0).sum(axis=1)
    return out
