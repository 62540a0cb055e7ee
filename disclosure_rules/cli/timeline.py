"""``disclosure-rules timeline CASES``: the deadlines of a request, or of many.

CASES is a case file (YAML, JSON, a list of cases, or JSON Lines, read one
case at a time) or ``-`` for standard input; a file with ``regime:`` (a
12345 work order, a proactive-disclosure item ...) is evaluated on its
regime's stage clock.  ``--format jsonl`` writes one result per line as it
goes; ``--json`` (= ``--format json``) prints one object, or one array for
many cases; ``--format html|svg`` writes the printable deadline sheet or the
picture of the clock (``--out FILE|DIR``).  ``--errors collect`` turns a bad
case into an error line ``{"id": ..., "error": {"kind": ..., "message": ...}}``
and goes on (exit 2 if any failed, with a summary on stderr); the default
stops at the first bad case (exit 2, or 3 for a date outside the calendar).
``--recheck RESULTS`` lists the stored answers the installed calendar changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import regimes
from ..case import parse_item, read_items
from ..errors import InputError
from ..messages import message, render
from . import args as A
from .common import common_options

# output formats; the streamed ones have a writer in WRITERS, html and svg write sheets
FORMATS = ["text", "json", "jsonl", "html", "svg"]


def register(sub) -> None:
    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each), or - for stdin")
    p.add_argument("--as-of", type=_as_of, help="the date (or YYYY-MM-DDTHH:MM moment) to evaluate on "
                   "(default: now, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    p.add_argument("--recheck", metavar="RESULTS",
                   help="results stored earlier (timeline --json, JSON or JSON Lines): print one JSON line per case "
                        "whose answer changes on the calendar installed now; exit 1 if any does")
    A.add_keep_unknown_keys(p)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="text (default), json (one object or array), jsonl (one result per line), "
                        "html (the printable deadline sheet), svg (the picture of the clock alone)")
    p.add_argument("--out", type=Path, metavar="FILE|DIR",
                   help="write the sheet to FILE (one case) or one file per case and an index to DIR")
    A.batch_options(p)
    common_options(p)
    p.set_defaults(func=run)


def _as_of(text: str):
    return A.iso_date(text) if len(text) == 10 else regimes.parse_as_of(text)


def run(args) -> int:
    fmt = "json" if args.json else (args.format or "text")
    if args.out is not None and fmt not in ("html", "svg"):
        raise InputError(message("cli.out_needs_sheet"))
    as_of = args.as_of or regimes.now_in_beijing()
    if args.recheck:
        items = read_items(args.case)
        cases = [parse_item(d, n, len(items), args.case, extra_keys=args.extra_keys)
                 for n, d in enumerate(items, 1) if not regimes.is_regime_case(d)]
        return _recheck(args, cases)
    if fmt in ("html", "svg"):
        from .sheets import write_sheets
        items = read_items(args.case)
        return write_sheets([_evaluate(d, n, len(items), args, as_of) for n, d in enumerate(items, 1)], args)
    return _stream(args, fmt, as_of)


def _evaluate(item, n: int, count: int, args, as_of):
    """A request on the request clock; a case with ``regime:`` on its regime's stage clock."""
    from ..api import evaluate

    if regimes.is_regime_case(item):
        return regimes.evaluate(item, as_of, estimate_until=args.estimate_until)
    day = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    case = parse_item(item, n, count, args.case, extra_keys=args.extra_keys)
    return evaluate(case, day, estimate_until=args.estimate_until)


def _stream(args, fmt: str, as_of) -> int:
    """Text, JSON or JSON Lines, one case at a time (constant memory)."""
    from ..batch import Tally, count_items, evaluate_items, iter_items, progress_bar, with_progress
    from . import batchout

    items = iter_items(args.case)
    bar = progress_bar(lambda: count_items(args.case), args.quiet)
    outs = with_progress(evaluate_items(items, as_of, errors=args.errors, estimate_until=args.estimate_until,
                                        extra_keys=args.extra_keys), bar)
    tally = Tally()
    WRITERS[fmt](_counted(outs, tally), args)
    return batchout.finish(tally, args.lang)


def _counted(outs, tally):
    for out in outs:
        tally.add(out)
        yield out


def _text(outs, args) -> None:
    import sys

    from ..batch import Failure
    from ..explain import render_text
    from ..result import Result

    first = True
    for out in outs:
        if not first:
            sys.stdout.write("\n\n")
        first = False
        if isinstance(out, Failure):
            sys.stdout.write(render("cli.error_prefix", args.lang, {}) + out.error.text(args.lang))
        elif isinstance(out, Result):
            sys.stdout.write(render_text(out, args.lang))
        else:                        # a regime case's result
            sys.stdout.write(regimes.render_text(out, args.lang))
    if not first:
        sys.stdout.write("\n")


def _json(outs, args) -> None:
    from . import batchout
    batchout.write_json(outs, args.lang, args.errors)


def _jsonl(outs, args) -> None:
    from . import batchout
    batchout.write_jsonl(outs, args.lang)


WRITERS = {"text": _text, "json": _json, "jsonl": _jsonl}


def _recheck(args, cases) -> int:
    import json

    from ..recheck import recheck
    changes = recheck(cases, read_items(args.recheck, keys=("results",)), estimate_until=args.estimate_until)
    for c in changes:
        print(json.dumps(c.to_dict(args.lang), ensure_ascii=False))
    return 1 if changes else 0
