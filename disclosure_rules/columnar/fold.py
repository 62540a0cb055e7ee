"""The columnar fold: receipt, the events in order, one step per event position, for a whole batch.

Step k applies the k-th event (in the order of ``events.in_order``) of every
case that has one, grouped by (version, event type) so that each group is a
few numpy operations of :mod:`.effects`.  Every case the fast batch path
would hand to the plain clock is marked in ``bail`` where the fast path
raises :class:`~disclosure_rules.clock.fastspan.Bail` (:mod:`disclosure_rules.clock.fastfold`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .checks import Checker, Record
from .codes import NONE, Codes
from .days import DayIndex
from .effects import HANDLERS
from .lookups import NO_STATUS, Lookups
from .state import State
from .step import Step
from .table import CaseTable
from .vrules import VersionTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

_ABANDONED = "abandoned"                     # the status a lapse gives (the rules' expiry_status)
_BITS = 63                                   # the bits of a non-negative int64 (a packed sort key)


def _receive(s: Step) -> None:
    """fastfold/faststate: the date of receipt by channel (Art. 31) and the version in force on it."""
    st, tab, n = s.st, s.table, len(s.table)
    chosen = np.full(n, -1, dtype=np.int64)
    received = np.zeros(n, dtype=np.int64)
    late = np.zeros(n, dtype=np.int64)
    receipt = tab.receipt.astype(np.int64)
    for vi, vt in enumerate(s.tables):
        todo = (chosen < 0) & ~st.bail
        st.bail |= todo & ~np.isin(tab.channel, list(vt.channels))
        for code, ch in vt.channels.items():
            at = np.flatnonzero(todo & (tab.channel == code))
            if not len(at):
                continue
            r = receipt[at, ch.date_of_receipt]
            bad = np.zeros(len(at), dtype=np.bool_)
            for f in ch.requires:
                bad |= (receipt[at, f] == 0) | ((f != ch.date_of_receipt) & (receipt[at, f] > r))
            lt = np.zeros(len(at), dtype=np.int64)
            if ch.confirm_on_day_of != NONE:
                c = receipt[at, ch.confirm_on_day_of]
                lt = np.where(c != 0, r - c, 0)
                if vt.late_arrival < 0:
                    bad |= lt > 0
                elif vt.late_arrival:
                    r = np.where(lt > 0, c, r)
            st.bail[at[bad]] = True
            force = ~bad & (r >= vt.effective_from) & (r <= vt.effective_to)
            chosen[at[force]], received[at[force]], late[at[force]] = vi, r[force], lt[force]
    st.bail |= chosen < 0
    st.v[:] = np.maximum(chosen, 0)
    _start(s, received, late)


def _start(s: Step, received: NDArray[np.int64], late: NDArray[np.int64]) -> None:
    st = s.st
    for vi, vt in enumerate(s.tables):
        idx = np.flatnonzero((st.v == vi) & ~st.bail)
        if not len(idx):
            continue
        r = received[idx]
        if vt.rest_day_next_workday:
            bail = np.zeros(len(idx), dtype=np.bool_)
            off = ~st.days.workday(r, bail)
            r = np.where(off, st.days.day(st.days.rank(r, bail) + 1, bail), r)
            st.bail[idx] |= bail
        st.bail[idx[st.as_of < r]] = True
        st.received[idx] = st.start[idx] = r
        st.r_received[idx] = st.rank(idx, r)
        st.n[idx] = vt.reply
        st.due(idx, r)
        s.check(vi, "receipt", idx, r, {"days_confirmation_late": late[idx]})


def _sorted(s: Step) -> NDArray[np.int64]:
    """The event rows in the order of the fold (events.in_order); two of one type on one day: the plain clock."""
    st, tab = s.st, s.table
    counts = np.diff(tab.offsets)
    row = np.repeat(np.arange(len(tab)), counts)
    key = s.lookups.order[st.v[row], tab.ev_type]
    index = np.arange(len(row)) - tab.offsets[row]
    perm = _order(row, tab.ev_date.astype(np.int64), key, index)
    r, d, t = row[perm], tab.ev_date[perm], tab.ev_type[perm]
    twin = (r[1:] == r[:-1]) & (d[1:] == d[:-1]) & (t[1:] == t[:-1])
    twins = np.unique(r[1:][twin])
    twins = twins[~st.bail[twins]]
    if not len(twins):
        return perm
    cases = tab.source(twins.tolist()) if tab.source is not None else [None] * len(twins)
    for i, case in zip(twins.tolist(), cases, strict=True):
        got = _plain_order(s, i, case)
        if got is None:
            st.bail[i] = True
        else:
            index[tab.offsets[i]:tab.offsets[i + 1]] = got
    return _order(row, tab.ev_date.astype(np.int64), key, index)


def _plain_order(s: Step, i: int, source: object) -> list[int] | None:
    """For a case with two events of one type on one day, each event's place in the plain clock's order
    (``events.in_order``: by content for such ties), read from the case (``source``: as given, None when
    not known) as the plain clock reads it."""
    from ..case import parse_case
    from ..clock.events import in_order
    from ..errors import DisclosureRulesError

    tab = s.table
    if source is None:
        return None
    try:
        case = parse_case(source, rules=s.tables[0].version.prep.book)
    except DisclosureRulesError:
        return None
    n = int(tab.offsets[i + 1] - tab.offsets[i])
    ordered = in_order(case.events, s.tables[int(s.st.v[i])].version.order)
    if len(ordered) != n:
        return None
    place = [0] * n
    for k, ev in enumerate(ordered):
        place[ev.index] = k
    return place


def _order(row: NDArray[np.int64], day: NDArray[np.int64], order: NDArray[np.int64],
           index: NDArray[np.int64]) -> NDArray[np.int64]:
    """The permutation sorting by (row, day, same-day order, index in the case): one sort of one packed
    key where the four fit in 63 bits, else numpy's lexsort."""
    if not len(row):
        return np.zeros(0, dtype=np.int64)
    ranks = np.unique(order, return_inverse=True)[1].reshape(order.shape)
    day = day - day.min()
    widths = [int(x.max()).bit_length() for x in (row, day, ranks, index)]
    if sum(widths) >= _BITS:
        return np.lexsort((index, order, day, row))
    key = row
    for part, width in zip((day, ranks, index), widths[1:], strict=True):
        key = (key << width) | part
    return np.argsort(key, kind="stable")


def lapse(s: Step, idx: NDArray[np.int64], t: NDArray[np.int64]) -> None:
    """fasteffects.lapse: the applicant's period ended before day t, the request is deemed abandoned."""
    st = s.st
    app = st.app_due[idx]
    due = (st.susp_kind[idx] != 0) & (app != 0) & (app < t) & (st.closed_status[idx] == NONE)
    idx, app = idx[due], app[due]
    v, kind = st.v[idx], np.clip(st.susp_type[idx], 0, None)
    status, outcome = s.lookups.expiry_status[v, kind], s.lookups.expiry_outcome[v, kind]
    st.bail[idx[status == NO_STATUS]] = True
    st.closed_status[idx], st.closed_on[idx], st.outcome[idx] = status, app + 1, outcome


def fold(table: CaseTable, tables: list[VersionTable], found: Lookups, codes: Codes, days: DayIndex, as_of: int,
         calendar: str) -> tuple[Step, Record]:
    """Fold every case of the table whose calendar is ``calendar`` (the others are marked in ``bail``)."""
    counts = np.diff(table.offsets)
    seen = np.concatenate([[0], np.cumsum(np.isin(table.ev_type, found.pauses))])
    per_case = seen[table.offsets[1:]] - seen[table.offsets[:-1]]
    st = State(tables, days, len(table), int(per_case.max(initial=0)), as_of)
    st.bail |= ~table.ok | (np.asarray(table.calendars, dtype=object) != calendar)
    record = Record()
    s = Step(st, table, codes, tables, Checker(st, codes, record), found)
    _receive(s)
    _events(s, _sorted(s), counts)
    lapse(s, np.arange(len(table)), np.full(len(table), as_of, dtype=np.int64))
    return s, record


def _events(s: Step, perm: NDArray[np.int64], counts: NDArray[np.int64]) -> None:
    st, tab, since, until = s.st, s.table, s.lookups.since, s.lookups.until
    abandoned = s.codes.status.get(_ABANDONED, NONE)
    for k in range(int(counts.max(initial=0))):
        idx = np.flatnonzero((counts > k) & ~st.bail)
        pos = perm[tab.offsets[idx] + k]
        t = s.ev_date[pos]
        now = t <= st.as_of
        idx, pos, t = idx[now], pos[now], t[now]
        i = t - st.days.base
        bad = (t < st.received[idx]) | (i < 0) | (i >= st.days.n)
        st.bail[idx[bad]] = True
        idx, pos, t = idx[~bad], pos[~bad], t[~bad]
        types, versions = tab.ev_type[pos].astype(np.int64), st.v[idx]
        bad = (t < since[versions, types]) | (t > until[versions, types])    # even after the request closed
        st.bail[idx[bad]] = True
        idx, pos, t, types, versions = idx[~bad], pos[~bad], t[~bad], types[~bad], versions[~bad]
        open_ = (st.susp_kind[idx] != 0) & (st.closed_status[idx] == NONE)
        lapse(s, idx[open_], t[open_])
        closed = st.closed_status[idx] != NONE
        _after_close(s, idx[closed], pos[closed], abandoned)
        idx, pos, t, types, versions = idx[~closed], pos[~closed], t[~closed], types[~closed], versions[~closed]
        _apply(s, idx, pos, types, versions)


def _after_close(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], abandoned: int) -> None:
    """An event after the request closed: ignored after an abandonment, else the plain clock (an error, or a
    justified late correction reopening the request)."""
    st = s.st
    restart = s.lookups.restarts[st.v[idx], s.table.ev_type[pos]]
    st.bail[idx[(st.closed_status[idx] != abandoned) | (s.table.ev_justified[pos] & restart)]] = True


def _apply(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], types: NDArray[np.int64],
           versions: NDArray[np.int64]) -> None:
    """The effect of each (version, event type) group (every event here is of a type its version defines, on a
    day its rule is in force: :func:`_events` handed the others on through ``lookups.since`` / ``until``)."""
    key = versions * len(s.codes.types) + types
    for k in np.unique(key):
        at = key == k
        vi, code = divmod(int(k), len(s.codes.types))
        et = s.tables[vi].events[code]
        HANDLERS[et.rule.effect](s, idx[at], pos[at], et, vi)
