"""``disclosure-rules fee --nth-request N`` / ``--pages P``: the information processing fee."""

from __future__ import annotations

import argparse
from decimal import Decimal

from ..api import fee
from ..basis import cite_all
from . import args as A
from .common import common_options, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fee", help="the information processing fee (国办函〔2020〕109号)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--nth-request", type=int, metavar="N", help="the applicant's N-th request in a calendar month")
    g.add_argument("--pages", type=int, metavar="P", help="a request of P pages")
    p.add_argument("--on", type=A.iso_date, help="the date of the fee decision (no fee before 2021-01-01)")
    p.add_argument("--explain", action="store_true", help="show the tiers applied")
    common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    f = fee(nth_request=args.nth_request, pages=args.pages, on=args.on)
    if args.json:
        print_json(f.to_dict(args.lang))
        return 0
    print(_yuan(f.amount))
    if args.explain:
        for a, b, rate, sub, text in f.lines:
            units = f"{a}-{b}" if a != b else f"{a}"
            print(f"  {units}: {_yuan(rate)} x {b - a + 1} = {_yuan(sub)}  ({text})")
        print("  [" + cite_all(f.basis, args.lang) + "]")
    return 0


def _yuan(d: Decimal) -> str:
    """200 for whole yuan, 12.50 otherwise."""
    return str(d.quantize(1)) if d == d.to_integral_value() else f"{d:.2f}"
