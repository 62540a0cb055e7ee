"""``disclosure-rules check``: load every rule and calendar file and run every
example, so legal staff can test their own edits.

Exit 0 when everything loads and every example passes; 1 when an example
fails; 2 when a file is malformed (with file, line and a plain message).
"""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    from . import common_options

    p = sub.add_parser("check", help="check all rule and calendar files and run their examples")
    p.add_argument("--rules", type=Path, help="a rules folder to check instead of the bundled one")
    p.add_argument("--calendars", type=Path, help="a folder of calendars to use before the bundled ones")
    common_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..calendar import available_calendars, load_calendar
    from ..examples import run_examples
    from ..rulebook import load_rules
    from . import print_json

    zh = args.lang == "zh"
    search = [args.calendars] if args.calendars else None
    cals = {cid: load_calendar(cid, search_path=search) for cid in available_calendars(search)}
    book = load_rules(args.rules)
    extra = _other_loaders(args.rules)
    outcomes = run_examples(book, (lambda cid: cals[cid]) if search else None)
    outcomes += regime_examples(args.rules, args.calendars)
    failed = [o for o in outcomes if not o.passed]
    if args.json:
        print_json({"ok": not failed, "calendars": sorted(cals), "rulesets": sorted(book.rulesets),
                    "other_files": extra, "examples": [o.to_dict() for o in outcomes]})
    else:
        for o in failed:
            print(f"{o.path}:{o.line}: " + ("示例未通过" if zh else "example failed") + f" '{o.name}': "
                  + "; ".join(o.differences))
        print((f"日历 {len(cals)} 个，规则集 {len(book.rulesets)} 个，其他规则文件 {len(extra)} 个，"
               f"示例 {len(outcomes) - len(failed)}/{len(outcomes)} 通过") if zh else
              (f"{len(cals)} calendars, {len(book.rulesets)} rule sets, {len(extra)} other rule files, "
               f"{len(outcomes) - len(failed)}/{len(outcomes)} examples passed"))
    _warn_coverage(cals, search, args.lang)
    return 1 if failed else 0


def _warn_coverage(cals, search, lang: str) -> None:
    """One line on stderr naming every calendar whose data runs out (exit code unchanged)."""
    import sys

    from ..calendar.coverage import coverage_warnings
    from ..calendar.files import warn_from
    from ..calendar.today import today_in_beijing

    starts = {cid: w for cid in cals if (w := warn_from(cid, search)) is not None}
    warnings = coverage_warnings(cals, today_in_beijing(), starts)
    if warnings:
        joined = ("；" if lang == "zh" else "; ").join(w.text(lang) for w in warnings)
        sys.stderr.write(f"disclosure-rules: {'警告' if lang == 'zh' else 'warning'}: {joined}\n")


def regime_examples(rules_dir, calendars_dir=None) -> list:
    """The examples of the time-limit regimes (rules/<regime>/regime-examples.yaml),
    with office hours from ``calendars_dir/hours`` before the bundled ones."""
    from ..regimes.examples import run_regime_examples
    return run_regime_examples(rules_dir, calendars_dir / "hours" if calendars_dir else None)


def _other_loaders(rules_dir) -> list[str]:
    """Rule files that belong to other modules (outcomes, fees, remedies, report): load each."""
    from .. import rule_files
    return rule_files.load_all_other(rules_dir)
