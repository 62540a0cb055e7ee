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
from .errors import CalendarCoverageError, CaseError, DisclosureRulesError, InputError, RuleFileError, UnknownNameError
from .recheck import recheck
from .result import Result, Step, Violation
from .rulefiles import RuleBook, RuleBundle

__version__ = "0.1.0"

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
