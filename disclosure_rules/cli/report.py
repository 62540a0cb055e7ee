"""``disclosure-rules report CASES --year Y`` and ``report --check TABLE|REPORT|DIR/``.

``--check`` takes a section-three table (JSON or CSV, checked as before), a whole
published report (text, HTML, .docx, PDF; see docs/report.md) or a folder of reports
(one CSV of every finding, with a progress bar on a terminal).

Exit 0 on success (and for --check, without findings, or with ``info`` only); 1 when
--check finds an error or a warning; 2 on invalid input or a report that cannot be
read at all.
Under ``--errors collect`` a bad record is an error line on stderr and the table counts
the good records only (exit 2 when any failed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..api import annual_table, check_table, read_table
from ..errors import InputError
from ..messages import message, render
from ..report_render import render_text, to_csv, to_json, to_xlsx
from .common import common_options, print_json

if TYPE_CHECKING:
    from ..batch import Tally
    from ..report import ReportRecord


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="section three of the annual report, or check a published table")
    p.add_argument("cases", nargs="?", help="cases (YAML, JSON or JSON Lines) or report records, or - for stdin")
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
    A.batch_options(p)
    common_options(p)
    # the table's official labels are Chinese: text and CSV default to them
    p.set_defaults(func=run, lang=os.environ.get("DISCLOSURE_RULES_LANG", "zh"))


def _records(args: argparse.Namespace, tally: Tally) -> Iterator[ReportRecord]:
    """The good report records of a file of cases (evaluated as of 31 December) or of
    plain records, one at a time; under --errors collect each bad one is an error line on stderr."""
    import json

    from ..batch import Failure, count_items, iter_items, progress_bar, with_progress
    from ..batch.records import report_records

    bar = progress_bar(lambda: count_items(args.cases), args.quiet)
    items = iter_items(args.cases, keys=("cases", "records"))
    for out in with_progress(report_records(items, args.year, errors=args.errors, extra_keys=args.extra_keys), bar):
        if out is None:                    # received after the year: not in this table
            continue
        tally.add(out)
        if isinstance(out, Failure):
            sys.stderr.write(json.dumps(out.to_dict(args.lang), ensure_ascii=False) + "\n")
        else:
            yield out


def _left_out(tally: Tally, lang: str) -> str:
    return render("report.left_out", lang, {"ok": tally.ok, "failed": tally.failed})


def _is_table(path: str) -> bool:
    """A section-three table (JSON or CSV), checked exactly as before issue 14."""
    return str(path).lower().endswith((".json", ".csv"))


def run(args: argparse.Namespace) -> int:
    if args.check and not _is_table(args.check):
        from .report_check import run_check
        return run_check(args)
    if args.check:
        return _check_table_file(args)
    if not args.cases or args.year is None:
        raise InputError(message("cli.report_args"))
    if args.format == "xlsx" and not args.out:
        raise InputError(message("cli.xlsx_needs_out"))
    from ..batch import Tally
    tally = Tally()
    table = annual_table(_records(args, tally), args.year)
    if tally.failed:
        sep = "；" if args.lang == "zh" else "; "
        sys.stderr.write(f"disclosure-rules: {tally.summary(args.lang, 'records')}{sep}{_left_out(tally, args.lang)}\n")
    if args.format == "xlsx":
        to_xlsx(table, args.out)
        return 2 if tally.failed else 0
    text = {"json": lambda: to_json(table), "csv": lambda: to_csv(table, args.lang),
            "text": lambda: render_text(table, args.lang)}[("json" if args.json else args.format)]()
    if tally.failed and not args.json and args.format == "text":
        text = text.rstrip("\n") + "\n\n" + _left_out(tally, args.lang) + "\n"
    _write_text(text, args.out)
    return 2 if tally.failed else 0


def _check_table_file(args: argparse.Namespace) -> int:
    """``--check TABLE`` for a JSON or CSV table: 1 if it has findings, else 0."""
    zh = args.lang == "zh"
    cells = read_table(args.check)
    findings = check_table(cells)
    if args.json:
        print_json({"ok": not findings, "findings": [f.to_dict(args.lang) for f in findings]})
    else:
        for f in findings:
            print(f.message_zh if zh else f.message_en)
        if not findings:
            print(render("report.balances", args.lang, {}))
    return 1 if findings else 0


def _write_text(text: str, out: str | None) -> None:
    """The table text, ending in a newline, to the file ``out`` or to stdout."""
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
