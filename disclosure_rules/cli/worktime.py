"""``disclosure-rules worktime add|count``: working time on office hours.

``add START DURATION --hours NAME [--clock]`` prints the due time
(``YYYY-MM-DDTHH:MM``, Beijing time); ``count A B --hours NAME`` the working
minutes in ``(A, B]``.  Exit 2 on bad input, 3 outside the calendar.
"""

from __future__ import annotations

import argparse
import datetime as dt

from ..calendar.worktime import WorkingTime, add_clock, fmt, parse_duration, parse_moment, working_time
from ..errors import InputError
from ..messages import message
from .common import common_options, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    wp = sub.add_parser("worktime", help="working time (office hours) and clock time")
    wsub = wp.add_subparsers(dest="worktime_command", metavar="ACTION", parser_class=type(wp))
    wsub.required = True

    def options(p: argparse.ArgumentParser, clock: bool) -> None:
        p.add_argument("--hours", metavar="NAME", help="office hours, e.g. gansu-jinchang (calendars/hours/)")
        p.add_argument("--estimate-until", type=int, metavar="YEAR",
                       help="estimate unpublished calendar years up to YEAR (answers marked provisional)")
        if clock:
            p.add_argument("--clock", action="store_true", help="clock time (7x24 hours), not working time")
        common_options(p)

    p = wsub.add_parser("add", help="the due time DURATION (90min, 3h) of working time after START")
    p.add_argument("start", type=_moment)
    p.add_argument("duration", type=parse_duration)
    options(p, True)
    p.set_defaults(func=_add)

    p = wsub.add_parser("count", help="working minutes in (A, B]")
    p.add_argument("a", type=_moment)
    p.add_argument("b", type=_moment)
    options(p, False)
    p.set_defaults(func=_count)


def _moment(text: str) -> dt.datetime:
    return parse_moment(text, "time")


def _hours(args: argparse.Namespace) -> WorkingTime:
    if not args.hours:
        raise InputError(message("cli.hours"))
    return working_time(args.hours, estimate_until=args.estimate_until)


def _add(args: argparse.Namespace) -> int:
    wt: WorkingTime | None = None
    if args.clock:
        due, provisional = add_clock(args.start, args.duration), False
    else:
        wt = _hours(args)
        due = wt.add(args.start, args.duration)
        provisional = wt.provisional(args.start, due)
    if args.json:
        print_json({"due": fmt(due), "start": fmt(args.start), "minutes": args.duration,
                    "clock": args.clock, "hours": wt.id if wt else args.hours,
                    "calendar": wt.calendar.id if wt else None, "provisional": provisional})
    else:
        print(fmt(due))
    return 0


def _count(args: argparse.Namespace) -> int:
    wt = _hours(args)
    n = wt.count(args.a, args.b)
    if args.json:
        print_json({"minutes": n, "a": fmt(args.a), "b": fmt(args.b), "hours": wt.id,
                    "calendar": wt.calendar.id, "provisional": wt.provisional(args.a, args.b)})
    else:
        print(n)
    return 0
