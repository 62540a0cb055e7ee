"""``disclosure-rules timeline CASE.yaml``: the deadlines of a request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..case import load_cases
from ..clock import evaluate
from ..errors import InputError
from ..explain import render_text
from . import args as A


def register(sub) -> None:
    from . import common_options

    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each)")
    p.add_argument("--as-of", type=A.iso_date, help="the date to evaluate on (default: today, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    p.add_argument("--format", choices=("text", "html", "svg"), default="text",
                   help="text (default), html: the printable deadline sheet, svg: the picture of the clock alone")
    p.add_argument("--out", type=Path, metavar="FILE|DIR",
                   help="write the sheet to FILE (one case) or one file per case and an index to DIR")
    common_options(p)
    p.set_defaults(func=run)


def today_in_beijing() -> dt.date:
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()


def run(args) -> int:
    from . import print_json
    if args.out is not None and (args.format == "text" or args.json):
        raise InputError("--out writes a sheet: use it with --format html or svg (and without --json)",
                         "--out用于写出期限说明：请与--format html或svg一起使用（不加--json）")
    cases = load_cases(args.case)
    as_of = args.as_of or today_in_beijing()
    results = [evaluate(c, as_of, estimate_until=args.estimate_until) for c in cases]
    if args.format != "text" and not args.json:
        from .sheets import write_sheets
        return write_sheets(results, args)
    if args.json:
        out = [r.to_dict(args.lang) for r in results]
        print_json(out[0] if len(out) == 1 else out)
    else:
        print("\n\n".join(render_text(r, args.lang) for r in results))
    return 0
