"""Say when calendar data runs out, before a deadline needs it.

The State Council publishes next year's arrangement between late October
and mid December (2014-12-16 and 2015-12-10 were the latest); regional
governments publish theirs later still.  From 1 November a missing next
year is worth a warning: a request received from early December on already
has its due date in that year.  The date the warnings start is data of the
calendar (``warn_from`` in ``calendar.yaml``, month and day), not a constant
here; a calendar without it is never warned about.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..messages import message
from ..reprs import SharedRepr
from .days import Calendar


@attrs.frozen(repr=False)
class CoverageWarning(SharedRepr):
    calendar: str
    year: int
    message: str
    message_zh: str

    def text(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh" else self.message


def coverage_warnings(calendars: dict[str, Calendar], today: dt.date,
                      warn_from: dict[str, tuple[int, int]]) -> list[CoverageWarning]:
    """Warnings for ``today``: a national calendar (no parent layer) without
    next year's data once its ``warn_from`` day has come; a regional layer
    without the current year's data."""
    out = []
    for cid, cal in sorted(calendars.items()):
        national = len(cal.layers) == 1
        if national:
            start = warn_from.get(cid)
            last = cal.official_last_day.year
            if start and (today.year > last or (today.year == last and today >= dt.date(today.year, *start))):
                y = last + 1
                out.append(CoverageWarning(cid, y, *message("coverage.national", calendar=cid, year=y,
                                                            notice=message("calendar.coverage.notice_title", year=y).zh)))
        elif cal.official_last_day.year < today.year or any(a.year == today.year for a, _ in cal.gaps):
            y = today.year
            out.append(CoverageWarning(cid, y, *message("coverage.regional", calendar=cid, year=y)))
    return out
