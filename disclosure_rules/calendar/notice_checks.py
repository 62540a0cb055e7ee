"""Check a notice as read (:mod:`.notices`) against itself and the law,
before anything is written.

* a weekday annotation must match its date (``1月1日（周四）`` must be a Thursday);
* ``A至B……共N天`` must count the days from A to B;
* a make-up working day (上班) must fall on a weekend day: the notices only
  ever move rest days (国务院关于职工工作时间的规定 Art. 7);
* a yearly national notice must give off every statutory holiday of the
  全国年节及纪念日放假办法 text in force that year (Art. 2; the days come from
  :mod:`.statutory`, lunar dates computed, not typed).

Each failure is a :class:`~.notices.NoticeError` naming the notice's line.
"""

from __future__ import annotations

import datetime as dt

from ..messages import Text, message
from .notices import Notice, NoticeError

# the weekday (Monday = 0) -> the message naming it
_WEEKDAYS = ("days.weekday.monday", "days.weekday.tuesday", "days.weekday.wednesday", "days.weekday.thursday",
             "days.weekday.friday", "days.weekday.saturday", "days.weekday.sunday")


def check_notice(notice: Notice, *, weekend: frozenset[int], national: bool, path: str | None = None) -> None:
    """Raise :class:`NoticeError` at the first contradiction, in reading order."""
    for item in notice.items:
        for s in item.statements:
            if s.weekday is not None and s.weekday != s.date.weekday():
                raise NoticeError(*message("notice.weekday", written=s.written, said=_day(s.weekday), day=s.date,
                                           actual=_day(s.date.weekday())), line=s.line, path=path)
        for r in item.ranges:
            n = (r.last - r.first).days + 1
            if r.stated_days is not None and r.stated_days != n:
                raise NoticeError(*message("notice.day_count", festival=item.festival, first=r.first, last=r.last,
                                           n=n, stated=r.stated_days), line=r.line, path=path)
        for s in item.statements:
            if s.workday and s.date.weekday() not in weekend:
                raise NoticeError(*message("notice.make_up_weekday", festival=item.festival, day=s.date,
                                           weekday=_day(s.date.weekday())), line=s.line, path=path)
    if national and notice.yearly:
        _check_statutory(notice, path)


def _check_statutory(notice: Notice, path: str | None) -> None:
    from .statutory import statutory_days

    off = {s.date for item in notice.items for s in item.statements if not s.workday}
    for day in statutory_days(notice.year):
        if day.date not in off:
            raise NoticeError(*message("notice.statutory_missing", festival=day.festival, day=day.date,
                                       basis=day.basis), line=_festival_line(notice, day.festival), path=path)


def _festival_line(notice: Notice, festival: str) -> int | None:
    for item in notice.items:
        if festival.rstrip("节") in item.festival:
            return item.line
    return notice.items[-1].line if notice.items else None


def _day(wd: int) -> Text:
    return message(_WEEKDAYS[wd])


def statements_by_day(notice: Notice) -> dict[dt.date, tuple[bool, str, int]]:
    """Every day the notice fixes: date -> (workday, festival, line); when a day
    is named twice the later statement holds."""
    out: dict[dt.date, tuple[bool, str, int]] = {}
    for item in notice.items:
        for s in item.statements:
            out[s.date] = (s.workday, item.festival, s.line)
    return out
