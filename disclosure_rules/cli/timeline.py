"""``disclosure-rules timeline CASE.yaml``: the deadlines of a request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import regimes
from ..api import evaluate
from ..case import parse_item, read_items
from ..errors import InputError
from ..explain import render_text
from . import args as A
from .common import common_options, print_json


def register(sub) -> None:
    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each)")
    p.add_argument("--as-of", type=_as_of, help="the date (or YYYY-MM-DDTHH:MM moment) to evaluate on "
                   "(default: now, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    p.add_argument("--recheck", metavar="RESULTS",
                   help="results stored earlier (timeline --json, JSON or JSON Lines): print one JSON line per case "
                        "whose answer changes on the calendar installed now; exit 1 if any does")
    A.add_keep_unknown_keys(p)
    p.add_argument("--format", choices=("text", "html", "svg"), default="text",
                   help="text (default), html: the printable deadline sheet, svg: the picture of the clock alone")
    p.add_argument("--out", type=Path, metavar="FILE|DIR",
                   help="write the sheet to FILE (one case) or one file per case and an index to DIR")
    common_options(p)
    p.set_defaults(func=run)


def _as_of(text: str):
    return A.iso_date(text) if len(text) == 10 else regimes.parse_as_of(text)


def _evaluate(item, n: int, count: int, args, as_of):
    """A request on the request clock; a case with ``regime:`` on its regime's stage clock."""
    if regimes.is_regime_case(item):
        return regimes.evaluate(item, as_of, estimate_until=args.estimate_until)
    day = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    case = parse_item(item, n, count, args.case, extra_keys=args.extra_keys)
    return evaluate(case, day, estimate_until=args.estimate_until)


def run(args) -> int:
    if args.out is not None and (args.format == "text" or args.json):
        raise InputError("--out writes a sheet: use it with --format html or svg (and without --json)",
                         "--out用于写出期限说明：请与--format html或svg一起使用（不加--json）")
    items = read_items(args.case)
    if args.recheck:
        cases = [parse_item(d, n, len(items), args.case, extra_keys=args.extra_keys)
                 for n, d in enumerate(items, 1) if not regimes.is_regime_case(d)]
        return _recheck(args, cases)
    as_of = args.as_of or regimes.now_in_beijing()
    results = [_evaluate(d, n, len(items), args, as_of) for n, d in enumerate(items, 1)]
    if args.format != "text" and not args.json:
        from .sheets import write_sheets
        return write_sheets(results, args)
    if args.json:
        out = [r.to_dict(args.lang) for r in results]
        print_json(out[0] if len(out) == 1 else out)
    else:
        print("\n\n".join((regimes.render_text if isinstance(r, regimes.RegimeResult) else render_text)(r, args.lang)
                           for r in results))
    return 0


def _recheck(args, cases) -> int:
    import json

    from ..case import read_items
    from ..recheck import recheck
    changes = recheck(cases, read_items(args.recheck, keys=("results",)), estimate_until=args.estimate_until)
    for c in changes:
        print(json.dumps(c.to_dict(args.lang), ensure_ascii=False))
    return 1 if changes else 0
