"""``disclosure-rules workdays add|count|is|next|previous``: official working days."""

from __future__ import annotations

from ..api import load_calendar
from . import args as A
from .common import common_options, print_json


def register(sub) -> None:
    wp = sub.add_parser("workdays", help="working-day arithmetic on the official calendar")
    wsub = wp.add_subparsers(dest="workdays_command", metavar="ACTION", parser_class=type(wp))
    wsub.required = True

    def calendar_options(p):
        p.add_argument("--calendar", default="cn", help="calendar id: cn (national), cn-gx (Guangxi), ...")
        p.add_argument("--estimate-until", type=int, metavar="YEAR",
                       help="estimate unpublished years up to YEAR (answers marked provisional)")
        p.add_argument("--explain", action="store_true", help="list the skipped days and make-up days")
        common_options(p)

    p = wsub.add_parser("add", help="the N-th working day strictly after DATE")
    p.add_argument("date", type=A.iso_date)
    p.add_argument("n", type=A.workday_count)
    calendar_options(p)
    p.set_defaults(func=_add)

    p = wsub.add_parser("count", help="working days in (START, END]")
    p.add_argument("start", type=A.iso_date)
    p.add_argument("end", type=A.iso_date)
    calendar_options(p)
    p.set_defaults(func=_count)

    p = wsub.add_parser("is", help="whether DATE is a working day, and why")
    p.add_argument("date", type=A.iso_date)
    calendar_options(p)
    p.set_defaults(func=_is)

    for name, step in (("next", 1), ("previous", -1)):
        p = wsub.add_parser(name, help=f"the {name} working day strictly {'after' if step > 0 else 'before'} DATE")
        p.add_argument("date", type=A.iso_date)
        calendar_options(p)
        p.set_defaults(func=_step, step=step)


def _calendar(args):
    return load_calendar(args.calendar, estimate_until=args.estimate_until)


def _provisional_note(args, provisional: bool):
    if provisional and not args.json:
        from sys import stderr
        stderr.write("disclosure-rules: " + ("注意：结果使用了尚未公布年份的估计日历（临时结果）\n" if args.lang == "zh"
                     else "warning: this answer uses an estimated calendar for an unpublished year (provisional)\n"))


def _print_span(args, span):
    for d in span.skipped:
        print(f"  - {d.date.isoformat()}  {d.reason(args.lang)}")
    for d in span.make_up_days:
        print(f"  + {d.date.isoformat()}  {d.reason(args.lang)}")


def _answer(args, cal, result, span, fields: dict) -> int:
    """Print one arithmetic answer: the result (text or JSON), the explanation on request."""
    if args.json:
        out = {"calendar": cal.id, **fields, "result": result, "provisional": span.provisional}
        if args.explain:
            out["explanation"] = span.to_dict(args.lang)
        print_json(out)
    else:
        print(result)
        if args.explain:
            _print_span(args, span)
    _provisional_note(args, span.provisional)
    return 0


def _add(args) -> int:
    cal = _calendar(args)
    end = cal.add(args.date, args.n)
    return _answer(args, cal, end.isoformat(), cal.explain_add(args.date, args.n),
                   {"date": args.date.isoformat(), "n": args.n})


def _count(args) -> int:
    cal = _calendar(args)
    span = cal.explain_count(args.start, args.end)
    return _answer(args, cal, span.workdays, span, {"start": args.start.isoformat(), "end": args.end.isoformat()})


def _is(args) -> int:
    cal = _calendar(args)
    info = cal.day(args.date)
    provisional = cal.is_estimated(args.date)
    if args.json:
        out = {"calendar": cal.id, **info.to_dict(args.lang), "provisional": provisional}
        print_json(out)
    else:
        if args.lang == "zh":
            verdict = "是工作日" if info.workday else "不是工作日"
            print(f"{args.date.isoformat()} {verdict}：{info.reason('zh')}")
        else:
            verdict = "is a working day" if info.workday else "is not a working day"
            print(f"{args.date.isoformat()} {verdict}: {info.reason('en')}")
    _provisional_note(args, provisional)
    return 0


def _step(args) -> int:
    cal = _calendar(args)
    d = cal.add(args.date, args.step)
    lo, hi = sorted((args.date, d))
    return _answer(args, cal, d.isoformat(), cal.explain_count(lo, hi), {"date": args.date.isoformat()})
