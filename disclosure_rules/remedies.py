"""The applicant's deadlines for administrative review and litigation.

The law in force on each date: review within 60 days (行政复议法 1999/2017
Art. 9; 2023 Art. 20 from 2024-01-01, with a one-year cap when the right was
not stated); a direct suit within 3 months (行政诉讼法 1989 Art. 39), 6 months
from 2015-05-01 (2014 text Art. 46), capped at 2 years when the right to sue
was not stated (法释〔2000〕8号 Art. 41), 1 year from 2018-02-08 (法释〔2018〕1号
Art. 64); after a review decision 15 days (1989 Art. 38, 2014 Art. 45); after
no answer from the end of the reply period (复议法实施条例 Art. 16; 法释〔2018〕1号
Art. 66).  From 2024-01-01 a refusal goes to review first (2023 Art. 23).
Every period and citation is a dated value in ``rules/remedies/remedies.yaml``.

Day periods start the next day; month and year periods end on the
corresponding day (python-dateutil); a last day that is not a working day
moves to the next working day of the official calendar, on the basis in
force that day (民事诉讼法 Art. 75 / 82 / 85 by text, via 行政复议法 Art. 40 / 88).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
from dateutil.relativedelta import relativedelta

from .basis import Basis, cite_all
from .calendar import Calendar, load_calendar
from .errors import CalendarCoverageError, InputError
from .messages import Text as Words
from .messages import message
from .reprs import SharedRepr
from .rulefiles.common import Text
from .rulefiles.remedyfiles import Dated

if TYPE_CHECKING:
    from .result import Result


@attrs.frozen(repr=False)
class Deadline(SharedRepr):
    id: str
    title: Text
    starts: dt.date                   # the day the period runs from (not counted)
    nominal_last_day: dt.date
    last_day: dt.date                 # after moving off a rest day
    moved_because: str | None         # reason the last day moved, or None
    basis: tuple[Basis, ...]
    note: Text | None = None
    last_day_earliest: dt.date | None = None     # on an estimated calendar: the bounds of last_day
    last_day_latest: dt.date | None = None

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"id": self.id, "title": self.title.get(lang), "starts": self.starts.isoformat(),
                "nominal_last_day": self.nominal_last_day.isoformat(), "last_day": self.last_day.isoformat(),
                "last_day_earliest": (self.last_day_earliest or self.last_day).isoformat(),
                "last_day_latest": (self.last_day_latest or self.last_day).isoformat(),
                "moved_because": self.moved_because, "note": self.note.get(lang) if self.note else None,
                "basis": [b.to_dict() for b in self.basis], "citation": cite_all(self.basis, lang)}


@attrs.frozen(repr=False)
class Remedies(SharedRepr):
    situation: str                    # after_answer | after_no_answer | after_review
    deadlines: tuple[Deadline, ...]
    review_first: bool
    review_first_note: Text | None
    review_first_basis: tuple[Basis, ...]
    provisional: bool
    notes: tuple[Text, ...] = ()      # periods the law in force did not set (no date computed)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"situation": self.situation, "deadlines": [d.to_dict(lang) for d in self.deadlines],
                "review_first": self.review_first,
                "review_first_note": self.review_first_note.get(lang) if self.review_first_note else None,
                "review_first_basis": [b.to_dict() for b in self.review_first_basis],
                "provisional": self.provisional, "notes": [n.get(lang) for n in self.notes]}


def _bundled() -> dict[str, Any]:
    """The bundled remedy rules (what :func:`disclosure_rules.api.remedies` passes by default)."""
    from .rulefiles.bundle import load_bundle

    rules: dict[str, Any] = load_bundle().only("remedies")
    return rules


def in_force(values: tuple[Dated, ...], day: dt.date, what: str) -> Dated:
    """The dated value in force on ``day`` (the last one from on or before it)."""
    found = None
    for v in values:
        if v.since <= day:
            found = v
    if found is None:
        first = min(v.since for v in values)
        raise InputError(message("remedies.before_rules", what=what, day=day, first=first))
    return found


def _end(start: dt.date, period: dict[str, int]) -> dt.date:
    return start + relativedelta(days=period.get("days", 0), months=period.get("months", 0),
                                 years=period.get("years", 0))


def _roll(cal: Calendar, d: dt.date) -> tuple[dt.date, str | None]:
    if cal.is_workday(d):
        return d, None
    info = cal.day(d)
    return cal.next_workday(d), info.reason("en")


def _roll_from(cal: Calendar, nominal: dt.date, title: Text, start: dt.date) -> tuple[dt.date, str | None]:
    """:func:`_roll`, with the period named when the calendar does not cover its last day."""
    try:
        return _roll(cal, nominal)
    except CalendarCoverageError as exc:
        what = message("remedies.what.period", title=title, start=start, last=exc.date)
        raise CalendarCoverageError(exc.date, exc.calendar, exc.first_day, exc.last_day, what.en, what.zh,
                                    exc.gap) from None


def _check_args(given: dict[str, object], outcome: object, rights_stated: object) -> None:
    if sum(v is not None for v in given.values()) != 1:
        raise InputError(message("remedies.one_start"))
    for name, v in given.items():
        if v is not None and (not isinstance(v, dt.date) or isinstance(v, dt.datetime)):
            raise InputError(message("remedies.not_a_date", name=name, value=repr(v)))
    if not isinstance(rights_stated, bool):
        raise InputError(message("remedies.rights_stated", value=repr(rights_stated)))
    if outcome is not None and not isinstance(outcome, str):
        raise InputError(message("remedies.outcome", value=repr(outcome)))


def remedies(*, answered: dt.date | None = None, outcome: str | None = None, rights_stated: bool = True,
             no_answer_since: dt.date | None = None, review_decided: dt.date | None = None,
             calendar: Calendar | None = None, rules: dict[str, Any] | None = None,
             start_bounds: tuple[dt.date, dt.date] | None = None) -> Remedies:
    """Deadlines after an answer (``answered``, the day it was served, and
    its ``outcome``), after no answer (``no_answer_since``: the last day of
    the reply period) or after a review decision (``review_decided``).

    Each period is the one in force on the day it starts, each roll-over
    basis the one in force on the day the period would end
    (``rules/remedies/remedies.yaml``).

    On an estimated calendar each deadline also carries ``last_day_earliest``
    / ``last_day_latest``, the last day rolled on the two extreme calendars
    (and from ``start_bounds``, the earliest and latest start, when the start
    itself is provisional: the end of a reply period on unknown days)."""
    _check_args({"answered": answered, "no_answer_since": no_answer_since, "review_decided": review_decided},
                outcome, rights_stated)
    rules = rules or _bundled()
    cal = calendar or load_calendar("cn")
    if answered is not None:
        situation, start, items = "after_answer", answered, rules["after_answer"]
    elif no_answer_since is not None:
        situation, start, items = "after_no_answer", no_answer_since, rules["after_no_answer"]
    else:
        assert review_decided is not None                 # (_check_args: exactly one of the three is given)
        situation, start, items = "after_review", review_decided, rules["after_review"]
    rf = rules["review_first"]
    review_first = (situation == "after_answer" and outcome in rf["outcomes"] and start >= rf["from"])
    deadlines: list[Deadline] = []
    notes: list[Text] = []
    provisional = False
    for e in items:
        if review_first and e["not_after_refusal_from"] and start >= e["not_after_refusal_from"]:
            continue
        chosen, note = in_force(e["period"], start, e["title"].en), None
        if not rights_stated and e["if_rights_not_stated"]:
            cap = in_force(e["if_rights_not_stated"], start, e["title"].en)
            if cap.value is not None:
                chosen, note = cap, rules["rights_not_stated_note"]
        if chosen.value is None:
            if chosen.note is not None:
                notes.append(chosen.note)
            continue
        try:
            nominal = _end(start, chosen.value)
        except (OverflowError, ValueError):      # past date.max (dateutil raises either)
            raise InputError(message("remedies.after_9999", situation=situation, title=e["title"], start=start)) from None
        last, why = _roll_from(cal, nominal, e["title"], start)
        lo, hi = _bounds(cal, chosen.value, start_bounds or (start, start), last)
        provisional = provisional or cal.is_estimated(last) or lo != hi
        basis = chosen.basis + (in_force(rules["roll"], nominal, "roll-over").basis if why else ())
        deadlines.append(Deadline(e["id"], e["title"], start, nominal, last, why, basis, note, lo, hi))
    return Remedies(situation, tuple(deadlines), review_first, rf["note"] if review_first else None,
                    rf["basis"] if review_first else (), provisional, tuple(notes))


def _bounds(cal: Calendar, period: dict[str, int], starts: tuple[dt.date, dt.date],
            last: dt.date) -> tuple[dt.date, dt.date]:
    """The last day on the two extreme calendars of an estimate (more working days roll less far)."""
    b = getattr(cal, "estimate", None)
    if b is None:
        return last, last
    lo = _roll(b.earliest, _end(starts[0], period))[0]
    hi = _roll(b.latest, _end(starts[1], period))[0]
    return min(lo, last), max(hi, last)


def remedies_for_result(result: Result, *, rights_stated: bool = True, calendar: Calendar | None = None,
                        rules: dict[str, Any] | None = None) -> Remedies:
    """Remedies for an evaluated case: after its answer, or, when it is
    overdue, from the end of its reply period."""
    if result.status == "answered":
        return remedies(answered=result.closed_on, outcome=result.outcome, rights_stated=rights_stated,
                        calendar=calendar, rules=rules)
    if result.status == "overdue":
        bounds = (result.due_earliest, result.due_latest) if result.due_earliest and result.due_latest else None
        return remedies(no_answer_since=result.due, calendar=calendar, start_bounds=bounds, rules=rules)
    from .labels import status_label
    status = Words(status_label(result.status, "en"), status_label(result.status, "zh"))
    raise InputError(message("remedies.status", id=result.id, status=status))
