"""What the columnar fold reads of one national version, looked up once (:class:`~disclosure_rules.clock.fastrules.Version`
with the names turned into the codes of :class:`~.codes.Codes`)."""

from __future__ import annotations

import attrs
import numpy as np

from ..clock.fastrules import Version
from ..reprs import SharedRepr
from ..rulebook import Channel, EventRule, RuleSet, ViolationRule
from .codes import NONE, Codes
from .conditions import VectorPredicate, compile_vector

_LAST = np.iinfo(np.int64).max               # no end of force
_UNORDERED = np.iinfo(np.int32).max          # a type the version does not order (events.in_order: infinity)


@attrs.frozen(repr=False)
class ChannelTable(SharedRepr):
    """A channel's receipt rule (Art. 31) as codes of receipt fields."""

    date_of_receipt: int
    requires: tuple[int, ...]
    confirm_on_day_of: int                   # NONE: no confirmation on the day of another date


@attrs.frozen(repr=False)
class EventTable(SharedRepr):
    """An event type's rule, with the dates between which its supplement (if any) is in force."""

    rule: EventRule
    since: int                               # ordinals; 0 / _LAST without a supplement
    until: int


@attrs.frozen(repr=False)
class CheckTable(SharedRepr):
    rule: ViolationRule
    holds: VectorPredicate
    code: int                                # index into VersionTable.violations


@attrs.frozen(eq=False, repr=False)
class VersionTable(SharedRepr):
    """One national version as the columnar fold reads it."""

    version: Version
    effective_from: int
    effective_to: int
    reply: int
    start_day_counts: int
    rest_day_next_workday: int
    late_arrival: int                        # 1: a late confirmation moves receipt to arrival; -1: parameter missing
    channels: dict[int, ChannelTable]
    events: dict[int, EventTable]
    order: np.ndarray                        # type code -> same-day order
    checks: dict[str, tuple[CheckTable, ...]]
    violations: tuple[ViolationRule, ...]
    outcome_known: np.ndarray                # outcome code -> in this version's catalogue (all, without one)
    by_reason: np.ndarray                    # outcome code -> its report row depends on the reason
    reason_known: np.ndarray                 # reason code -> in this version's catalogue
    periods: dict[str, int]


def _channel(ch: Channel, codes: Codes) -> ChannelTable:
    field = codes.field
    confirm = NONE if ch.confirm_on_day_of is None else field[ch.confirm_on_day_of]
    return ChannelTable(field[ch.date_of_receipt], tuple(field[f] for f in ch.requires), confirm)


def _catalogue(v: Version, codes: Codes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cat = v.catalogue
    known = np.ones(len(codes.outcomes), dtype=np.bool_)
    by_reason = np.zeros(len(codes.outcomes), dtype=np.bool_)
    reasons = np.ones(len(codes.reasons), dtype=np.bool_)
    if cat is not None:
        known[:] = [o in cat.outcomes for o in codes.outcomes]
        by_reason[:] = [o in cat.outcomes and cat.outcomes[o].by_reason for o in codes.outcomes]
        reasons[:] = [r in cat.reasons for r in codes.reasons]
    return known, by_reason, reasons


def version_table(main: RuleSet, v: Version, codes: Codes) -> VersionTable:
    """The table of one version (raises :class:`~.conditions.Unsupported` for a condition it cannot compile)."""
    rules = v.rules
    late = rules.parameters.get("late_confirmation")
    events = {}
    for t, (rule, sup) in v.events.items():
        since = 0 if sup is None or sup.effective_from is None else sup.effective_from.toordinal()
        until = _LAST if sup is None or sup.effective_to is None else sup.effective_to.toordinal()
        events[codes.type[t]] = EventTable(rule, since, until)
    order = np.full(len(codes.types), _UNORDERED, dtype=np.int64)
    for t, k in v.order.items():
        order[codes.type[t]] = k
    violations: list[ViolationRule] = []
    checks: dict[str, tuple[CheckTable, ...]] = {}
    for event, candidates in v.checks.items():
        rows = []
        for c in candidates:
            rows.append(CheckTable(c.rule, compile_vector(c.rule.conditions), len(violations)))
            violations.append(c.rule)
        checks[event] = tuple(rows)
    m = main
    known, by_reason, reasons = _catalogue(v, codes)
    return VersionTable(
        version=v, effective_from=0 if m.effective_from is None else m.effective_from.toordinal(),
        effective_to=_LAST if m.effective_to is None else m.effective_to.toordinal(), reply=v.reply,
        start_day_counts=int(v.prep.start_day_counts), rest_day_next_workday=int(v.prep.rest_day_next_workday),
        late_arrival=-1 if late is None else int(late.value == "arrival"),
        channels={codes.channel[k]: _channel(ch, codes) for k, ch in m.channels.items() if k in codes.channel},
        events=events, order=order, checks=checks, violations=tuple(violations), outcome_known=known,
        by_reason=by_reason, reason_known=reasons, periods=dict(v.periods))
