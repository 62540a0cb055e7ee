"""Report records from a stream of cases or plain records, one at a time.

A case is evaluated as of 31 December of the report year (the table needs
only what happened by then; due dates in the next year do not matter to it,
so an estimated next year is allowed); a plain record is taken as it is.
Each input item yields a checked
:class:`~disclosure_rules.report.ReportRecord`, ``None`` for a case
received after the year (not in this year's table), or a
:class:`~.run.Failure`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from ..errors import DisclosureRulesError
from .run import UNTRACED_CHUNK, check_errors_mode, evaluate_chunk, failure_of, in_context
from .source import Item

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..case import Case
    from ..report import ReportRecord
    from ..rulebook import RuleBook
    from ..rulefiles.reportfiles import TableLayout
    from .run import Answer, Failure

#: one item, sorted: a case to evaluate (its place kept), a skipped case, a checked record, or the error
Slot = tuple[str, "Case | ReportRecord | DisclosureRulesError | None"]


def report_records(items: Iterable[Item], year: int, *, errors: str = "raise", layout: TableLayout | None = None,
                   rules: RuleBook | None = None, calendars: dict[str, Calendar] | None = None,
                   extra_keys: str = "reject") -> Iterator[ReportRecord | Failure | None]:
    """A record, None (after the year) or a Failure for every item, in input order."""
    from ..rulefiles.bundle import load_bundle

    check_errors_mode(errors)
    lay = layout or load_bundle().only("report")
    cols, result_rows = lay.applicant_columns, set(lay.result_rows)
    year_end = dt.date(year, 12, 31)
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, UNTRACED_CHUNK))
        if not chunk:
            return
        slots, cases = _sort_chunk(chunk, year_end, lay, cols, result_rows, extra_keys)
        results = iter(evaluate_chunk(cases, year_end, rules=rules, calendars=calendars, estimate_until=year + 1,
                                      trace=False))
        for x, (what, value) in zip(chunk, slots, strict=True):
            if what == "case":
                value = _case_record(next(results), lay, cols, result_rows)
            if isinstance(value, DisclosureRulesError):
                if errors == "raise":
                    raise in_context(x, value)
                yield failure_of(x, value)
            else:                               # a record, or None (skipped; a case's record is made above)
                yield cast("ReportRecord | None", value)


def _sort_chunk(chunk: list[Item], year_end: dt.date, lay: TableLayout, cols: Sequence[str],
                result_rows: Collection[str], extra_keys: str) -> tuple[list[Slot], list[Case]]:
    """A slot per item, ("case"|"record"|"skip"|"error", value), and the cases to evaluate, in order."""
    slots: list[Slot] = []
    cases: list[Case] = []
    for x in chunk:
        what, value = _slot(x, year_end, lay, cols, result_rows, extra_keys)
        if what == "case":
            cases.append(cast("Case", value))
            value = None
        slots.append((what, value))
    return slots, cases


def _slot(x: Item, year_end: dt.date, lay: TableLayout, cols: Sequence[str], result_rows: Collection[str],
          extra_keys: str) -> Slot:
    """One item: a case to evaluate, a case received after the year (skipped), a checked record, or
    the error."""
    from ..case import parse_case
    from ..report import check_record

    try:
        if x.error is not None:
            raise x.error
        if isinstance(x.data, dict) and "receipt" in x.data:
            case = parse_case(x.data, extra_keys=extra_keys)
            if case.receipt.dates and max(case.receipt.dates.values()) > year_end:
                return "skip", None
            return "case", case
        return "record", check_record(x.data, lay, cols, result_rows)
    except DisclosureRulesError as exc:
        return "error", exc


def _case_record(result: Answer | DisclosureRulesError, lay: TableLayout, cols: Sequence[str],
                 result_rows: Collection[str]) -> ReportRecord | DisclosureRulesError:
    """The table record of an evaluated case, or the error (of the evaluation or of the record)."""
    from ..report import check_record

    if isinstance(result, DisclosureRulesError):
        return result
    try:
        return check_record(result, lay, cols, result_rows)
    except DisclosureRulesError as exc:
        return exc
