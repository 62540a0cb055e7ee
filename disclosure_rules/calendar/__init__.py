"""The working-day calendar: the days (:mod:`.days`), their files (:mod:`.files`),
the statutory holidays of 全国年节及纪念日放假办法 (:mod:`.statutory`).

Floors: this package uses only :mod:`disclosure_rules.errors`,
:mod:`disclosure_rules.yamlfile` and :mod:`disclosure_rules.data`; everything
above it (the clock, remedies, the command line) imports it from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .days import Calendar, DayInfo, Notice, Span
from .files import available_calendars, bundled_calendars_dir, load_calendar

if TYPE_CHECKING:
    from .statutory import StatutoryDay, statutory_days


def __getattr__(name: str) -> Any:
    # the statutory holidays are read when asked for, not by every command that counts days
    if name in ("StatutoryDay", "statutory_days"):
        from . import statutory
        return getattr(statutory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Calendar", "DayInfo", "Notice", "Span", "available_calendars", "bundled_calendars_dir",
           "load_calendar", "StatutoryDay", "statutory_days"]
