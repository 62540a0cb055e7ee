"""Today's date in Beijing time, the date every deadline is counted in.

Dates in cases and calendars are Beijing time (``timezone: Asia/Shanghai``
in ``calendars/cn/calendar.yaml``), whatever the machine's own time zone.
``DISCLOSURE_RULES_TODAY=YYYY-MM-DD`` pins the day, for reproducible runs
and tests; an explicit ``as_of`` always wins over both.

Beijing time is UTC+8 all year: China has kept no daylight saving since
1991, so a fixed offset gives the wall time of the ``Asia/Shanghai`` zone
for every moment since, without loading the time-zone database (zoneinfo
and sysconfig, a few milliseconds of every command's start-up, issue 13;
and a machine without the database still knows the time in Beijing).
"""

from __future__ import annotations

import datetime as dt
import os

from ..errors import InputError
from ..messages import message

#: China Standard Time, the offset of Asia/Shanghai since 1991
BEIJING = dt.timezone(dt.timedelta(hours=8))


def today_in_beijing() -> dt.date:
    pinned = os.environ.get("DISCLOSURE_RULES_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise InputError(message("today.pinned", value=pinned)) from None
    return dt.datetime.now(BEIJING).date()
