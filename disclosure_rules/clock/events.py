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
from ..rulebook import EventRule, Rules, RuleSet


def event_error(case: Case, ev: Event, en: str, zh: str, dated: bool = True) -> CaseError:
    where_en = f"event {ev.index + 1} ({ev.type}, {ev.date})" if dated else f"event {ev.index + 1} ({ev.type})"
    where_zh = f"第{ev.index + 1}个事件（{ev.type}，{ev.date}）" if dated else f"第{ev.index + 1}个事件（{ev.type}）"
    return CaseError(f"case {case.id}: {where_en}{en}", f"案件{case.id}：{where_zh}{zh}", event=ev.index)


def in_order(events: tuple[Event, ...], order: dict[str, int]) -> list[Event]:
    """The events by date, then same-day order, then content (for ties of the same type)."""
    ranked = sorted(events, key=lambda e: (e.date, order.get(e.type, math.inf)))
    for a, b in itertools.pairwise(ranked):
        if a.date == b.date and a.type == b.type:
            return sorted(events, key=lambda e: e.sort_key(order))
    return ranked


def rule_of(case: Case, ev: Event, rules: Rules, rulesets: dict[str, RuleSet]) -> EventRule:
    """The rule of an event, or a CaseError saying why the event does not belong to these rules."""
    rule: EventRule | None = rules.events.get(ev.type)
    if rule is None:
        raise event_error(case, ev, *_why_unknown(ev, rules, rulesets), dated=False)
    sup = rules.supplement_for(ev.type)
    if sup is not None and rule.source == sup.id and not sup.in_force(ev.date):
        raise event_error(case, ev, f": {sup.instrument} applies from {sup.effective_from}",
                          f"：{sup.instrument}自{sup.effective_from}起施行")
    return rule


def _why_unknown(ev: Event, rules: Rules, rulesets: dict[str, RuleSet]) -> tuple[str, str]:
    if not any(ev.type in r.events for r in rulesets.values()):
        known = ", ".join(sorted(rules.events))
        return f": unknown event type (use one of {known})", f"：未知的事件类型（可用：{known}）"
    sup = next((r for r in rulesets.values() if ev.type in r.events), None)
    if sup is not None and sup.kind == "supplement" and rules.main.id in sup.supplements:
        return (f": {sup.instrument} applies from {sup.effective_from}",
                f"：{sup.instrument}自{sup.effective_from}起施行")
    return (f": it is not part of the rules that govern this request ({', '.join(rules.versions)})",
            f"：不属于本申请适用的规则（{'、'.join(rules.versions)}）")


def whole_number(case: Case, ev: Event, key: str, minimum: int = 1) -> int:
    v = ev.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise event_error(case, ev, f" needs '{key}', a whole number of at least {minimum}",
                          f"需要{key}（不小于{minimum}的整数）", dated=False)
    return v


def check_dates(case: Case, ev: Event, received: dt.date) -> None:
    if ev.date < received:
        raise CaseError(f"case {case.id}: event {ev.index + 1} ({ev.type}, {ev.date}) is before the date of "
                        f"receipt {received}", f"案件{case.id}：第{ev.index + 1}个事件（{ev.type}，{ev.date}）"
                        f"早于收到申请之日{received}", event=ev.index)
