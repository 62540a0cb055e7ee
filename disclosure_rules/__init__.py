"""disclosure-rules: deadlines and outcomes of Chinese open-government-information
requests (政府信息公开申请), computed from declarative rule files and the
official working-day calendar.

Entry points::

    from disclosure_rules import load_calendar
    cn = load_calendar("cn")
    cn.add(date(2026, 9, 30), 20)        # 2026-11-03
"""

from .calendar import Calendar, DayInfo, Notice, Span
from .calendar_files import available_calendars, load_calendar
from .errors import (CalendarCoverageError, CaseError, DisclosureRulesError, InputError,
                     RuleFileError, UnknownNameError)

__version__ = "0.1.0"

__all__ = [
    "Calendar", "DayInfo", "Notice", "Span", "available_calendars", "load_calendar",
    "CalendarCoverageError", "CaseError", "DisclosureRulesError", "InputError", "RuleFileError",
    "UnknownNameError",
]
