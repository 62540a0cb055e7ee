"""Many cases through the clock, in order, in constant memory.

:func:`evaluate_items` takes the :class:`~.source.Item` of each input case
and yields, for each, its :class:`~disclosure_rules.result.Result` or a
:class:`Failure` (the case's id and the documented error it raised), so the
results plus the failures always number the input cases.  ``errors="raise"``
yields the results before the first bad case and then raises its error;
``errors="collect"`` goes on.

The clock is reached through one seam, :func:`evaluate_chunk`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from ..errors import DisclosureRulesError, InputError
from ..messages import Text, message, render
from ..reprs import SharedRepr
from .source import Item

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..regimes import RegimeResult
    from ..result import Result
    from ..rulebook import RuleBook

#: the answer for one case: a result (of the request clock or of a regime's stage clock)
Answer: TypeAlias = "Result | RegimeResult"

ERROR_MODES = ("raise", "collect")
CHUNK = 512                      # cases handed to the clock at a time: bounds the memory held
# without the trace, a result is small (about 750 bytes) and the columnar evaluator folds a chunk at once,
# which pays from about 2,000 cases (its fixed numpy costs): these many at a time (the cases read, their
# columns and results: about 60 MB at the peak; 16,384 took report to 278 MB on 100,000 cases)
UNTRACED_CHUNK = 4096


@attrs.frozen(repr=False)
class Failure(SharedRepr):
    """A case that could not be evaluated: its id (None when unreadable),
    its position in the input, and the error."""

    id: str | None
    number: int
    line: int | None
    error: DisclosureRulesError

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The error line ``{"id": ..., "error": {"kind": ..., "message": ...}}`` (plus ``line`` for JSON Lines)."""
        d: dict[str, Any] = {"id": self.id, "error": self.error.to_dict(lang)}
        if self.line is not None:
            d["line"] = self.line
        return d


def check_errors_mode(errors: str) -> str:
    if errors not in ERROR_MODES:
        raise InputError(message("clock.error.errors_mode", modes=list(ERROR_MODES), value=f"'{errors}'"))
    return errors


def evaluate_chunk(cases: Sequence[object], as_of: dt.date | dt.datetime | None, *, rules: RuleBook | None = None,
                   calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None,
                   extra_keys: str = "reject", trace: bool = True) -> list[Answer | DisclosureRulesError]:
    """The one seam with the clock: for each case (a dict or a Case), its
    Result or the DisclosureRulesError it raised, in order: a request on the
    request clock (``clock.evaluate_iter``, read strictly unless
    ``extra_keys="keep"``), a file with ``regime:`` on its regime's stage clock.
    """
    from .. import regimes
    from ..case import parse_case
    from ..clock import evaluate_iter

    out: list[Any] = [None] * len(cases)             # (each place is filled below)
    plain, where = [], []
    for i, c in enumerate(cases):
        try:
            if isinstance(c, dict) and regimes.is_regime_case(c):
                moment = as_of if as_of is not None else regimes.now_in_beijing()    # the default, as for the clock
                out[i] = regimes.evaluate(c, moment, estimate_until=estimate_until)
            else:
                # read strictly, a dict goes as it is: the clock's fast path reads it, or parse_case does
                plain.append(c if extra_keys == "reject" and isinstance(c, dict) else
                             parse_case(c, extra_keys=extra_keys, rules=rules))
                where.append(i)
        except DisclosureRulesError as exc:
            out[i] = exc
    day = as_of.date() if isinstance(as_of, dt.datetime) else as_of
    for i, r in zip(where, evaluate_iter(plain, day, rules=rules, calendars=calendars,
                                         estimate_until=estimate_until, errors="collect", trace=trace), strict=True):
        out[i] = r
    return out


def evaluate_items(items: Iterable[Item], as_of: dt.date | dt.datetime | None, *, errors: str = "raise",
                   rules: RuleBook | None = None, calendars: dict[str, Calendar] | None = None,
                   estimate_until: int | None = None, extra_keys: str = "reject",
                   trace: bool = True) -> Iterator[Answer | Failure]:
    """A Result or a Failure for every item, in input order (see the module docstring); ``trace=False``
    leaves the results' traces empty (the clock's fast batch path takes the cases it can)."""
    check_errors_mode(errors)
    it = iter(items)
    size = CHUNK if trace else UNTRACED_CHUNK
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        good = [x for x in chunk if x.error is None]
        outs = iter(evaluate_chunk([x.data for x in good], as_of, rules=rules, calendars=calendars,
                                   estimate_until=estimate_until, extra_keys=extra_keys, trace=trace))
        for x in chunk:
            out = next(outs) if x.error is None else x.error
            if isinstance(out, DisclosureRulesError):
                if errors == "raise":
                    raise in_context(x, out)
                yield Failure(x.id, x.number, x.line, out)
            else:
                yield out


def in_context(item: Item, error: DisclosureRulesError) -> DisclosureRulesError:
    """A case's error, saying which item of a file of several it is (``cases.yaml, item 2: ...``)."""
    from ..errors import CaseError

    if not isinstance(error, CaseError) or not item.of or item.of < 2:
        return error
    return CaseError(message("case.item", path=str(item.source), n=item.number,
                             error=Text(error.message, error.message_zh)), event=error.event)


def failure_of(item: Item, error: DisclosureRulesError) -> Failure:
    return Failure(item.id, item.number, item.line, error)


@attrs.define(repr=False)
class Tally(SharedRepr):
    """Counts of a run and the first ``keep`` failing ids (constant memory)."""

    keep: int = 100
    ok: int = 0
    failed: int = 0
    ids: list[str] = attrs.field(factory=list)

    def add(self, out: object) -> None:
        if isinstance(out, Failure):
            self.failed += 1
            if len(self.ids) < self.keep:
                self.ids.append(out.id if out.id is not None else
                                (f"line {out.line}" if out.line is not None else f"#{out.number}"))
        else:
            self.ok += 1

    @property
    def total(self) -> int:
        return self.ok + self.failed

    def summary(self, lang: str = "en", what: str = "cases") -> str:
        """One line for stderr: how many failed and which ids (``what``: cases or records)."""
        more = self.failed - len(self.ids)
        ids = render("batch.ids_more" if more else "batch.ids", lang, {"ids": list(self.ids), "more": more})
        return render("batch.summary_cases" if what == "cases" else "batch.summary_records", lang,
                      {"failed": self.failed, "total": self.total, "ids": ids})
