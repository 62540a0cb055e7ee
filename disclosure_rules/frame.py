"""Cases in a pandas DataFrame, evaluated into a DataFrame of results.

    from disclosure_rules.frame import evaluate_frame
    results = evaluate_frame(cases_df, as_of=date(2026, 10, 10))

One result row per input row, on the input's index, with the columns of
:data:`disclosure_rules.batch.columns.COLUMNS` (Arrow-backed dtypes: dates
stay dates, missing values are ``<NA>``).  The cases are a column of case
JSON (``case_column``, default ``"case"`` when there is one) or typed
columns ``id``, ``receipt``, ``events``, ``applicant``, ``calendar``,
``local``.  ``errors="raise"`` (default) raises the first bad case's
documented error, as :func:`disclosure_rules.evaluate` would;
``errors="collect"`` gives that row ``error_kind`` and ``error_message``
instead.  Needs the ``frame`` extra: ``pip install disclosure-rules[frame]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .batch.columns import result_table
from .batch.run import check_errors_mode
from .errors import InputError
from .jsondata import JSON, JSONDict
from .messages import message

if TYPE_CHECKING:
    import pandas

    from .calendar import Calendar
    from .rulebook import RuleBook


def evaluate_frame(df: pandas.DataFrame, as_of: dt.date, *, case_column: str | None = None, errors: str = "raise",
                   estimate_until: int | None = None, rules: RuleBook | None = None,
                   calendars: dict[str, Calendar] | None = None) -> pandas.DataFrame:
    """A DataFrame of results for a DataFrame of cases, as of ``as_of`` (required)."""
    pd, pa = _libraries()
    check_errors_mode(errors)
    as_of = as_of_day(as_of)
    column = column_of_cases(df.columns, case_column)
    typed = _typed(df, pa) if column is None else None
    if typed is not None:                            # typed columns: the columnar evaluator, the row path behind it
        from .columnar.rows import evaluate_arrow
        from .rulebook import load_rules

        def rest(idx: Any) -> Any:
            return result_table(typed.take(pa.array(idx)).to_pylist(), column, as_of, labels=df.index[idx],
                                numbers=[int(i) + 1 for i in idx], errors=errors, rules=rules, calendars=calendars,
                                estimate_until=estimate_until)
        table = evaluate_arrow(typed, as_of, rest, rules=rules if rules is not None else load_rules(),
                               calendars=calendars, estimate_until=estimate_until)
    else:
        table = result_table(_rows(df, pd, pa), column, as_of, labels=df.index, errors=errors, rules=rules,
                             calendars=calendars, estimate_until=estimate_until)
    out: pandas.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    out.index = df.index
    return out


def _typed(df: pandas.DataFrame, pa: ModuleType) -> Any:
    """The frame as a pyarrow Table when its columns convert (else None: the row path reads it)."""
    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowException, ValueError, TypeError):
        return None


def _rows(df: pandas.DataFrame, pd: ModuleType, pa: ModuleType) -> list[JSONDict]:
    """The rows as plain Python values: through Arrow, or cell by cell when a column mixes types."""
    try:
        rows: list[JSONDict] = pa.Table.from_pandas(df, preserve_index=False).to_pylist()
        return rows
    except (pa.ArrowException, ValueError, TypeError):
        def plain(v: JSON) -> JSON:
            return None if (not isinstance(v, (list, dict, tuple)) and pd.isna(v)) else v
        return [{str(k): plain(v) for k, v in r.items()} for r in df.to_dict("records")]


def _libraries() -> tuple[ModuleType, ModuleType]:
    try:
        import pandas as pd
        import pyarrow as pa
    except ImportError:
        raise InputError(message("frame.needs_pandas")) from None
    return pd, pa


def as_of_day(as_of: object) -> dt.date:
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if not isinstance(as_of, dt.date):
        raise InputError(message("frame.as_of", value=repr(as_of)))
    return as_of


def column_of_cases(columns: Collection[Any], case_column: str | None) -> str | None:
    if case_column is not None:
        if case_column not in columns:
            raise InputError(message("frame.no_column", column=str(case_column), columns=[str(c) for c in columns]))
        return case_column
    if "case" in columns:
        return "case"
    if "id" not in columns or "receipt" not in columns:
        raise InputError(message("frame.columns"))
    return None
