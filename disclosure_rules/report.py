"""Section three of the annual report (国办公开办函〔2021〕30号): from cases to
the table, and checks of a table the way the format requires.

* :func:`annual_table` counts a year's requests by result row and applicant
  column: row 1 received in the year; row 2 received earlier and not closed
  by 31 December of the year before; rows 3.x closed in the year, by result;
  row 4 received by 31 December and not closed by then.
* :func:`check_table` applies the balance rule (1 + 2 = 3(7) + 4 in every
  column), the column totals and the row 3(7) total, and reports each
  failure with its column and the difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from .errors import InputError
from .messages import Text, message
from .reprs import SharedRepr
from .rulefiles.reportfiles import Line, TableLayout

if TYPE_CHECKING:
    from .result import Result

#: a section-three table: row code -> column code -> count
Cells: TypeAlias = dict[str, dict[str, int]]
#: a table as given to the checks (its cells not checked yet)
GivenCells: TypeAlias = dict[str, dict[str, Any]]

__all__ = ["AnnualTable", "Finding", "Line", "ReportError", "ReportRecord", "TableLayout", "annual_table",
           "check_table", "record_from_result"]


class ReportError(InputError):
    """A record or a table that cannot be counted or read."""

    kind = "report"


# ----------------------------------------------------------------------------- records

@attrs.frozen(repr=False)
class ReportRecord(SharedRepr):
    """What the report needs of one request."""

    id: str
    received: dt.date
    applicant: str
    closed_on: dt.date | None
    row: str | None                    # the result row (3.x.y) once closed

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportRecord:
        def date(v: object, what: str) -> dt.date | None:
            if v is None and what == "received":
                raise ReportError(message("report.received_empty", id=str(d.get("id"))))
            if v is None or isinstance(v, dt.date):
                return v
            try:
                if not isinstance(v, str) or len(v) != 10:      # YYYY-MM-DD only, as in cases
                    raise ValueError(v)
                return dt.date.fromisoformat(v)
            except ValueError:
                raise ReportError(message("report.not_a_date", id=str(d.get("id")), key=what, value=str(v))) from None
        if not isinstance(d, dict):
            raise ReportError(message("report.not_a_record", where="", value=repr(d)))
        missing = [k for k in ("id", "received") if k not in d]
        if missing:
            raise ReportError(message("report.record_key", id=str(d.get("id", "?")), key=missing[0]))
        received = date(d["received"], "received")
        assert received is not None                   # (date() refuses an empty received)
        return cls(str(d["id"]), received, d.get("applicant") or "natural_person",
                   date(d.get("closed_on"), "closed_on"), None if d.get("row") is None else str(d["row"]))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "received": self.received.isoformat(), "applicant": self.applicant,
                "closed_on": self.closed_on.isoformat() if self.closed_on else None, "row": self.row}


def record_from_result(result: Result) -> ReportRecord:
    """The report record of an evaluated case (the seam between the clock and the report)."""
    closed = result.closed_on if result.status in ("answered", "withdrawn", "abandoned") else None
    if closed is not None and result.report_row is None:
        from .labels import status_label
        status = Text(status_label(result.status, "en"), status_label(result.status, "zh"))
        raise ReportError(message("report.no_outcome", id=result.id, status=status, day=closed))
    return ReportRecord(result.id, result.received, result.applicant or "natural_person", closed,
                        result.report_row if closed else None)


# ----------------------------------------------------------------------------- the table

@attrs.frozen(repr=False)
class AnnualTable(SharedRepr):
    year: int | None
    cells: Cells
    layout: TableLayout = attrs.field(repr=False, eq=False)

    def get(self, row: str, column: str) -> int:
        return self.cells[row][column]

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "rows": {r: dict(c) for r, c in self.cells.items()}}


def annual_table(records: Iterable[object], year: int, layout: TableLayout) -> AnnualTable:
    """Section three for ``year`` from report records (or evaluated results), in ``layout``."""
    lay = layout
    cols = lay.applicant_columns
    result_rows = set(lay.result_rows)
    cells = {r.code: {c.code: 0 for c in lay.columns} for r in lay.rows}
    new, carried_over, carried_forward = lay.balance_rows
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if isinstance(records, (dict, str, bytes)) or not hasattr(records, "__iter__"):
        raise ReportError(message("report.not_a_list", value=repr(records)))
    for n, rec in enumerate(records, 1):
        rec = check_record(rec, lay, cols, result_rows, n)
        if rec.received > end:
            continue
        col = rec.applicant
        open_at_start = rec.received < start and (rec.closed_on is None or rec.closed_on >= start)
        if start <= rec.received:
            cells[new][col] += 1
        elif open_at_start:
            cells[carried_over][col] += 1
        else:
            continue
        if rec.closed_on is not None and rec.closed_on <= end:
            assert rec.row is not None                # (check_record: a closed record has its result row)
            cells[rec.row][col] += 1
        else:
            cells[carried_forward][col] += 1
    _totals(cells, lay)
    return AnnualTable(year, cells, lay)


def check_record(rec: object, layout: TableLayout | None = None, cols: Sequence[str] | None = None,
                 result_rows: Collection[str] | None = None, n: int | None = None) -> ReportRecord:
    """``rec`` (a record, a result or a dict) as a ReportRecord the table can count, or a ReportError
    (``n``: its place in the input, named in the message)."""
    if cols is None or result_rows is None:
        from .rulefiles.bundle import load_bundle
        lay = layout or load_bundle().only("report")
        cols, result_rows = lay.applicant_columns, set(lay.result_rows)
    where = message("report.what.item", n=n) if n is not None else Text("", "")
    if not isinstance(rec, (ReportRecord, dict)) and not hasattr(rec, "report_row"):
        raise ReportError(message("report.not_a_record", where=where, value=repr(rec)))
    if not isinstance(rec, ReportRecord):
        try:
            # a result (or anything shaped like one), else a dict (anything else was refused above)
            rec = (record_from_result(cast("Result", rec)) if hasattr(rec, "report_row")
                   else ReportRecord.from_dict(cast("dict[str, Any]", rec)))
        except ReportError as exc:
            raise ReportError(message("report.in_item", where=where, error=Text(exc.message, exc.message_zh))) from None
    if rec.applicant not in cols:
        raise ReportError(message("report.unknown_applicant", id=rec.id, applicant=str(rec.applicant), known=list(cols)))
    if rec.closed_on is not None:
        if rec.closed_on < rec.received:
            raise ReportError(message("report.closed_before", id=rec.id, closed=rec.closed_on, received=rec.received))
        if rec.row not in result_rows:
            raise ReportError(message("report.unknown_row", id=rec.id, row=str(rec.row)))
    return rec


def _totals(cells: Cells, lay: TableLayout) -> None:
    total_row, total_col = lay.total_row(), lay.total_column()
    cols = lay.applicant_columns
    for c in cols:
        cells[total_row][c] = sum(cells[r][c] for r in lay.result_rows)
    for r in cells:
        cells[r][total_col] = sum(cells[r][c] for c in cols)


@attrs.frozen(repr=False)
class Finding(SharedRepr):
    rule: str                          # balance | column_total | row_total | cell
    row: str | None
    column: str | None
    expected: int | None
    actual: int | None
    message_en: str
    message_zh: str

    @property
    def difference(self) -> int | None:
        return None if self.expected is None or self.actual is None else self.actual - self.expected

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"rule": self.rule, "row": self.row, "column": self.column, "expected": self.expected,
                "actual": self.actual, "difference": self.difference,
                "message": self.message_zh if lang == "zh" else self.message_en}


def check_table(table: AnnualTable | GivenCells, layout: TableLayout | None = None) -> list[Finding]:
    """Every way a section-three table breaks the format's rules (empty when it balances)."""
    lay, cells = _layout_and_cells(table, layout)
    labels = {c.code: c.zh for c in lay.columns}
    findings = _cell_findings(cells, lay, labels)
    if findings:
        return findings
    return (_row_total_findings(cells, lay, labels) + _column_total_findings(cells, lay)
            + _balance_findings(cells, lay, labels))


def _layout_and_cells(table: AnnualTable | GivenCells, layout: TableLayout | None) -> tuple[TableLayout, GivenCells]:
    """The table's layout and its cells (row -> column -> value; a row that is no mapping: empty)."""
    if layout is not None:
        lay = layout
    elif isinstance(table, AnnualTable):
        lay = table.layout
    else:
        raise ReportError(message("report.needs_layout"))
    cells = table.cells if isinstance(table, AnnualTable) else table
    if not isinstance(cells, dict):
        raise ReportError(message("report.not_a_table", value=repr(cells)))
    return lay, {r: (row if isinstance(row, dict) else {}) for r, row in cells.items()}


def _cell_findings(cells: GivenCells, lay: TableLayout, labels: dict[str, str]) -> list[Finding]:
    """Every cell of the layout that is missing or not a count (a whole number, 0 or more)."""
    findings = []
    for r in lay.rows:
        for c in lay.columns:
            v = cells.get(r.code, {}).get(c.code)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                findings.append(Finding("cell", r.code, c.code, None, None,
                                        *message("report.not_a_count", row=r.code, column=Text(c.code, labels[c.code]),
                                                 value=str(v))))
    return findings


def _row_total_findings(cells: GivenCells, lay: TableLayout, labels: dict[str, str]) -> list[Finding]:
    """Each column whose total row (（七）总计) is not the sum of the result rows."""
    findings = []
    total_row = lay.total_row()
    for c in lay.columns:
        s = sum(cells[r][c.code] for r in lay.result_rows)
        if cells[total_row][c.code] != s:
            findings.append(Finding("row_total", total_row, c.code, s, cells[total_row][c.code],
                                    *message("report.row_total", column=Text(c.code, labels[c.code]), row=total_row,
                                             total=cells[total_row][c.code], sum=s,
                                             difference=f"{cells[total_row][c.code] - s:+d}")))
    return findings


def _column_total_findings(cells: GivenCells, lay: TableLayout) -> list[Finding]:
    """Each row whose total column is not the sum of the applicant columns."""
    findings = []
    total_col = lay.total_column()
    for r in lay.rows:
        s = sum(cells[r.code][c] for c in lay.applicant_columns)
        if cells[r.code][total_col] != s:
            findings.append(Finding("column_total", r.code, total_col, s, cells[r.code][total_col],
                                    *message("report.column_total", row=r.code, total=cells[r.code][total_col], sum=s,
                                             difference=f"{cells[r.code][total_col] - s:+d}")))
    return findings


def _balance_findings(cells: GivenCells, lay: TableLayout, labels: dict[str, str]) -> list[Finding]:
    """Each column where rows 1 + 2 (new and carried-over requests) differ from rows 3(7) + 4 (handled
    and carried forward)."""
    findings = []
    total_row = lay.total_row()
    new, carried_over, carried_forward = lay.balance_rows
    for c in lay.columns:
        left = cells[new][c.code] + cells[carried_over][c.code]
        right = cells[total_row][c.code] + cells[carried_forward][c.code]
        if left != right:
            findings.append(Finding("balance", None, c.code, left, right,
                                    *message("report.balance", column=Text(c.code, labels[c.code]), left=left,
                                             right=right, difference=f"{right - left:+d}")))
    return findings
