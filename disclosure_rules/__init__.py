"""disclosure-rules: deadlines and outcomes of Chinese open-government-information
requests (政府信息公开申请), computed from declarative rule files and the
official working-day calendar.

Entry points::

    from disclosure_rules import load_calendar
    cn = load_calendar("cn")
    cn.add(date(2026, 9, 30), 20)        # 2026-11-03

    from disclosure_rules import evaluate
    evaluate({"id": "1", "receipt": {"channel": "in_person", "date": "2026-09-30"}}, date(2026, 10, 9)).due
    # without as_of: as of today in Beijing time (Asia/Shanghai), like the command line
"""

from .calendar import Calendar, DayInfo, Notice, Span
from .calendar import available_calendars, load_calendar
from .case import Case, Event, Receipt, load_cases, parse_case
from .clock import evaluate, evaluate_iter, evaluate_many
from .recheck import recheck
from .result import Result, Step, Violation
from .rulebook import RuleBook, load_rules
from .errors import (CalendarCoverageError, CaseError, DisclosureRulesError, InputError,
                     RuleFileError, UnknownNameError)

__version__ = "0.1.0"

__all__ = [
    "Calendar", "DayInfo", "Notice", "Span", "available_calendars", "load_calendar",
    "Case", "Event", "Receipt", "load_cases", "parse_case", "evaluate", "evaluate_iter", "evaluate_many",
    "recheck",
    "Result", "Step", "Violation", "RuleBook", "load_rules",
    "CalendarCoverageError", "CaseError", "DisclosureRulesError", "InputError", "RuleFileError",
    "UnknownNameError",
]
