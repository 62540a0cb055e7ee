"""The clock's rules as values: rule sets, their merge for one case, the book.

A rule set is a folder: ``ruleset.yaml`` (identity, instrument, dates in
force, what it extends or supplements) and topic files (``receipt``,
``periods``, ``events``, ``violations``, ``clock``, ``examples``), read by
:mod:`.clockfiles`.  Three kinds:

* national versions (``ogi-2008``, ``ogi-2019``), chosen by the date of receipt;
* supplements (``fees-2020``) that add periods, events and violations to the
  versions they name;
* local layers (``local/gansu-jinchang``) that ``extends`` a version and
  override named parameters and periods only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ..basis import Basis
from ..errors import UnknownNameError
from ..messages import message
from ..reprs import SharedRepr
from .common import Text


@attrs.frozen(repr=False)
class Period(SharedRepr):
    key: str
    title: Text
    workdays: int
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen(repr=False)
class Parameter(SharedRepr):
    key: str
    value: Any
    choices: tuple[Any, ...] | None
    title: Text | None
    reason: str
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen(repr=False)
class Channel(SharedRepr):
    key: str
    title: Text
    requires: tuple[str, ...]
    date_of_receipt: str
    confirm_on_day_of: str | None
    basis: tuple[Basis, ...]


@attrs.frozen(repr=False)
class PartyRule(SharedRepr):
    key: str
    effect: str                 # pause | record
    period: str | None
    basis: tuple[Basis, ...]
    title: Text | None = None   # the party's name, as the trace shows it (the key when none)


@attrs.frozen(repr=False)
class EventRule(SharedRepr):
    type: str
    title: Text
    effect: str
    basis: tuple[Basis, ...]
    source: str
    order: int = 0              # same-day events are taken in increasing order (events.yaml `order`)
    period: str | None = None
    cap: str | None = None
    status: str | None = None
    applicant: str | None = None
    applicant_field: str | None = None
    applicant_parameter: str | None = None
    applicant_period: str | None = None
    expiry_status: str | None = None
    expiry_outcome: str | None = None
    answers: str | None = None
    parameter: str | None = None
    parties: dict[str, PartyRule] = attrs.field(factory=dict)
    fields: dict[str, str] = attrs.field(factory=dict)     # data a case may record with the event: field -> kind
    path: str = attrs.field(default="", eq=False, repr=False)        # where the event is defined
    line: int | None = attrs.field(default=None, eq=False, repr=False)
    # line of each field ("answers", "applicant_period.parameter", "parties.third_party.period")
    lines: dict[str, int] = attrs.field(factory=dict, eq=False, repr=False)

    def line_of(self, field: str) -> int | None:
        return self.lines.get(field, self.line)


@attrs.frozen(repr=False)
class ViolationRule(SharedRepr):
    code: str
    event: str
    title: Text
    conditions: dict[str, Any]  # business-rules conditions, with period values resolved
    voids_effect: bool
    message: Text
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen(repr=False)
class Example(SharedRepr):
    name: str
    case: dict[str, Any]
    as_of: dt.date | None
    expect: dict[str, Any]
    path: str
    line: int


@attrs.frozen(repr=False)
class RuleSet(SharedRepr):
    id: str
    title: Text
    instrument: str
    kind: str                   # national | supplement | local
    effective_from: dt.date | None
    effective_to: dt.date | None
    extends: str | None
    supplements: tuple[str, ...]
    basis: tuple[Basis, ...]
    periods: dict[str, Period]
    parameters: dict[str, Parameter]
    channels: dict[str, Channel]
    events: dict[str, EventRule]
    violations: dict[str, ViolationRule]
    examples: tuple[Example, ...]
    folder: str
    digest: str
    raw_violations: tuple[Any, ...] = attrs.field(repr=False, default=())
    outcomes: Any = attrs.field(repr=False, default=None)     # OutcomeCatalogue, when the folder has one
    # (section, key) -> (file, line) of each period, parameter, channel and event, for messages
    where: dict[tuple[str, str], tuple[str, int]] = attrs.field(factory=dict, eq=False, repr=False)

    def in_force(self, d: dt.date) -> bool:
        return ((self.effective_from is None or d >= self.effective_from)
                and (self.effective_to is None or d <= self.effective_to))


@attrs.frozen(repr=False)
class Rules(SharedRepr):
    """The rules that govern one case: a national version, the supplements in
    force and an optional local layer, merged (local parameters win)."""

    main: RuleSet
    supplements: tuple[RuleSet, ...]
    local: RuleSet | None
    periods: dict[str, Period]
    parameters: dict[str, Parameter]
    channels: dict[str, Channel]
    events: dict[str, EventRule]
    violations: tuple[ViolationRule, ...]

    @property
    def versions(self) -> list[str]:
        return [self.main.id] + [s.id for s in self.supplements] + ([self.local.id] if self.local else [])

    def param(self, key: str) -> Any:
        return self.parameters[key].value

    def period(self, key: str) -> Period:
        return self.periods[key]

    def supplement_for(self, event_type: str) -> RuleSet | None:
        for s in self.supplements:
            if event_type in s.events:
                return s
        return None


@attrs.frozen(eq=False, repr=False)
class RuleBook(SharedRepr):
    """All rule sets found on the search path."""

    rulesets: dict[str, RuleSet]
    digest: str

    def get(self, rid: str) -> RuleSet:
        try:
            return self.rulesets[rid]
        except KeyError:
            raise UnknownNameError(message("rules.unknown_ruleset", id=rid, known=sorted(self.rulesets))) from None

    @property
    def national(self) -> list[RuleSet]:
        return sorted((r for r in self.rulesets.values() if r.kind == "national"),
                      key=lambda r: r.effective_from or dt.date.min, reverse=True)

    @property
    def locals(self) -> list[str]:
        return sorted(r.id for r in self.rulesets.values() if r.kind == "local")

    def rules(self, main_id: str, local: str | None = None) -> Rules:
        """Merge a national version, its supplements and a local layer."""
        main = self.get(main_id)
        loc = None
        if local is not None:
            loc = self.get(local)
            if loc.kind != "local":
                raise UnknownNameError(message("rules.not_local", id=local, known=list(self.locals)))
        return _merge(main, loc, self)

    def to_dict(self) -> dict[str, Any]:
        return {"digest": self.digest, "rulesets": sorted(self.rulesets)}


def _merge(main: RuleSet, loc: RuleSet | None, book: RuleBook) -> Rules:
    sups = tuple(sorted((r for r in book.rulesets.values() if r.kind == "supplement" and main.id in r.supplements),
                        key=lambda r: r.id))
    periods, params, events = dict(main.periods), dict(main.parameters), dict(main.events)
    violations = list(main.violations.values())
    for s in sups:
        periods.update(s.periods)
        params.update(s.parameters)
        events.update(s.events)
        violations.extend(s.violations.values())
    if loc is not None:
        if loc.extends != main.id:
            raise UnknownNameError(
                message("rules.local_other_rules", local=loc.id, extends=loc.extends, rules=main.id))
        params.update(loc.parameters)
        periods.update(loc.periods)
    return Rules(main, sups, loc, periods, params, dict(main.channels), events, tuple(violations))
