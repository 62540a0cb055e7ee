"""The :class:`~disclosure_rules.result.Result` of each case the columnar fold answered (``fastresult.result_of``).

Built only where asked: a table or a frame reads the columns of
:class:`~.standing.Standing` directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ..result import Result, Violation
from .codes import NONE
from .standing import Standing
from .table import ABSENT


def _violations(s: Standing) -> dict[int, list[Violation]]:
    """case row -> its violations, in the order the plain clock finds them."""
    found: list[tuple[int, int, int, int, int, int]] = []
    chunks = s.record.chunks
    for ci, c in enumerate(chunks):
        found.extend((int(r), c.order, c.code, ci, j, 0) for j, r in enumerate(c.rows.tolist()))
    found.sort()
    tables = s.step.tables
    out: dict[int, list[Violation]] = {}
    for row, _order, code, ci, j, _ in found:
        c = chunks[ci]
        vt = tables[c.version]
        values = {k: _value(v, j) for k, v in c.facts.items()}
        rule = vt.violations[code]
        out.setdefault(row, []).append(
            vt.version.violation(rule, dt.date.fromordinal(int(c.dates[j])), rule.event, values))
    return out


def _value(v: Any, j: int) -> Any:
    if isinstance(v, np.ndarray):
        return v.item() if v.ndim == 0 else int(v[j])
    return v


def _day(o: int) -> dt.date | None:
    return dt.date.fromordinal(o) if o else None


def _count(n: int) -> int | None:
    return None if n == ABSENT else n


def results(s: Standing, as_of: dt.date) -> list[Result | None]:
    """One Result per case of the table (None where the columnar fold did not answer)."""
    st, codes, tab = s.step.st, s.step.codes, s.step.table
    found = _violations(s)
    cols = {k: getattr(s, k).tolist() for k in ("status", "due", "due_at_latest", "workdays_left", "late_workdays",
                                                "applicant_due", "excluded", "closed_on", "provisional")}
    state = {k: getattr(st, k).tolist() for k in ("received", "start", "n", "ext", "v", "outcome", "reason")}
    taken = s.taken.tolist()
    out: list[Result | None] = []
    cal = st.days.ranks.cal
    for i in range(len(tab)):
        if not taken[i]:
            out.append(None)
            continue
        vt = s.step.tables[state["v"][i]]
        v = vt.version
        o, r = state["outcome"][i], state["reason"][i]
        outcome = None if o == NONE else codes.outcomes[o]
        reason = None if r == NONE else codes.reasons[r]
        a = int(tab.applicant[i])
        out.append(Result(
            tab.ids[i], dt.date.fromordinal(state["received"][i]), codes.channels[int(tab.channel[i])], v.main.id,
            v.prep.versions, None, cal.id, as_of, codes.statuses[cols["status"][i]], _day(cols["due"][i]),
            _day(cols["due_at_latest"][i]), _count(cols["workdays_left"][i]), _count(cols["late_workdays"][i]),
            _day(cols["applicant_due"][i]), dt.date.fromordinal(state["start"][i]), state["n"][i], state["ext"][i],
            _count(cols["excluded"][i]), _day(cols["closed_on"][i]), outcome, reason, v.report_row(outcome, reason),
            None if a == NONE else codes.applicants[a], tuple(found.get(i, ())), (), bool(cols["provisional"][i]),
            v.prep.provenance(cal)))
    return out
