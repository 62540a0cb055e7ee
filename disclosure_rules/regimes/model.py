"""The value classes of a regime: what its rule files say, frozen.

A *regime* is a time-limit procedure other than the request clock (the
12345 hotline's work orders, proactive disclosure, court filings...): a set
of *stages*, each starting at a field of the order or an event, running for
the period of the first *limit* whose conditions hold, done at an event,
optionally extended by extension events; and *violations*, business-rules
conditions over the facts of a stage's completion or of an extension.
Anything the rule files leave open is a named *parameter*; a value written
``{param: NAME}`` is read from it when an order is evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ..basis import Basis
from ..reprs import SharedRepr
from ..rulebook import Text

UNITS = ("minutes", "clock_hours", "working_minutes", "working_hours", "working_days", "calendar_days")
CHECKS = {
    # facts the engine computes for each kind of check (name -> business-rules kind)
    "completion": {"late": "boolean", "done": "boolean", "minutes_late": "numeric", "days_late": "numeric"},
    "extension": {"requested_after_due": "boolean", "extension_number": "numeric",
                  "extension_workdays": "numeric"},
}
FIELD_TYPES = ("time", "date", "choice", "text", "number", "flag")

# Any: parameter values, choices, example orders and business-rules condition trees are the
# rule files' YAML data (numbers, texts, flags, nested blocks), checked by the loader in files.py
Conditions = dict[str, Any] | None                # a business-rules condition tree, or None (always)


@attrs.frozen(repr=False)
class ParamRef(SharedRepr):
    """A value to read from parameter ``name`` when an order is evaluated."""

    name: str


@attrs.frozen(repr=False)
class FieldRef(SharedRepr):
    """A value to read from the case's field ``name`` (e.g. a period a law sets for this item)."""

    name: str


@attrs.frozen(repr=False)
class Parameter(SharedRepr):
    key: str
    value: object
    title: Text
    reason: Text
    basis: tuple[Basis, ...]
    choices: tuple[Any, ...] = ()


@attrs.frozen(repr=False)
class Period(SharedRepr):
    """``value`` units after (or, with ``direction: before``, before) a moment."""

    unit: str
    value: int | ParamRef | FieldRef
    convention: str | ParamRef | None = None     # working days from a moment: same_time | end_of_day
    rollover: str | ParamRef | None = None       # calendar days: none | next_workday
    direction: str = "after"


@attrs.frozen(repr=False)
class Anchor(SharedRepr):
    """A moment of an order: a field (``created``, ``formed``) or the first event of a type."""

    kind: str                             # field | event | due_of (the due moment of an earlier stage)
    name: str | ParamRef


@attrs.frozen(repr=False)
class Limit(SharedRepr):
    when: Conditions
    period: Period
    basis: tuple[Basis, ...]
    line: int = 0


@attrs.frozen(repr=False)
class Extension(SharedRepr):
    event: str
    amount_field: str | None              # the event's field holding the amount (none: 0)
    period: Period                        # value unused: the amount comes from the event
    approval_event: str | None
    approval_required: bool | ParamRef
    basis: tuple[Basis, ...]


@attrs.frozen(repr=False)
class Stage(SharedRepr):
    key: str
    title: Text
    starts: tuple[Anchor, ...]
    done: tuple[Anchor, ...]
    limits: tuple[Limit, ...]
    closed_by: tuple[Anchor, ...] = ()
    extension: Extension | None = None
    only_when_done: bool = False
    requires: tuple[tuple[str, bool], ...] = ()   # ((earlier stage, late?), ...): run only when each ran so
    path: str = ""
    line: int = 0


@attrs.frozen(repr=False)
class ViolationRule(SharedRepr):
    code: str
    stage: str
    check: str
    when: Conditions
    title: Text
    basis: tuple[Basis, ...]
    voids: bool | ParamRef = False                  # extension checks
    severity: str | ParamRef = "breach"            # breach | warning


@attrs.frozen(repr=False)
class FieldSpec(SharedRepr):
    key: str
    type: str
    title: Text
    required: bool = False
    choices: tuple[Any, ...] = ()


@attrs.frozen(repr=False)
class EventSpec(SharedRepr):
    key: str
    title: Text
    fields: dict[str, str] = attrs.field(factory=dict)     # name -> text | number | date | time


@attrs.frozen(repr=False)
class Example(SharedRepr):
    name: str
    order: dict[str, Any]
    as_of: object                         # a date, a moment or its text, checked when run
    expect: dict[str, Any]
    params: dict[str, Any]
    path: str
    line: int


@attrs.frozen(repr=False)
class Regime(SharedRepr):
    id: str
    title: Text
    instrument: str
    resolution: str                       # minute | day
    calendar: str
    hours: str | ParamRef | None          # office-hours name
    fields: dict[str, FieldSpec]
    events: dict[str, EventSpec]
    parameters: dict[str, Parameter]
    stages: tuple[Stage, ...]
    violations: tuple[ViolationRule, ...]
    basis: tuple[Basis, ...]
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    examples: tuple[Example, ...] = ()
    path: str = ""
    digest: str = ""

    def param(self, name: str, overrides: Mapping[str, Any] | None = None) -> Any:
        if overrides and name in overrides:
            return overrides[name]
        return self.parameters[name].value

    def resolve(self, value: Any, overrides: Mapping[str, Any] | None = None) -> Any:
        """``value`` with every :class:`ParamRef` replaced by its parameter's value."""
        if isinstance(value, ParamRef):
            return self.param(value.name, overrides)
        if isinstance(value, dict):
            return {k: self.resolve(v, overrides) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.resolve(v, overrides) for v in value]
        return value
