"""The request clock: fold a case's events over the rules in force.

``evaluate(case, as_of)`` is a pure function of (rules, calendar, case, as_of):

* the date of receipt is fixed by channel (Art. 31) and chooses the rule
  version in force on that day (2008 or 2019 Regulations);
* the reply period counts from it: a period of N working days from D ends on
  the N-th working day strictly after D (parameter ``start_day_counts``);
* events then start, restart, pause, resume, suspend, extend, set or close
  the clock as their rule says (``rules/*/events.yaml``; one handler per
  effect in :data:`effects.HANDLERS`);
* violations are checked at each event with the conditions in
  ``violations.yaml``; a violation with ``voids_effect`` leaves the clock as
  the law says (a late extension does not move the due date).

Without ``as_of`` the case is evaluated as of today in Beijing time
(Asia/Shanghai), whatever the machine's time zone, like the command line;
pass ``as_of`` for a reproducible answer.  Impossible input raises
:class:`CaseError`; a day the calendar does not cover raises
:class:`CalendarCoverageError`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ..calendar import Calendar, load_calendar
from ..calendar.today import today_in_beijing
from ..case import Case, parse_case
from ..errors import CaseError, DisclosureRulesError, InputError, UnknownNameError
from ..messages import Text, message
from ..provisional import bounded
from ..result import Result
from ..rulebook import RuleBook, load_rules
from .effects import EFFECTS, HANDLERS
from .fold import run

if TYPE_CHECKING:
    from .fast import FastClock

__all__ = ["evaluate", "evaluate_iter", "evaluate_many", "today_in_shanghai", "EFFECTS", "HANDLERS"]

ERROR_MODES = ("raise", "collect")

# a case as given: parsed already, or as read from JSON or YAML (parse_case checks it)
CaseInput: TypeAlias = Case | Mapping[str, object]


def today_in_shanghai() -> dt.date:
    """Today's date in Beijing time (Asia/Shanghai), the default ``as_of`` of the API and the command line
    (:func:`disclosure_rules.calendar.today.today_in_beijing`: pinnable with ``DISCLOSURE_RULES_TODAY``)."""
    return today_in_beijing()


def _as_of(value: object) -> dt.date:
    if value is None:
        return today_in_shanghai()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(message("clock.error.as_of", value=repr(value)))


def _case_calendar(case: Case, estimate_until: int | None) -> Calendar:
    try:
        return load_calendar(case.calendar, estimate_until=estimate_until)
    except UnknownNameError as exc:
        raise CaseError(message("clock.error.case", id=case.id, what=Text(exc.message, exc.message_zh))) from None


def _one(book: RuleBook, calendar: Calendar, case: Case, day: dt.date, trace: bool) -> Result:
    """One evaluation: the single place every entry point goes through; on an
    estimated calendar, three combined (:mod:`disclosure_rules.provisional`)."""
    return bounded(lambda cal: run(book, cal, case, day, trace=trace), calendar,
                   reopened=lambda cal: run(book, cal, _justified(case), day, trace=False))


def _justified(case: Case) -> Case:
    """The case with every late correction or payment taken as justified (Art. 30 正当理由): on a
    calendar where the applicant's period lapsed, the due date the case has where it did not."""
    events = tuple(attrs.evolve(e, fields={**e.fields, "justified": True}) for e in case.events)
    return attrs.evolve(case, events=events)


def evaluate(case: CaseInput, as_of: dt.date | None = None, *, rules: RuleBook | None = None,
             calendar: Calendar | None = None, estimate_until: int | None = None, trace: bool = True,
             extra_keys: str = "reject") -> Result:
    """Evaluate a case (a :class:`Case` or a dict) as of a date.

    ``as_of`` (default: today in Beijing time, Asia/Shanghai, as on the
    command line): events after it are ignored and the status is the one on
    that day; give it for a reproducible answer.  ``rules``: a
    :class:`RuleBook` (default: the bundled rule files).  ``calendar``: a
    :class:`Calendar` (default: the case's ``calendar``, loaded with
    ``estimate_until`` when given, in which case results touching estimated
    years are marked provisional).  ``trace=False`` leaves the trace empty.
    ``extra_keys``: as for :func:`~disclosure_rules.case.parse_case`.
    """
    day = _as_of(as_of)
    parsed = parse_case(case, extra_keys=extra_keys, rules=rules)
    book = rules if rules is not None else load_rules()
    if calendar is None:
        calendar = _case_calendar(parsed, estimate_until)
    return _one(book, calendar, parsed, day, trace)


def evaluate_iter(cases: Iterable[CaseInput], as_of: dt.date | None = None, *, rules: RuleBook | None = None,
                  calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None, errors: str = "raise",
                  trace: bool = False) -> Iterator[Result | DisclosureRulesError]:
    """Evaluate cases one at a time, with one rule book and one calendar per calendar id.

    The options are checked before the first case: ``errors="raise"`` (stop
    at the first bad case) or ``"collect"`` (yield the exception in that
    case's place and go on); ``trace=True`` builds each result's trace (off
    by default: a batch rarely reads it).  ``as_of`` as in :func:`evaluate`,
    the same day for every case.
    """
    if errors not in ERROR_MODES:
        raise InputError(message("clock.error.errors_mode", modes=list(ERROR_MODES), value=repr(errors)))
    if not isinstance(trace, bool):
        raise InputError(message("clock.error.trace", value=repr(trace)))
    day = _as_of(as_of)
    if calendars is not None and not isinstance(calendars, dict):
        raise InputError(message("clock.error.calendars", type=type(calendars).__name__))
    try:
        items = iter(cases)
    except TypeError:
        raise InputError(message("clock.error.cases", type=type(cases).__name__)) from None
    book = rules if rules is not None else load_rules()
    return _iterate(items, day, book, dict(calendars or {}), estimate_until, errors == "collect", trace)


def _iterate(cases: Iterator[CaseInput], day: dt.date, book: RuleBook, cals: dict[str, Calendar],
             estimate_until: int | None, collect: bool, trace: bool) -> Iterator[Result | DisclosureRulesError]:
    """Each case through the columnar evaluator (a chunk of dicts at a time, no trace, where numpy and
    pyarrow are installed), the fast batch path (:mod:`.fast`, no trace) or, when neither takes it, the
    plain clock."""
    if trace:                                           # one case at a time: nothing to fold together
        yield from _each(cases, None, day, book, cals, estimate_until, collect, trace)
        return
    while True:
        chunk: list[CaseInput] = []
        try:
            chunk.extend(itertools.islice(cases, _CHUNK))
        except BaseException:                           # the input failed: first the cases read before it
            yield from _each(chunk, None, day, book, cals, estimate_until, collect, trace)
            raise
        if not chunk:
            return
        answers = _columnar(chunk, day, book, cals, estimate_until)
        yield from _each(chunk, answers, day, book, cals, estimate_until, collect, trace)


_CHUNK = 16384                       # cases read ahead: the columnar evaluator folds them together
_COLUMNAR_FROM = 2048                # fewer cases than this in a chunk: numpy's fixed costs are not worth it


def _columnar(chunk: list[CaseInput], day: dt.date, book: RuleBook, cals: dict[str, Calendar],
              estimate_until: int | None) -> list[Result | None] | None:
    """The columnar evaluator's answers for a chunk (None for the cases it hands on), or None without it."""
    if len(chunk) < _COLUMNAR_FROM:
        return None
    try:
        from ..columnar.clock import columnar_clock, load_named
        from ..columnar.dicts import evaluate_dicts
    except ImportError:                                  # numpy or pyarrow not installed: the fast path
        return None
    load_named(cals, (c.get("calendar", "cn") for c in chunk if isinstance(c, dict)), estimate_until)
    return evaluate_dicts(columnar_clock(book, cals), chunk, day)


def _fast_clock(book: RuleBook, cals: dict[str, Calendar]) -> FastClock:
    """The fast batch path's clock (:mod:`.fast`), imported by the first batch without a trace: a
    command that prints traces (``timeline``) does not load it (start-up, issue 13)."""
    from .fast import fast_clock

    return fast_clock(book, cals)


def _each(chunk: Iterable[CaseInput], answers: list[Result | None] | None, day: dt.date, book: RuleBook,
          cals: dict[str, Calendar], estimate_until: int | None, collect: bool,
          trace: bool) -> Iterator[Result | DisclosureRulesError]:
    fast = None if trace else _fast_clock(book, cals)
    for n, item in enumerate(chunk):
        answer = answers[n] if answers is not None else None
        if answer is not None:
            yield answer
            continue
        if fast is not None:
            got = fast.evaluate(item, day)
            if got is not None:
                yield got
                continue
            if len(cals) != fast.known:
                fast = _fast_clock(book, cals)         # a calendar loaded since: the fast path may take it
                got = fast.evaluate(item, day)
                if got is not None:
                    yield got
                    continue
        try:
            c = parse_case(item, rules=book)
            cal = cals.get(c.calendar)
            if cal is None:
                cal = cals[c.calendar] = _case_calendar(c, estimate_until)
            yield _one(book, cal, c, day, trace)
        except DisclosureRulesError as exc:
            if not collect:
                raise
            yield exc


def evaluate_many(cases: Iterable[CaseInput], as_of: dt.date | None = None, *, rules: RuleBook | None = None,
                  calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None,
                  errors: str = "raise", trace: bool = True) -> list[Result | DisclosureRulesError]:
    """:func:`evaluate_iter` as a list (kept for compatibility; the trace is built by default)."""
    return list(evaluate_iter(cases, as_of, rules=rules, calendars=calendars, estimate_until=estimate_until,
                              errors=errors, trace=trace))
