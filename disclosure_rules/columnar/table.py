"""A batch of cases as typed columns: one row per case, the events of all cases in flat columns.

The events of case ``i`` are the rows ``offsets[i]:offsets[i + 1]`` of the
event columns, in the order the case gives them.  Days are proleptic
ordinals (``date.toordinal()``, 0 = no date), names are the codes of
:class:`~.codes.Codes` (``-1`` = none), whole numbers are int64 with
:data:`ABSENT` for a field not given.  ``ok[i]`` is False for a case the
columns could not hold exactly as the plain clock reads it: that case goes
to the fast batch path and the plain clock.

:func:`from_lean` builds the table from cases read by
:class:`~disclosure_rules.clock.lean.Reader` (as strict as ``parse_case``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ..clock.lean import LeanCase, Reader
from ..reprs import SharedRepr
from .codes import NONE, Codes

if TYPE_CHECKING:
    from numpy.typing import NDArray

ABSENT = np.iinfo(np.int64).min              # a whole-number field not given
# the whole numbers the columns hold: half of int64 either way, so that a sum of one with a count of the clock
# (an extension's workdays plus those already granted: extension_total) cannot overflow; a larger one in a
# case (2**63 - 1 workdays) goes to the fast path, whose Python ints do not overflow
WHOLE = range(-(np.iinfo(np.int64).max >> 1), (np.iinfo(np.int64).max >> 1) + 1)
_KINDS = ("date", "integer")                 # the event fields held in columns of their own, by kind


@attrs.frozen(eq=False, repr=False)
class CaseTable(SharedRepr):
    """Cases as columns (see the module docstring)."""

    ids: list[str]
    calendars: list[str]
    channel: NDArray[np.int16]
    receipt: NDArray[np.int32]               # (cases, receipt fields of codes.receipt)
    applicant: NDArray[np.int16]
    ok: NDArray[np.bool_]
    offsets: NDArray[np.int64]
    ev_type: NDArray[np.int16]
    ev_date: NDArray[np.int32]
    ev_party: NDArray[np.int16]
    ev_outcome: NDArray[np.int16]
    ev_reason: NDArray[np.int16]
    ev_justified: NDArray[np.bool_]
    ev_dates: dict[str, NDArray[np.int32]]   # date fields (received, due, ...) by name
    ev_ints: dict[str, NDArray[np.int64]]    # whole-number fields (workdays, period_workdays, ...) by name
    # the cases of some rows as the plain clock reads them, read together (for the order of two same-day
    # events of one type)
    source: Callable[[list[int]], list[object]] | None = None

    def __len__(self) -> int:
        return len(self.ids)


def field_names(reader: Reader) -> dict[str, tuple[str, ...]]:
    """The names of the event fields of each kind of :data:`_KINDS` in the vocabulary."""
    return {kind: tuple(sorted({k for f in reader.events.values() for k, v in f.items() if v == kind} - {"date"}))
            for kind in _KINDS}


class _Columns:
    """The lists a table is built from."""

    def __init__(self, codes: Codes, reader: Reader) -> None:
        self.codes = codes
        names = field_names(reader)
        self.date_names, self.int_names = names["date"], names["integer"]
        self.case: dict[str, list[Any]] = {k: [] for k in ("ids", "calendars", "channel", "receipt", "applicant",
                                                           "ok", "offsets")}
        self.case["offsets"].append(0)
        self.ev: dict[str, list[Any]] = {k: [] for k in ("type", "date", "party", "outcome", "reason",
                                                         "justified")}
        self.dates: dict[str, list[int]] = {k: [] for k in self.date_names}
        self.ints: dict[str, list[int]] = {k: [] for k in self.int_names}

    def add(self, case: LeanCase | None) -> None:
        col, codes = self.case, self.codes
        if case is None:
            self._empty()
            return
        cid, channel, dates, events, applicant, calendar = case
        ok = True
        rows = [0] * len(codes.receipt)
        for k, d in dates.items():
            rows[codes.field[k]] = d.toordinal()
        for e in events:
            ok = self._event(e[0], e[1], e[2]) and ok
        col["ids"].append(cid)
        col["calendars"].append(calendar)
        col["channel"].append(codes.channel[channel])
        col["receipt"].append(rows)
        col["applicant"].append(NONE if applicant is None else codes.applicant[applicant])
        col["ok"].append(ok)
        col["offsets"].append(len(self.ev["type"]))

    def _empty(self) -> None:
        col = self.case
        col["ids"].append("")
        col["calendars"].append("")
        col["channel"].append(NONE)
        col["receipt"].append([0] * len(self.codes.receipt))
        col["applicant"].append(NONE)
        col["ok"].append(False)
        col["offsets"].append(len(self.ev["type"]))

    def _event(self, kind: str, day: dt.date, fields: dict[str, Any]) -> bool:
        """Append one event; False when a value is not one the columns hold exactly."""
        codes, ev = self.codes, self.ev
        ok = True
        ev["type"].append(codes.type[kind])
        ev["date"].append(day.toordinal())
        party = fields.get("party")
        ev["party"].append(NONE if party is None else codes.party[party])
        for name, table in (("outcome", codes.outcome), ("reason", codes.reason)):
            v = fields.get(name)
            code = NONE if v is None else table.get(v, None) if type(v) is str else None
            ok = ok and code is not None
            ev[name].append(NONE if code is None else code)
        just = fields.get("justified")
        ok = ok and (just is None or type(just) in (bool, int, str))
        ev["justified"].append(bool(just) if ok else False)
        for name in self.date_names:
            d = fields.get(name)
            ok = ok and (d is None or type(d) is dt.date)
            self.dates[name].append(d.toordinal() if type(d) is dt.date else 0)
        for name in self.int_names:
            n = fields.get(name)
            whole = type(n) is int and n in WHOLE
            ok = ok and (n is None or whole)
            self.ints[name].append(int(n) if whole and n is not None else int(ABSENT))
        return ok

    def table(self) -> CaseTable:
        col, ev = self.case, self.ev
        n_fields = len(self.codes.receipt)
        receipt = np.array(col["receipt"], dtype=np.int32).reshape(len(col["ids"]), n_fields)
        return CaseTable(
            ids=col["ids"], calendars=col["calendars"], channel=np.array(col["channel"], dtype=np.int16),
            receipt=receipt, applicant=np.array(col["applicant"], dtype=np.int16),
            ok=np.array(col["ok"], dtype=np.bool_), offsets=np.array(col["offsets"], dtype=np.int64),
            ev_type=np.array(ev["type"], dtype=np.int16), ev_date=np.array(ev["date"], dtype=np.int32),
            ev_party=np.array(ev["party"], dtype=np.int16), ev_outcome=np.array(ev["outcome"], dtype=np.int16),
            ev_reason=np.array(ev["reason"], dtype=np.int16), ev_justified=np.array(ev["justified"], dtype=np.bool_),
            ev_dates={k: np.array(v, dtype=np.int32) for k, v in self.dates.items()},
            ev_ints={k: np.array(v, dtype=np.int64) for k, v in self.ints.items()})


def from_lean(cases: list[LeanCase | None], codes: Codes, reader: Reader,
              source: Callable[[list[int]], list[object]] | None = None) -> CaseTable:
    """The table of cases read by the lean reader (``None``: a case it refused, marked not ok)."""
    cols = _Columns(codes, reader)
    for c in cases:
        cols.add(c)
    return attrs.evolve(cols.table(), source=source)
