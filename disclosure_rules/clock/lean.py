"""A case dict read for the fast batch path, checked as strictly as :func:`~disclosure_rules.case.parse_case`.

:func:`lean_case` accepts only what ``parse_case`` (``extra_keys="reject"``)
accepts and reads the same values; anything else (a key, name or value it
is not sure of, a ``regime``, ``local`` or ``extra`` key) gives ``None`` and
the case goes to the plain clock, which parses it in full and raises the
documented error.  It builds no attrs objects: the fast path reads tuples.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..vocabulary import Vocabulary

TOP_KEYS = frozenset({"id", "receipt", "events", "applicant", "calendar"})   # the keys a case it reads may have
_DATE = dt.date
_fromiso = dt.date.fromisoformat
_CHECKED = frozenset({"date", "mapping", "party"})     # the kinds parse_case checks

# (id, channel, receipt dates, events, applicant, calendar); an event is (type, date, fields, index)
LeanEvent = tuple[str, dt.date, dict[str, Any], int]
LeanCase = tuple[str, str, dict[str, dt.date], list[LeanEvent], str | None, str]


def _day(v: object) -> dt.date | None:
    if type(v) is _DATE:
        return v
    if type(v) is str and len(v) == 10:
        try:
            return _fromiso(v)
        except ValueError:
            return None
    return None                          # a datetime or another date type: the plain parser decides


class Reader:
    """What the checks need from a regime's vocabulary, looked up once."""

    def __init__(self, voc: Vocabulary, calendars: frozenset[str]) -> None:
        self.channels = frozenset(voc.titles("channel"))
        self.receipt = frozenset(k for k in voc.receipt if k != "channel")
        self.applicants = frozenset(voc.titles("applicant"))
        self.parties = frozenset(voc.titles("party"))
        self.calendars = calendars
        # event type -> {field: kind}, without type and date
        self.events = {t: {k: v for k, v in f.items() if k not in ("type", "date")} for t, f in voc.events.items()}
        # event type -> (the keys it may have, {key: kind} of the keys whose values are checked here)
        self.spec = {t: (frozenset(f) | {"type", "date"}, {k: v for k, v in f.items() if v in _CHECKED})
                     for t, f in self.events.items()}

    def case(self, data: object) -> LeanCase | None:
        if type(data) is not dict or not TOP_KEYS.issuperset(data):
            return None
        cid = data.get("id")
        if cid is None or isinstance(cid, (dict, list)):
            return None
        got = self._receipt(data.get("receipt"))
        if got is None:
            return None
        channel, dates = got
        applicant = data.get("applicant")
        if applicant is not None and (type(applicant) is not str or applicant not in self.applicants):
            return None
        calendar = data.get("calendar", "cn")
        if type(calendar) is not str or calendar not in self.calendars:
            return None
        raw = data.get("events") or []
        if type(raw) is not list:
            return None
        events = []
        for i, e in enumerate(raw):
            ev = self._event(e, i)
            if ev is None:
                return None
            events.append(ev)
        return str(cid), channel, dates, events, applicant, calendar

    def _receipt(self, receipt: object) -> tuple[str, dict[str, dt.date]] | None:
        if type(receipt) is not dict:
            return None
        channel = receipt.get("channel")
        if type(channel) is not str or channel not in self.channels:
            return None
        dates = {}
        for k, v in receipt.items():
            if k != "channel":
                d = _day(v)
                if d is None or k not in self.receipt:
                    return None
                dates[k] = d
        return channel, dates

    def _event(self, e: object, i: int) -> LeanEvent | None:
        if type(e) is not dict:
            return None
        kind = e.get("type")
        if type(kind) is not str:
            return None
        spec = self.spec.get(kind)
        if spec is None or not spec[0].issuperset(e):
            return None
        day = _day(e.get("date"))
        if day is None:
            return None
        special = spec[1]
        if special and not special.keys().isdisjoint(e):
            return self._fields(e, special, kind, day, i)
        return kind, day, e, i                  # read as it is (the fold reads no ``type`` or ``date`` from it)

    def _fields(self, e: dict[str, Any], special: dict[str, str], kind: str, day: dt.date, i: int) -> LeanEvent | None:
        """The checks parse_case makes of an event's date, mapping and party fields (dates written as text read)."""
        fields = e
        for k in special.keys() & e.keys():
            v, what = e[k], special[k]
            if what == "date":
                if type(v) is not _DATE:
                    d = _day(v)
                    if d is None:
                        return None
                    if fields is e:
                        fields = dict(e)
                    fields[k] = d
            elif what == "mapping":
                if type(v) is not dict:
                    return None
            elif type(v) is not str or v not in self.parties:
                return None
        return kind, day, fields, i


