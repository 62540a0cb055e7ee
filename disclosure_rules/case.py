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

Dates are calendar dates in Beijing time, written YYYY-MM-DD.  Parsing
checks the shape only; whether a channel or event type exists, and whether
the events can happen in that order, is checked against the rules in force
when the case is evaluated.  Every problem is a :class:`CaseError`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs

from .errors import CaseError

APPLICANT_TYPES = ("natural_person", "commercial_enterprise", "research_institution",
                   "social_welfare_organization", "legal_service_institution", "other_organization")
_DATE_FIELDS = {"date", "received", "due", "submitted", "confirmed", "arrived", "signed"}


def _date(value, what: str, event: int | None = None) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(f"{what}: '{value}' is not a date (write YYYY-MM-DD)",
                    f"{what}：“{value}”不是日期（请写成YYYY-MM-DD）", event=event)


@attrs.frozen
class Receipt:
    """How the request arrived: the channel and the dates it gives (Art. 31)."""

    channel: str
    dates: dict                     # field -> date (date, signed, arrived, confirmed, submitted)

    def to_dict(self) -> dict:
        return {"channel": self.channel, **{k: v.isoformat() for k, v in self.dates.items()}}


@attrs.frozen
class Event:
    """One dated event; ``fields`` holds the rest (party, workdays, due, outcome...)."""

    type: str
    date: dt.date
    fields: dict = attrs.field(factory=dict)
    index: int = 0                  # position in the case as given (for messages)

    def get(self, key, default=None):
        return self.fields.get(key, default)

    def to_dict(self) -> dict:
        out = {"type": self.type, "date": self.date.isoformat()}
        for k, v in self.fields.items():
            out[k] = v.isoformat() if isinstance(v, dt.date) else v
        return out

    def sort_key(self, priority: dict):
        return (self.date, priority.get(self.type, 99), json.dumps(self.to_dict(), sort_keys=True, default=str))


@attrs.frozen
class Case:
    id: str
    receipt: Receipt
    events: tuple[Event, ...] = ()
    applicant: str | None = None
    calendar: str = "cn"
    local: str | None = None
    extra: dict = attrs.field(factory=dict)

    def to_dict(self) -> dict:
        out = {"id": self.id, "calendar": self.calendar, "receipt": self.receipt.to_dict(),
               "events": [e.to_dict() for e in self.events]}
        if self.local:
            out["local"] = self.local
        if self.applicant:
            out["applicant"] = self.applicant
        out.update(self.extra)
        return out


def parse_case(data) -> Case:
    """Build a :class:`Case` from a dict (as loaded from JSON or YAML)."""
    if isinstance(data, Case):
        return data
    if not isinstance(data, dict):
        raise CaseError("a case must be a mapping with id, receipt and events", "案件必须包含id、receipt和events")
    cid = data.get("id")
    if cid is None or isinstance(cid, (dict, list)):
        raise CaseError("the case has no 'id'", "案件缺少编号（id）")
    cid = str(cid)
    receipt = data.get("receipt")
    if not isinstance(receipt, dict) or not isinstance(receipt.get("channel"), str):
        raise CaseError(f"case {cid}: 'receipt' must give the channel and its dates, e.g. "
                        "{channel: in_person, date: 2026-09-30}",
                        f"案件{cid}：receipt必须写明提交渠道及相应日期，例如{{channel: in_person, date: 2026-09-30}}")
    dates = {}
    for k, v in receipt.items():
        if k == "channel":
            continue
        dates[k] = _date(v, f"case {cid}: receipt {k}")
    applicant = data.get("applicant")
    if applicant is not None and applicant not in APPLICANT_TYPES:
        raise CaseError(f"case {cid}: unknown applicant type '{applicant}' (use one of {', '.join(APPLICANT_TYPES)})",
                        f"案件{cid}：未知的申请人类型“{applicant}”（可用：{'、'.join(APPLICANT_TYPES)}）")
    raw_events = data.get("events") or []
    if not isinstance(raw_events, list):
        raise CaseError(f"case {cid}: 'events' must be a list", f"案件{cid}：events必须是列表")
    events = []
    for i, e in enumerate(raw_events):
        if not isinstance(e, dict) or not isinstance(e.get("type"), str) or "date" not in e:
            raise CaseError(f"case {cid}, event {i + 1}: each event needs 'type' and 'date'",
                            f"案件{cid}第{i + 1}个事件：每个事件都需要type和date", event=i)
        fields = {}
        for k, v in e.items():
            if k in ("type", "date"):
                continue
            fields[k] = _date(v, f"case {cid}, event {i + 1} ({e['type']}) {k}", i) if k in _DATE_FIELDS else v
        events.append(Event(e["type"], _date(e["date"], f"case {cid}, event {i + 1} ({e['type']}) date", i),
                            fields, i))
    calendar = data.get("calendar", "cn")
    local = data.get("local")
    known = {"id", "receipt", "events", "applicant", "calendar", "local"}
    extra = {k: v for k, v in data.items() if k not in known}
    return Case(cid, Receipt(receipt["channel"], dates), tuple(events), applicant,
                str(calendar), None if local is None else str(local), extra)


def read_items(path, keys: tuple = ("cases",)) -> list:
    """The items of a YAML file (one mapping, a list, or ``{cases: [...]}``), a
    JSON file or JSON Lines, as plain dicts; unreadable input is a CaseError.
    (:func:`disclosure_rules.batch.iter_items` reads JSON Lines lazily.)"""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(f"cannot read {p}: {exc}", f"无法读取{p}：{exc}") from None
    return items_from_text(text, str(p), keys, json_lines=p.suffix == ".jsonl")


def items_from_text(text: str, name: str, keys: tuple = ("cases",), json_lines: bool = False) -> list:
    """The items of one YAML or JSON document (or of JSON Lines) already read; ``name`` names it in messages."""
    from .errors import RuleFileError
    from .yamlfile import parse_yaml

    if json_lines:
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise CaseError(f"{name}:{n}: not valid JSON ({exc.msg})",
                                    f"{name}第{n}行：不是有效的JSON（{exc.msg}）") from None
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
        raise CaseError(f"{name}: expected one item or a list of them", f"{name}：应为一个或一组记录")
    return [_plain(d) for d in docs]


def load_cases(path) -> list[Case]:
    """Cases from a YAML file (one case, or a list), a JSON file, or JSON Lines."""
    return [parse_case(d) for d in read_items(path)]


def _plain(x):
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x
