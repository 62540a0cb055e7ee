"""disclosure-rules: deadlines and outcomes of Chinese open-government-information
requests (政府信息公开申请), computed from declarative rule files and the
official working-day calendar.

Entry points (:mod:`disclosure_rules.api`, with the bundled rules and calendars)::

    from disclosure_rules import load_calendar
    cn = load_calendar("cn")
    cn.add(date(2026, 9, 30), 20)        # 2026-11-03

    from disclosure_rules import evaluate
    evaluate({"id": "1", "receipt": {"channel": "in_person", "date": "2026-09-30"}}, date(2026, 10, 9)).due
    # without as_of: as of today in Beijing time (Asia/Shanghai), like the command line
"""
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import CalendarCoverageError, CaseError, DisclosureRulesError, InputError, RuleFileError, UnknownNameError
from .lazy import lazy_attribute

if TYPE_CHECKING:
    from .api import (
                      annual_table,
                      check_answer,
                      check_rules,
                      check_table,
                      classify,
                      evaluate,
                      evaluate_iter,
                      evaluate_many,
                      fee,
                      fee_for_requests,
                      load_bundle,
                      load_fee_schedule,
                      load_outcome_file,
                      load_outcomes,
                      load_remedy_rules,
                      load_rules,
                      load_table_layout,
                      read_table,
                      remedies,
                      remedies_for_result,
    )
    from .calendar import Calendar, DayInfo, Notice, Span, available_calendars, load_calendar
    from .case import Case, Event, Receipt, load_cases, parse_case
    from .recheck import recheck
    from .result import Result, Step, Violation
    from .rulefiles import RuleBook, RuleBundle

__version__ = "0.1.0"

# Each public name is imported from its module when it is first used, so that
# ``import disclosure_rules`` (and a command that needs only the calendar)
# does not load the whole engine: ``from disclosure_rules import evaluate``
# and ``disclosure_rules.evaluate`` work as before.
_LAZY: dict[str, str] = {
    "annual_table": ".api",
    "check_answer": ".api",
    "check_rules": ".api",
    "check_table": ".api",
    "classify": ".api",
    "evaluate": ".api",
    "evaluate_iter": ".api",
    "evaluate_many": ".api",
    "fee": ".api",
    "fee_for_requests": ".api",
    "load_bundle": ".api",
    "load_fee_schedule": ".api",
    "load_outcome_file": ".api",
    "load_outcomes": ".api",
    "load_remedy_rules": ".api",
    "load_rules": ".api",
    "load_table_layout": ".api",
    "read_table": ".api",
    "remedies": ".api",
    "remedies_for_result": ".api",
    "Calendar": ".calendar",
    "DayInfo": ".calendar",
    "Notice": ".calendar",
    "Span": ".calendar",
    "available_calendars": ".calendar",
    "load_calendar": ".calendar",
    "Case": ".case",
    "Event": ".case",
    "Receipt": ".case",
    "load_cases": ".case",
    "parse_case": ".case",
    "recheck": ".recheck",
    "Result": ".result",
    "Step": ".result",
    "Violation": ".result",
    "RuleBook": ".rulefiles",
    "RuleBundle": ".rulefiles",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _LAZY, globals(), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """Keeps a public function whose name is also a submodule's (``recheck``,
    ``remedies``) from being replaced by the submodule when it is imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def _register_file_kinds() -> None:
    # the rule files read by the floors above the loader (labels, published reports, regimes): known to
    # load_bundle however the package is entered (their loaders are imported when such a file is read)
    from .filekinds import register_bundled_kinds
    register_bundled_kinds()


_register_file_kinds()

__all__ = [
    "Calendar", "DayInfo", "Notice", "Span", "available_calendars", "load_calendar",
    "Case", "Event", "Receipt", "load_cases", "parse_case", "evaluate", "evaluate_iter", "evaluate_many",
    "recheck",
    "Result", "Step", "Violation", "RuleBook", "RuleBundle", "load_rules", "load_bundle", "check_rules",
    "classify", "check_answer", "load_outcomes", "load_outcome_file", "fee", "fee_for_requests",
    "load_fee_schedule", "remedies", "remedies_for_result", "load_remedy_rules", "annual_table", "check_table",
    "read_table", "load_table_layout",
    "CalendarCoverageError", "CaseError", "DisclosureRulesError", "InputError", "RuleFileError",
    "UnknownNameError", "__version__",
]
