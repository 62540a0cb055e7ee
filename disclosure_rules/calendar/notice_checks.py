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

from .notices import Notice, NoticeError

_WEEKDAY_ZH = "一二三四五六日"


def check_notice(notice: Notice, *, weekend: frozenset[int], national: bool, path: str | None = None) -> None:
    """Raise :class:`NoticeError` at the first contradiction, in reading order."""
    for item in notice.items:
        for s in item.statements:
            if s.weekday is not None and s.weekday != s.date.weekday():
                raise NoticeError(
                    f"{s.written} says {_en_day(s.weekday)}, but {s.date.isoformat()} is a {_en_day(s.date.weekday())}",
                    f"“{s.written}”标注为星期{_WEEKDAY_ZH[s.weekday]}，但{s.date.isoformat()}是星期{_WEEKDAY_ZH[s.date.weekday()]}",
                    line=s.line, path=path)
        for r in item.ranges:
            n = (r.last - r.first).days + 1
            if r.stated_days is not None and r.stated_days != n:
                raise NoticeError(
                    f"{item.festival}: {r.first.isoformat()} to {r.last.isoformat()} is {n} days, not {r.stated_days} (共{r.stated_days}天)",
                    f"{item.festival}：{r.first.isoformat()}至{r.last.isoformat()}共{n}天，而不是通知所写的共{r.stated_days}天",
                    line=r.line, path=path)
        for s in item.statements:
            if s.workday and s.date.weekday() not in weekend:
                raise NoticeError(
                    f"{item.festival}: {s.date.isoformat()} is made a working day (上班), but it is a {_en_day(s.date.weekday())}, "
                    "already a working day: a make-up working day must be a Saturday or Sunday",
                    f"{item.festival}：{s.date.isoformat()}被安排为上班，但该日是星期{_WEEKDAY_ZH[s.date.weekday()]}，本来就是工作日；"
                    "调休上班只能安排在星期六或星期日",
                    line=s.line, path=path)
    if national and notice.yearly:
        _check_statutory(notice, path)


def _check_statutory(notice: Notice, path: str | None) -> None:
    from .statutory import statutory_days

    off = {s.date for item in notice.items for s in item.statements if not s.workday}
    for day in statutory_days(notice.year):
        if day.date not in off:
            raise NoticeError(
                f"the statutory holiday {day.festival} ({day.date.isoformat()}, {day.basis}) is not among the notice's days off",
                f"法定节日{day.festival}（{day.date.isoformat()}，{day.basis}）不在通知的放假日期之内",
                line=_festival_line(notice, day.festival), path=path)


def _festival_line(notice: Notice, festival: str) -> int | None:
    for item in notice.items:
        if festival.rstrip("节") in item.festival:
            return item.line
    return notice.items[-1].line if notice.items else None


def _en_day(wd: int) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[wd]


def statements_by_day(notice: Notice) -> dict[dt.date, tuple[bool, str, int]]:
    """Every day the notice fixes: date -> (workday, festival, line); when a day
    is named twice the later statement holds."""
    out: dict[dt.date, tuple[bool, str, int]] = {}
    for item in notice.items:
        for s in item.statements:
            out[s.date] = (s.workday, item.festival, s.line)
    return out
