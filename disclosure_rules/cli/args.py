"""Argument types shared by subcommands: strict ISO dates, counts."""

from __future__ import annotations

import argparse
import datetime as dt

from ..errors import InputError
from ..messages import message


def iso_date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD (Beijing time)."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise InputError(message("cli.not_a_date", text=str(text))) from None


def workday_count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise InputError(message("cli.not_workdays", text=str(text))) from None
    if n < 1:
        raise InputError(message("days.bad_n", n=n))
    return n


def add_keep_unknown_keys(p: argparse.ArgumentParser) -> None:
    """``--keep-unknown-keys``: the reading before 0.2 (unknown case keys kept, not an error)."""
    p.add_argument("--keep-unknown-keys", dest="extra_keys", action="store_const", const="keep", default="reject",
                   help="keep keys the case format does not know instead of refusing the case "
                        "(the behaviour before 0.2; prefer an 'extra:' mapping)")


def batch_options(p: argparse.ArgumentParser) -> None:
    """--errors and --quiet, for commands that read many cases."""
    p.add_argument("--errors", choices=("raise", "collect"), default="raise",
                   help="raise (default): stop at the first bad case; collect: an error line for each bad case, "
                        "then exit 2 if any failed")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
