"""The same rules on Apache Spark: a DataFrame of cases in, a DataFrame of
results (or section three of the annual report) out.

    from disclosure_rules import spark as drs
    results = drs.evaluate(cases_df, as_of=date(2026, 10, 10))
    table = drs.report(cases_df, year=2025).table

* The cases are a column of case JSON (``case_column``, default ``"case"``
  when there is one) or typed columns ``id``, ``receipt`` (struct),
  ``events`` (array of structs), ``applicant``, ``calendar``, ``local``; a
  null field of a typed struct means the field is absent.
* Results have the columns of :data:`disclosure_rules.batch.columns.COLUMNS`
  (one row per case; under ``errors="collect"`` a bad case's row carries
  its id, ``error_kind`` and ``error_message``).  Under ``errors="raise"``
  (default) the first bad case fails the Spark job with the library's own
  error and message (Spark shows it in its ``PythonException``).
* ``as_of`` is an explicit argument: results never depend on the day or the
  machine a task runs on.
* The work goes through Arrow batches (``mapInArrow``); the rule book and
  the calendars are broadcast once and unpickled once per Python worker.
* :func:`report` aggregates in Spark: each Arrow batch counts its own
  table, Spark sums the cells.

Needs the ``spark`` extra: ``pip install disclosure-rules[spark]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from .batch.columns import items_from_rows, result_table, spark_ddl
from .batch.records import report_records
from .batch.run import Failure, check_errors_mode
from .errors import InputError
from .jsondata import JSONDict
from .messages import message
from .reprs import SharedRepr

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame

    from .batch.source import Item
    from .calendar import Calendar
    from .report import AnnualTable
    from .rulebook import RuleBook
    from .rulefiles.reportfiles import TableLayout

#: what every worker gets once: the rule book and the calendars by id
Shared: TypeAlias = "Broadcast[tuple[RuleBook, dict[str, Calendar]]]"
#: a function of Arrow record batches, as DataFrame.mapInArrow takes it (pyarrow has no types)
BatchFunction: TypeAlias = Callable[[Iterable[Any]], Iterator[Any]]

REPORT_DDL = "row string, column string, n long, id string, error_kind string, error_message string"


def evaluate(df: DataFrame, as_of: dt.date, *, case_column: str | None = None, errors: str = "raise",
             estimate_until: int | None = None, rules: RuleBook | None = None,
             calendars: Sequence[str | Calendar] | None = None) -> DataFrame:
    """A DataFrame of results for a DataFrame of cases, as of ``as_of`` (required)."""
    from .frame import as_of_day, column_of_cases

    check_errors_mode(errors)
    as_of = as_of_day(as_of)
    column = column_of_cases(df.columns, case_column)
    shared = _broadcast(df, rules, calendars, estimate_until)

    def evaluate_batches(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa
        book, cals = _state(shared)
        for batch in batches:
            def rest(idx: Any, batch: Any = batch) -> Any:
                return result_table(batch.take(pa.array(idx)).to_pylist(), column, as_of,
                                    numbers=[int(i) + 1 for i in idx], errors=errors, rules=book, calendars=cals,
                                    estimate_until=estimate_until)
            if column is None:                       # typed columns: the columnar evaluator, the row path behind it
                from .columnar.rows import evaluate_arrow
                table = evaluate_arrow(batch, as_of, rest, rules=book, calendars=cals, estimate_until=estimate_until)
            else:
                table = rest(list(range(batch.num_rows)))
            yield from table.to_batches()

    return df.mapInArrow(evaluate_batches, spark_ddl())


@attrs.frozen(repr=False)
class SparkReport(SharedRepr):
    """Section three counted by Spark: the table, how many records were
    left out (``errors="collect"``), and those records' errors as a DataFrame."""

    table: AnnualTable
    left_out: int
    failures: DataFrame = attrs.field(repr=False)


def report(df: DataFrame, year: int, *, case_column: str | None = None, errors: str = "raise",
           rules: RuleBook | None = None, calendars: Sequence[str | Calendar] | None = None,
           layout: TableLayout | None = None) -> SparkReport:
    """The annual table of ``year`` from a DataFrame of cases (or of plain report records:
    columns id, received, applicant, closed_on, row), evaluated as of 31 December."""
    from .report import AnnualTable
    from .rulefiles.bundle import load_bundle

    check_errors_mode(errors)
    lay = layout or load_bundle().only("report")
    column = _report_column(df.columns, case_column)
    shared = _broadcast(df, rules, calendars, year + 1)
    cells_df = df.mapInArrow(_count_batches(shared, column, year, errors, lay), REPORT_DDL)
    sums = cells_df.groupBy("row", "column").agg({"n": "sum"}).collect()
    cells = {r.code: {c.code: 0 for c in lay.columns} for r in lay.rows}
    left_out = 0
    for r in sums:
        if r["row"] is None:
            left_out += r["sum(n)"]
        else:
            cells[r["row"]][r["column"]] += r["sum(n)"]
    failures = cells_df.where("error_kind is not null").select("id", "error_kind", "error_message")
    return SparkReport(AnnualTable(year, cells, lay), left_out, failures)


def _count_batches(shared: Shared, column: str | None, year: int, errors: str,
                   lay: TableLayout) -> BatchFunction:
    def count(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from .report import annual_table
        book, cals = _state(shared)
        for batch in batches:
            rows = batch.to_pylist()
            items = items_from_rows(rows, column) if column != "*records" else _record_items(rows)
            good: list[object] = []
            out: list[JSONDict] = []
            for rec in report_records(items, year, errors=errors, layout=lay, rules=book, calendars=cals):
                if isinstance(rec, Failure):
                    out.append({"id": rec.id, "n": 1, "error_kind": rec.error.kind,
                                "error_message": rec.error.message})
                elif rec is not None:
                    good.append(rec)
            for row, cols in annual_table(good, year, lay).cells.items():
                out.extend({"row": row, "column": c, "n": n} for c, n in cols.items() if n)
            yield pa.RecordBatch.from_pylist(out, schema=_report_schema())
    return count


def _report_column(columns: Sequence[str], case_column: str | None) -> str | None:
    from .frame import column_of_cases
    if case_column is None and "case" not in columns and "receipt" not in columns and "received" in columns:
        return "*records"
    return column_of_cases(columns, case_column)


def _record_items(rows: Iterable[JSONDict]) -> list[Item]:
    """Plain report records from typed columns (a naive timestamp counts by its calendar day)."""
    from .batch.columns import drop_nulls
    from .batch.source import Item
    from .errors import CaseError

    keys = ("id", "received", "applicant", "closed_on", "row")
    items: list[Item] = []
    for n, r in enumerate(rows, 1):
        try:
            rec = drop_nulls({k: r.get(k) for k in keys})
            items.append(Item(n, None, {k: v.date() if isinstance(v, dt.datetime) else v for k, v in rec.items()}))
        except CaseError as exc:
            items.append(Item(n, None, {"id": r.get("id")}, exc))
    return items


def _report_schema() -> Any:                     # a pyarrow schema
    import pyarrow as pa
    return pa.schema([("row", pa.string()), ("column", pa.string()), ("n", pa.int64()), ("id", pa.string()),
                      ("error_kind", pa.string()), ("error_message", pa.string())])


def _broadcast(df: DataFrame, rules: RuleBook | None, calendars: Sequence[str | Calendar] | None,
               estimate_until: int | None) -> Shared:
    """Broadcast the rule book and the calendars once (loaded here, on the driver)."""
    from .calendar import Calendar, load_calendar
    from .rulebook import RuleBook, load_rules

    book = rules if rules is not None else load_rules()
    if not isinstance(book, RuleBook):
        raise InputError(message("spark.rules"))
    cals = {}
    for c in (calendars or ["cn"]):
        cal = c if isinstance(c, Calendar) else load_calendar(c, estimate_until=estimate_until)
        cals[cal.id] = cal
    return df.sparkSession.sparkContext.broadcast((book, cals))


def _state(shared: Shared) -> tuple[RuleBook, dict[str, Calendar]]:
    """The broadcast rule book and calendars (Spark unpickles a broadcast once per Python
    worker and keeps it for the worker's later tasks)."""
    return shared.value
