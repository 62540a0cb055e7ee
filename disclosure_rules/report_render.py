"""Read and write section-three tables: JSON, CSV, aligned text, .xlsx.

CSV: a header ``row,label,<column codes...>`` (the official Chinese column
labels are accepted too), then one line per row code.  JSON:
``{"year": 2023, "rows": {"1": {"natural_person": 204, ...}, ...}}``.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .messages import message, render
from .report import AnnualTable, GivenCells, ReportError, TableLayout

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - _width(s))
    return gap + s if right else s + gap


def to_json(table: AnnualTable) -> str:
    return json.dumps(table.to_dict(), ensure_ascii=False, indent=2)


def to_csv(table: AnnualTable, lang: str = "zh") -> str:
    lay = table.layout
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["row", "label"] + [c.code for c in lay.columns])
    for r in lay.rows:
        w.writerow([r.code, r.zh if lang == "zh" else r.en] + [table.cells[r.code][c.code] for c in lay.columns])
    return buf.getvalue()


def render_text(table: AnnualTable, lang: str = "zh") -> str:
    lay = table.layout
    zh = lang == "zh"
    labels = []
    for r in lay.rows:
        indent = "" if r.code in lay.top_rows else "  " if r.code.count(".") == 1 else "    "
        labels.append(indent + (r.zh if zh else r.en))
    lw = min(max(_width(s) for s in labels), 60)
    heads = [c.zh if zh else c.en for c in lay.columns]
    cw = [max(_width(h), 5) for h in heads]
    out = [(lay.title.zh if zh else lay.title.en)
           + (render("table.year", "zh" if zh else "en", {"year": table.year}) if table.year else "")]
    out.append(_pad("", lw) + " | " + " | ".join(_pad(h, w) for h, w in zip(heads, cw, strict=True)))
    out.append("-" * (lw + 3 + sum(cw) + 3 * (len(cw) - 1)))
    group = None
    for r, label in zip(lay.rows, labels, strict=True):
        if r.code == "3.1":
            out.append(_pad((r.group or "") if zh else "3. results this year", lw) + " |")
        if r.code.count(".") == 2 and r.group != group:
            out.append(_pad("  " + (r.group or ""), lw) + " |")      # （三）不予公开 ... as in the official table
        group = r.group if r.code.count(".") == 2 else None
        if _width(label) > lw:
            label = label[: max(1, lw // 2 - 1)] + "…"
        vals = [_pad(str(table.cells[r.code][c.code]), w, right=True) for c, w in zip(lay.columns, cw, strict=True)]
        out.append(_pad(label, lw) + " | " + " | ".join(vals))
    out.append(lay.balance.zh if zh else lay.balance.en)
    return "\n".join(out)


def to_xlsx(table: AnnualTable, path: str | PathLike[str]) -> None:
    """A workbook laid out like the official table (merged headers, Chinese labels)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Side
    except ImportError:
        raise ReportError(message("table.xlsx_needs_openpyxl")) from None
    lay = table.layout
    wb = Workbook()
    ws = wb.worksheets[0]                # (the one sheet of a new workbook, wb.active)
    ws.title = "三、收到和处理申请情况"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _xlsx_header(ws, lay)
    n = len(lay.columns)
    results_heading = next(r.group for r in lay.rows if r.code.count(".") == 1)   # 三、本年度办理结果
    row = 4
    for r in lay.rows:
        depth = r.code.count(".")
        if r.code in lay.top_rows:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            ws.cell(row, 1, r.zh)
        elif depth == 1:
            ws.cell(row, 1, r.group)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            ws.cell(row, 2, r.zh)
        else:
            ws.cell(row, 1, results_heading)
            ws.cell(row, 2, r.group)
            ws.cell(row, 3, r.zh)
        for i, c in enumerate(lay.columns):
            ws.cell(row, 4 + i, table.cells[r.code][c.code])
        row += 1
    # merge the repeated group labels vertically, as the official table does
    _merge_runs(ws, 1, 4, row - 1)
    _merge_runs(ws, 2, 4, row - 1)
    for line in ws.iter_rows(min_row=1, max_row=row - 1, max_col=3 + n):
        for cell in line:
            cell.border = box
            cell.alignment = center
    ws.cell(1, 1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 40
    wb.save(str(path))


def _xlsx_header(ws: Worksheet, lay: TableLayout) -> None:
    """The three header rows of the official table: the balance note, 申请人情况 and the column groups."""
    ws.merge_cells(start_row=1, start_column=1, end_row=3, end_column=3)
    ws.cell(1, 1, lay.balance.zh)
    n = len(lay.columns)
    ws.merge_cells(start_row=1, start_column=4, end_row=1, end_column=3 + n)
    ws.cell(1, 4, "申请人情况")
    first_org = next(i for i, c in enumerate(lay.columns) if c.group)
    last_org = max(i for i, c in enumerate(lay.columns) if c.group)
    for i, c in enumerate(lay.columns):
        col = 4 + i
        if c.group:
            ws.cell(3, col, c.zh)
        else:
            ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
            ws.cell(2, col, c.zh)
    ws.merge_cells(start_row=2, start_column=4 + first_org, end_row=2, end_column=4 + last_org)
    ws.cell(2, 4 + first_org, lay.columns[first_org].group)


def _merge_runs(ws: Worksheet, col: int, first: int, last: int) -> None:
    start = first
    for r in range(first + 1, last + 2):
        same = r <= last and ws.cell(r, col).value == ws.cell(start, col).value and ws.cell(start, col).value
        if not same:
            if r - 1 > start and ws.cell(start, col).value:
                ws.merge_cells(start_row=start, start_column=col, end_row=r - 1, end_column=col)
            start = r


def read_table(path: str | PathLike[str], layout: TableLayout) -> GivenCells:
    """A published table from JSON or CSV, as ``{row: {column: value}}`` (values as found), in ``layout``."""
    lay = layout
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(message("table.cannot_read", path=str(p), detail=str(exc))) from None
    if p.suffix.lower() == ".csv":
        return _from_csv(text, lay, p)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(message("table.not_json", path=str(p), detail=exc.msg, line=exc.lineno)) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise ReportError(message("table.rows_form", path=str(p)))
    return _complete(rows, lay, p)


def _from_csv(text: str, lay: TableLayout, p: Path) -> GivenCells:
    reader = list(csv.reader(io.StringIO(text)))
    if not reader:
        raise ReportError(message("table.empty", path=str(p)))
    by_label = {c.zh: c.code for c in lay.columns} | {c.code: c.code for c in lay.columns}
    head = reader[0]
    cols = [by_label.get(h.strip()) for h in head[2:]]
    if None in cols:
        bad = head[2 + cols.index(None)]
        raise ReportError(message("table.unknown_column", path=str(p), column=bad))
    rows = {}
    for line in reader[1:]:
        if not line or not line[0].strip():
            continue
        vals: dict[str | None, int | str] = {}
        # strict=False: a CSV line may have fewer or more cells than the header has columns
        for c, v in zip(cols, line[2:], strict=False):
            v = v.strip()
            try:
                vals[c] = int(v)
            except ValueError:
                vals[c] = v
        rows[line[0].strip()] = vals
    return _complete(rows, lay, p)


def _complete(rows: dict[Any, Any], lay: TableLayout, p: Path) -> GivenCells:
    codes = {r.code for r in lay.rows}
    unknown = [r for r in rows if r not in codes]
    if unknown:
        raise ReportError(message("table.unknown_row", path=str(p), row=unknown[0]))
    missing = [r.code for r in lay.rows if r.code not in rows]
    if missing:
        raise ReportError(message("table.missing_row", path=str(p), row=missing[0]))
    return {r: dict(v) for r, v in rows.items()}
