"""``disclosure-rules remedies CASE.yaml``: review and litigation deadlines after an answer or a silence."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..api import evaluate, load_calendar, remedies_for_result
from ..basis import cite_all
from ..calendar.today import today_in_beijing
from ..case import load_cases
from . import args as A
from .common import common_options, print_json

if TYPE_CHECKING:
    from ..remedies import Deadline, Remedies
    from ..result import Result


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("remedies", help="the applicant's review and litigation deadlines")
    p.add_argument("case", help="a case file: remedies run from its answer, or from the end of its reply period")
    p.add_argument("--as-of", type=A.iso_date, help="evaluate the case on this date (default: today, Beijing time)")
    p.add_argument("--rights-not-stated", action="store_true",
                   help="the answer did not state the right to review or sue and the period")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    A.add_keep_unknown_keys(p)
    common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or today_in_beijing()
    outs = []
    for case in load_cases(args.case, extra_keys=args.extra_keys):
        cal = load_calendar(case.calendar, estimate_until=args.estimate_until)
        result = evaluate(case, as_of, calendar=cal)
        outs.append((result, remedies_for_result(result, rights_stated=not args.rights_not_stated, calendar=cal)))
    if args.json:
        data = [{"id": r.id, "status": r.status, **rem.to_dict(args.lang)} for r, rem in outs]
        print_json(data[0] if len(data) == 1 else data)
        return 0
    for r, rem in outs:
        _print_remedies(r, rem, args.lang)
    return 0


def _print_remedies(r: Result, rem: Remedies, lang: str) -> None:
    """One case's deadlines as text: each with its basis, then the notes."""
    from ..labels import status_label
    from ..messages import render
    print(render("remedies.case_head", lang, {"id": r.id, "status": status_label(r.status, lang) if lang == "zh"
                                               else r.status}))
    for d in rem.deadlines:
        _print_deadline(d, lang)
    for n in rem.notes:
        print("  " + n.get(lang))
    if rem.review_first and rem.review_first_note is not None:     # (the note is there when review comes first)
        print("  " + rem.review_first_note.get(lang))
    if rem.provisional:
        print("  " + render("remedies.provisional", lang, {}))


def _print_deadline(d: Deadline, lang: str) -> None:
    from ..messages import render
    moved = ""
    if d.moved_because:
        moved = render("remedies.moved", lang, {"day": d.nominal_last_day, "because": d.moved_because})
    rng = ""
    if d.last_day_earliest and d.last_day_latest and d.last_day_earliest != d.last_day_latest:
        rng = render("explain.provisional_between", lang, {"low": d.last_day_earliest, "high": d.last_day_latest})
    print(f"  {d.title.get(lang)}: {d.last_day}{moved}{rng}")
    if d.note:
        print(f"    {d.note.get(lang)}")
    print("    [" + cite_all(d.basis, lang) + "]")
