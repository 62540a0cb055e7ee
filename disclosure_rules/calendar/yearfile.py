"""One year file of a calendar (``calendars/<id>/<year>.yaml``) as data:
read it, change it, write it back in the format legal staff know.

The format (see ``calendars/cn/calendar.yaml``): ``year``, the ``notices``
the days come from, ``days_off`` (dates or ``from``/``to`` spans, as the
notice announced them, weekends inside a span included) and
``working_days`` (weekend days made working days), each entry citing its
notice.  ``partial: true`` marks a file that holds only the days another
year's notice fixed in it (the 2012 notice's 2011-12-31): such a year is
not covered until its own notice is imported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from ..reprs import SharedRepr
from ..yamlfile import Map, load_yaml

_WEEKDAY_ZH = "一二三四五六日"


@attrs.frozen(repr=False)
class Day(SharedRepr):
    """A day the file fixes: a day off or a working day, its festival and notice."""

    workday: bool
    name: str
    notice: str


@attrs.frozen(repr=False)
class NoticeRecord(SharedRepr):
    doc_no: str
    title: str
    dated: dt.date | None = None
    sources: str = ""
    note: str = ""


@attrs.frozen(repr=False)
class YearFile(SharedRepr):
    year: int
    notices: tuple[NoticeRecord, ...]
    days: dict[dt.date, Day] = attrs.field(eq=False)
    partial: bool = False
    note: str = ""
    header: tuple[str, ...] = ()

    def with_changes(self, days: dict[dt.date, Day], notice: NoticeRecord, partial: bool) -> YearFile:
        notices = tuple(n for n in self.notices if n.doc_no != notice.doc_no) + (notice,)
        return attrs.evolve(self, notices=notices, days=days, partial=partial)


def read_year_file(path: Path) -> YearFile:
    """The file at ``path`` as data (the calendar loader has checked it already)."""
    doc = load_yaml(path)
    if not isinstance(doc, Map):
        doc = Map()
    notices = tuple(NoticeRecord(n["doc_no"], n["title"], n.get("dated"), str(n.get("sources", "") or ""),
                                 str(n.get("note", "") or ""))
                    for n in doc.get("notices") or () if isinstance(n, Map))
    days: dict[dt.date, Day] = {}
    for key, workday in (("days_off", False), ("working_days", True)):
        for e in doc.get(key) or ():
            if not isinstance(e, Map):
                continue
            a = e.get("date", e.get("from"))
            b = e.get("date", e.get("to"))
            d = a
            while isinstance(d, dt.date) and isinstance(b, dt.date) and d <= b:
                days[d] = Day(workday, str(e.get("name")), str(e.get("notice")))
                d += dt.timedelta(days=1)
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return YearFile(int(doc.get("year", 0)), notices, days, bool(doc.get("partial", False)),
                    str(doc.get("note", "") or ""), tuple(header))


def empty_year(year: int) -> YearFile:
    return YearFile(year, (), {}, False, "", ())


def render(yf: YearFile, *, national: bool) -> str:
    """The file's text: entries in date order, runs of consecutive days off of
    one festival and notice written as a ``from``/``to`` span."""
    out = list(yf.header) or _default_header(yf.year, national)
    out.append(f"year: {yf.year}")
    if yf.partial:
        out.append("partial: true    # only days fixed by another year's notice; this year's own notice is not imported yet")
    if yf.note:
        out.append(f"note: {_quote(yf.note)}")
    out.append("notices:")
    for n in yf.notices:
        out.append(f"  - doc_no: {n.doc_no}")
        out.append(f"    title: {n.title}")
        if n.dated:
            out.append(f"    dated: {n.dated.isoformat()}")
        if n.note:
            out.append(f"    note: {_quote(n.note)}")
        if n.sources:
            out.append(f"    sources: {_quote(n.sources)}")
    for key, workday, comment in (("days_off", False, "放假（不上班）的日子"),
                                  ("working_days", True, "调休上班的周末")):
        runs = _runs({d: v for d, v in yf.days.items() if v.workday == workday}, spans=not workday)
        if not runs:
            out.append(f"{key}: []")
            continue
        out.append(f"{key}:   # {comment}")
        for a, b, v in runs:
            when = f"date: {a.isoformat()}" if a == b else f"from: {a.isoformat()}, to: {b.isoformat()}"
            days = f"星期{_WEEKDAY_ZH[a.weekday()]}" + ("" if a == b else f"至星期{_WEEKDAY_ZH[b.weekday()]}")
            out.append(f"  - {{{when}, name: {v.name}, notice: {v.notice}}}  # {days}")
    return "\n".join(out) + "\n"


def _runs(days: dict[dt.date, Day], *, spans: bool) -> list[tuple[dt.date, dt.date, Day]]:
    runs: list[tuple[dt.date, dt.date, Day]] = []
    for d in sorted(days):
        v = days[d]
        if spans and runs and runs[-1][2] == v and runs[-1][1] + dt.timedelta(days=1) == d:
            runs[-1] = (runs[-1][0], d, v)
        else:
            runs.append((d, d, v))
    return runs


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _default_header(year: int, national: bool) -> list[str]:
    if national:
        return [f"# {year}年全国节假日安排（工作日历数据） / national working-day arrangement for {year}",
                "# 只列出与“周一至周五上班、周六周日休息”不同的日子：放假的工作日和调休上班的周末。",
                "# Only the days that differ from the Monday-Friday week: weekdays off and weekend days worked.",
                "# Written by `disclosure-rules calendar import` from the notices below."]
    return [f"# {year}年地方节假日安排 / regional arrangement for {year}",
            "# Written by `disclosure-rules calendar import` from the notices below."]


def year_files(folder: Path) -> dict[int, Path]:
    """The year files of a calendar folder, by year."""
    out = {}
    for p in sorted(folder.glob("*.yaml")):
        if p.stem.isdigit():
            out[int(p.stem)] = p
    return out


__all__ = ["Day", "NoticeRecord", "YearFile", "read_year_file", "empty_year", "render", "year_files"]
