"""A request's facts and events (frozen), parsed from a dict, JSON or YAML.

::

    id: 2026-0001
    calendar: cn              # optional, default cn
    local: gansu-jinchang     # optional local rule set
    applicant: natural_person
    receipt: {channel: online, submitted: 2026-09-26, confirmed: 2026-09-28}
    events:
      - {type: correction_requested, date: 2026-09-30, period_workdays: 10}
      - {type: answered, date: 2026-12-01, outcome: "36-2"}
    extra: {crm_ticket: A-17}  # optional: a system's own data, kept and written back

Dates are calendar dates in Beijing time, written YYYY-MM-DD.  Every key
must be one the case's regime knows (``regime:``, default ``ogi``; the keys
come from the rule files, see :mod:`disclosure_rules.vocabulary`): a typo
such as ``calender`` is a :class:`CaseError` with a did-you-mean, never a
silently dropped key (``extra_keys="keep"`` restores the old, lenient
reading).  Names (channel, event type, party, calendar, local rules) are
checked against the regime's vocabulary; whether the events can happen in
that order, and the outcome codes of the version in force, are checked
when the case is evaluated.  Every problem is a :class:`CaseError`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import CaseError
from .hints import closest
from .jsondata import JSON, JSONDict
from .messages import Text, message
from .reprs import SharedRepr
from .vocabulary import Vocabulary, check_extra_keys, unknown_key, unknown_name, vocabulary

if TYPE_CHECKING:
    from .rulebook import RuleBook

_CASE_KEYS = frozenset({"id", "receipt", "events", "applicant", "calendar", "local"})
_DATE_FIELDS = {"date", "received", "due", "submitted", "confirmed", "arrived", "signed"}


# a place in a case: a message id and its values, turned into words only for an error
Where = tuple[str, dict[str, Any]]


def _words(where: Where) -> Text:
    return message(where[0], **where[1])


def _date(value: JSON, what: Where, event: int | None = None) -> dt.date:
    """A date from a date or YYYY-MM-DD; ``what`` names the field (turned into words only for the error)."""
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(message("case.not_a_date", what=_words(what), value=str(value)), event=event)


@attrs.frozen(repr=False)
class Receipt(SharedRepr):
    """How the request arrived: the channel and the dates it gives (Art. 31)."""

    channel: str
    dates: dict[str, dt.date]       # field -> date (date, signed, arrived, confirmed, submitted)

    def to_dict(self) -> JSONDict:
        return {"channel": self.channel, **{k: v.isoformat() for k, v in self.dates.items()}}


@attrs.frozen(repr=False)
class Event(SharedRepr):
    """One dated event; ``fields`` holds the rest (party, workdays, due, outcome...)."""

    type: str
    date: dt.date
    fields: dict[str, Any] = attrs.field(factory=dict)
    index: int = 0                  # position in the case as given (for messages)

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def to_dict(self) -> JSONDict:
        out: JSONDict = {"type": self.type, "date": self.date.isoformat()}
        for k, v in self.fields.items():
            out[k] = v.isoformat() if isinstance(v, dt.date) else v
        return out

    def sort_key(self, priority: Mapping[str, float]) -> tuple[dt.date, float, str]:
        """(date, same-day order, content): a total order (types without an order come last that day)."""
        return (self.date, priority.get(self.type, math.inf), json.dumps(self.to_dict(), sort_keys=True, default=str))


@attrs.frozen(repr=False)
class Case(SharedRepr):
    id: str
    receipt: Receipt
    events: tuple[Event, ...] = ()
    applicant: str | None = None
    calendar: str = "cn"
    local: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)

    def to_dict(self) -> JSONDict:
        out: JSONDict = {"id": self.id, "calendar": self.calendar, "receipt": self.receipt.to_dict(),
               "events": [e.to_dict() for e in self.events]}
        if self.local:
            out["local"] = self.local
        if self.applicant:
            out["applicant"] = self.applicant
        out.update(self.extra)
        return out


_CASE_FIELDS = ("id", "receipt", "events", "applicant", "calendar", "local")


def parse_case(data: JSON, *, extra_keys: str = "reject", rules: RuleBook | None = None) -> Case:
    """Build a :class:`Case` from a dict (as loaded from JSON or YAML).

    Every key must be one the case's regime knows (``regime:``, default
    ``ogi``: the keys of the rule files in ``rules``, default the bundled
    ones); a system's own data goes under ``extra:`` (kept and written back).
    An unknown key is a :class:`CaseError` naming it with a did-you-mean,
    unless ``extra_keys="keep"`` (the behaviour before 0.2: unknown top-level
    keys kept in ``Case.extra``, unknown receipt and event keys kept as given).
    """
    check_extra_keys(extra_keys)
    if isinstance(data, Case):
        return data
    if not isinstance(data, dict):
        raise CaseError(message("case.not_a_mapping", kind=_kind(data)))
    cid = _case_id(data)
    voc = vocabulary(data.get("regime"), rules)
    keep = extra_keys == "keep"
    extra = _extra(data, voc, cid, keep)
    receipt = _receipt(data, voc, cid, keep)
    applicant = data.get("applicant")
    if applicant is not None:
        _name(voc, "applicant", applicant, ("case.what.applicant", {"id": cid}))
    raw_events = data.get("events") or []
    if not isinstance(raw_events, list):
        raise CaseError(message("case.events_not_a_list", id=cid))
    events = tuple(_event(voc, cid, i, e, keep) for i, e in enumerate(raw_events))
    calendar, local = _calendar_and_local(data, voc, cid)
    return Case(cid, receipt, events, applicant, str(calendar), None if local is None else str(local), extra)


def _case_id(data: JSONDict) -> str:
    cid = data.get("id")
    if cid is None or isinstance(cid, (dict, list)):
        raise CaseError(message("case.no_id"))
    return str(cid)


def _extra(data: JSONDict, voc: Vocabulary, cid: str, keep: bool) -> JSONDict:
    """The keys written back as they came: ``regime``, a regime's own keys, ``extra`` (and, with
    ``keep``, unknown keys); any other unknown top-level key is an error."""
    extra: JSONDict = {}
    for k in data:
        if k not in voc.top and not keep:
            raise unknown_key(k, voc.top, message("case.what.case", id=cid))
        if k not in _CASE_FIELDS:
            extra[k] = data[k]           # regime, a regime's own keys, or kept unknown keys: written back
    if "extra" in data and not isinstance(data["extra"], dict):
        raise CaseError(message("case.extra_not_a_mapping", id=cid))
    return extra


def _receipt(data: JSONDict, voc: Vocabulary, cid: str, keep: bool) -> Receipt:
    """The channel of the request and its dates (the keys the regime's receipt rules know)."""
    receipt = data.get("receipt")
    if not isinstance(receipt, dict) or not isinstance(receipt.get("channel"), str):
        raise CaseError(message("case.receipt_parts", id=cid))
    _name(voc, "channel", receipt["channel"], ("case.what.receipt_channel", {"id": cid}))
    dates = {}
    for k, v in receipt.items():
        if k == "channel":
            continue
        if k not in voc.receipt and not keep:
            raise unknown_key(k, voc.receipt, message("case.what.receipt", id=cid))
        dates[k] = _date(v, ("case.what.receipt_key", {"id": cid, "key": k}))
    return Receipt(receipt["channel"], dates)


def _calendar_and_local(data: JSONDict, voc: Vocabulary, cid: str) -> tuple[JSON, JSON]:
    """The case's calendar (default ``cn``) and local rules, as given (checked against known names)."""
    calendar, local = data.get("calendar", "cn"), data.get("local")
    known = voc.titles("calendar")
    if not isinstance(calendar, str) or (calendar not in known and closest(calendar, known)):
        # a typo of a bundled calendar; another name may be a calendar on the caller's search path
        _name(voc, "calendar", calendar, ("case.what.calendar", {"id": cid}))
    if local is not None:
        _name(voc, "local", local, ("case.what.local", {"id": cid}))
    return calendar, local


def _event(voc: Vocabulary, cid: str, i: int, e: JSON, keep: bool) -> Event:
    where: Where = ("case.what.event", {"id": cid, "n": i + 1})
    if not isinstance(e, dict) or not isinstance(e.get("type"), str) or "date" not in e:
        if not isinstance(e, dict):
            raise CaseError(message("case.event_not_a_mapping", where=_words(where), kind=_kind(e), value=repr(e)),
                            event=i)
        raise CaseError(message("case.event_parts", where=_words(where)), event=i)
    allowed = voc.events.get(e["type"])
    if allowed is None:
        _name(voc, "event", e["type"], where, i)
        allowed = {}                  # (a rule set that names no events at all: every key is unknown)
    typed = {"id": cid, "n": i + 1, "type": e["type"]}
    fields = {}
    for k, v in e.items():
        if k in ("type", "date"):
            continue
        kind = allowed.get(k)
        if kind is None and not keep:
            raise unknown_key(k, allowed, message("case.what.event_type", **typed), i)
        if kind == "date" or kind is None and k in _DATE_FIELDS:
            v = _date(v, ("case.what.event_key", {**typed, "key": k}), i)
        elif kind == "mapping" and not isinstance(v, dict):
            raise CaseError(message("case.field_not_a_mapping", where=message("case.what.event_type", **typed), key=k),
                            event=i)
        elif kind == "party" and isinstance(v, str):     # outcomes and reasons depend on the version: the clock checks them
            _name(voc, kind, str(v), ("case.what.event_key", {**typed, "key": k}), i)
        fields[k] = v
    return Event(e["type"], _date(e["date"], ("case.what.event_key", {**typed, "key": "date"}), i), fields, i)


# the kind of a name a case gives -> the message naming that kind
_KINDS = {"channel": "case.name.channel", "applicant": "case.name.applicant", "calendar": "case.name.calendar",
          "local": "case.name.local", "event": "case.name.event", "party": "case.name.party",
          "outcome": "case.name.outcome", "reason": "case.name.reason"}


def _name(voc: Vocabulary, kind: str, value: JSON, where: Where, event: int | None = None) -> None:
    names = voc.titles(kind)
    if not names or (isinstance(value, str) and value in names):
        return
    raise unknown_name(message(_KINDS[kind]), value, names, _words(where), event)


# the type of a value read from a file -> the message naming it
_TYPES = {list: "case.type.list", str: "case.type.text", int: "case.type.number", float: "case.type.number",
          bool: "case.type.yes_no", type(None): "case.type.empty"}


def _kind(x: JSON) -> Text:
    key = _TYPES.get(type(x))
    return message(key) if key else Text(type(x).__name__, type(x).__name__)


def read_items(path: str | PathLike[str], keys: tuple[str, ...] = ("cases",)) -> list[JSON]:
    """The items of a YAML file (one mapping, a list, or ``{cases: [...]}``), a
    JSON file or JSON Lines, as plain dicts; unreadable input is a CaseError.
    (:func:`disclosure_rules.batch.iter_items` reads JSON Lines lazily.)"""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(message("case.not_utf8", path=str(p), byte=exc.start + 1)) from None
    except OSError as exc:
        raise CaseError(message("case.cannot_read", path=str(p), why=_os_words(exc))) from None
    return items_from_text(text, str(p), keys, json_lines=p.suffix == ".jsonl")


def items_from_text(text: str, name: str, keys: tuple[str, ...] = ("cases",), json_lines: bool = False) -> list[JSON]:
    """The items of one YAML or JSON document (or of JSON Lines) already read; ``name`` names it in messages."""
    from .errors import RuleFileError
    from .yamlfile import parse_yaml

    docs: JSON
    if json_lines:
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise CaseError(message("case.not_json", name=name, line=n, column=exc.colno,
                                            detail=exc.msg)) from None
    else:
        try:
            docs = parse_yaml(text, name)     # YAML is a superset of JSON
        except RuleFileError as exc:
            raise CaseError(exc.message, exc.message_zh) from None
    for key in keys:
        if isinstance(docs, dict) and key in docs:
            docs = docs[key]
    if isinstance(docs, dict):
        docs = [docs]
    if not isinstance(docs, list):
        raise CaseError(message("case.not_items", name=name))
    return [_plain(d) for d in docs]


def load_cases(path: str | PathLike[str], *, extra_keys: str = "reject", rules: RuleBook | None = None) -> list[Case]:
    """Cases from a YAML file (one case, or a list), a JSON file, or JSON Lines
    (``extra_keys`` and ``rules`` as for :func:`parse_case`)."""
    check_extra_keys(extra_keys)
    items = read_items(path)
    return [parse_item(d, n, len(items), path, extra_keys=extra_keys, rules=rules) for n, d in enumerate(items, 1)]


def parse_item(d: JSON, n: int, count: int, path: object, *, extra_keys: str = "reject",
               rules: RuleBook | None = None) -> Case:
    """Item ``n`` of ``count`` read from ``path``: a case, or a CaseError that
    says which item is wrong when the file holds several."""
    try:
        return parse_case(d, extra_keys=extra_keys, rules=rules)
    except CaseError as exc:
        if count == 1:
            raise
        raise CaseError(message("case.item", path=str(path), n=n, error=Text(exc.message, exc.message_zh)),
                        event=exc.event) from None


def _os_words(exc: OSError) -> Text:
    """Why a file could not be read, in words."""
    if isinstance(exc, IsADirectoryError):
        return message("case.os.directory")
    if isinstance(exc, FileNotFoundError):
        return message("case.os.missing")
    if isinstance(exc, PermissionError):
        return message("case.os.permission")
    return message("case.os.other", detail=exc.strerror or type(exc).__name__)



def _plain(x: JSON) -> JSON:
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x
