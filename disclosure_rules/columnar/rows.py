"""Result rows of a batch in typed Arrow columns: the columnar fold where it answers, the row path elsewhere.

The one entry of the pandas and Spark paths into :mod:`disclosure_rules.columnar`.
The rows the fold does not answer (a case it hands on, a bad case, a
calendar with estimated days) are given to ``rest`` (the row path:
``items_from_rows``, ``evaluate_items``, ``row_of``), which raises or
collects their errors as before; the two tables are put back in input
order, so that there is one result row for every input row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ..calendar import Calendar
from ..rulebook import RuleBook
from .arrow_in import NotColumnar, table_from_arrow
from .arrow_out import arrow_rows
from .clock import columnar_clock, load_named
from .table import CaseTable, field_names

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: the row path for the rows of the batch at these positions: their result rows, a pyarrow Table
RowPath = Callable[["NDArray[np.int64]"], Any]


def _calendars(table: CaseTable, given: dict[str, Calendar], estimate_until: int | None) -> dict[str, Calendar]:
    """The calendars given, and those the cases name, loaded as the row path loads them."""
    cals = dict(given)
    load_named(cals, table.calendars, estimate_until)
    return cals


def _row_cases(data: Any) -> Callable[[list[int]], list[object]]:
    """The cases of some rows as the row path reads them (items_from_rows: a null field is absent), taken
    from the Arrow data together."""
    from ..batch.columns import items_from_rows

    def cases(rows: list[int]) -> list[object]:
        items = items_from_rows(data.take(pa.array(rows, type=pa.int64())).to_pylist(), None)
        return [item.data if item.error is None else None for item in items]
    return cases


def evaluate_arrow(data: Any, as_of: dt.date, rest: RowPath, *, rules: RuleBook,
                   calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None) -> Any:
    """The result rows (a pyarrow Table of the COLUMNS schema) of a pyarrow Table or RecordBatch of cases."""
    n = data.num_rows
    everything = np.arange(n, dtype=np.int64)
    clock = columnar_clock(rules, dict(calendars or {}))
    if not clock.usable or n == 0:
        return rest(everything)
    assert clock.fast.reader is not None
    try:
        table = table_from_arrow(data, clock.codes, clock.fast.reader, field_names(clock.fast.reader),
                                 source=_row_cases(data))
    except NotColumnar:
        return rest(everything)
    cals = _calendars(table, calendars or {}, estimate_until)
    if set(cals) != set(calendars or {}):
        clock = columnar_clock(rules, cals)
    pieces, where = [], []
    answered = np.zeros(n, dtype=np.bool_)
    for got in clock.standing(table, as_of).values():
        idx, rows = arrow_rows(got, as_of.toordinal())
        pieces.append(rows)
        where.append(idx)
        answered[idx] = True
    left = np.flatnonzero(~answered)
    if len(left):
        pieces.append(rest(left))
        where.append(left)
    order = np.argsort(np.concatenate(where), kind="stable")
    return pa.concat_tables(pieces).take(pa.array(order))
