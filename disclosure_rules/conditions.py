"""The bridge to business-rules: evaluate conditions of rule files over facts
(the clock's facts at an event, an officer's facts for classification).

Rule files are validated by :mod:`disclosure_rules.rulefiles` before their
conditions reach business-rules (whose own checks are asserts that vanish
under ``python -O``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from business_rules import run_all
from business_rules.actions import BaseActions, rule_action
from business_rules.fields import FIELD_TEXT
from business_rules.variables import BaseVariables, boolean_rule_variable, numeric_rule_variable, string_rule_variable

from .jsondata import JSON
from .rulefiles.vocabulary import FACTS

if TYPE_CHECKING:
    from .rulefiles.clockrules import ViolationRule

_DECORATORS = {"numeric": numeric_rule_variable, "boolean": boolean_rule_variable, "select": string_rule_variable,
               "string": string_rule_variable}


def variables_class(name: str, kinds: Mapping[str, str]) -> type:
    """A business-rules variables class with one variable per fact (name -> kind)."""
    ns: dict[str, Any] = {"__init__": lambda self, facts: setattr(self, "_facts", facts)}
    for fact, kind in kinds.items():
        def getter(self: Any, _n: str = fact) -> Any:
            return self._facts[_n]
        getter.__name__ = fact
        ns[fact] = _DECORATORS[kind](getter)
    return type(name, (BaseVariables,), ns)


ClockFacts = variables_class("ClockFacts", FACTS)


class _Fired(BaseActions):  # type: ignore[misc]
    def __init__(self) -> None:
        self.codes: list[str] = []

    @rule_action(params={"code": FIELD_TEXT})  # type: ignore[untyped-decorator]
    def flag(self, code: str) -> None:
        self.codes.append(code)


def holding(conditions: Sequence[tuple[str, JSON]], variables: Any, first_only: bool = False) -> list[str]:
    """The codes of the ``(code, conditions)`` pairs whose conditions hold, in
    order (only the first with ``first_only``), evaluated by business-rules."""
    if not conditions:
        return []
    rules = [{"conditions": c, "actions": [{"name": "flag", "params": {"code": code}}]} for code, c in conditions]
    actions = _Fired()
    run_all(rule_list=rules, defined_variables=variables, defined_actions=actions, stop_on_first_trigger=first_only)
    return actions.codes


def fired(violations: Iterable[ViolationRule], facts: Mapping[str, Any]) -> list[str]:
    """Codes of the violations (ViolationRule) whose conditions hold for ``facts``."""
    return holding([(v.code, v.conditions) for v in violations], ClockFacts(facts))
