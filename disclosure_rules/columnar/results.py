"""The :class:`~disclosure_rules.result.Result` of each case the columnar fold answered (``fastresult.result_of``).

Built only where asked: a table or a frame reads the columns of
:class:`~.standing.Standing` directly.  The fields are made a column at a
time (one ``map`` over a lookup per field, values shared where equal) and
the results with one ``map`` over ``Result``: per case, Python does little
more than build the frozen object.
"""

from __future__ import annotations

import datetime as dt
import itertools
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
    a Violation is immutable, so results that share one share the object; its two messages are
    filled once per (rule, values shown), whatever the day."""

    def __init__(self, s: Standing) -> None:
        self.tables = s.step.tables
        self.made: dict[tuple[Any, ...], Violation] = {}
        self.filled: dict[tuple[Any, ...], tuple[str, str]] = {}
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
        shown_all = list(zip(*[_column(c.facts[k], n) for k in names], strict=True)) if names else [()] * n
        rule, made = vt.violations[c.code], self.made
        out = []
        for day, shown in zip(c.dates.tolist(), shown_all, strict=True):
            key = (c.version, c.code, day, shown)
            got = made.get(key)
            if got is None:
                got = made[key] = self._new(c, rule, day, names, shown)
            out.append(got)
        return out

    def _new(self, c: Found, rule: Any, day: int, names: list[str], shown: tuple[Any, ...]) -> Violation:
        date, key = dt.date.fromordinal(day), (c.version, c.code, shown)
        text = self.filled.get(key)
        if text is None:
            made = self.tables[c.version].version.violation(rule, date, rule.event, dict(zip(names, shown, strict=True)))
            self.filled[key] = made.message_en, made.message_zh
            return made
        return Violation(rule.code, date, rule.event, rule.title.en, rule.title.zh, text[0], text[1], rule.basis,
                         rule.voids_effect, rule.source)


def _column(v: Any, n: int) -> list[Any]:
    """A fact of a chunk as one Python value per case."""
    if isinstance(v, np.ndarray):
        return [v.item()] * n if v.ndim == 0 else v.tolist()
    return [v] * n


def _violations(s: Standing) -> dict[int, tuple[Violation, ...]]:
    """case row -> its violations, in the order the plain clock finds them: by case, then the place
    of the check in the fold, then the order of the rule in its file (a stable sort)."""
    chunks = s.record.chunks
    if not chunks:
        return {}
    made = _Violations(s)
    found = list(itertools.chain.from_iterable(made.of_chunk(c) for c in chunks))
    rows, order, code, _version = s.record.flat()
    by = np.lexsort((code, order, rows))
    rows, found = rows[by], list(map(found.__getitem__, by.tolist()))
    starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
    ends = [*starts[1:].tolist(), len(found)]
    return {r: tuple(found[a:b]) for r, a, b in zip(rows[starts].tolist(), starts.tolist(), ends, strict=True)}


def _days(*cols: list[int]) -> dict[int, dt.date | None]:
    """Every day the columns hold, as a date (0: None), made once."""
    out: dict[int, dt.date | None] = {0: None}
    for col in cols:
        for o in set(col) - out.keys():
            out[o] = dt.date.fromordinal(o)
    return out


def _counts(col: list[int]) -> list[int | None]:
    """A count column: None where not given."""
    return list(map({ABSENT: None}.get, col, col))


def results(s: Standing, as_of: dt.date) -> list[Result | None]:
    """One Result per case of the table (None where the columnar fold did not answer)."""
    st, codes, tab = s.step.st, s.step.codes, s.step.table
    rows = np.flatnonzero(s.taken)
    out: list[Result | None] = [None] * len(s.taken)
    if not len(rows):
        return out
    c = {k: getattr(s, k)[rows].tolist() for k in ("status", "due", "due_at_latest", "workdays_left",
                                                   "late_workdays", "applicant_due", "excluded", "closed_on",
                                                   "provisional")}
    c.update({k: getattr(st, k)[rows].tolist() for k in ("received", "start", "n", "ext", "v", "outcome", "reason")})
    day = _days(c["due"], c["due_at_latest"], c["applicant_due"], c["closed_on"], c["received"], c["start"])
    cal = st.days.ranks.cal
    versions = [t.version for t in s.step.tables]
    mains = [v.main.id for v in versions]
    applied = [v.prep.versions for v in versions]
    provenance = [v.prep.provenance(cal) for v in versions]
    outcomes, reasons = (None, *codes.outcomes), (None, *codes.reasons)      # code + 1 -> name
    outcome = [outcomes[o + 1] for o in c["outcome"]]
    reason = [reasons[r + 1] for r in c["reason"]]
    found, at = _violations(s), rows.tolist()
    due, applicant_due = list(map(day.__getitem__, c["due"])), list(map(day.__getitem__, c["applicant_due"]))
    made = map(
        Result, map(tab.ids.__getitem__, at), map(day.__getitem__, c["received"]),
        map(codes.channels.__getitem__, tab.channel[rows].tolist()), map(mains.__getitem__, c["v"]),
        map(applied.__getitem__, c["v"]), itertools.repeat(None), itertools.repeat(cal.id),
        itertools.repeat(as_of), map(codes.statuses.__getitem__, c["status"]), due,
        map(day.__getitem__, c["due_at_latest"]), _counts(c["workdays_left"]), _counts(c["late_workdays"]),
        applicant_due, map(day.__getitem__, c["start"]), c["n"], c["ext"], _counts(c["excluded"]),
        map(day.__getitem__, c["closed_on"]), outcome, reason,
        map(lambda v, o, r: versions[v].report_row(o, r), c["v"], outcome, reason),
        map((None, *codes.applicants).__getitem__, [a + 1 for a in tab.applicant[rows].tolist()]),
        map(found.get, at, itertools.repeat(())), itertools.repeat(()), c["provisional"],
        map(provenance.__getitem__, c["v"]), due, due, applicant_due, applicant_due)
    for i, r in zip(at, made, strict=True):
        out[i] = r
    return out
