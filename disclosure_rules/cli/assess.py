"""``disclosure-rules assess FILE``: an assessment, the kind chosen by the file.

* cases with ``regime:`` (work orders, knowledge items) and ``facts:`` records
  (bonus and deduction items) -> the monthly indicators per unit for
  ``--month YYYY-MM``, or the annual score for ``--year YYYY``;
* unit records with ``assessment:`` -> a score sheet (score, grade, vetoes).

Text, ``--json`` or ``--csv``.  Exit 2 on bad input, 3 outside the calendar.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from typing import TYPE_CHECKING, Any

from ..case import read_items
from ..errors import InputError
from ..messages import message
from .common import common_options, print_json

if TYPE_CHECKING:
    from ..regimes.assessment import Assessment

# Any: the items of the input file (plain dicts read from YAML or JSON) and the JSON-ready rows


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("assess", help="monthly or yearly assessment scores from cases or unit records")
    p.add_argument("file", help="cases and facts (JSON Lines, JSON or YAML) or unit records with 'assessment:'")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--month", help="the month assessed, YYYY-MM (cases assigned by their rule, e.g. archiving)")
    g.add_argument("--year", type=int, help="the annual score of YEAR (monthly average + annual items)")
    p.add_argument("--assessment", help="the assessment id (default: the one that counts the file's regimes)")
    p.add_argument("--csv", action="store_true", help="print CSV")
    p.add_argument("--xlsx", metavar="FILE", help="also write the table as an Excel workbook (needs openpyxl)")
    common_options(p)
    p.set_defaults(func=run)


def _choose(items: list[dict[str, Any]], name: str | None) -> Assessment:
    from ..regimes.assessment import assessments, find_assessment
    if name:
        return find_assessment(name)
    named: set[Any] = {d.get("assessment") for d in items if d.get("assessment")} | \
        {d.get("facts") for d in items if d.get("facts")}
    if len(named) == 1:
        return find_assessment(named.pop())
    rids = {d.get("regime") for d in items if d.get("regime")}
    hits = [a for a in assessments() if a.method == "rates" and rids and rids <= set(a.cases)]
    if len(hits) != 1:
        raise InputError(message("cli.which_assessment"))
    return hits[0]


def run(args: argparse.Namespace) -> int:
    from ..regimes import evaluate
    from ..regimes.scoring import assess_month, assess_sheet, assess_year
    items = read_items(args.file)
    a = _choose(items, args.assessment)
    if a.method == "score_sheet":
        rows = [r.to_dict() for r in assess_sheet(a, [d for d in items if d.get("assessment", a.id) == a.id])]
        return _print(args, a, rows, ["unit", "base", "bonus", "deductions", "score", "grade"])
    if not (args.month or args.year):
        raise InputError(message("cli.month_or_year"))
    if args.year:
        rows = assess_year(a, items, args.year, evaluate=evaluate)
        return _print(args, a, rows, ["unit", "months_assessed", "monthly_average", "annual_items", "score"])
    rows = [r.to_dict() for r in assess_month(a, items, args.month, evaluate=evaluate)]
    keys = [i.key for i in a.indicators]
    for r in rows:
        r.update({k: r["indicators"][k]["points"] for k in keys})
    return _print(args, a, rows, ["unit", *keys, "base", "bonus", "deductions", "score"])


def _print(args: argparse.Namespace, a: Assessment, rows: list[dict[str, Any]], cols: list[str]) -> int:
    if args.xlsx:
        _write_xlsx(args.xlsx, a, rows, cols, args.lang)
    if args.json:
        print_json({"assessment": a.id, "month": args.month, "year": args.year, "rows": rows})
        return 0
    if args.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[r.get(c) for c in cols] for r in rows])
        sys.stdout.write(buf.getvalue())
        return 0
    print(f"{a.title.get(args.lang)} {args.month or args.year or ''}".rstrip())
    widths = [max(len(str(c)), *(len(str(r.get(c))) for r in rows)) if rows else len(c) for c in cols]
    print("  ".join(str(c).ljust(w) for c, w in zip(cols, widths, strict=True)))
    for r in rows:
        print("  ".join(str(r.get(c)).ljust(w) for c, w in zip(cols, widths, strict=True)))
        for e in r.get("excluded", []):
            print(f"    - {e['id']}: {e['code']} {e['reason']}")
    return 0


def _write_xlsx(path: str, a: Assessment, rows: list[dict[str, Any]], cols: list[str], lang: str) -> None:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise InputError(message("cli.xlsx_needs_openpyxl")) from None
    wb = Workbook()
    ws = wb.worksheets[0]                # (the one sheet of a new workbook, wb.active)
    ws.title = a.id[:31]
    ws.append([a.title.get(lang)])
    ws.append(cols)
    for r in rows:
        ws.append([_cell(r.get(c)) for c in cols])
    try:
        wb.save(path)
    except OSError as exc:
        raise InputError(message("cli.cannot_write", path=str(path), detail=str(exc.strerror))) from None


def _cell(v: object) -> object:
    """Decimal strings as numbers, so a spreadsheet can sum them."""
    try:
        return float(v) if isinstance(v, str) and v.replace(".", "", 1).lstrip("-").isdigit() else v
    except ValueError:
        return v
