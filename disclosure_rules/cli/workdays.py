"""``disclosure-rules workdays add|count|is|next|previous``: official working days."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, TypeAlias, cast

from ..calendar import Calendar, load_calendar
from ..calendar.days import Span
from ..messages import render
from . import args as A
from .common import common_options, print_json

if TYPE_CHECKING:
    from ..calendar.estimate import Bounds

# an answer on an estimated calendar: (earliest, latest, the days not yet known)
AnswerBounds: TypeAlias = tuple[dt.date | int, dt.date | int, tuple[dt.date, ...]]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    wp = sub.add_parser("workdays", help="working-day arithmetic on the official calendar")
    wsub = wp.add_subparsers(dest="workdays_command", metavar="ACTION", parser_class=type(wp))
    wsub.required = True

    def calendar_options(p: argparse.ArgumentParser) -> None:
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


def _calendar(args: argparse.Namespace) -> Calendar:
    return load_calendar(args.calendar, estimate_until=args.estimate_until)


def _estimate(cal: Calendar) -> Bounds | None:
    # Calendar.estimate is typed object in calendar/days.py; it holds the Bounds of an estimated calendar or None
    return cast("Bounds | None", cal.estimate)


def _provisional_note(args: argparse.Namespace, provisional: bool) -> None:
    if provisional and not args.json:
        from sys import stderr
        stderr.write("disclosure-rules: " + render("workdays.provisional", args.lang, {}) + "\n")


def _print_span(args: argparse.Namespace, span: Span) -> None:
    for d in span.skipped:
        print(f"  - {d.date.isoformat()}  {d.reason(args.lang)}")
    for d in span.make_up_days:
        print(f"  + {d.date.isoformat()}  {d.reason(args.lang)}")


def _answer(args: argparse.Namespace, cal: Calendar, result: str | int, span: Span, fields: dict[str, str | int],
            bounds: AnswerBounds | None = None) -> int:
    """Print one arithmetic answer: the result (text or JSON), the explanation on request.
    ``bounds``: (earliest, latest, unknown days) of an answer on an estimated calendar."""
    provisional = span.provisional or bool(bounds and bounds[2])
    if args.json:
        out: dict[str, object] = {"calendar": cal.id, **fields, "result": result, "provisional": provisional}
        if bounds is not None:
            out.update(earliest=_plain(bounds[0]), latest=_plain(bounds[1]),
                       unknown_days=[d.isoformat() for d in bounds[2]], data_version=cal.data_version)
        if args.explain:
            out["explanation"] = span.to_dict(args.lang)
        print_json(out)
    else:
        print(str(result) + (_range_text(args, bounds) if bounds is not None and provisional else ""))
        if args.explain:
            _print_span(args, span)
    _provisional_note(args, provisional)
    est = _estimate(cal)
    if provisional and est is not None and est.layers_not_estimated and not args.json:
        from sys import stderr
        lay = ", ".join(est.layers_not_estimated)
        stderr.write("disclosure-rules: " + render("workdays.layers_not_estimated", args.lang, {"layers": lay}) + "\n")
    return 0


def _plain(v: dt.date | int) -> str | int:
    return v.isoformat() if hasattr(v, "isoformat") else v


def _range_text(args: argparse.Namespace, bounds: AnswerBounds) -> str:
    lo, hi, unknown = _plain(bounds[0]), _plain(bounds[1]), bounds[2]
    days = ", ".join(d.isoformat() for d in unknown)
    if lo == hi:
        return render("explain.provisional_same", args.lang, {})
    if days:
        return render("workdays.between_unknown", args.lang, {"low": lo, "high": hi, "days": days})
    return render("explain.provisional_between", args.lang, {"low": lo, "high": hi})


def _add(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    end = cal.add(args.date, args.n)
    bounds: AnswerBounds | None = None
    b = _estimate(cal)
    if b is not None:
        lo, hi = sorted((b.earliest.add(args.date, args.n), b.latest.add(args.date, args.n)))
        bounds = (lo, hi, b.unknown_days(min(args.date, lo), max(args.date, hi)))
    return _answer(args, cal, end.isoformat(), cal.explain_add(args.date, args.n),
                   {"date": args.date.isoformat(), "n": args.n}, bounds)


def _count(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    span = cal.explain_count(args.start, args.end)
    bounds: AnswerBounds | None = None
    b = _estimate(cal)
    if b is not None:
        lo, hi = sorted((b.latest.count(args.start, args.end), b.earliest.count(args.start, args.end)))
        bounds = (lo, hi, b.unknown_days(*sorted((args.start, args.end))))
    return _answer(args, cal, span.workdays, span, {"start": args.start.isoformat(), "end": args.end.isoformat()},
                   bounds)


def _is(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    info = cal.day(args.date)
    provisional = cal.is_estimated(args.date)
    b = _estimate(cal)
    unknown = b is not None and b.earliest.is_workday(args.date) != b.latest.is_workday(args.date)
    if args.json:
        out = {"calendar": cal.id, **info.to_dict(args.lang), "provisional": provisional}
        if b is not None:
            out["known"] = not unknown
        print_json(out)
    else:
        print(render("workdays.is_workday" if info.workday else "workdays.is_not_workday", args.lang,
                     {"day": args.date, "reason": info.reason(args.lang)})
              + (render("workdays.not_known", args.lang, {}) if unknown else ""))
    _provisional_note(args, provisional)
    return 0


def _step(args: argparse.Namespace) -> int:
    cal = _calendar(args)
    d = cal.add(args.date, args.step)
    lo, hi = sorted((args.date, d))
    return _answer(args, cal, d.isoformat(), cal.explain_count(lo, hi), {"date": args.date.isoformat()})
