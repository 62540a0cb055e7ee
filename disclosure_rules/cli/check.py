"""``disclosure-rules check``: load every rule and calendar file and run every
example, so legal staff can test their own edits.

Prints one line per example (file, line, passed or failed, its id and name),
then a summary.  Exit 0 when everything loads and every example passes; 1
when an example fails; 2 when a file is malformed (with file, line and a
plain message).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..api import check_rules
from ..messages import render
from ..rulefiles import FILE_KINDS
from .common import common_options, print_json

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..examples import ExampleOutcome

_RULE_SET_FILES = {k.name for k in FILE_KINDS if k.loader is None}     # read together as a rule set


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check all rule and calendar files and run their examples")
    p.add_argument("--rules", type=Path, help="a rules folder to check instead of the bundled one")
    p.add_argument("--calendars", type=Path, help="a folder of calendars to use before the bundled ones")
    common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bundle, cals, outcomes = check_rules(args.rules, args.calendars)
    outcomes += regime_examples(args.rules, args.calendars)
    book = bundle.book
    extra = [f for f in bundle.files if Path(f).name not in _RULE_SET_FILES]
    failed = [o for o in outcomes if not o.passed]
    if args.json:
        print_json({"ok": not failed, "calendars": sorted(cals), "rulesets": sorted(book.rulesets),
                    "other_files": extra, "examples": [o.to_dict() for o in outcomes]})
    else:
        for o in outcomes:
            verdict = render("check.passed" if o.passed else "check.failed", args.lang, {})
            detail = "" if o.passed else ": " + "; ".join(o.differences)
            print(f"{o.path}:{o.line}: {verdict} {o.id} '{o.name}'{detail}")
        print(render("check.summary", args.lang, {"calendars": len(cals), "rulesets": len(book.rulesets),
                                                  "others": len(extra), "passed": len(outcomes) - len(failed),
                                                  "examples": len(outcomes)}))
    _warn_coverage(cals, [args.calendars] if args.calendars else None, args.lang)
    return 1 if failed else 0


def _warn_coverage(cals: dict[str, Calendar], search: list[Path] | None, lang: str) -> None:
    """One line on stderr naming every calendar whose data runs out (exit code unchanged)."""
    import sys

    from ..calendar.coverage import coverage_warnings
    from ..calendar.files import warn_from
    from ..calendar.today import today_in_beijing

    starts = {cid: w for cid in cals if (w := warn_from(cid, search)) is not None}
    warnings = coverage_warnings(cals, today_in_beijing(), starts)
    if warnings:
        joined = render("check.joiner", lang, {}).join(w.text(lang) for w in warnings)
        sys.stderr.write(render("check.warning", lang, {"text": joined}) + "\n")


def regime_examples(rules_dir: Path | None, calendars_dir: Path | None = None) -> list[ExampleOutcome]:
    """The examples of the time-limit regimes (rules/<regime>/regime-examples.yaml),
    with office hours from ``calendars_dir/hours`` before the bundled ones."""
    from ..regimes.examples import run_regime_examples
    return run_regime_examples(rules_dir, calendars_dir / "hours" if calendars_dir else None)
