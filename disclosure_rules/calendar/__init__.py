"""The working-day calendar: the days (:mod:`.days`), their files (:mod:`.files`).

Floors: this package uses only :mod:`disclosure_rules.errors`,
:mod:`disclosure_rules.yamlfile` and :mod:`disclosure_rules.data`; everything
above it (the clock, remedies, the command line) imports it from here.
"""

from .days import Calendar, DayInfo, Notice, Span
from .files import available_calendars, bundled_calendars_dir, load_calendar

__all__ = ["Calendar", "DayInfo", "Notice", "Span", "available_calendars", "bundled_calendars_dir",
           "load_calendar"]
