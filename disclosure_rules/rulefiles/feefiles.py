"""Read the fee schedule (``rules/fees-2020/fees.yaml``, 国办函〔2020〕109号).

Tiers must follow each other without gap or overlap and the last one is
open-ended; a tier is a fixed rate or bands of a fixed size whose rate grows
by a step.  Amounts are :class:`~decimal.Decimal` yuan.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs

from ..basis import Basis
from ..errors import InputError, RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from .cache import read_checked
from .common import parse_basis
from .yamldoc import Map


@attrs.frozen(repr=False)
class Tier(SharedRepr):
    first: int
    last: int | None                 # None: open-ended
    yuan: Decimal | None             # fixed rate, or None for banded tiers
    band: int | None = None
    first_yuan: Decimal | None = None
    step_yuan: Decimal | None = None
    text: str = ""

    def rate(self, n: int) -> Decimal:
        """The rate of unit n (inside this tier)."""
        if self.band is None or self.first_yuan is None or self.step_yuan is None:
            return self.yuan if self.yuan is not None else Decimal(0)
        return self.first_yuan + self.step_yuan * ((n - self.first) // self.band)


@attrs.frozen(repr=False)
class Schedule(SharedRepr):
    effective_from: dt.date
    basis: tuple[Basis, ...]
    per_request: tuple[Tier, ...]
    per_request_basis: tuple[Basis, ...]
    per_page: tuple[Tier, ...]
    per_page_basis: tuple[Basis, ...]
    path: str

    def tier_for(self, tiers: tuple[Tier, ...], n: int) -> Tier:
        for t in tiers:
            if n >= t.first and (t.last is None or n <= t.last):
                return t
        raise InputError(message("fees.no_tier", n=n))


def load_fee_schedule(path: str | Path) -> Schedule:
    """The fee schedule in ``path`` (``rules/fees-2020/fees.yaml``)."""
    path = Path(path)
    f = read_checked(path, "fees")["fees"]
    return Schedule(f["effective_from"], parse_basis(f.get("basis"), f),
                    _tiers(path, f["per_request"]), parse_basis(f["per_request"].get("basis"), f["per_request"]),
                    _tiers(path, f["per_page"]), parse_basis(f["per_page"].get("basis"), f["per_page"]), str(path))


def _tiers(path: Path, section: Map) -> tuple[Tier, ...]:
    """The tiers of one method: consecutive, without gap or overlap, the last one open-ended."""
    out = []
    expected = 1
    for i, t in enumerate(section["tiers"]):
        line = section["tiers"].line_of(i)
        if t["from"] != expected:
            raise RuleFileError(path, line, message("fees.tier_gap", first=t["from"], previous=expected - 1))
        last = t.get("to")
        if last is None and i != len(section["tiers"]) - 1:
            raise RuleFileError(path, line, message("fees.open_tier"))
        if last is not None and last < t["from"]:
            raise RuleFileError(path, line, message("fees.to_below_from"))
        if "band" in t:
            out.append(Tier(t["from"], last, None, t["band"], Decimal(str(t["first_yuan"])),
                            Decimal(str(t["step_yuan"])), t.get("text", "")))
        else:
            out.append(Tier(t["from"], last, Decimal(str(t["yuan"])), text=t.get("text", "")))
        expected = (last or 0) + 1
    if out[-1].last is not None:
        raise RuleFileError(path, section.line, message("fees.last_tier"))
    return tuple(out)
