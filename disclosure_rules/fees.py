"""The information processing fee (国办函〔2020〕109号), from rule data.

* per request (按件): the n-th request of an applicant in a calendar month is
  charged at the rate of its band (1-10 free, 11-30 100 yuan, then each band
  of 10 costs 100 yuan more);
* per page (按量): marginal tiers (1-30 free, 31-100 10, 101-200 20, 201+ 40).

Amounts are :class:`~decimal.Decimal` yuan.  Before 2021-01-01 no
processing fee exists (:class:`FeeError`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from .basis import Basis, cite_all
from .errors import InputError
from .messages import message
from .reprs import SharedRepr
from .rulefiles.feefiles import Schedule, Tier

#: one line of the working: first unit, last unit, rate, subtotal, the tier's text
FeeLine: TypeAlias = tuple[int, int, Decimal, Decimal, str]

__all__ = ["Fee", "FeeError", "Schedule", "Tier", "fee", "fee_for_requests"]


class FeeError(InputError):
    """A fee question the rules cannot answer: before 2021, both methods, n < 1."""

    kind = "fee"


@attrs.frozen(repr=False)
class Fee(SharedRepr):
    """A fee with the working: which units were charged at which rate."""

    method: str                      # per_request | per_page
    amount: Decimal
    lines: tuple[FeeLine, ...]
    basis: tuple[Basis, ...]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"method": self.method, "amount": str(self.amount),
                "lines": [{"from": a, "to": b, "rate": str(r), "subtotal": str(s), "text": t}
                          for a, b, r, s, t in self.lines],
                "basis": [b.to_dict() for b in self.basis],
                "citation": cite_all(self.basis, lang)}


def _check_date(s: Schedule, on: dt.date | None) -> None:
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        raise FeeError(message("fee.on_not_a_date", value=repr(on)))
    if on is not None and on < s.effective_from:
        raise FeeError(message("fee.before_schedule", on=on, since=s.effective_from))


def _sum(s: Schedule, tiers: tuple[Tier, ...], first: int, last: int) -> tuple[Decimal, tuple[FeeLine, ...]]:
    """Sum the rates of units first..last, tier by tier (bands within a tier)."""
    lines: list[FeeLine] = []
    total = Decimal(0)
    n = first
    while n <= last:
        t = s.tier_for(tiers, n)
        end = last if t.last is None else min(last, t.last)
        if t.band is not None:
            end = min(end, t.first + ((n - t.first) // t.band + 1) * t.band - 1)
        rate = t.rate(n)
        sub = rate * (end - n + 1)
        lines.append((n, end, rate, sub, t.text))
        total += sub
        n = end + 1
    return total, tuple(lines)


def fee(schedule: Schedule, *, nth_request: int | None = None, pages: int | None = None,
        on: dt.date | None = None) -> Fee:
    """The fee for an applicant's n-th request in a calendar month (per
    request), or for a request of ``pages`` pages (per page).  ``on``: the
    date of the fee decision (must be on or after 2021-01-01)."""
    s = schedule
    _check_date(s, on)
    if (nth_request is None) == (pages is None):
        raise FeeError(message("fee.one_method"))
    if nth_request is not None:
        n = _whole(nth_request, "nth_request")
        total, lines = _sum(s, s.per_request, n, n)
        return Fee("per_request", total, lines, s.per_request_basis)
    p = _whole(pages, "pages")
    total, lines = _sum(s, s.per_page, 1, p)
    return Fee("per_page", total, lines, s.per_page_basis)


def fee_for_requests(schedule: Schedule, first: int, last: int, *, on: dt.date | None = None) -> Fee:
    """The fees of an applicant's requests number ``first`` to ``last`` of a month, together."""
    s = schedule
    _check_date(s, on)
    a, b = _whole(first, "first"), _whole(last, "last")
    if b < a:
        raise FeeError(message("fee.last_below_first"))
    total, lines = _sum(s, s.per_request, a, b)
    return Fee("per_request", total, lines, s.per_request_basis)


def _whole(v: object, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise FeeError(message("fee.whole", name=name, value=repr(v)))
    return v
