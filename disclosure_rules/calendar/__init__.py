"""The working-day calendar: the days (:mod:`.days`), their files (:mod:`.files`),
the statutory holidays of 全国年节及纪念日放假办法 (:mod:`.statutory`).

Floors: this package uses only :mod:`disclosure_rules.errors`,
:mod:`disclosure_rules.yamlfile` and :mod:`disclosure_rules.data`; everything
above it (the clock, remedies, the command line) imports it from here.
"""

from .days import Calendar, DayInfo, Notice, Span
from .files import available_calendars, bundled_calendars_dir, load_calendar
from .statutory import StatutoryDay, statutory_days

__all__ = ["Calendar", "DayInfo", "Notice", "Span", "available_calendars", "bundled_calendars_dir",
           "load_calendar", "StatutoryDay", "statutory_days"]
