"""Recheck stored results against the calendar installed now.

A provisional answer (an estimated year) is right only until the notice
comes out; ``disclosure-rules timeline CASES --recheck RESULTS.jsonl``
(this module's :func:`recheck`) evaluates each case again, as of the date
its stored result was computed for, and lists the cases whose answer
changed: the due date, the status, the applicant's due date or the
provisional flag.  For each it says which of the days that were not known
then are known now, and what they turned out to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

import attrs

from .calendar import Calendar, load_calendar
from .case import parse_case
from .clock import evaluate
from .errors import InputError
from .messages import message
from .reprs import SharedRepr
from .result import JsonDict, Result
from .rulebook import RuleBook


class BecameKnown(TypedDict):
    """A day not known when a result was stored, as the calendar installed now has it."""

    date: str
    was: str | None                 # working | off, in the likely arrangement then
    now: str                        # working | off
    festival: str | None
    reason: str
    reason_zh: str


@attrs.frozen(repr=False)
class Change(SharedRepr):
    """A stored result whose answer differs on the calendar installed now."""

    id: str
    old_due: dt.date | None
    new_due: dt.date | None
    old_status: str
    new_status: str
    old_provisional: bool
    new_provisional: bool
    became_known: tuple[BecameKnown, ...]
    old_calendar: str | None = None     # data versions: which calendar data produced each answer
    new_calendar: str | None = None

    def to_dict(self, lang: str = "en") -> JsonDict:
        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None
        return {"id": self.id, "old_due": iso(self.old_due), "new_due": iso(self.new_due),
                "due_changed": self.old_due != self.new_due,
                "old_status": self.old_status, "new_status": self.new_status,
                "old_provisional": self.old_provisional, "new_provisional": self.new_provisional,
                "became_known": [dict(b, reason=b["reason_zh"] if lang == "zh" else b["reason"])
                                 for b in self.became_known],
                "old_calendar": self.old_calendar, "new_calendar": self.new_calendar}


def stored_result(item: Result | JsonDict, n: int) -> Result:
    """A result as stored by ``timeline --json`` (a dict), or a clear error naming the item."""
    if isinstance(item, Result):
        return item
    try:
        return Result.from_dict(item)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(message("recheck.not_a_result", n=n, detail=str(exc))) from None


def recheck(cases: Iterable[object], stored: Iterable[Result | JsonDict], *, rules: RuleBook | None = None,
            estimate_until: int | None = None,
            search_path: str | Path | Iterable[str | Path] | None = None) -> list[Change]:
    """The stored results (``Result`` objects or their dicts) whose answer changes when their
    case is evaluated again, as of the stored ``as_of``, on the calendar installed now
    (``search_path``: calendar folders before the bundled ones, as for ``load_calendar``)."""
    by_id = {}
    for c in cases:
        c = parse_case(c)
        by_id[c.id] = c
    out: list[Change] = []
    cals: dict[str, Calendar] = {}
    for n, item in enumerate(stored, 1):
        old = stored_result(item, n)
        case = by_id.get(old.id)
        if case is None:
            raise InputError(message("recheck.no_case", n=n, id=old.id))
        cal = cals.get(case.calendar)
        if cal is None:
            cal = cals[case.calendar] = load_calendar(case.calendar, search_path=search_path,
                                                      estimate_until=estimate_until)
        new = evaluate(case, old.as_of, rules=rules, calendar=cal)
        if (old.due, old.status, old.applicant_due, old.provisional) != \
                (new.due, new.status, new.applicant_due, new.provisional):
            out.append(Change(old.id, old.due, new.due, old.status, new.status, old.provisional, new.provisional,
                              _became_known(old, cal), _version(old), _version(new)))
    return out


def _version(r: Result) -> str | None:
    return (r.provenance.get("calendar") or {}).get("data_version")


def _became_known(old: Result, cal: Calendar) -> tuple[BecameKnown, ...]:
    out: list[BecameKnown] = []
    for u in old.unknown_days:
        d = dt.date.fromisoformat(u["date"])
        if cal.covers(d) and not cal.is_estimated(d):
            info = cal.day(d)
            out.append({"date": u["date"], "was": u.get("likely"), "now": "working" if info.workday else "off",
                        "festival": info.name or u.get("festival"), "reason": info.reason("en"),
                        "reason_zh": info.reason("zh")})
    return tuple(out)
