"""The effects of the columnar fold: :mod:`disclosure_rules.clock.fasteffects` for all the cases of a step at once.

Each handler takes the cases ``idx`` whose current event (at rows ``pos``
of the sorted event columns) has the rule ``et`` under the version ``vt``,
does what its fast counterpart does, in the same order (violations first; a
voiding violation leaves the clock as it was), and marks in ``st.bail``
every case where the fast one raises :class:`~disclosure_rules.clock.fastspan.Bail`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .codes import NONE
from .step import Step
from .table import ABSENT
from .vrules import EventTable, VersionTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

Handler = Callable[[Step, "NDArray[np.int64]", "NDArray[np.int64]", EventTable, int], None]
_CORRECTION, _PAYMENT = 1, 2                 # State.susp_kind
_LIMITED = "until_answer_or_limit"           # the consultation_bound that limits a consultation (Arts. 32, 34)


def _given(s: Step, name: str, pos: NDArray[np.int64]) -> NDArray[np.int64]:
    """A date field of the events (0 when not given): received, due, ..."""
    col = s.table.ev_dates.get(name)
    return np.zeros(len(pos), dtype=np.int64) if col is None else col[pos].astype(np.int64)


def _received_or(s: Step, pos: NDArray[np.int64], t: NDArray[np.int64]) -> NDArray[np.int64]:
    got = _given(s, "received", pos)
    return np.where(got != 0, got, t)


def _whole(s: Step, name: str, pos: NDArray[np.int64]) -> NDArray[np.int64]:
    col = s.table.ev_ints.get(name)
    return np.full(len(pos), ABSENT, dtype=np.int64) if col is None else col[pos]


def _applicant_days(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable,
                    vt: VersionTable) -> NDArray[np.int64]:
    """The applicant's period of a suspending event (0: none), as fasteffects.suspend reads it."""
    rule, rules, st = et.rule, vt.version.rules, s.st
    out = np.zeros(len(idx), dtype=np.int64)
    rest = np.ones(len(idx), dtype=np.bool_)
    if rule.applicant_field:
        given = _whole(s, rule.applicant_field, pos)
        has = given != ABSENT
        st.bail[idx[has & (given < 1)]] = True
        out = np.where(has, given, out)
        rest = ~has
    fallback: object = None
    if rule.applicant_parameter and rest.any():
        if rule.applicant_parameter not in rules.parameters:
            st.bail[idx[rest]] = True
            return out
        fallback = rules.parameters[rule.applicant_parameter].value
    if fallback is None and rule.applicant_period:
        fallback = rules.period(rule.applicant_period).workdays
    if fallback and rest.any():                          # (0 or none: no period, as in fasteffects.suspend)
        if not isinstance(fallback, int) or fallback < 0:
            st.bail[idx[rest]] = True
        else:
            out = np.where(rest, int(fallback), out)
    return out


def suspend(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, vt, rule = s.st, s.tables[vi], et.rule
    t = s.dates(pos)
    due = st.due(idx, t)
    voided = s.check(vi, rule.type, idx, t, s.facts_at(idx, t, due))
    if rule.applicant == "correction":
        st.corrections[idx] += 1
    keep = ~voided
    idx, pos, t, due = idx[keep], pos[keep], t[keep], due[keep]
    if rule.applicant == "payment":
        used = st.rank(idx, t) - st.rank(idx, st.start[idx]) - st.excluded(idx, t)
        st.remaining[idx] = np.where(due != 0, np.maximum(1, st.n[idx] + st.ext[idx] - used), ABSENT)
    days = _applicant_days(s, idx, pos, et, vt)
    has = days != 0
    got = st.add(idx[has], _received_or(s, pos[has], t[has]), days[has])
    app = np.zeros(len(idx), dtype=np.int64)
    app[has] = got
    st.app_due[idx] = app
    st.susp_kind[idx] = _CORRECTION if rule.applicant == "correction" else _PAYMENT
    st.susp_type[idx] = s.codes.type[rule.type]


def restart(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, vt, rule = s.st, s.tables[vi], et.rule
    t = s.dates(pos)
    answers = NONE if rule.answers is None else s.codes.type.get(rule.answers, NONE)
    matched = (st.susp_kind[idx] != 0) & (st.susp_type[idx] == answers)
    other = ~matched
    if other.any():
        bit = np.int64(1) << answers if answers != NONE else np.int64(0)
        void = other & ((st.voided[idx] & bit) != 0)
        st.due(idx[void], t[void])                      # answers a notice that had no effect
        st.bail[idx[other & ~void]] = True
    idx, t = idx[matched], t[matched]
    if not len(idx):
        return
    rules = vt.version.rules
    if rule.parameter and rule.parameter not in rules.parameters:
        st.bail[idx] = True
        return
    mode = rules.param(rule.parameter) if rule.parameter else None
    st.susp_kind[idx], st.susp_type[idx], st.app_due[idx] = 0, NONE, 0
    st.start[idx], st.fixed[idx], st.ext[idx] = t, 0, 0
    resumed = (st.remaining[idx] != ABSENT) if mode == "resume" else np.zeros(len(idx), dtype=np.bool_)
    if rule.period is None:
        st.bail[idx[~resumed]] = True
        full = 0
    else:
        full = rules.period(rule.period).workdays
    st.n[idx] = np.where(resumed, st.remaining[idx], full)
    st.due(idx, t)


def pause(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, vt, rule = s.st, s.tables[vi], et.rule
    party = s.table.ev_party[pos].astype(np.int64)
    for code in np.unique(party):
        at = party == code
        pr = rule.parties.get(s.codes.parties[code]) if code != NONE else None
        if pr is None:
            st.bail[idx[at]] = True
            continue
        i, p = idx[at], pos[at]
        t = s.dates(p)
        due = st.due(i, t)
        s.check(vi, rule.type, i, t, s.facts_at(i, t, due))
        limit = np.zeros(len(i), dtype=np.int64)
        bound = vt.version.bound
        if pr.effect != "record" and pr.period is not None:
            if bound is None:
                st.bail[i] = True                     # the plain clock reads a missing parameter
            elif bound.value == _LIMITED:
                limit = st.add(i, _received_or(s, p, t), np.full(len(i), vt.periods[pr.period], dtype=np.int64))
        _append(s, i, int(code), t, limit, pr.effect == "pause")


def _append(s: Step, idx: NDArray[np.int64], party: int, t: NDArray[np.int64], limit: NDArray[np.int64],
            pauses: bool) -> None:
    st = s.st
    j = st.ncons[idx]
    full = j >= st.c_sent.shape[1]
    st.bail[idx[full]] = True
    idx, j, t, limit = idx[~full], j[~full], t[~full], limit[~full]
    st.c_party[idx, j], st.c_sent[idx, j], st.c_limit[idx, j] = party, t, limit
    st.c_pauses[idx, j], st.c_answered[idx, j] = pauses, 0
    st.ncons[idx] += 1


def resume(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st = s.st
    t = s.dates(pos)
    party = s.table.ev_party[pos].astype(np.int64)
    slots = np.arange(st.c_sent.shape[1])
    match = ((st.c_party[idx] == party[:, None]) & (st.c_answered[idx] == 0)
             & (slots[None, :] < st.ncons[idx][:, None]) & (party[:, None] != NONE))
    found = match.any(axis=1)
    st.bail[idx[~found]] = True
    idx, t, j = idx[found], t[found], np.argmax(match[found], axis=1)
    st.c_answered[idx, j] = t
    st.due(idx, t)


def extend(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, vt, rule = s.st, s.tables[vi], et.rule
    t = s.dates(pos)
    k = _whole(s, "workdays", pos)
    bad = (k == ABSENT) | (k < 1)
    if rule.cap is None:
        bad[:] = True
    st.bail[idx[bad]] = True
    idx, t, k = idx[~bad], t[~bad], k[~bad]
    if not len(idx) or rule.cap is None:
        return
    cap = vt.periods[rule.cap]
    due = st.due(idx, t)
    if vt.checks.get(rule.type):
        facts = s.facts_at(idx, t, due)
        facts.update(extension_total=st.ext[idx] + k, extension_cap=cap)
        keep = ~s.check(vi, rule.type, idx, t, facts)
        idx, t, k = idx[keep], t[keep], k[keep]
    ext = st.ext[idx]
    st.ext[idx] = ext + np.maximum(0, np.minimum(k, cap - ext))
    st.due(idx, t)


def set_due(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, rule = s.st, et.rule
    t = s.dates(pos)
    want = _given(s, "due", pos)
    bad = (want == 0) | (want < t)
    st.bail[idx[bad]] = True
    idx, t, want = idx[~bad], t[~bad], want[~bad]
    in_force = st.due(idx, t)
    keep = ~s.check(vi, rule.type, idx, t, s.facts_at(idx, t, in_force))
    idx, want, in_force = idx[keep], want[keep], in_force[keep]
    later = (in_force == 0) | (want > in_force)
    st.fixed[idx[later]] = want[later]


def close(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    st, vt, rule, codes = s.st, s.tables[vi], et.rule, s.codes
    t = s.dates(pos)
    due = st.due(idx, t)
    outcome = s.table.ev_outcome[pos].astype(np.int64)
    reason = s.table.ev_reason[pos].astype(np.int64)
    answered = rule.status == "answered"
    if answered:
        given = outcome != NONE
        o = np.clip(outcome, 0, None)
        bad = given & ~vt.outcome_known[o]
        needs = given & (vt.by_reason[o] | (reason != NONE))
        bad |= needs & ((reason == NONE) | ~vt.reason_known[np.clip(reason, 0, None)])
        if vt.version.catalogue is None:
            bad[:] = False
        st.bail[idx[bad]] = True
    s.check(vi, rule.type, idx, t, s.facts_at(idx, t, due))
    if rule.status is None:
        st.bail[idx] = True
        return
    st.closed_status[idx], st.closed_on[idx], st.closing_due[idx] = codes.status[rule.status], t, due
    if answered:
        st.outcome[idx], st.reason[idx] = outcome, reason
    elif rule.status == "withdrawn":
        st.outcome[idx] = codes.outcome["withdrawn"]


def record(s: Step, idx: NDArray[np.int64], pos: NDArray[np.int64], et: EventTable, vi: int) -> None:
    s.st.due(idx, s.dates(pos))


HANDLERS: dict[str, Handler] = {
    "suspend": suspend, "restart": restart, "pause": pause, "resume": resume, "extend": extend,
    "set": set_due, "close": close, "record": record,
}
