"""``disclosure-rules timeline CASE.yaml``: the deadlines of a request."""

from __future__ import annotations

from ..calendar.today import today_in_beijing
from ..case import load_cases
from ..clock import evaluate
from ..explain import render_text
from . import args as A


def register(sub) -> None:
    from . import common_options

    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each)")
    p.add_argument("--as-of", type=A.iso_date, help="the date to evaluate on (default: today, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    p.add_argument("--recheck", metavar="RESULTS",
                   help="results stored earlier (timeline --json, JSON or JSON Lines): print one JSON line per case "
                        "whose answer changes on the calendar installed now; exit 1 if any does")
    A.add_keep_unknown_keys(p)
    common_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from . import print_json
    cases = load_cases(args.case, extra_keys=args.extra_keys)
    if args.recheck:
        return _recheck(args, cases)
    as_of = args.as_of or today_in_beijing()
    results = [evaluate(c, as_of, estimate_until=args.estimate_until) for c in cases]
    if args.json:
        out = [r.to_dict(args.lang) for r in results]
        print_json(out[0] if len(out) == 1 else out)
    else:
        print("\n\n".join(render_text(r, args.lang) for r in results))
    return 0


def _recheck(args, cases) -> int:
    import json

    from ..case import read_items
    from ..recheck import recheck
    changes = recheck(cases, read_items(args.recheck, keys=("results",)), estimate_until=args.estimate_until)
    for c in changes:
        print(json.dumps(c.to_dict(args.lang), ensure_ascii=False))
    return 1 if changes else 0
