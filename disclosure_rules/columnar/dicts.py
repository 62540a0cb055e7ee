"""Case dicts through the columnar evaluator: ``evaluate_iter(trace=False)`` a chunk at a time.

The dicts become Arrow columns in one call (``pyarrow.array``, which reads
nested dicts in C), then a case table (:mod:`.arrow_in`).  Arrow converts
some values the lean reader refuses (a ``datetime`` among dates, a numpy
number among whole numbers, ``None`` for a field it reads as absent), so a
dict goes this way only when every value in it is of a plain JSON type or
a ``date`` and none is ``None``; the others, and every case the fold hands
on, get ``None`` here and go to the fast path and the plain clock.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pyarrow as pa

from ..clock.lean import TOP_KEYS
from .arrow_in import NotColumnar, table_from_arrow
from .clock import ColumnarClock
from .results import results
from .table import field_names

_PLAIN = frozenset({str, int, bool, dt.date})        # the value types Arrow reads as the lean reader does
_DICT = frozenset({dict})
_NO_EVENTS: list[Any] = []


def plain_case(c: object) -> bool:
    """A case dict Arrow reads exactly as the lean reader does (see the module docstring).

    Every test is a C-level walk (``map``, ``chain``, set containment): this runs on every case
    of a batch before Arrow reads it.
    """
    if type(c) is not dict or not TOP_KEYS.issuperset(c) or "id" not in c:
        return False
    receipt, events = c.get("receipt"), c.get("events", _NO_EVENTS)
    if type(receipt) is not dict or type(events) is not list or not _PLAIN.issuperset(map(type, receipt.values())):
        return False
    # the top-level values: plain, but for the receipt (a dict) and the events (a list)
    if sum(map(_PLAIN.__contains__, map(type, c.values()))) != len(c) - 1 - ("events" in c):
        return False
    return _DICT.issuperset(map(type, events)) and _PLAIN.issuperset(
        map(type, itertools.chain.from_iterable(map(dict.values, events))))


def evaluate_dicts(clock: ColumnarClock, cases: list[Any], as_of: dt.date) -> list[Any]:
    """A Result per case, or None where the fast path and the plain clock must take it."""
    out: list[Any] = [None] * len(cases)
    if not clock.usable or not cases:
        return out
    where = [i for i, c in enumerate(cases) if plain_case(c)]
    if not where:
        return out
    assert clock.fast.reader is not None
    try:
        batch = pa.RecordBatch.from_struct_array(pa.array([cases[i] for i in where]))
        table = table_from_arrow(batch, clock.codes, clock.fast.reader, field_names(clock.fast.reader),
                                 ids=[str(cases[i]["id"]) for i in where], source=lambda rows: [cases[where[j]] for j in rows])
    except (NotColumnar, pa.ArrowException, TypeError, ValueError, OverflowError):
        return out                                   # values Arrow does not read as one column: the fast path
    for got in clock.standing(table, as_of).values():
        for j, r in enumerate(results(got, as_of)):
            if r is not None:
                out[where[j]] = r
    return out
