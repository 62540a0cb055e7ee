"""The result of evaluating a case: frozen, JSON-serializable, readable."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, TypeAlias, TypedDict, cast

import attrs

from .basis import Basis, cite_all
from .messages import Text  # a trace text given as finished strings (a stored result read back)
from .reprs import SharedRepr

# a result as JSON (``to_dict``), or read back from JSON: arbitrary parsed data
JsonDict: TypeAlias = dict[str, Any]
# the provenance block of a result: rule digests, the calendar's id and data version
Provenance: TypeAlias = JsonDict


class UnknownDay(TypedDict):
    """A day a provisional result needs whose status (working or not) is not yet known."""

    date: str
    likely: str                     # working | off, in the likely arrangement
    festival: str | None
    reason: str
    reason_zh: str


class ProvisionalNote(TypedDict):
    """What the two extreme calendars of a provisional result disagree on, beyond the dates."""

    what: str                       # status | violations
    earliest: str | list[str]
    latest: str | list[str]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if isinstance(d, dt.date) else d


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _day(s: str) -> dt.date:
    """A date every stored result has; read as :func:`_date` reads it (the stored value is trusted)."""
    return cast(dt.date, _date(s))


def _bases(items: list[JsonDict]) -> tuple[Basis, ...]:
    return tuple(Basis.from_dict(b) for b in items)


@attrs.frozen(repr=False)
class Violation(SharedRepr):
    """Unlawful conduct by the agency, found by a rule in violations.yaml."""

    code: str
    date: dt.date
    event: str
    title_en: str
    title_zh: str
    message_en: str
    message_zh: str
    basis: tuple[Basis, ...]
    voids_effect: bool
    source: str

    def to_dict(self, lang: str = "en") -> JsonDict:
        return {"code": self.code, "date": self.date.isoformat(), "event": self.event,
                "title": self.title_zh if lang == "zh" else self.title_en,
                "title_en": self.title_en, "title_zh": self.title_zh,
                "message": self.message_zh if lang == "zh" else self.message_en,
                "message_en": self.message_en, "message_zh": self.message_zh,
                "voids_effect": self.voids_effect, "rules": self.source,
                "basis": [b.to_dict() for b in self.basis], "citation": cite_all(self.basis, lang)}

    @classmethod
    def from_dict(cls, d: JsonDict) -> Violation:
        return cls(d["code"], _day(d["date"]), d["event"], d["title_en"], d["title_zh"], d["message_en"],
                   d["message_zh"], _bases(d["basis"]), d["voids_effect"], d["rules"])


class Narration(Protocol):
    """Anything that renders a trace text in a language (``Text``, the clock's ``Said``)."""

    def text(self, lang: str = ...) -> str: ...


def _rendered(narration: Narration) -> tuple[str, str]:
    return narration.text("en"), narration.text("zh")


@attrs.frozen(init=False, repr=False)
class Step(SharedRepr):
    """One line of the trace: what happened, its effect on the clock, the due
    date after it, and the basis.

    Build it with the words (``Step(date, event, effect, due, applicant_due,
    basis, text_en, text_zh)``) or with ``narration=``, anything with
    ``text(lang)``: the clock stores a message key and its values, and the
    words are rendered only when read (``text_en``, ``text_zh``,
    ``to_dict``).  Steps compare by their words.
    """

    date: dt.date
    event: str
    effect: str
    due: dt.date | None
    applicant_due: dt.date | None
    basis: tuple[Basis, ...]
    narration: Narration = attrs.field(eq=_rendered, repr=False)

    def __init__(self, date: dt.date, event: str, effect: str, due: dt.date | None, applicant_due: dt.date | None,
                 basis: tuple[Basis, ...], text_en: str | None = None, text_zh: str | None = None, *,
                 narration: Narration | None = None):
        if narration is None:
            narration = Text(text_en or "", text_zh if text_zh is not None else text_en or "")
        self.__attrs_init__(date, event, effect, due, applicant_due, basis, narration)

    @classmethod
    def with_text(cls, date: dt.date, event: str, effect: str, due: dt.date | None, applicant_due: dt.date | None,
                  basis: tuple[Basis, ...], text_en: str, text_zh: str) -> Step:
        return cls(date, event, effect, due, applicant_due, basis, text_en, text_zh)

    @property
    def text_en(self) -> str:
        return self.narration.text("en")

    @property
    def text_zh(self) -> str:
        return self.narration.text("zh")

    def text(self, lang: str = "en") -> str:
        return self.narration.text(lang)

    def to_dict(self, lang: str = "en") -> JsonDict:
        return {"date": self.date.isoformat(), "event": self.event, "effect": self.effect,
                "due": _iso(self.due), "applicant_due": _iso(self.applicant_due),
                "text": self.text(lang), "text_en": self.text_en, "text_zh": self.text_zh,
                "basis": [b.to_dict() for b in self.basis], "citation": cite_all(self.basis, lang)}

    @classmethod
    def from_dict(cls, d: JsonDict) -> Step:
        return cls.with_text(_day(d["date"]), d["event"], d["effect"], _date(d["due"]), _date(d["applicant_due"]),
                             _bases(d["basis"]), d["text_en"], d["text_zh"])


STATUSES = ("running", "paused", "awaiting_correction", "awaiting_payment", "overdue", "answered", "withdrawn",
            "abandoned")


@attrs.frozen(repr=False)
class Result(SharedRepr):
    """Where a request stands on ``as_of``.

    ``due`` is the date the answer is due under the law (None while the
    agency's clock is stopped; for a closed case, the due date in force when
    it closed).  ``workdays_left`` counts the working days after ``as_of`` up
    to and including ``due``; ``late_workdays`` those after ``due`` up to
    ``as_of`` (or the answer).  ``applicant_due`` is the last day of the
    applicant's correction or payment period while it runs.
    ``due_at_latest``: while paused for a consultation, the due date if the
    consultee answers on the last day it may.

    A provisional result (a calendar year without a published notice, see
    docs/calendar.md) also carries ``due_earliest`` / ``due_latest`` (the
    earliest and latest due date over every arrangement the principles
    allow; not to be confused with ``due_at_latest``), the same for the
    applicant's due date, ``bounds`` (every date the result carries, as
    ``[earliest, latest]``), ``unknown_days`` (the days whose status is not
    yet known) and ``provisional_notes`` (what differs between the extreme
    calendars beyond the dates).
    """

    id: str
    received: dt.date
    channel: str
    rules_version: str
    rules_applied: tuple[str, ...]
    local: str | None
    calendar: str
    as_of: dt.date
    status: str
    due: dt.date | None
    due_at_latest: dt.date | None
    workdays_left: int | None
    late_workdays: int | None
    applicant_due: dt.date | None
    period_start: dt.date
    period_workdays: int
    extension_workdays: int
    excluded_workdays: int | None
    closed_on: dt.date | None
    outcome: str | None
    outcome_reason: str | None
    report_row: str | None
    applicant: str | None
    violations: tuple[Violation, ...]
    trace: tuple[Step, ...]
    provisional: bool
    provenance: Provenance
    # equal to due / applicant_due unless the answer is provisional
    due_earliest: dt.date | None = attrs.field(default=attrs.Factory(lambda r: r.due, takes_self=True))
    due_latest: dt.date | None = attrs.field(default=attrs.Factory(lambda r: r.due, takes_self=True))
    applicant_due_earliest: dt.date | None = attrs.field(
        default=attrs.Factory(lambda r: r.applicant_due, takes_self=True))
    applicant_due_latest: dt.date | None = attrs.field(
        default=attrs.Factory(lambda r: r.applicant_due, takes_self=True))
    bounds: dict[str, tuple[dt.date | None, dt.date | None]] = attrs.field(factory=dict)
    unknown_days: tuple[UnknownDay, ...] = ()
    provisional_notes: tuple[ProvisionalNote, ...] = ()

    def to_dict(self, lang: str = "en") -> JsonDict:
        return {
            "id": self.id, "received": self.received.isoformat(), "channel": self.channel,
            "rules_version": self.rules_version, "rules_applied": list(self.rules_applied), "local": self.local,
            "calendar": self.calendar, "as_of": self.as_of.isoformat(), "status": self.status,
            "due": _iso(self.due), "due_at_latest": _iso(self.due_at_latest),
            "workdays_left": self.workdays_left, "late_workdays": self.late_workdays,
            "applicant_due": _iso(self.applicant_due), "period_start": self.period_start.isoformat(),
            "period_workdays": self.period_workdays, "extension_workdays": self.extension_workdays,
            "excluded_workdays": self.excluded_workdays, "closed_on": _iso(self.closed_on),
            "outcome": self.outcome, "outcome_reason": self.outcome_reason, "report_row": self.report_row,
            "applicant": self.applicant,
            "provisional": self.provisional,
            "due_earliest": _iso(self.due_earliest), "due_latest": _iso(self.due_latest),
            "applicant_due_earliest": _iso(self.applicant_due_earliest),
            "applicant_due_latest": _iso(self.applicant_due_latest),
            "bounds": {k: [_iso(a), _iso(b)] for k, (a, b) in self.bounds.items()},
            "unknown_days": [dict(u) for u in self.unknown_days],
            "provisional_notes": [dict(n) for n in self.provisional_notes],
            "violations": [v.to_dict(lang) for v in self.violations],
            "trace": [s.to_dict(lang) for s in self.trace],
            "provenance": self.provenance,
        }

    @classmethod
    def from_dict(cls, d: JsonDict) -> Result:
        """Rebuild a result stored as JSON (``to_dict``)."""
        return cls(
            id=d["id"], received=_day(d["received"]), channel=d["channel"], rules_version=d["rules_version"],
            rules_applied=tuple(d["rules_applied"]), local=d["local"], calendar=d["calendar"],
            as_of=_day(d["as_of"]), status=d["status"], due=_date(d["due"]), due_at_latest=_date(d["due_at_latest"]),
            workdays_left=d["workdays_left"], late_workdays=d["late_workdays"],
            applicant_due=_date(d["applicant_due"]), period_start=_day(d["period_start"]),
            period_workdays=d["period_workdays"], extension_workdays=d["extension_workdays"],
            excluded_workdays=d["excluded_workdays"], closed_on=_date(d["closed_on"]), outcome=d["outcome"],
            outcome_reason=d["outcome_reason"], report_row=d["report_row"], applicant=d["applicant"],
            violations=tuple(Violation.from_dict(v) for v in d["violations"]),
            trace=tuple(Step.from_dict(s) for s in d["trace"]), provisional=d["provisional"],
            provenance=d["provenance"], due_earliest=_date(d.get("due_earliest", d["due"])),
            due_latest=_date(d.get("due_latest", d["due"])),
            applicant_due_earliest=_date(d.get("applicant_due_earliest", d["applicant_due"])),
            applicant_due_latest=_date(d.get("applicant_due_latest", d["applicant_due"])),
            bounds={k: (_date(a), _date(b)) for k, (a, b) in (d.get("bounds") or {}).items()},
            unknown_days=tuple(d.get("unknown_days") or ()),
            provisional_notes=tuple(d.get("provisional_notes") or ()))
