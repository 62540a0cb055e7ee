"""Typed Arrow columns as a :class:`~.table.CaseTable`, without a Python step per case.

The layout of :func:`disclosure_rules.batch.columns.items_from_rows` without
a case column: ``id``, ``receipt`` (a struct: ``channel`` and the receipt
dates), ``events`` (a list of structs: ``type``, ``date`` and the event
fields), ``applicant``, ``calendar``, ``local``; a null field means the
field is absent.  A row is marked not ok wherever the lean reader would
refuse the case it stands for (an unknown name, a field its event type does
not have, a null event, a ``local`` layer, ...): the row path then reads it
and reports what is wrong.  A column of a type this module does not read
(a timestamp, JSON text, a map) gives ``None``: the whole batch takes the
row path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..clock.lean import Reader
from .codes import NONE, Codes
from .table import ABSENT, WHOLE, CaseTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

EPOCH = 719163                               # date(1970, 1, 1).toordinal(): Arrow's date32 counts from it
_DEFAULT_CALENDAR = "cn"                     # (as lean.Reader and case.parse_case read a case without one)
_OUT_OF_RANGE = "date"                       # the kind of field held as an ordinal
_NAMED = {"party": "parties", "outcome": "outcomes", "reason": "reasons"}   # field kind -> the Codes names


class NotColumnar(Exception):
    """A column this module does not read: the batch takes the row path."""


def _combined(col: Any) -> Any:
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _codes(arr: Any, names: tuple[str, ...]) -> NDArray[np.int64]:
    """Codes of a string column (-1: null or unknown)."""
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        if pa.types.is_null(arr.type):
            return np.full(len(arr), NONE, dtype=np.int64)
        raise NotColumnar(str(arr.type))
    got = pc.index_in(arr, value_set=pa.array(names, type=arr.type))
    return np.asarray(got.fill_null(NONE).to_numpy(zero_copy_only=False), dtype=np.int64)


def _days(arr: Any) -> NDArray[np.int64]:
    """Ordinals of a date column (0: null); ISO text read as dates."""
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        try:
            arr = pc.cast(arr, pa.date32())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise NotColumnar(str(arr.type)) from None
    elif pa.types.is_null(arr.type):
        return np.zeros(len(arr), dtype=np.int64)
    elif not pa.types.is_date32(arr.type):
        raise NotColumnar(str(arr.type))
    days = np.asarray(arr.cast(pa.int32()).fill_null(-EPOCH).to_numpy(zero_copy_only=False), dtype=np.int64)
    return days + EPOCH


def _present(arr: Any) -> NDArray[np.bool_]:
    return np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)


def _per_row(bad: NDArray[np.bool_], offsets: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Rows with a bad event (``bad`` is per event)."""
    seen = np.concatenate([[0], np.cumsum(bad)])
    out: NDArray[np.bool_] = (seen[offsets[1:]] - seen[offsets[:-1]]) > 0
    return out


def _receipt(col: Any, codes: Codes, ok: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    if not pa.types.is_struct(col.type):
        raise NotColumnar(str(col.type))
    ok &= _present(col)
    names = [col.type.field(i).name for i in range(col.type.num_fields)]
    receipt = np.zeros((len(col), len(codes.receipt)), dtype=np.int64)
    channel = np.full(len(col), NONE, dtype=np.int64)
    for name in names:
        child = col.field(name)
        if name == "channel":
            channel = _codes(child, codes.channels)
        elif name in codes.field:
            receipt[:, codes.field[name]] = _days(child)
        else:
            ok &= ~_present(child)               # a receipt field the rules do not know
    ok &= channel != NONE
    return channel, receipt


class _Events:
    """The event columns of a list-of-structs column."""

    def __init__(self, col: Any, n: int, codes: Codes, reader: Reader) -> None:
        if pa.types.is_null(col.type):
            self.offsets = np.zeros(n + 1, dtype=np.int64)
            col = pa.array([], type=pa.struct([("type", pa.string()), ("date", pa.date32())]))
            values = col
        elif not pa.types.is_list(col.type) or not pa.types.is_struct(col.type.value_type):
            raise NotColumnar(str(col.type))
        else:
            offsets = np.asarray(col.offsets.to_numpy(zero_copy_only=False), dtype=np.int64)
            values = col.values.slice(offsets[0], offsets[-1] - offsets[0])
            self.offsets = offsets - offsets[0]
            if (~_present(col) & (np.diff(offsets) > 0)).any():
                raise NotColumnar("a null list of events over events")
        self.values, self.codes, self.reader = values, codes, reader
        self.bad = ~_present(values) if len(values) else np.zeros(0, dtype=np.bool_)
        self.names = [values.type.field(i).name for i in range(values.type.num_fields)]

    def field(self, name: str) -> Any:
        return self.values.field(name) if name in self.names else None

    def columns(self, fields: dict[str, tuple[str, ...]]) -> dict[str, Any]:
        codes, m = self.codes, len(self.values)
        kind = self.field("type")
        types = _codes(kind, codes.types) if kind is not None else np.full(m, NONE, dtype=np.int64)
        date = self.field("date")
        days = _days(date) if date is not None else np.zeros(m, dtype=np.int64)
        self.bad |= (types == NONE) | (days == 0)
        out: dict[str, Any] = {"type": types, "date": days, "dates": {}, "ints": {}}
        for name in self.names:
            if name not in ("type", "date"):
                self._field(name, types, fields, out)
        for name, default in (("party", NONE), ("outcome", NONE), ("reason", NONE)):
            out.setdefault(name, np.full(m, default, dtype=np.int64))
        out.setdefault("justified", np.zeros(m, dtype=np.bool_))
        for name in fields["date"]:
            out["dates"].setdefault(name, np.zeros(m, dtype=np.int64))
        for name in fields["integer"]:
            out["ints"].setdefault(name, np.full(m, ABSENT, dtype=np.int64))
        return out

    def _field(self, name: str, types: NDArray[np.int64], fields: dict[str, tuple[str, ...]],
               out: dict[str, Any]) -> None:
        """One event field: given only on types that have it, read by its kind."""
        codes, child = self.codes, self.field(name)
        given = _present(child)
        allowed = np.array([name in self.reader.spec[t][0] for t in codes.types] + [False], dtype=np.bool_)
        self.bad |= given & ~allowed[types]
        kinds = {self.reader.events[t].get(name) for t in codes.types} - {None}
        what = kinds.pop() if len(kinds) == 1 else None
        if what in _NAMED:
            got = _codes(child, getattr(codes, _NAMED[what]))
            self.bad |= given & (got == NONE)
            if name in _NAMED:                        # (the clock reads these three by name)
                out[name] = got
        elif what == _OUT_OF_RANGE:
            out["dates"][name] = _days(child)
        elif what == "integer":
            if not pa.types.is_integer(child.type) and not pa.types.is_null(child.type):
                self.bad |= given
                return
            vals = child.cast(pa.int64()).fill_null(ABSENT) if not pa.types.is_null(child.type) else None
            got = (np.full(len(child), ABSENT, dtype=np.int64) if vals is None
                   else np.asarray(vals.to_numpy(zero_copy_only=False), dtype=np.int64))
            self.bad |= given & ((got < WHOLE.start) | (got >= WHOLE.stop))    # (sums could overflow int64)
            out["ints"][name] = got
        elif name == "justified":
            out["justified"] = _truthy(child, given, self)
        elif what != "text":
            self.bad |= given                         # a mapping or a field of more than one kind: the row path


def _truthy(child: Any, given: NDArray[np.bool_], ev: _Events) -> NDArray[np.bool_]:
    t = child.type
    if pa.types.is_boolean(t):
        return np.asarray(child.fill_null(False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    if pa.types.is_integer(t):
        nonzero: NDArray[np.bool_] = np.asarray(child.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64) != 0
        return nonzero
    if pa.types.is_string(t):
        return np.asarray(pc.greater(pc.utf8_length(child), 0).fill_null(False).to_numpy(zero_copy_only=False),
                          dtype=np.bool_)
    ev.bad |= given
    return np.zeros(len(child), dtype=np.bool_)


def _strings(col: Any, n: int) -> list[Any]:
    return [None] * n if col is None else col.to_pylist()


def table_from_arrow(data: Any, codes: Codes, reader: Reader, fields: dict[str, tuple[str, ...]],
                     ids: list[str] | None = None,
                     source: Callable[[list[int]], list[object]] | None = None) -> CaseTable:
    """The case table of a pyarrow Table or RecordBatch in the typed layout (raises :class:`NotColumnar`);
    ``ids``: the cases' ids as the lean reader reads them, where the caller has them; ``source``: the cases
    of some rows as the plain clock reads them (without it, a case with two same-day events of one type is
    handed on)."""
    names = set(data.column_names if hasattr(data, "column_names") else data.schema.names)
    n = data.num_rows
    if "id" not in names or "receipt" not in names:
        raise NotColumnar("id, receipt")
    col = {k: _combined(data.column(k)) for k in ("id", "receipt", "events", "applicant", "calendar", "local")
           if k in names}
    ok = np.ones(n, dtype=np.bool_)
    if ids is None:
        given = col["id"].to_pylist()
        ok &= np.array([i is not None and not isinstance(i, (dict, list)) for i in given], dtype=np.bool_)
        ids = [str(i) for i in given]
    if "local" in col:
        ok &= ~_present(col["local"])
    channel, receipt = _receipt(col["receipt"], codes, ok)
    applicant = (_codes(col["applicant"], codes.applicants) if "applicant" in col
                 else np.full(n, NONE, dtype=np.int64))
    if "applicant" in col:
        ok &= ~_present(col["applicant"]) | (applicant != NONE)
    calendars = [c if c is not None else _DEFAULT_CALENDAR for c in _strings(col.get("calendar"), n)]
    ok &= np.array([type(c) is str for c in calendars], dtype=np.bool_)
    ev = _Events(col.get("events", pa.nulls(n)), n, codes, reader)
    cols = ev.columns(fields)
    ok &= ~_per_row(ev.bad, ev.offsets)
    return CaseTable(
        ids=ids, calendars=[str(c) for c in calendars], channel=channel.astype(np.int16),
        receipt=receipt.astype(np.int32), applicant=applicant.astype(np.int16), ok=ok, offsets=ev.offsets,
        ev_type=cols["type"].astype(np.int16), ev_date=cols["date"].astype(np.int32),
        ev_party=cols["party"].astype(np.int16), ev_outcome=cols["outcome"].astype(np.int16),
        ev_reason=cols["reason"].astype(np.int16), ev_justified=cols["justified"],
        ev_dates={k: v.astype(np.int32) for k, v in cols["dates"].items()}, ev_ints=cols["ints"],
        source=source)

