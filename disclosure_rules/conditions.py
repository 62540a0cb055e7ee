"""The bridge to business-rules: evaluate conditions of rule files over facts
(the clock's facts at an event, an officer's facts for classification).

Rule files are validated by :mod:`disclosure_rules.rulefiles` before their
conditions reach business-rules (whose own checks are asserts that vanish
under ``python -O``).
"""

from __future__ import annotations

from business_rules import run_all
from business_rules.actions import BaseActions, rule_action
from business_rules.fields import FIELD_TEXT
from business_rules.variables import BaseVariables, boolean_rule_variable, numeric_rule_variable, string_rule_variable

from .rulefiles.vocabulary import FACTS

_DECORATORS = {"numeric": numeric_rule_variable, "boolean": boolean_rule_variable, "select": string_rule_variable,
               "string": string_rule_variable}


def variables_class(name: str, kinds: dict):
    """A business-rules variables class with one variable per fact (name -> kind)."""
    ns = {"__init__": lambda self, facts: setattr(self, "_facts", facts)}
    for fact, kind in kinds.items():
        def getter(self, _n=fact):
            return self._facts[_n]
        getter.__name__ = fact
        ns[fact] = _DECORATORS[kind](getter)
    return type(name, (BaseVariables,), ns)


ClockFacts = variables_class("ClockFacts", FACTS)


class _Fired(BaseActions):
    def __init__(self):
        self.codes = []

    @rule_action(params={"code": FIELD_TEXT})
    def flag(self, code):
        self.codes.append(code)


def holding(conditions: list, variables, first_only: bool = False) -> list[str]:
    """The codes of the ``(code, conditions)`` pairs whose conditions hold, in
    order (only the first with ``first_only``), evaluated by business-rules."""
    if not conditions:
        return []
    rules = [{"conditions": c, "actions": [{"name": "flag", "params": {"code": code}}]} for code, c in conditions]
    actions = _Fired()
    run_all(rule_list=rules, defined_variables=variables, defined_actions=actions, stop_on_first_trigger=first_only)
    return actions.codes


def fired(violations, facts: dict) -> list[str]:
    """Codes of the violations (ViolationRule) whose conditions hold for ``facts``."""
    return holding([(v.code, v.conditions) for v in violations], ClockFacts(facts))
