"""The state of every case of a batch while its events are folded (:class:`~disclosure_rules.clock.faststate.Fold`
as arrays: one entry per case, consultations as (cases, slots) arrays).

Days are ordinals with 0 for "none", counts are int64 with :data:`~.table.ABSENT`
for "none", names are codes with -1 for "none".  ``bail`` marks the cases the
plain clock must take; their other entries are then meaningless.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .codes import NONE
from .days import DayIndex, due_rank, excluded_upto, merged, total
from .table import ABSENT
from .vrules import VersionTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

I64 = np.int64


class State:
    """The fold's state for n cases with room for ``slots`` consultations each."""

    def __init__(self, tables: list[VersionTable], days: DayIndex, n: int, slots: int, as_of: int) -> None:
        self.tables, self.days, self.as_of = tables, days, as_of
        self.per_version = {k: np.asarray([getattr(t, k) for t in tables], dtype=I64)
                            for k in ("start_day_counts", "reply")}
        z = np.zeros(n, dtype=I64)
        self.bail = np.zeros(n, dtype=np.bool_)
        self.v = z.copy()                       # index into rules.versions
        self.received, self.r_received, self.start, self.n, self.ext = (z.copy() for _ in range(5))
        self.fixed, self.app_due, self.closed_on, self.closing_due = (z.copy() for _ in range(4))
        self.corrections, self.late_confirmation = z.copy(), z.copy()
        self.remaining = np.full(n, ABSENT, dtype=I64)
        self.susp_kind = z.copy()               # 0 none, 1 correction, 2 payment
        self.susp_type = np.full(n, NONE, dtype=I64)     # the suspending event's type code
        self.closed_status = np.full(n, NONE, dtype=I64)
        self.outcome = np.full(n, NONE, dtype=I64)
        self.reason = np.full(n, NONE, dtype=I64)
        self.voided = z.copy()                  # bit t: an event of type code t had a voiding violation
        # consultations: party code, sent, limit (0 none), pauses, answered (0 open); ncons used per case
        k = max(slots, 1)
        self.c_party = np.full((n, k), NONE, dtype=I64)
        self.c_sent = np.zeros((n, k), dtype=I64)
        self.c_limit = np.zeros((n, k), dtype=I64)
        self.c_pauses = np.zeros((n, k), dtype=np.bool_)
        self.c_answered = np.zeros((n, k), dtype=I64)
        self.ncons = z.copy()

    def param(self, idx: NDArray[np.int64], attr: str) -> NDArray[np.int64]:
        """A per-version number (an attribute of :class:`~.vrules.VersionTable`) for each case of idx."""
        return self.per_version[attr][self.v[idx]]

    # -- the due date (faststate.Fold.due) ------------------------------------------------------
    def due(self, idx: NDArray[np.int64], t: NDArray[np.int64], at_limits: bool = False) -> NDArray[np.int64]:
        """The due date in force on day t (ordinal; 0 while the clock is suspended) for the cases idx."""
        out = np.zeros(len(idx), dtype=I64)
        if not len(idx):
            return out
        fixed = self.fixed[idx]
        counted = (self.susp_kind[idx] == 0) & (fixed == 0)
        out = np.where((self.susp_kind[idx] == 0) & (fixed != 0), fixed, out)
        sub = idx[counted]
        if len(sub):
            out[counted] = self._counted(sub, t[counted], at_limits)
        return out

    def _counted(self, idx: NDArray[np.int64], t: NDArray[np.int64], at_limits: bool) -> NDArray[np.int64]:
        days, bail = self.days, np.zeros(len(idx), dtype=np.bool_)
        start = self.start[idx]
        n = self.n[idx] + self.ext[idx]
        counts = self.param(idx, "start_day_counts").astype(np.bool_)
        if counts.any():
            w = days.workday(start, bail)
            n = n - (counts & w)
        bail |= n < 1
        s = days.rank(start, bail)
        r = s + n
        spanned = np.asarray(self.c_pauses[idx].any(axis=1), dtype=np.bool_)
        if spanned.any():
            g_lo, g_hi = self.spans(idx[spanned], t[spanned], at_limits, bail, spanned)
            r[spanned] = due_rank(g_lo, g_hi, s[spanned], n[spanned])
        got = days.day(r, bail)
        self.bail[idx] |= bail
        return got

    def spans(self, idx: NDArray[np.int64], t: NDArray[np.int64], at_limits: bool, bail: NDArray[np.bool_] | None = None,
              where: NDArray[np.bool_] | None = None) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The merged rank intervals the consultations of the cases idx exclude, as known on day t."""
        k = max(int(self.ncons[idx].max(initial=0)), 1)               # the slots in use among these cases
        answered, limit, sent = self.c_answered[idx, :k], self.c_limit[idx, :k], self.c_sent[idx, :k]
        end = np.where(answered != 0, answered, t[:, None])
        end = np.where((limit != 0) & (limit < end), limit, end)
        if at_limits:
            end = np.where((answered == 0) & (limit != 0), limit, end)
        real = self.c_pauses[idx, :k] & (end > sent)
        out_of = np.zeros(sent.shape, dtype=np.bool_)
        lo = self.days.cum_at(np.where(real, sent, self.days.base), out_of)
        hi = self.days.cum_at(np.where(real, end, self.days.base), out_of)
        failed = (out_of & real).any(axis=1)
        self.bail[idx] |= failed
        if bail is not None and where is not None:
            bail[where] |= failed
        return merged(np.where(real, lo, 0), np.where(real, hi, 0))

    def excluded(self, idx: NDArray[np.int64], t: NDArray[np.int64]) -> NDArray[np.int64]:
        """Working days the consultations exclude after the start (faststate.Fold.excluded)."""
        out = np.zeros(len(idx), dtype=I64)
        spanned = self.c_pauses[idx].any(axis=1)
        if spanned.any():
            sub = idx[spanned]
            bail = np.zeros(len(sub), dtype=np.bool_)
            s = self.days.rank(self.start[sub], bail)
            g_lo, g_hi = self.spans(sub, t[spanned], False)
            out[spanned] = total(g_lo, g_hi) - excluded_upto(g_lo, g_hi, s)
            self.bail[sub] |= bail
        return out

    def rank(self, idx: NDArray[np.int64], ords: NDArray[np.int64]) -> NDArray[np.int64]:
        bail = np.zeros(len(idx), dtype=np.bool_)
        got = self.days.rank(ords, bail)
        self.bail[idx] |= bail
        return got

    def add(self, idx: NDArray[np.int64], ords: NDArray[np.int64], n: NDArray[np.int64]) -> NDArray[np.int64]:
        bail = np.zeros(len(idx), dtype=np.bool_)
        got = self.days.add(ords, n, bail)
        self.bail[idx] |= bail
        return got
