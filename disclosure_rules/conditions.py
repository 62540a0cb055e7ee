"""The bridge to business-rules: evaluate violation conditions over the facts
the clock computes when an event happens.

Rule files are validated by :mod:`disclosure_rules.rulebook` before their
conditions reach business-rules (whose own checks are asserts that vanish
under ``python -O``).
"""

from __future__ import annotations

from business_rules import run_all
from business_rules.actions import BaseActions, rule_action
from business_rules.fields import FIELD_TEXT
from business_rules.variables import BaseVariables, boolean_rule_variable, numeric_rule_variable

from .rulebook import FACTS


def _make_variables():
    ns = {"__init__": lambda self, facts: setattr(self, "_facts", facts)}
    for name, kind in FACTS.items():
        deco = numeric_rule_variable if kind == "numeric" else boolean_rule_variable

        def getter(self, _n=name):
            return self._facts[_n]
        getter.__name__ = name
        ns[name] = deco(getter)
    return type("ClockFacts", (BaseVariables,), ns)


ClockFacts = _make_variables()


class _Fired(BaseActions):
    def __init__(self):
        self.codes = []

    @rule_action(params={"code": FIELD_TEXT})
    def flag(self, code):
        self.codes.append(code)


def fired(violations, facts: dict) -> list[str]:
    """Codes of the violations (ViolationRule) whose conditions hold for ``facts``."""
    if not violations:
        return []
    rules = [{"conditions": v.conditions, "actions": [{"name": "flag", "params": {"code": v.code}}]}
             for v in violations]
    actions = _Fired()
    run_all(rule_list=rules, defined_variables=ClockFacts(facts), defined_actions=actions,
            stop_on_first_trigger=False)
    return actions.codes
