"""``disclosure-rules calendar import NOTICE.txt``: add a holiday notice to a calendar.

Checks the notice against itself and the law before writing anything (see
:mod:`disclosure_rules.calendar.importer`); prints what it wrote and the
working days of the year beside the previous years.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..calendar.importer import ImportPlan, plan_import, working_days_of, write_plan
from ..calendar.yearfile import Day
from ..errors import InputError
from ..messages import message, render
from .common import common_options, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cp = sub.add_parser("calendar", help="maintain the calendar files (import a holiday notice)")
    csub = cp.add_subparsers(dest="calendar_command", metavar="ACTION", parser_class=type(cp))
    csub.required = True
    p = csub.add_parser("import", help="import the text of a holiday notice into the calendar's year files")
    p.add_argument("notice", help="a text file holding the notice as published (or '-' for standard input)")
    p.add_argument("--calendar", default="cn", help="calendar id: cn (national), cn-gx (Guangxi), ...")
    p.add_argument("--doc-no", help="the notice's number (文号) when the text lacks it, e.g. 国办发明电〔2025〕7号")
    p.add_argument("--title", help="the notice's title when the text lacks it")
    p.add_argument("--source", help="where the text was published (URL)")
    p.add_argument("--dir", default="calendars", help="the folder holding the calendars (default: ./calendars)")
    p.add_argument("--force", action="store_true", help="replace days a year file already lists differently")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    common_options(p)
    p.set_defaults(func=_import)


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    p = Path(name)
    if p.is_dir():
        raise InputError(message("cli.notice_is_folder", name=name))
    try:
        return p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(message("cli.no_such_file", name=name)) from None
    except UnicodeDecodeError:
        raise InputError(message("cli.notice_not_utf8", name=name)) from None


def _import(args: argparse.Namespace) -> int:
    plan = plan_import(_read(args.notice), calendar=args.calendar, directory=args.dir, doc_no=args.doc_no,
                       title=args.title, source=args.source, force=args.force, path=args.notice)
    written = [] if args.dry_run or plan.unchanged else write_plan(plan)
    if args.dry_run and plan.conflicts:
        write_plan(plan)                                   # raises: the conflict is the answer
    summary = _summary(plan, written)
    if args.json:
        print_json(summary)
    else:
        _print(summary, args.lang)
    return 0


def _summary(plan: ImportPlan, written: list[Path]) -> dict[str, Any]:
    year = plan.notice.year
    own = [c for c in plan.changes if c.date.year == year]
    off = sorted(c.date for c in own if not c.after.workday and c.date.weekday() < 5)
    work = sorted(c.date for c in own if c.after.workday)
    totals = working_days_of(plan.folder, plan.calendar, range(year - 3, year + 1)) if written else {}
    return {
        "calendar": plan.calendar, "year": year,
        "notice": {"doc_no": plan.record.doc_no, "title": plan.record.title,
                   "dated": plan.record.dated.isoformat() if plan.record.dated else None,
                   "source": plan.record.sources or None, "amends": plan.notice.amends},
        "written": [str(p) for p in written], "unchanged": plan.unchanged,
        "weekdays_off": [d.isoformat() for d in off], "make_up_days": [d.isoformat() for d in work],
        "amended": [{"date": c.date.isoformat(), "before": _day(c.before), "after": _day(c.after)}
                    for c in plan.changes if c.kind == "amended"],
        "other_years": sorted({c.date.year for c in plan.changes} - {year}),
        "working_days": {str(y): n for y, n in sorted(totals.items())},
    }


def _day(d: Day | None) -> dict[str, Any] | None:
    return None if d is None else {"workday": d.workday, "name": d.name, "notice": d.notice}


def _print(s: dict[str, Any], lang: str) -> None:
    n = s["notice"]
    if s["unchanged"]:
        print(render("import.unchanged", lang, {"doc_no": n["doc_no"], "year": s["year"]}))
        return
    print(f"{n['doc_no']} {n['title']}")
    print(render("import.summary", lang, {"year": s["year"], "off": len(s["weekdays_off"]),
                                          "make_up": len(s["make_up_days"])}))
    for a in s["amended"]:
        day = render("import.working" if a["after"]["workday"] else "import.off", lang, {})
        print(f"  {a['date']}: {day} ({a['after']['notice']})")
    if s["other_years"]:
        print(render("import.also_written", lang, {"years": ", ".join(str(y) for y in s["other_years"])}))
    if s["working_days"]:
        parts = [f"{y}: {k}" for y, k in s["working_days"].items()]
        print(render("import.working_days", lang, {"counts": "; ".join(parts)}))
    for p in s["written"]:
        print(render("import.wrote", lang, {"path": p}))
