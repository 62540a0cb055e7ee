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
import functools
from pathlib import Path

import attrs

from .basis import Basis, parse_basis
from .errors import InputError, RuleFileError
from .rulebook import Text, _text, bundled_rules_dir
from .schema import validate
from .yamlfile import load_yaml


class ReportError(InputError):
    """A record or a table that cannot be counted or read."""

    kind = "report"


@attrs.frozen
class Line:
    code: str
    zh: str
    en: str
    group: str | None = None
    sum_of: str | None = None          # rows: prefix of the rows it totals; columns: "columns"


@attrs.frozen
class TableLayout:
    title: Text
    balance: Text
    basis: tuple[Basis, ...]
    columns: tuple[Line, ...]
    rows: tuple[Line, ...]
    path: str

    @property
    def result_rows(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rows if r.code.startswith("3.") and r.sum_of is None)

    @property
    def applicant_columns(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.columns if c.sum_of is None)

    def total_row(self) -> str:
        return next(r.code for r in self.rows if r.sum_of)

    def total_column(self) -> str:
        return next(c.code for c in self.columns if c.sum_of)


def load_table_layout(path=None) -> TableLayout:
    return _bundled() if path is None else _load(Path(path))


@functools.lru_cache(maxsize=1)
def _bundled():
    return _load(bundled_rules_dir() / "annual-report-2021" / "table.yaml")


def _load(path: Path) -> TableLayout:
    doc = load_yaml(path)
    validate(doc, "report-table", path)
    t = doc["table"]
    cols = tuple(Line(c["code"], c["zh"], c["en"], c.get("group"), "columns" if c.get("sum_of_columns") else None)
                 for c in t["columns"])
    rows = tuple(Line(r["code"], r["zh"], r["en"], r.get("group"), r.get("sum_of_rows")) for r in t["rows"])
    for what, items, seq in (("column", cols, t["columns"]), ("row", rows, t["rows"])):
        seen = set()
        for i, x in enumerate(items):
            if x.code in seen:
                raise RuleFileError(path, seq.line_of(i), f"the {what} code '{x.code}' is used twice",
                                    f"{'列' if what == 'column' else '行'}编号“{x.code}”重复")
            seen.add(x.code)
    if sum(1 for c in cols if c.sum_of) != 1 or sum(1 for r in rows if r.sum_of) != 1:
        raise RuleFileError(path, t.line, "the table needs exactly one total column and one total row",
                            "表格必须有且只有一个总计列和一个总计行")
    for need in ("1", "2", "4"):
        if need not in {r.code for r in rows}:
            raise RuleFileError(path, t.line_of("rows"), f"the table has no row '{need}'", f"表格缺少第“{need}”行")
    return TableLayout(_text(t["title"], t, "title"), _text(t["balance"], t, "balance"),
                       parse_basis(t.get("basis"), t), cols, rows, str(path))


# ----------------------------------------------------------------------------- records

@attrs.frozen
class ReportRecord:
    """What the report needs of one request."""

    id: str
    received: dt.date
    applicant: str
    closed_on: dt.date | None
    row: str | None                    # the result row (3.x.y) once closed

    @classmethod
    def from_dict(cls, d: dict) -> "ReportRecord":
        def date(v, what):
            if v is None or isinstance(v, dt.date):
                return v
            try:
                return dt.date.fromisoformat(str(v))
            except ValueError:
                raise ReportError(f"record {d.get('id')}: {what} '{v}' is not a date (YYYY-MM-DD)",
                                  f"记录{d.get('id')}：{what}“{v}”不是日期（YYYY-MM-DD）") from None
        if not isinstance(d, dict) or "id" not in d or "received" not in d:
            raise ReportError("a record needs at least id and received", "每条记录至少需要id和received")
        return cls(str(d["id"]), date(d["received"], "received"), d.get("applicant") or "natural_person",
                   date(d.get("closed_on"), "closed_on"), None if d.get("row") is None else str(d["row"]))

    def to_dict(self) -> dict:
        return {"id": self.id, "received": self.received.isoformat(), "applicant": self.applicant,
                "closed_on": self.closed_on.isoformat() if self.closed_on else None, "row": self.row}


def record_from_result(result) -> ReportRecord:
    """The report record of an evaluated case (the seam between the clock and the report)."""
    closed = result.closed_on if result.status in ("answered", "withdrawn", "abandoned") else None
    if closed is not None and result.report_row is None:
        raise ReportError(f"case {result.id} is {result.status} on {closed} but its answer has no outcome: give the "
                          "answered event an outcome (and a reason for refusals)",
                          f"案件{result.id}已于{closed}办结，但答复未写明答复类型（outcome）")
    return ReportRecord(result.id, result.received, result.applicant or "natural_person", closed,
                        result.report_row if closed else None)


# ----------------------------------------------------------------------------- the table

@attrs.frozen
class AnnualTable:
    year: int | None
    cells: dict                        # row -> column -> int
    layout: TableLayout = attrs.field(repr=False, eq=False)

    def get(self, row: str, column: str) -> int:
        return self.cells[row][column]

    def to_dict(self) -> dict:
        return {"year": self.year, "rows": {r: dict(c) for r, c in self.cells.items()}}


def annual_table(records, year: int, layout: TableLayout | None = None) -> AnnualTable:
    """Section three for ``year`` from report records (or evaluated results)."""
    lay = layout or load_table_layout()
    cols = lay.applicant_columns
    result_rows = set(lay.result_rows)
    cells = {r.code: {c.code: 0 for c in lay.columns} for r in lay.rows}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for rec in records:
        rec = check_record(rec, lay, cols, result_rows)
        if rec.received > end:
            continue
        col = rec.applicant
        open_at_start = rec.received < start and (rec.closed_on is None or rec.closed_on >= start)
        if start <= rec.received:
            cells["1"][col] += 1
        elif open_at_start:
            cells["2"][col] += 1
        else:
            continue
        if rec.closed_on is not None and rec.closed_on <= end:
            cells[rec.row][col] += 1
        else:
            cells["4"][col] += 1
    _totals(cells, lay)
    return AnnualTable(year, cells, lay)


def check_record(rec, layout: TableLayout | None = None, cols=None, result_rows=None) -> ReportRecord:
    """``rec`` (a record, a result or a dict) as a ReportRecord the table can count, or a ReportError."""
    if cols is None or result_rows is None:
        lay = layout or load_table_layout()
        cols, result_rows = lay.applicant_columns, set(lay.result_rows)
    if not isinstance(rec, ReportRecord):
        rec = record_from_result(rec) if hasattr(rec, "report_row") else ReportRecord.from_dict(rec)
    if rec.applicant not in cols:
        raise ReportError(f"record {rec.id}: unknown applicant type '{rec.applicant}' (use one of {', '.join(cols)})",
                          f"记录{rec.id}：未知的申请人类型“{rec.applicant}”（可用：{'、'.join(cols)}）")
    if rec.closed_on is not None:
        if rec.closed_on < rec.received:
            raise ReportError(f"record {rec.id}: closed on {rec.closed_on}, before it was received ({rec.received})",
                              f"记录{rec.id}：办结日期{rec.closed_on}早于收到日期{rec.received}")
        if rec.row not in result_rows:
            raise ReportError(f"record {rec.id}: unknown result row '{rec.row}'",
                              f"记录{rec.id}：未知的办理结果行“{rec.row}”")
    return rec


def _totals(cells, lay: TableLayout):
    total_row, total_col = lay.total_row(), lay.total_column()
    cols = lay.applicant_columns
    for c in cols:
        cells[total_row][c] = sum(cells[r][c] for r in lay.result_rows)
    for r in cells:
        cells[r][total_col] = sum(cells[r][c] for c in cols)


@attrs.frozen
class Finding:
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

    def to_dict(self, lang="en") -> dict:
        return {"rule": self.rule, "row": self.row, "column": self.column, "expected": self.expected,
                "actual": self.actual, "difference": self.difference,
                "message": self.message_zh if lang == "zh" else self.message_en}


def check_table(table, layout: TableLayout | None = None) -> list[Finding]:
    """Every way a section-three table breaks the format's rules (empty when it balances)."""
    lay = layout or (table.layout if isinstance(table, AnnualTable) else load_table_layout())
    cells = table.cells if isinstance(table, AnnualTable) else table
    labels = {c.code: c.zh for c in lay.columns}
    findings = []
    for r in lay.rows:
        for c in lay.columns:
            v = cells.get(r.code, {}).get(c.code)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                findings.append(Finding("cell", r.code, c.code, None, None,
                                        f"row {r.code}, column {c.code}: '{v}' is not a count",
                                        f"第{r.code}行“{labels[c.code]}”列：“{v}”不是有效的数量"))
    if findings:
        return findings
    total_row, total_col = lay.total_row(), lay.total_column()
    for c in lay.columns:
        s = sum(cells[r][c.code] for r in lay.result_rows)
        if cells[total_row][c.code] != s:
            findings.append(Finding("row_total", total_row, c.code, s, cells[total_row][c.code],
                                    f"column {c.code}: row {total_row} is {cells[total_row][c.code]}, but the results "
                                    f"add up to {s} (difference {cells[total_row][c.code] - s:+d})",
                                    f"“{labels[c.code]}”列：（七）总计为{cells[total_row][c.code]}，各项办理结果之和为{s}"
                                    f"（相差{cells[total_row][c.code] - s:+d}）"))
    for r in lay.rows:
        s = sum(cells[r.code][c] for c in lay.applicant_columns)
        if cells[r.code][total_col] != s:
            findings.append(Finding("column_total", r.code, total_col, s, cells[r.code][total_col],
                                    f"row {r.code}: the total is {cells[r.code][total_col]}, but the columns add up to "
                                    f"{s} (difference {cells[r.code][total_col] - s:+d})",
                                    f"第{r.code}行：总计为{cells[r.code][total_col]}，各列之和为{s}"
                                    f"（相差{cells[r.code][total_col] - s:+d}）"))
    for c in lay.columns:
        left = cells["1"][c.code] + cells["2"][c.code]
        right = cells[total_row][c.code] + cells["4"][c.code]
        if left != right:
            findings.append(Finding("balance", None, c.code, left, right,
                                    f"column {c.code}: rows 1 + 2 = {left}, but rows 3(7) + 4 = {right} "
                                    f"(difference {right - left:+d})",
                                    f"“{labels[c.code]}”列：第一项加第二项为{left}，第三项（七）加第四项为{right}"
                                    f"（相差{right - left:+d}），不符合勾稽关系"))
    return findings
