"""``disclosure-rules timeline CASES``: the deadlines of a request, or of many.

CASES is a case file (YAML, JSON, a list of cases, or JSON Lines, read one
case at a time) or ``-`` for standard input.  ``--format jsonl`` writes one
result per line as it goes; ``--json`` (= ``--format json``) prints one
object, or one array for many cases.  ``--errors collect`` turns a bad case
into an error line ``{"id": ..., "error": {"kind": ..., "message": ...}}``
and goes on (exit 2 if any failed, with a summary on stderr); the default
stops at the first bad case (exit 2, or 3 for a date outside the calendar).
"""

from __future__ import annotations

import datetime as dt

from . import args as A

# output formats; each has a writer in WRITERS (other formats add theirs beside)
FORMATS = ["text", "json", "jsonl"]


def register(sub) -> None:
    from . import common_options

    p = sub.add_parser("timeline", help="due dates, status, violations and trace of a request")
    p.add_argument("case", help="a case file (YAML or JSON; a list or JSON Lines evaluates each), or - for stdin")
    p.add_argument("--as-of", type=A.iso_date, help="the date to evaluate on (default: today, Beijing time)")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="estimate unpublished calendar years up to YEAR (results marked provisional)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="text (default), json (one object or array), jsonl (one result per line)")
    A.batch_options(p)
    common_options(p)
    p.set_defaults(func=run)


def today_in_beijing() -> dt.date:
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()


def run(args) -> int:
    from ..batch import Tally, count_items, evaluate_items, iter_items, progress_bar, with_progress
    from . import batchout

    fmt = "json" if args.json else (args.format or "text")
    as_of = args.as_of or today_in_beijing()
    items = iter_items(args.case)
    bar = progress_bar(lambda: count_items(args.case), args.quiet)
    outs = with_progress(evaluate_items(items, as_of, errors=args.errors, estimate_until=args.estimate_until), bar)
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

    first = True
    for out in outs:
        if not first:
            sys.stdout.write("\n\n")
        first = False
        if isinstance(out, Failure):
            sys.stdout.write(("错误：" if args.lang == "zh" else "error: ") + out.error.text(args.lang))
        else:
            sys.stdout.write(render_text(out, args.lang))
    if not first:
        sys.stdout.write("\n")


def _json(outs, args) -> None:
    from . import batchout
    batchout.write_json(outs, args.lang, args.errors)


def _jsonl(outs, args) -> None:
    from . import batchout
    batchout.write_jsonl(outs, args.lang)


WRITERS = {"text": _text, "json": _json, "jsonl": _jsonl}
