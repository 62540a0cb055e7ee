"""The :class:`~disclosure_rules.result.Result` of each case the columnar fold answered (``fastresult.result_of``).

Built only where asked: a table or a frame reads the columns of
:class:`~.standing.Standing` directly.
"""

from __future__ import annotations

import datetime as dt
from string import Formatter
from typing import Any

import numpy as np

from ..result import Result, Violation
from .checks import Found
from .standing import Standing
from .table import ABSENT


def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(f for _l, f, _s, _c in Formatter().parse(template) if f is not None)


class _Violations:
    """The Violation objects of a batch, each built once per (rule, day, values its message shows):
    a Violation is immutable, so results that share one share the object."""

    def __init__(self, s: Standing) -> None:
        self.tables = s.step.tables
        self.made: dict[tuple[Any, ...], Violation] = {}
        self.names: dict[tuple[int, int], tuple[str, ...]] = {}

    def _names(self, vi: int, code: int) -> tuple[str, ...]:
        got = self.names.get((vi, code))
        if got is None:
            rule = self.tables[vi].violations[code]
            got = self.names[vi, code] = tuple(dict.fromkeys(_placeholders(rule.message.en)
                                                             + _placeholders(rule.message.zh)))
        return got

    def of_chunk(self, c: Found) -> list[Violation]:
        """The Violation of each case of one chunk of the record."""
        vt, n = self.tables[c.version], len(c.rows)
        periods = vt.version.prep.period_values
        names = [k for k in self._names(c.version, c.code) if k not in periods and k in c.facts]
        columns = [_column(c.facts[k], n) for k in names]
        rule, dates = vt.violations[c.code], c.dates.tolist()
        out = []
        for j in range(n):
            shown = tuple(col[j] for col in columns)
            key = (c.version, c.code, dates[j], shown)
            got = self.made.get(key)
            if got is None:
                got = self.made[key] = vt.version.violation(rule, dt.date.fromordinal(dates[j]), rule.event,
                                                            dict(zip(names, shown, strict=True)))
            out.append(got)
        return out


def _column(v: Any, n: int) -> list[Any]:
    """A fact of a chunk as one Python value per case."""
    if isinstance(v, np.ndarray):
        return [v.item()] * n if v.ndim == 0 else v.tolist()
    return [v] * n


def _place(found: tuple[int, int, int, Violation]) -> tuple[int, int, int]:
    """(case, place of the check in the fold, order of the rule in its file)."""
    row, order, code, _v = found
    return row, order, code


def _violations(s: Standing) -> dict[int, list[Violation]]:
    """case row -> its violations, in the order the plain clock finds them."""
    made = _Violations(s)
    found: list[tuple[int, int, int, Violation]] = []
    for c in s.record.chunks:
        found.extend(zip(c.rows.tolist(), [c.order] * len(c.rows), [c.code] * len(c.rows), made.of_chunk(c),
                         strict=True))
    found.sort(key=_place)
    out: dict[int, list[Violation]] = {}
    for row, _order, _code, v in found:
        out.setdefault(row, []).append(v)
    return out


def _days(*cols: list[int]) -> dict[int, dt.date | None]:
    """Every day the columns hold, as a date (0: None), made once."""
    out: dict[int, dt.date | None] = {0: None}
    for col in cols:
        for o in set(col) - out.keys():
            out[o] = dt.date.fromordinal(o)
    return out


_ordinal = dt.date.fromordinal


def results(s: Standing, as_of: dt.date) -> list[Result | None]:
    """One Result per case of the table (None where the columnar fold did not answer)."""
    st, codes, tab = s.step.st, s.step.codes, s.step.table
    found = _violations(s)
    c = {k: getattr(s, k).tolist() for k in ("status", "due", "due_at_latest", "workdays_left", "late_workdays",
                                             "applicant_due", "excluded", "closed_on", "provisional")}
    c.update({k: getattr(st, k).tolist() for k in ("received", "start", "n", "ext", "v", "outcome", "reason")})
    day = _days(c["due"], c["due_at_latest"], c["applicant_due"], c["closed_on"])
    count = {ABSENT: None}
    cal = st.days.ranks.cal
    versions = [(t.version, t.version.main.id, t.version.prep.versions, t.version.prep.provenance(cal))
                for t in s.step.tables]
    outcomes, reasons = (None, *codes.outcomes), (None, *codes.reasons)      # code + 1 -> name
    channels, applicants, statuses = codes.channels, (None, *codes.applicants), codes.statuses
    channel, applicant = tab.channel.tolist(), tab.applicant.tolist()
    out: list[Result | None] = []
    for i, taken in enumerate(s.taken.tolist()):
        if not taken:
            out.append(None)
            continue
        v, main, applied, prov = versions[c["v"][i]]
        outcome, reason = outcomes[c["outcome"][i] + 1], reasons[c["reason"][i] + 1]
        left, late, ex = c["workdays_left"][i], c["late_workdays"][i], c["excluded"][i]
        out.append(Result(
            tab.ids[i], _ordinal(c["received"][i]), channels[channel[i]], main, applied, None, cal.id, as_of,
            statuses[c["status"][i]], day[c["due"][i]], day[c["due_at_latest"][i]], count.get(left, left),
            count.get(late, late), day[c["applicant_due"][i]], _ordinal(c["start"][i]), c["n"][i], c["ext"][i],
            count.get(ex, ex), day[c["closed_on"][i]], outcome, reason, v.report_row(outcome, reason),
            applicants[applicant[i] + 1], tuple(found.get(i, ())), (), c["provisional"][i], prov))
    return out
