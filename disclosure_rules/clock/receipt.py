"""The date of receipt (Art. 31) and the rules in force on it.

The channel says which date of the case's ``receipt`` block is the date of
receipt; that date chooses the national version (2008 or 2019 Regulations),
its supplements and the case's local layer.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..case import Case
from ..errors import CaseError, UnknownNameError
from ..messages import Text, message
from ..reprs import SharedRepr
from ..rulebook import Channel, RuleBook, RuleSet
from .prepared import Prepared, nationals, prepared


@attrs.frozen(repr=False)
class Receipt(SharedRepr):
    prepared: Prepared
    channel: Channel
    received: dt.date
    days_confirmation_late: int


def _fail(case: Case, what: Text) -> CaseError:
    return CaseError(message("clock.error.case", id=case.id, what=what))


def receive(book: RuleBook, case: Case) -> Receipt:
    """The channel rule, the date of receipt and the rules in force on it, newest version first."""
    received = None
    for main in nationals(book):
        ch = main.channels.get(case.receipt.channel)
        if ch is None:
            known = ", ".join(sorted(main.channels))
            raise _fail(case, message("clock.error.unknown_channel", channel=case.receipt.channel, known=known))
        prep = _rules_for(book, main, case)
        received, late = _date_of_receipt(case, ch, prep)
        if main.in_force(received):
            if prep.rules.local is None and case.local is not None:
                loc = book.get(case.local)
                raise _fail(case, message("clock.error.local_other_rules", local=loc.id, extends=loc.extends,
                                          received=received, rules=main.id))
            return Receipt(prep, ch, received, late)
    first = min((r.effective_from for r in book.national if r.effective_from is not None), default=None)
    raise _fail(case, message("clock.error.before_rules", received=received, first=str(first)))


def _rules_for(book: RuleBook, main: RuleSet, case: Case) -> Prepared:
    try:
        return prepared(book, main.id, case.local)
    except UnknownNameError as exc:
        loc = book.rulesets.get(case.local) if case.local is not None else None
        if loc is not None and loc.kind == "local":
            return prepared(book, main.id, None)      # a local layer of another version: refused by the caller
        raise _fail(case, Text(exc.message, exc.message_zh)) from None


def _date_of_receipt(case: Case, ch: Channel, prep: Prepared) -> tuple[dt.date, int]:
    """The date of receipt by the channel's rule, and how many days a confirmation came late."""
    dates = case.receipt.dates
    for f in ch.requires:
        if f not in dates:
            raise _fail(case, message("clock.error.channel_date", channel=ch.title, key=f,
                                      basis=Text(ch.basis[0].cite("en"), ch.basis[0].cite("zh"))))
    received = dates[ch.date_of_receipt]
    for f, d in dates.items():
        if f != ch.date_of_receipt and d > received and f in ch.requires:
            raise _fail(case, message("clock.error.receipt_order", key=ch.date_of_receipt, received=received,
                                      other=f, day=d))
    late = 0
    if ch.confirm_on_day_of and ch.confirm_on_day_of in dates:
        late = (received - dates[ch.confirm_on_day_of]).days
        if late > 0 and prep.rules.param("late_confirmation") == "arrival":
            received = dates[ch.confirm_on_day_of]
    return received, late
