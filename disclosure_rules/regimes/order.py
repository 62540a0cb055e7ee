"""A regime's case (a work order, a proactive item, a filing...), frozen,
parsed from a dict against the regime's declared fields and events::

    id: JC-2026-10-0001
    regime: hotline-jinchang
    unit: 金川区住建局
    created: 2026-10-12T09:00
    urgency: ordinary
    kind: complaint
    events:
      - {type: dispatched, at: 2026-10-12T10:00}
      - {type: extension_requested, at: 2026-10-19T11:00, workdays: 5}

Moments are Beijing time, ``YYYY-MM-DDTHH:MM`` (regimes with ``resolution:
minute``) or dates ``YYYY-MM-DD`` (``resolution: day``).  Every problem, an
unknown key included, is a :class:`CaseError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from ..calendar.worktime import parse_moment
from ..errors import CaseError
from ..messages import Text, message
from ..reprs import SharedRepr

if TYPE_CHECKING:
    from .model import FieldSpec, Regime
    from .periods import Moment

_COMMON = ("id", "regime", "unit", "events")
# Any: the values of an order as read from the case file (YAML or JSON data), checked here


@attrs.frozen(repr=False)
class OrderEvent(SharedRepr):
    type: str
    at: Moment
    fields: dict[str, Any] = attrs.field(factory=dict)
    index: int = 0

    def to_dict(self, fmt: Callable[[Moment], str | None]) -> dict[str, Any]:
        return {"type": self.type, "at": fmt(self.at), **self.fields}


@attrs.frozen(repr=False)
class Order(SharedRepr):
    id: str
    regime: str
    unit: str | None
    fields: dict[str, Any]          # declared field -> parsed value
    events: tuple[OrderEvent, ...]

    def first(self, event_type: str, after: Moment | None = None) -> OrderEvent | None:
        for e in self.events:
            if e.type == event_type and (after is None or e.at >= after):
                return e
        return None


def moment(value: object, resolution: str, what: str | Text, event: int | None = None) -> Moment:
    """A moment of a minute regime (datetime) or a date of a day regime."""
    if resolution == "day":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise CaseError(message("order.not_a_date", what=what, value=str(value)), event=event)
    try:
        return parse_moment(value, what, CaseError)
    except CaseError as exc:
        raise CaseError(exc.message, exc.message_zh, event=event) from None


def _field(spec: FieldSpec, value: Any, resolution: str, what: Text) -> Any:
    if spec.type in ("time", "date"):
        return moment(value, "day" if spec.type == "date" else resolution, what)
    if spec.type == "choice":
        if value not in spec.choices:
            raise CaseError(message("order.not_a_choice", what=what, value=str(value),
                                    choices=[str(c) for c in spec.choices]))
        return value
    if spec.type == "flag":
        if not isinstance(value, bool):
            raise CaseError(message("order.not_a_flag", what=what, value=str(value)))
        return value
    if spec.type == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise CaseError(message("order.not_a_number", what=what, value=str(value)))
        return value
    if not isinstance(value, str):
        raise CaseError(message("order.not_a_text", what=what, value=str(value)))
    return value


def parse_order(regime: Regime, data: dict[str, Any]) -> Order:
    """An :class:`Order` of ``regime`` from a plain dict."""
    if not isinstance(data, dict):
        raise CaseError(message("order.not_a_mapping"))
    oid = data.get("id")
    if oid is None or isinstance(oid, (dict, list)):
        raise CaseError(message("order.no_id"))
    oid = str(oid)
    allowed = set(_COMMON) | set(regime.fields)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise CaseError(message("order.unknown_key", id=oid, key=unknown[0], allowed=sorted(allowed)))
    fields: dict[str, Any] = {}
    for k, spec in regime.fields.items():
        if data.get(k) is None:
            if spec.required:
                raise CaseError(message("order.missing_field", id=oid, key=k, title=spec.title))
            continue
        fields[k] = _field(spec, data[k], regime.resolution, message("order.what.field", id=oid, key=k))
    raw = data.get("events") or []
    if not isinstance(raw, list):
        raise CaseError(message("order.events_not_a_list", id=oid))
    events = [_event(regime, oid, i, e) for i, e in enumerate(raw)]
    events.sort(key=lambda e: (e.at, e.index))
    unit = data.get("unit")
    return Order(oid, regime.id, None if unit is None else str(unit), fields, tuple(events))


def _event(regime: Regime, oid: str, i: int, e: Any) -> OrderEvent:
    where = message("order.what.event", id=oid, n=i + 1)
    if not isinstance(e, dict) or not isinstance(e.get("type"), str):
        raise CaseError(message("order.event_parts", where=where), event=i)
    spec = regime.events.get(e["type"])
    if spec is None:
        raise CaseError(message("order.unknown_event", where=where, type=e["type"], known=sorted(regime.events)),
                        event=i)
    key = "at" if "at" in e else "date"
    allowed = {"type", key} | set(spec.fields)
    unknown = sorted(set(e) - allowed)
    if unknown or key not in e:
        bad = unknown[0] if unknown else "at"
        raise CaseError(message("order.event_key", where=where, type=e["type"], key=bad, allowed=sorted(allowed)),
                        event=i)
    fields: dict[str, Any] = {}
    for k, kind in spec.fields.items():
        if k in e:
            v = e[k]
            if kind == "number" and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                raise CaseError(message("order.event_number", where=where, type=e["type"], key=k), event=i)
            fields[k] = moment(v, "day" if kind == "date" else regime.resolution,
                               message("order.what.event_key", where=where, key=k), i) \
                if kind in ("date", "time") else v
    return OrderEvent(e["type"], moment(e[key], regime.resolution,
                                        message("order.what.event_type_key", where=where, type=e["type"], key=key), i),
                      fields, i)
