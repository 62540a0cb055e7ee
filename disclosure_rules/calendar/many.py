"""``add`` and ``count`` for many dates at once (:meth:`Calendar.add_many`,
:meth:`Calendar.count_many`).

A numpy ``datetime64[D]`` array goes through two gathers on the calendar's
cumulative index (built once per calendar: the rank of every covered day,
and every working day as days since 1970), with one min/max pass to check
coverage; a list of ``date`` goes through the same index in Python.

``errors="raise"`` (default): the first date outside the calendar (or a
NaT, or an ``n`` below 1) raises the scalar error, prefixed with its index,
``dates[17]: ...``.  ``errors="mask"``: the answer is masked at those
places instead (a ``numpy.ma.MaskedArray`` for array input, ``None`` in a
list) and every other answer is exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar, cast

from ..errors import DisclosureRulesError, InputError
from ..messages import Text, message

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: what the batch questions take: a sequence of dates (anything else in it is a bad entry), or a
#: ``datetime64[D]`` array; ``n`` is one number, a sequence or an array of them
Dates: TypeAlias = "Sequence[object] | NDArray[Any]"
Counts: TypeAlias = "int | Sequence[int] | NDArray[Any]"
#: the answers: a list (``None`` where masked), or an array (masked where ``errors="mask"``)
ManyDates: TypeAlias = "list[dt.date | None] | NDArray[Any]"
ManyCounts: TypeAlias = "list[int | None] | NDArray[Any]"

_T = TypeVar("_T")


class Calendar(Protocol):
    """What the batch questions read of a :class:`~.days.Calendar` (named here, not imported:
    days.py calls this module)."""

    @property
    def gaps(self) -> tuple[tuple[dt.date, dt.date], ...]: ...
    @property
    def _base(self) -> int: ...
    @property
    def _cum(self) -> list[int]: ...
    @property
    def _workdays(self) -> list[int]: ...
    @property
    def _np(self) -> tuple[Any, Any, int] | None: ...
    def add(self, d: dt.date, n: int) -> dt.date: ...
    def count(self, a: dt.date, b: dt.date) -> int: ...

MODES = ("raise", "mask")
_EPOCH = dt.date(1970, 1, 1).toordinal()


def add_many(cal: Calendar, dates: Dates, n: Counts, errors: str = "raise") -> ManyDates:
    _mode(errors)
    np = _numpy_for(dates)
    if np is None:                                  # (not an array, so a sequence)
        return _add_list(cal, cast("Sequence[object]", dates), n, errors)
    if cal.gaps:                                    # rare: a calendar with uncovered years inside its span
        return _via_scalar(cal, np, dates, n, errors, True)
    cum, work, off = _arrays(cal, np)
    days = np.asarray(dates, dtype="datetime64[D]").view(np.int64)
    idx = days - off                                # 0: the day before coverage; len(cum) - 1: the last day
    nn = np.asarray(n, dtype=np.int64)
    out: NDArray[Any]
    if days.size == 0:
        out = np.empty(0, dtype="datetime64[D]")
        return out
    ok = _in(idx, len(cum) - 1) and (nn >= 1 if nn.ndim == 0 else (nn.min() >= 1 if nn.size else True))
    if ok:
        k = cum[idx] + (nn - 1)
        if k.max() < len(work):
            out = work[k].view("datetime64[D]")
            return out
    return _via_scalar(cal, np, dates, n, errors, True)


def count_many(cal: Calendar, starts: Dates, ends: Dates, errors: str = "raise") -> ManyCounts:
    _mode(errors)
    np = _numpy_for(starts) or _numpy_for(ends)
    if np is None and len(starts) != len(ends):        # (arrays broadcast, as numpy does)
        raise InputError(message("many.pairs", starts=len(starts), ends=len(ends)))
    if np is None:
        return _count_list(cal, cast("Sequence[object]", starts), cast("Sequence[object]", ends), errors)
    if cal.gaps:
        return _via_scalar(cal, np, starts, ends, errors, False)
    cum, _, off = _arrays(cal, np)
    a = np.asarray(starts, dtype="datetime64[D]").view(np.int64) - off
    b = np.asarray(ends, dtype="datetime64[D]").view(np.int64) - off
    out: NDArray[Any]
    if a.size == 0 and b.size == 0:
        out = np.empty(0, dtype=np.int64)
        return out
    if _in(a, len(cum) - 1) and _in(b, len(cum) - 1):
        out = cum[b] - cum[a]
        return out
    return _via_scalar(cal, np, starts, ends, errors, False)


def _in(idx: NDArray[Any], hi: int) -> bool:
    """0 <= idx <= hi everywhere, in one pass (a negative index is huge as unsigned)."""
    return bool(idx.view("uint64").max() <= hi)


def _arrays(cal: Calendar, np: ModuleType) -> tuple[Any, Any, int]:
    """(rank of each day from the day before coverage, working days as days since 1970, offset), built once."""
    arrays = cal._np
    if arrays is None:
        cum = np.concatenate([np.zeros(1, dtype=np.int64), np.asarray(cal._cum, dtype=np.int64)])
        work = np.asarray(cal._workdays, dtype=np.int64) - _EPOCH
        arrays = (cum, work, cal._base - _EPOCH - 1)
        object.__setattr__(cal, "_np", arrays)
    return arrays


def _via_scalar(cal: Calendar, np: ModuleType, xs: Dates, ys: Counts | Dates, errors: str,
                adding: bool) -> NDArray[Any]:
    """The slow path, taken only when some answer is an error (or the calendar has gaps)."""
    a = np.asarray(xs, dtype="datetime64[D]")
    b = np.broadcast_to(np.asarray(ys, dtype=np.int64 if adding else "datetime64[D]"), a.shape)
    out: list[Any] = []
    mask: list[bool] = []
    for j in range(a.size):
        try:
            if adding:
                v = _one(cal, True, _date(np, a[j], j, "dates"), int(b[j]), j)
                out.append(np.datetime64(v.isoformat(), "D"))
            else:
                out.append(_one(cal, False, _date(np, a[j], j, "starts"), _date(np, b[j], j, "ends"), j))
            mask.append(False)
        except DisclosureRulesError:
            if errors == "raise":
                raise
            out.append(np.datetime64("NaT") if adding else 0)
            mask.append(True)
    arr: NDArray[Any] = np.array(out, dtype="datetime64[D]" if adding else np.int64)
    return np.ma.MaskedArray(arr, mask=mask) if errors == "mask" else arr


def _one(cal: Calendar, adding: bool, x: dt.date, y: Any, j: int) -> Any:
    if adding and y < 1:
        raise _at(j, InputError(message("days.bad_n", n=y)))
    try:
        return cal.add(x, y) if adding else cal.count(x, y)
    except DisclosureRulesError as exc:
        raise _at(j, exc) from None


def _at(j: int, exc: DisclosureRulesError) -> DisclosureRulesError:
    """Prefix the error's message with the index of the bad entry (kept as ``exc.index``)."""
    exc.index = j
    exc.message, exc.message_zh = message("many.at", j=j, error=Text(exc.message, exc.message_zh))
    exc.args = (exc.message,)
    return exc


def _date(np: ModuleType, x: Any, j: int, what: str) -> dt.date:
    if np.isnat(x):
        raise _at(j, InputError(message("many.nat", what=what, j=j)))
    return dt.date.fromordinal(int(x.astype("datetime64[D]").astype(np.int64)) + _EPOCH)


def _add_list(cal: Calendar, dates: Sequence[object], n: Counts, errors: str) -> list[dt.date | None]:
    ns: Sequence[int] | None = n if isinstance(n, (list, tuple)) else None
    w, cum, base, last = cal._workdays, cal._cum, cal._base, len(cal._cum)
    out: list[dt.date | None] = []
    for j, d in enumerate(dates):
        k = ns[j] if ns is not None else cast(int, n)
        i = d.toordinal() - base if isinstance(d, dt.date) else None
        if i is not None and -1 <= i < last and k >= 1 and not cal.gaps:
            idx = (cum[i] if i >= 0 else 0) + k - 1
            if idx < len(w):
                out.append(dt.date.fromordinal(w[idx]))
                continue
        out.append(_masked(errors, _add_plain, cal, d, k, j))
    return out


def _count_list(cal: Calendar, starts: Sequence[object], ends: Sequence[object],
                errors: str) -> list[int | None]:
    # strict=False: two caller-given lists, not equal in length by construction; as before, the
    # shorter one ends the answer.
    return [_masked(errors, _count_plain, cal, a, b, j)
            for j, (a, b) in enumerate(zip(starts, ends, strict=False))]


def _add_plain(cal: Calendar, d: object, k: int, j: int) -> dt.date:
    """``cal.add(dates[j], k)`` through the scalar path (an error carries the index ``j``)."""
    day: dt.date = _one(cal, True, _plain(d, j), k, j)
    return day


def _count_plain(cal: Calendar, a: object, b: object, j: int) -> int:
    """``cal.count(starts[j], ends[j])`` through the scalar path (an error carries the index ``j``)."""
    n: int = _one(cal, False, _plain(a, j, "starts"), _plain(b, j, "ends"), j)
    return n


def _masked(errors: str, fn: Callable[..., _T], *args: Any) -> _T | None:
    """``fn(*args)``, or None for a rule error when ``errors="mask"``."""
    try:
        return fn(*args)
    except DisclosureRulesError:
        if errors == "raise":
            raise
        return None


def _plain(d: object, j: int, what: str = "dates") -> dt.date:
    if isinstance(d, dt.date):
        return d
    raise _at(j, InputError(message("many.not_a_date", what=what, j=j, value=repr(d))))


def _mode(errors: str) -> None:
    if errors not in MODES:
        raise InputError(message("clock.error.errors_mode", modes=list(MODES), value=f"'{errors}'"))


def _numpy_for(x: object) -> ModuleType | None:
    t = type(x)
    if t.__module__ == "numpy" and t.__name__ == "ndarray":
        import numpy
        return numpy
    return None
