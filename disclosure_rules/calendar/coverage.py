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

from .days import Calendar


@attrs.frozen
class CoverageWarning:
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
                out.append(CoverageWarning(
                    cid, y,
                    f"calendar {cid} has no data for {y} yet: import the notice (国务院办公厅关于{y}年部分节假日安排的通知) "
                    f"with 'disclosure-rules calendar import NOTICE.txt' as soon as it is published; until then "
                    f"deadlines in {y} exit 3, or are estimated with --estimate-until {y}",
                    f"日历{cid}尚无{y}年数据：国务院办公厅关于{y}年部分节假日安排的通知公布后，请立即用"
                    f"“disclosure-rules calendar import 通知.txt”导入；在此之前，落在{y}年的期限返回退出码3，"
                    f"或用--estimate-until {y}估算"))
        elif cal.official_last_day.year < today.year or any(a.year == today.year for a, _ in cal.gaps):
            y = today.year
            out.append(CoverageWarning(
                cid, y, f"regional layer {cid} has no data for {y}: import the regional notice for {y}",
                f"地方日历层{cid}尚无{y}年数据：请导入{y}年的地方放假通知"))
    return out
