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

import argparse
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import regimes
from ..case import parse_item, read_items
from ..errors import InputError
from ..jsondata import JSON
from ..messages import message, render
from . import args as A
from .common import common_options

if TYPE_CHECKING:
    from ..batch import Tally
    from ..case import Case
    from ..result import Result
    from .batchout import Output

# output formats; the streamed ones have a writer in WRITERS, html and svg write sheets
FORMATS = ["text", "json", "jsonl", "html", "svg"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _as_of(text: str) -> dt.date:
    return A.iso_date(text) if len(text) == 10 else regimes.parse_as_of(text)


def run(args: argparse.Namespace) -> int:
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
        _no_regime_sheet(items, fmt)
        return write_sheets([_evaluate(d, n, len(items), args, as_of) for n, d in enumerate(items, 1)], args)
    return _stream(args, fmt, as_of)


def _no_regime_sheet(items: list[JSON], fmt: str) -> None:
    """The sheet draws the request clock: a case on a regime's stage clock has none (an input error)."""
    for n, item in enumerate(items, 1):
        if regimes.is_regime_case(item):
            raise InputError(f"case {n} ({item.get('id')}, regime {item['regime']}): --format {fmt} draws the "
                             "request clock only; use text or --json for a regime's stage clock",
                             f"第{n}个案件（{item.get('id')}，时限制度{item['regime']}）：--format {fmt}只画申请的期限，"
                             "时限制度的阶段期限请用文本或--json输出")


def _evaluate(item: JSON, n: int, count: int, args: argparse.Namespace, as_of: dt.date) -> Result:
    """A request on the request clock, for its sheet (a case with ``regime:`` has none: see _no_regime_sheet)."""
    from ..api import evaluate

    day = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    case = parse_item(item, n, count, args.case, extra_keys=args.extra_keys)
    return evaluate(case, day, estimate_until=args.estimate_until)


def _stream(args: argparse.Namespace, fmt: str, as_of: dt.date) -> int:
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


def _counted(outs: Iterable[Output], tally: Tally) -> Iterator[Output]:
    for out in outs:
        tally.add(out)
        yield out


def _text(outs: Iterable[Output], args: argparse.Namespace) -> None:
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


def _json(outs: Iterable[Output], args: argparse.Namespace) -> None:
    from . import batchout
    batchout.write_json(outs, args.lang, args.errors)


def _jsonl(outs: Iterable[Output], args: argparse.Namespace) -> None:
    from . import batchout
    batchout.write_jsonl(outs, args.lang)


WRITERS = {"text": _text, "json": _json, "jsonl": _jsonl}


def _recheck(args: argparse.Namespace, cases: list[Case]) -> int:
    import json

    from ..recheck import recheck
    changes = recheck(cases, read_items(args.recheck, keys=("results",)), estimate_until=args.estimate_until)
    for c in changes:
        print(json.dumps(c.to_dict(args.lang), ensure_ascii=False))
    return 1 if changes else 0
