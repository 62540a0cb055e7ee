"""Calendars as the pages read them: each year a twelve-month grid of days,
each day with the calendar file it comes from (``<layer>/<year>.yaml``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...jsondata import JSONDict
from .rules import Src

if TYPE_CHECKING:
    from ...calendar import Calendar, Notice


def calendar_model(cal: Calendar) -> JSONDict:
    """A calendar's years as twelve-month grids of day views."""
    notices = {n.doc_no: n for n in cal.notices}
    years = []
    for year in range(cal.first_day.year, cal.last_day.year + 1):
        first = max(dt.date(year, 1, 1), cal.first_day)
        if not cal.covers(first) and not cal.covers(dt.date(year, 12, 31)):
            years.append({"year": year, "gap": True, "months": [], "notices": [], "estimated": False})
            continue
        months: list[JSONDict] = []
        used: dict[str, bool] = {}
        for m in range(1, 13):
            months.append(_month(cal, year, m, used, notices))
        years.append({"year": year, "gap": False, "months": months, "estimated": cal.is_estimated(dt.date(year, 1, 1)),
                      "notices": [_notice(notices[d]) for d in sorted(used) if d in notices]})
    return {"id": cal.id, "title": cal.title, "layers": list(cal.layers), "first_day": cal.first_day,
            "last_day": cal.last_day, "official_last_day": cal.official_last_day, "years": years}


def _notice(n: Notice) -> JSONDict:
    return {"doc_no": n.doc_no, "title": n.title, "dated": n.dated, "layer": n.layer, "note": n.note,
            "sources": n.sources}


def day_view(cal: Calendar, d: dt.date, notices_used: dict[str, bool] | None = None) -> JSONDict:
    """What a day is (kind, festival, notice), with the calendar file it comes from."""
    if not cal.covers(d):
        return {"date": d, "kind": "uncovered", "workday": None, "name": None, "notice": None, "src": None}
    info = cal.day(d)
    src = Src(f"{info.layer}/{d.year}.yaml", d.isoformat()) if info.layer else None
    if notices_used is not None and info.notice:
        notices_used[info.notice] = True
    return {"date": d, "kind": info.kind, "workday": info.workday, "name": info.name, "notice": info.notice,
            "estimated": info.estimated, "src": src}


def _month(cal: Calendar, year: int, month: int, used: dict[str, bool], notices: dict[str, Notice]) -> JSONDict:
    d = dt.date(year, month, 1)
    weeks: list[list[JSONDict | None]] = []
    week: list[JSONDict | None] = [None] * d.weekday()
    while d.month == month:
        week.append(day_view(cal, d, used))
        if len(week) == 7:
            weeks.append(week)
            week = []
        d += dt.timedelta(days=1)
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return {"month": month, "weeks": weeks}


