"""``disclosure-rules report CASES --year Y`` and ``report --check TABLE|REPORT|DIR/``.

``--check`` takes a section-three table (JSON or CSV, checked as before), a whole
published report (text, HTML, .docx, PDF; see docs/report.md) or a folder of reports
(one CSV of every finding, with a progress bar on a terminal).

Exit 0 on success (and for --check, without findings, or with ``info`` only); 1 when
--check finds an error or a warning; 2 on invalid input or a report that cannot be
read at all.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from ..api import annual_table, check_table, evaluate, read_table
from ..case import parse_case, read_items
from ..errors import CaseError, InputError
from ..report import ReportRecord, record_from_result
from ..report_render import render_text, to_csv, to_json, to_xlsx
from .common import common_options, print_json


def register(sub) -> None:
    p = sub.add_parser("report", help="section three of the annual report, or check a published table")
    p.add_argument("cases", nargs="?", help="cases (YAML, JSON or JSON Lines) or report records")
    p.add_argument("--year", type=int, help="the report year")
    p.add_argument("--format", choices=("json", "csv", "text", "xlsx"), default="text")
    p.add_argument("--out", help="write to this file (required for xlsx)")
    p.add_argument("--check", metavar="REPORT",
                   help="check a published table (JSON or CSV), a whole report (text, HTML, .docx, PDF) or a folder")
    p.add_argument("--previous", metavar="REPORT", help="last year's report, for the year-against-year checks")
    p.add_argument("--published-on", metavar="DATE", help="the day the report was published (YYYY-MM-DD)")
    p.add_argument("--agency-kind", choices=("department", "government"),
                   help="department (due 31 January) or government (its summary, due 31 March)")
    p.add_argument("--local", metavar="NAME", help="a local layer of stricter rules, e.g. gansu-jinchang")
    from . import args as A

    A.add_keep_unknown_keys(p)
    common_options(p)
    # the table's official labels are Chinese: text and CSV default to them
    p.set_defaults(func=run, lang=os.environ.get("DISCLOSURE_RULES_LANG", "zh"))


def _records(path, year, extra_keys="reject"):
    """Report records from a file of cases (evaluated as of 31 December) or of plain records."""
    year_end = dt.date(year, 12, 31)
    out = []
    items = read_items(path, keys=("cases", "records"))
    for n, item in enumerate(items, 1):
        if isinstance(item, dict) and "receipt" in item:
            try:
                case = parse_case(item, extra_keys=extra_keys)
            except CaseError as exc:        # say which item of the file is wrong
                if len(items) == 1:
                    raise
                raise CaseError(f"{path}, item {n}: {exc.message}", f"{path}第{n}项：{exc.message_zh}") from None
            if case.receipt.dates and max(case.receipt.dates.values()) > year_end:
                continue
            # the table needs only what happened by 31 December; due dates in the next
            # year are irrelevant to it, so an estimated next year is allowed here
            out.append(record_from_result(evaluate(case, year_end, estimate_until=year + 1)))
        else:
            out.append(ReportRecord.from_dict(item))
    return out


def _is_table(path) -> bool:
    """A section-three table (JSON or CSV), checked exactly as before issue 14."""
    return str(path).lower().endswith((".json", ".csv"))


def run(args) -> int:
    zh = args.lang == "zh"
    if args.check and not _is_table(args.check):
        from .report_check import run_check
        return run_check(args)
    if args.check:
        cells = read_table(args.check)
        findings = check_table(cells)
        if args.json:
            print_json({"ok": not findings, "findings": [f.to_dict(args.lang) for f in findings]})
        else:
            for f in findings:
                print(f.message_zh if zh else f.message_en)
            if not findings:
                print("表格符合勾稽关系和合计规则" if zh else "the table balances in every column and its totals add up")
        return 1 if findings else 0
    if not args.cases or args.year is None:
        raise InputError("give a file of cases and --year, or --check TABLE", "请给出案件文件和--year，或--check 表格文件")
    table = annual_table(_records(args.cases, args.year, args.extra_keys), args.year)
    if args.format == "xlsx":
        if not args.out:
            raise InputError("--format xlsx needs --out FILE", "--format xlsx需要--out文件名")
        to_xlsx(table, args.out)
        return 0
    text = {"json": lambda: to_json(table), "csv": lambda: to_csv(table, args.lang),
            "text": lambda: render_text(table, args.lang)}[("json" if args.json else args.format)]()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
