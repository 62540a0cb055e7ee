"""What the fast batch path (:mod:`.fast`) reads of a rule book, looked up once per national version."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from ..result import Violation
from ..rulebook import EventRule, RuleBook, ViolationRule
from ..rulefiles.outcomefiles import OutcomeCatalogue
from .checks import fill
from .compiled import Fact
from .fastspan import Bail
from .prepared import Prepared, nationals, prepared

# the effects the fast path follows (fasteffects.EFFECTS_FAST); rules with another one: the plain clock
EFFECTS = frozenset({"suspend", "restart", "pause", "resume", "extend", "set", "close", "record"})


class Version:
    """What the fold reads of one prepared version (no local layer), looked up once."""

    def __init__(self, prep: Prepared) -> None:
        rules = prep.rules
        self.prep, self.rules, self.main = prep, rules, rules.main
        self.order = prep.order
        self.reply = rules.period("reply").workdays
        self.checks = prep.checks
        self.base_facts = prep.base_facts
        self.periods = {k: p.workdays for k, p in rules.periods.items()}
        self.bound = rules.parameters.get("consultation_bound")
        # event type -> (rule, supplement whose effective date limits it or None)
        self.events: dict[str, tuple[EventRule, Any]] = {}
        for t, rule in rules.events.items():
            sup = rules.supplement_for(t)
            self.events[t] = (rule, sup if sup is not None and rule.source == sup.id else None)
        self.catalogue = cast("OutcomeCatalogue | None", rules.main.outcomes)
        self.rows: dict[tuple[str | None, Any], str | None] = {}

    def violation(self, r: ViolationRule, date: dt.date, event_type: str, facts: dict[str, Fact]) -> Violation:
        """The Violation ``checks.check`` builds."""
        values = {**facts, **self.prep.period_values}
        return Violation(r.code, date, event_type, r.title.en, r.title.zh, fill(r.message.en, values),
                         fill(r.message.zh, values), r.basis, r.voids_effect, r.source)

    def report_row(self, outcome: str | None, reason: Any) -> str | None:
        """As ``assemble._report_row``, remembered per (outcome, reason)."""
        key = (outcome, reason)
        if key not in self.rows:
            cat = self.catalogue
            if outcome is None or cat is None or outcome not in cat.codes():
                row = None
            elif cat.get(outcome).by_reason and reason not in cat.reasons:
                row = None
            else:
                row = cat.report_row(outcome, reason)
            self.rows[key] = row
        return self.rows[key]


class Rulebook:
    """The national versions of a book, newest first, each with its channels and prepared rules."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.versions = []
        for main in nationals(book):
            v = Version(prepared(book, main.id, None))
            if any(r.effect not in EFFECTS for r, _s in v.events.values()):
                raise Bail                                   # an effect this path does not know
            self.versions.append((main, v))
