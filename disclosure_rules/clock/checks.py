"""Violations: the conditions of ``violations.yaml`` checked at each event.

The facts are computed by the clock at that moment (see the comment at the
top of ``violations.yaml``); a violation is reported, never raised, and one
with ``voids_effect`` leaves the clock as the law says.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from string import Formatter

from ..result import Violation
from .compiled import Fact
from .state import ClockState


def facts_at(s: ClockState, t: dt.date, due: dt.date | None) -> dict[str, Fact]:
    """The facts violations are checked on at day t, given the due date in force then."""
    past = s.cal.count(due, t) if due is not None and t > due else 0
    return {"workdays_since_receipt": s.cal.count(s.received, t), "workdays_past_due": past,
            "prior_correction_notices": s.corrections}


def check(s: ClockState, event_type: str, date: dt.date, facts: Mapping[str, Fact]) -> bool:
    """Record the violations that fire for this event; True when one voids its effect."""
    candidates = s.prepared.checks.get(event_type)
    if not candidates:
        return False
    full = dict(s.prepared.base_facts)
    full.update(facts)
    full["prior_correction_notices_plus_one"] = full["prior_correction_notices"] + 1
    fired = [c.rule for c in candidates if c.holds(full)]
    if not fired:
        return False
    values = {**full, **s.prepared.period_values}
    for v in fired:
        s.violations.append(Violation(code=v.code, date=date, event=event_type, title_en=v.title.en,
                                      title_zh=v.title.zh, message_en=fill(v.message.en, values),
                                      message_zh=fill(v.message.zh, values), basis=v.basis,
                                      voids_effect=v.voids_effect, source=v.source))
    return any(v.voids_effect for v in fired)


def fill(template: str, values: Mapping[str, object]) -> str:
    """Fill {name} placeholders with fact values only (no attribute or index access)."""
    out = []
    for literal, field in _parts(template):
        out.append(literal)
        if field is not None:
            out.append(str(values.get(field, "{" + field + "}")))
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _parts(template: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((literal, field) for literal, field, _spec, _conv in Formatter().parse(template))
