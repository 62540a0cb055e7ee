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
from .rulefiles.feefiles import Schedule, Tier

#: one line of the working: first unit, last unit, rate, subtotal, the tier's text
FeeLine: TypeAlias = tuple[int, int, Decimal, Decimal, str]

__all__ = ["Fee", "FeeError", "Schedule", "Tier", "fee", "fee_for_requests"]


class FeeError(InputError):
    """A fee question the rules cannot answer: before 2021, both methods, n < 1."""

    kind = "fee"


@attrs.frozen
class Fee:
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
        raise FeeError(f"on: the date of the fee decision must be a date, not {on!r}",
                       f"on：收费决定日期必须是日期，而不是{on!r}")
    if on is not None and on < s.effective_from:
        raise FeeError(f"on {on}: no information processing fee exists before {s.effective_from} (国办函〔2020〕109号)",
                       f"{on}：{s.effective_from}之前不存在信息处理费（国办函〔2020〕109号）")


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
        raise FeeError("give either nth_request (the request's number in the month) or pages (the number of pages): "
                       "one method per request, never both (109号 Art. 3)",
                       "请给出nth_request（当月第几件申请）或pages（页数）之一：同一申请只能选择一种计收标准（109号第三条）")
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
        raise FeeError("the last request number is below the first", "最后一件的序号小于第一件")
    total, lines = _sum(s, s.per_request, a, b)
    return Fee("per_request", total, lines, s.per_request_basis)


def _whole(v: object, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise FeeError(f"{name} must be a whole number of at least 1, not {v!r}", f"{name}必须是不小于1的整数")
    return v
