"""The fast batch path: the request clock without a trace, for the common shapes of a case.

The same fold as :mod:`.fold` (receipt, events in order, the applicant's
period, the standing on ``as_of``), written for speed: the case dict is read
by :mod:`.lean` (no attrs objects), days are ranks on the calendar's
cumulative index (:mod:`.fastspan`), consultations are merged rank
intervals with prefix sums, the violation conditions are the compiled
predicates of :mod:`.prepared`, and only the :class:`Result` is built.

It is never the reference.  Whatever it is not sure of raises :class:`Bail`
and the case goes to the plain clock: a case ``parse_case`` would refuse or
read differently, a calendar with gaps or estimated days, a date outside the
calendar, an event type of another effect, two same-day events of one type,
a late correction reopening an abandoned request, anything the plain clock
would raise.  ``tests/test_clock_fast.py`` proves on generated cases that
every answer it gives is the plain clock's, field for field.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

from ..calendar import Calendar
from ..result import Result
from ..rulebook import RuleBook
from ..vocabulary import vocabulary
from .fastfold import run
from .fastrules import Rulebook
from .fastspan import Bail, Ranks
from .lean import Reader


class FastClock:
    """The fast path for one rule book and the calendars of a batch (those with no gaps and no estimates)."""

    def __init__(self, book: RuleBook, calendars: dict[str, Calendar]) -> None:
        self.book = book
        self.known = len(calendars)                  # calendars it was built with (the batch may load more)
        self.ranks = {k: Ranks(c) for k, c in calendars.items() if _plain_calendar(c)}
        self.reader: Reader | None = None
        try:
            self.rules = Rulebook(book)
            self.reader = Reader(vocabulary(None, book), frozenset(self.ranks))
        except Exception:                # rules this path does not know (an effect of its own): plain clock only
            self.ranks = {}

    def evaluate(self, data: Any, as_of: dt.date) -> Result | None:
        """The result, or None when the plain clock must take the case."""
        if self.reader is None:
            return None
        case = self.reader.case(data)
        if case is None:
            return None
        try:
            return run(self.rules, self.ranks[case[5]], case, as_of)
        except Exception:                # Bail, or anything unforeseen: the plain clock decides
            return None


def _plain_calendar(cal: Calendar) -> bool:
    """A calendar the fast path can count on: official days only, no gaps (else the plain clock)."""
    return (type(cal) is Calendar and not cal.gaps and cal.estimate is None
            and cal.last_day <= cal.official_last_day
            and not any(getattr(i, "estimated", False) for i in cal.deviations.values()))


_KEPT = 8                        # fast clocks kept per rule book (one per set of calendars in use)
_CLOCKS: weakref.WeakKeyDictionary[RuleBook, dict[tuple[tuple[str, int], ...], FastClock]] = \
    weakref.WeakKeyDictionary()


def fast_clock(book: RuleBook, calendars: dict[str, Calendar]) -> FastClock:
    """The fast clock of a rule book and calendars, built once and kept beside the book."""
    per_book = _CLOCKS.get(book)
    if per_book is None:
        per_book = _CLOCKS[book] = {}
    key = tuple(sorted((k, id(c)) for k, c in calendars.items()))
    got = per_book.get(key)
    if got is None or any(got.ranks[k].cal is not c for k, c in calendars.items() if k in got.ranks):
        if len(per_book) >= _KEPT:
            per_book.clear()                     # calendars loaded afresh for every batch: keep the memory bounded
        got = per_book[key] = FastClock(book, dict(calendars))
    return got


__all__ = ["Bail", "FastClock", "fast_clock"]
