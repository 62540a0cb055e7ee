"""The standing of every case on ``as_of`` (``fastresult.result_of`` in columns): status, due dates, counts.

Every column has one entry per case of the table; days are ordinals (0:
none), counts int64 (:data:`~.table.ABSENT`: none), status and outcome
codes (-1: none).  ``taken`` marks the cases the columnar fold answered;
the others go to the fast batch path and the plain clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

from ..reprs import SharedRepr
from .checks import Record
from .codes import NONE, OPEN_STATUSES
from .step import Step
from .table import ABSENT

if TYPE_CHECKING:
    from numpy.typing import NDArray

_AWAITING = {1: OPEN_STATUSES[0], 2: OPEN_STATUSES[1]}      # State.susp_kind -> status
_PAUSED, _OVERDUE, _RUNNING = OPEN_STATUSES[2:]
_ANSWERED, _ABANDONED = "answered", "abandoned"


@attrs.frozen(eq=False, repr=False)
class Standing(SharedRepr):
    """The answers of a batch, as columns (see the module docstring)."""

    taken: NDArray[np.bool_]
    status: NDArray[np.int64]
    due: NDArray[np.int64]
    due_at_latest: NDArray[np.int64]
    workdays_left: NDArray[np.int64]
    late_workdays: NDArray[np.int64]
    applicant_due: NDArray[np.int64]
    excluded: NDArray[np.int64]
    closed_on: NDArray[np.int64]
    provisional: NDArray[np.bool_]
    step: Step
    record: Record


def _open(s: Step, idx: NDArray[np.int64], out: dict[str, NDArray[np.int64]]) -> None:
    """fastresult._open: paused, overdue or running, for the cases idx whose clock runs."""
    st, codes, as_of = s.st, s.codes, s.st.as_of
    t = np.full(len(idx), as_of, dtype=np.int64)
    slots = np.arange(st.c_sent.shape[1])[None, :] < st.ncons[idx][:, None]
    limit = st.c_limit[idx]
    now = slots & (st.c_answered[idx] == 0) & st.c_pauses[idx] & ((limit == 0) | (limit >= as_of))
    due = st.due(idx, t)
    st.bail[idx[due == 0]] = True
    paused = now.any(axis=1) & (due >= as_of)
    bounded = paused & ~(now & (limit == 0)).any(axis=1)
    if bounded.any():
        last = np.where(now[bounded], limit[bounded], 0).max(axis=1)
        out["due_at_latest"][idx[bounded]] = st.due(idx[bounded], last, at_limits=True)
    out["status"][idx[paused]] = codes.status[_PAUSED]
    late = ~paused & (as_of > due)
    rank_now, rank_due = st.rank(idx, t), st.rank(idx, np.where((due != 0) & ~paused, due, t))
    for vi in range(len(s.tables)):
        at = late & (st.v[idx] == vi)
        s.check(vi, "as_of", idx[at], t[at], {"workdays_past_due": (rank_now - rank_due)[at]})
    out["status"][idx[late]] = codes.status[_OVERDUE]
    out["due"][idx[late]] = due[late]
    out["late_workdays"][idx[late]] = (rank_now - rank_due)[late]
    running = ~paused & ~late
    out["status"][idx[running]] = codes.status[_RUNNING]
    out["due"][idx[running]] = due[running]
    out["workdays_left"][idx[running]] = (rank_due - rank_now)[running]


def standing(s: Step, record: Record) -> Standing:
    st, codes, n = s.st, s.codes, len(s.table)
    zeros = np.zeros(n, dtype=np.int64)
    out = {"status": np.full(n, NONE, dtype=np.int64), "due": zeros.copy(), "due_at_latest": zeros.copy(),
           "workdays_left": np.full(n, ABSENT, dtype=np.int64), "late_workdays": np.full(n, ABSENT, dtype=np.int64)}
    closed = st.closed_status != NONE
    out["status"][closed] = st.closed_status[closed]
    kept = closed & (st.closed_status != codes.status.get(_ABANDONED, NONE))
    out["due"][kept] = st.closing_due[kept]
    late = kept & (st.closed_status == codes.status.get(_ANSWERED, NONE)) & (st.closing_due != 0) \
        & (st.closed_on > st.closing_due)
    idx = np.flatnonzero(late)
    out["late_workdays"][idx] = st.rank(idx, st.closed_on[idx]) - st.rank(idx, st.closing_due[idx])
    waiting = ~closed & (st.susp_kind != 0)
    for kind, status in _AWAITING.items():
        out["status"][waiting & (st.susp_kind == kind)] = codes.status[status]
    _open(s, np.flatnonzero(~closed & ~waiting & ~st.bail), out)
    last = st.days.last
    provisional = (st.as_of > last) | (out["due"] > last) | (out["due_at_latest"] > last) | (st.app_due > last)
    excluded = np.full(n, ABSENT, dtype=np.int64)
    idx = np.flatnonzero(~closed & ~st.bail)
    excluded[idx] = st.excluded(idx, np.full(len(idx), st.as_of, dtype=np.int64))
    return Standing(taken=~st.bail, status=out["status"], due=out["due"], due_at_latest=out["due_at_latest"],
                    workdays_left=out["workdays_left"], late_workdays=out["late_workdays"],
                    applicant_due=np.where(st.susp_kind != 0, st.app_due, 0), excluded=excluded,
                    closed_on=np.where(closed, st.closed_on, 0), provisional=provisional, step=s, record=record)
