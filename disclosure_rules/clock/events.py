"""The events of a case: their order, their rule, and the fields they must give.

Same-day events are taken in the order their rule files give (``order`` of
each event in ``events.yaml``), so the order a case lists them in never
matters; events of the same type on the same day are ordered by content.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

from ..case import Case, Event
from ..errors import CaseError
from ..messages import Text, message
from ..rulebook import EventRule, Rules, RuleSet


def event_error(case: Case, ev: Event, what: Text, dated: bool = True) -> CaseError:
    """The error about event ``ev`` of ``case``: ``what`` (a catalogue message) follows the event's name."""
    where = (message("clock.error.event_dated", n=ev.index + 1, type=ev.type, date=ev.date) if dated
             else message("clock.error.event", n=ev.index + 1, type=ev.type))
    return CaseError(message("clock.error.in_case", id=case.id, where=where, what=what), event=ev.index)


def in_order(events: tuple[Event, ...], order: dict[str, int]) -> list[Event]:
    """The events by date, then same-day order, then content (for ties of the same type).

    With such a tie, the order is that of sorting every event by
    :meth:`Event.sort_key` (date, same-day order, content); the content is
    worked out only for the events that share a date and a same-day order,
    the only ones it can move.
    """
    def placed(e: Event) -> tuple[dt.date, float]:
        return e.date, order.get(e.type, math.inf)

    ranked = sorted(events, key=placed)
    if not any(a.date == b.date and a.type == b.type for a, b in itertools.pairwise(ranked)):
        return ranked
    out: list[Event] = []
    for _place, run in itertools.groupby(ranked, key=placed):
        tied = list(run)
        out.extend(sorted(tied, key=lambda e: e.sort_key(order)) if len(tied) > 1 else tied)
    return out


def rule_of(case: Case, ev: Event, rules: Rules, rulesets: dict[str, RuleSet]) -> EventRule:
    """The rule of an event, or a CaseError saying why the event does not belong to these rules."""
    rule: EventRule | None = rules.events.get(ev.type)
    if rule is None:
        raise event_error(case, ev, _why_unknown(ev, rules, rulesets), dated=False)
    sup = rules.supplement_for(ev.type)
    if sup is not None and rule.source == sup.id and not sup.in_force(ev.date):
        raise event_error(case, ev, message("clock.error.supplement_from", instrument=sup.instrument,
                                            since=sup.effective_from))
    return rule


def _why_unknown(ev: Event, rules: Rules, rulesets: dict[str, RuleSet]) -> Text:
    if not any(ev.type in r.events for r in rulesets.values()):
        return message("clock.error.unknown_event", known=", ".join(sorted(rules.events)))
    sup = next((r for r in rulesets.values() if ev.type in r.events), None)
    if sup is not None and sup.kind == "supplement" and rules.main.id in sup.supplements:
        return message("clock.error.supplement_from", instrument=sup.instrument, since=sup.effective_from)
    return message("clock.error.not_governed", versions=list(rules.versions))


def whole_number(case: Case, ev: Event, key: str, minimum: int = 1) -> int:
    v = ev.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise event_error(case, ev, message("clock.error.whole_number", key=key, minimum=minimum), dated=False)
    return v


def check_dates(case: Case, ev: Event, received: dt.date) -> None:
    if ev.date < received:
        raise event_error(case, ev, message("clock.error.before_receipt", received=received))
