"""The columnar evaluator of one rule book and the calendars of a batch: cases in, results or columns out.

Built on the fast batch path (:class:`~disclosure_rules.clock.fast.FastClock`):
its reader decides which case dicts are read exactly as ``parse_case``
reads them, its rule tables and calendar ranks are the ones folded here.
Whatever the columnar fold does not answer (``None`` in the results) the
caller hands to the fast path and the plain clock.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable
from typing import Any

from ..calendar import Calendar, load_calendar
from ..clock.fast import FastClock, fast_clock
from ..errors import DisclosureRulesError
from ..rulebook import RuleBook
from .codes import Codes
from .conditions import Unsupported
from .days import DayIndex
from .fold import fold
from .lookups import lookups
from .results import results
from .standing import Standing, standing
from .table import CaseTable, from_lean
from .vrules import VersionTable, version_table

_MAX_TYPES = 62                              # event types a bit mask of int64 holds (State.voided)


class ColumnarClock:
    """The columnar fold for one rule book and calendars (see the module docstring)."""

    def __init__(self, fast: FastClock) -> None:
        self.fast = fast
        self.tables: list[VersionTable] | None = None
        self.days = {k: DayIndex(r) for k, r in fast.ranks.items()}
        if fast.reader is None:
            return
        self.codes = Codes(fast.reader, fast.rules)
        if len(self.codes.types) > _MAX_TYPES:
            return
        try:
            self.tables = [version_table(main, v, self.codes) for main, v in fast.rules.versions]
            self.lookups = lookups(self.tables, self.codes)
        except Unsupported:                          # a condition it does not compile: the fast path only
            self.tables = None

    @property
    def usable(self) -> bool:
        return self.tables is not None

    def table(self, cases: list[Any]) -> CaseTable:
        """The columns of case dicts (each read by the fast path's reader, as strict as ``parse_case``)."""
        assert self.fast.reader is not None and self.tables is not None
        read = self.fast.reader.case
        return from_lean([read(c) for c in cases], self.codes, self.fast.reader, lambda rows: [cases[i] for i in rows])

    def standing(self, table: CaseTable, as_of: dt.date) -> dict[str, Standing]:
        """The standing of the table's cases under each calendar it names that the fold can count on."""
        assert self.tables is not None
        out = {}
        for cal in sorted(set(table.calendars) & set(self.days)):
            step, record = fold(table, self.tables, self.lookups, self.codes, self.days[cal], as_of.toordinal(), cal)
            out[cal] = standing(step, record)
        return out

    def evaluate(self, cases: list[Any], as_of: dt.date) -> list[Any]:
        """A Result per case, or None where the fast path and the plain clock must take it."""
        if self.tables is None or not cases:
            return [None] * len(cases)
        table = self.table(cases)
        out: list[Any] = [None] * len(cases)
        for got in self.standing(table, as_of).values():
            for i, r in enumerate(results(got, as_of)):
                if r is not None:
                    out[i] = r
        return out


_CLOCKS: weakref.WeakKeyDictionary[FastClock, ColumnarClock] = weakref.WeakKeyDictionary()


def columnar_clock(book: RuleBook, calendars: dict[str, Calendar]) -> ColumnarClock:
    """The columnar clock of a rule book and calendars, built once beside their fast clock."""
    fast = fast_clock(book, calendars)
    got = _CLOCKS.get(fast)
    if got is None:
        got = _CLOCKS[fast] = ColumnarClock(fast)
    return got


def load_named(calendars: dict[str, Calendar], names: Iterable[object], estimate_until: int | None) -> None:
    """Add to ``calendars`` each calendar the cases name (``names``) that it lacks, loaded as the plain
    clock and the row path load it for a case; one that does not load is left out (they report it
    for the case)."""
    for cid in sorted({n for n in names if isinstance(n, str)} - set(calendars)):
        try:
            calendars[cid] = load_calendar(cid, estimate_until=estimate_until)
        except DisclosureRulesError:
            pass
