"""``disclosure-rules timeline CASE.yaml``: the deadlines of a request."""

from __future__ import annotations

import datetime as dt

from .. import regimes
from ..case import parse_case, read_items
from ..clock import evaluate
from ..explain import render_text
from . import args as A


def register(sub) -> None:
    from . import common_options

    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each)")
    p.add_argument("--as-of", type=_as_of, help="the date (or YYYY-MM-DDTHH:MM moment) to evaluate on "
                   "(default: now, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    common_options(p)
    p.set_defaults(func=run)


def today_in_beijing() -> dt.date:
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()


def _as_of(text: str):
    return A.iso_date(text) if len(text) == 10 else regimes.parse_as_of(text)


def _evaluate(item: dict, as_of, estimate_until):
    """A request on the request clock; a case with ``regime:`` on its regime's stage clock."""
    if regimes.is_regime_case(item):
        return regimes.evaluate(item, as_of, estimate_until=estimate_until)
    day = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    return evaluate(parse_case(item), day, estimate_until=estimate_until)


def run(args) -> int:
    from . import print_json
    items = read_items(args.case)
    as_of = args.as_of or regimes.now_in_beijing()
    results = [_evaluate(d, as_of, args.estimate_until) for d in items]
    if args.json:
        out = [r.to_dict(args.lang) for r in results]
        print_json(out[0] if len(out) == 1 else out)
    else:
        print("\n\n".join((regimes.render_text if isinstance(r, regimes.RegimeResult) else render_text)(r, args.lang)
                           for r in results))
    return 0
