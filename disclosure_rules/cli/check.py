"""``disclosure-rules check``: load every rule and calendar file and run every
example, so legal staff can test their own edits.

Prints one line per example (file, line, passed or failed, its id and name),
then a summary.  Exit 0 when everything loads and every example passes; 1
when an example fails; 2 when a file is malformed (with file, line and a
plain message).
"""

from __future__ import annotations

from pathlib import Path

from ..api import check_rules
from ..rulefiles import FILE_KINDS
from .common import common_options, print_json


_OTHER = {k.name for k in FILE_KINDS if k.loader is not None}


def register(sub) -> None:
    p = sub.add_parser("check", help="check all rule and calendar files and run their examples")
    p.add_argument("--rules", type=Path, help="a rules folder to check instead of the bundled one")
    p.add_argument("--calendars", type=Path, help="a folder of calendars to use before the bundled ones")
    common_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    zh = args.lang == "zh"
    bundle, cals, outcomes = check_rules(args.rules, args.calendars)
    book = bundle.book
    extra = [f for f in bundle.files if Path(f).name in _OTHER]
    failed = [o for o in outcomes if not o.passed]
    if args.json:
        print_json({"ok": not failed, "calendars": sorted(cals), "rulesets": sorted(book.rulesets),
                    "other_files": extra, "examples": [o.to_dict() for o in outcomes]})
    else:
        for o in outcomes:
            verdict = ("示例通过" if o.passed else "示例未通过") if zh else ("example passed" if o.passed else "example failed")
            detail = "" if o.passed else ": " + "; ".join(o.differences)
            print(f"{o.path}:{o.line}: {verdict} {o.id} '{o.name}'{detail}")
        print((f"日历 {len(cals)} 个，规则集 {len(book.rulesets)} 个，其他规则文件 {len(extra)} 个，"
               f"示例 {len(outcomes) - len(failed)}/{len(outcomes)} 通过") if zh else
              (f"{len(cals)} calendars, {len(book.rulesets)} rule sets, {len(extra)} other rule files, "
               f"{len(outcomes) - len(failed)}/{len(outcomes)} examples passed"))
    return 1 if failed else 0
