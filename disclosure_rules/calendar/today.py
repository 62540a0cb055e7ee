"""Today's date in Beijing time, the date every deadline is counted in.

Dates in cases and calendars are Beijing time (``timezone: Asia/Shanghai``
in ``calendars/cn/calendar.yaml``), whatever the machine's own time zone.
``DISCLOSURE_RULES_TODAY=YYYY-MM-DD`` pins the day, for reproducible runs
and tests; an explicit ``as_of`` always wins over both.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..messages import message

BEIJING = ZoneInfo("Asia/Shanghai")


def today_in_beijing() -> dt.date:
    pinned = os.environ.get("DISCLOSURE_RULES_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise InputError(message("today.pinned", value=pinned)) from None
    return dt.datetime.now(BEIJING).date()
