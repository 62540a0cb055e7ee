"""``disclosure-rules report CASES --year Y`` and ``report --check TABLE``.

Exit 0 on success (and for --check, when the table balances); 1 when --check
finds the table breaks the format's rules; 2 on invalid input (under --errors collect:
when any record failed; the table then counts the good records only).
"""

from __future__ import annotations

import os
import sys


def register(sub) -> None:
    from . import args as A
    from . import common_options

    p = sub.add_parser("report", help="section three of the annual report, or check a published table")
    p.add_argument("cases", nargs="?", help="cases (YAML, JSON or JSON Lines) or report records, or - for stdin")
    p.add_argument("--year", type=int, help="the report year")
    p.add_argument("--format", choices=("json", "csv", "text", "xlsx"), default="text")
    p.add_argument("--out", help="write to this file (required for xlsx)")
    p.add_argument("--check", metavar="TABLE", help="check a published table (JSON or CSV)")
    A.batch_options(p)
    common_options(p)
    # the table's official labels are Chinese: text and CSV default to them
    p.set_defaults(func=run, lang=os.environ.get("DISCLOSURE_RULES_LANG", "zh"))


def _records(args, tally):
    """The good report records of a file of cases (evaluated as of 31 December) or of
    plain records, one at a time; under --errors collect each bad one is an error line on stderr."""
    import json
    from ..batch import Failure, count_items, iter_items, progress_bar, with_progress
    from ..batch.records import report_records

    bar = progress_bar(lambda: count_items(args.cases), args.quiet)
    items = iter_items(args.cases, keys=("cases", "records"))
    for out in with_progress(report_records(items, args.year, errors=args.errors), bar):
        if out is None:                    # received after the year: not in this table
            continue
        tally.add(out)
        if isinstance(out, Failure):
            sys.stderr.write(json.dumps(out.to_dict(args.lang), ensure_ascii=False) + "\n")
        else:
            yield out


def _left_out(tally, lang: str) -> str:
    if lang == "zh":
        return f"本表只统计{tally.ok}条有效记录，另有{tally.failed}条因出错未计入（错误行见标准错误输出）"
    return f"the table counts the {tally.ok} good records only; {tally.failed} were left out (error lines on stderr)"


def run(args) -> int:
    from ..errors import InputError
    from ..report import annual_table, check_table
    from ..report_render import read_table, render_text, to_csv, to_json, to_xlsx
    from . import print_json

    zh = args.lang == "zh"
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
    if args.format == "xlsx" and not args.out:
        raise InputError("--format xlsx needs --out FILE", "--format xlsx需要--out文件名")
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
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 2 if tally.failed else 0
