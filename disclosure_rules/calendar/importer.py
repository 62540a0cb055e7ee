"""Import a holiday notice into a calendar's year files
(``disclosure-rules calendar import NOTICE.txt``).

The import reads the notice (:mod:`.notices`), checks it against itself and
the law (:mod:`.notice_checks`), works out what each year file would become
(:func:`plan_import`) and writes only when every check passed
(:func:`write_plan`).  What it does with the days:

* a yearly national notice fixes its days (spans as announced, weekends
  inside included); days it fixes in the year before (a make-up working day
  on 31 December) go into that year's file, created ``partial`` if missing;
* a supplement (调整……, 延长……, a one-off 纪念日 notice) amends the year: days
  whose status it changes, or adds, cite it; days it repeats keep the notice
  that first fixed them; ``延长……假期至B`` gives off the days up to B and
  cancels the make-up working days inside them;
* a regional notice (a calendar with ``extends``) keeps only the days that
  differ from its parent calendar: a regional day off on a national working
  day, a national make-up day given off, a weekend day made a working day;
* a year file that already holds other days for the same dates is a
  conflict (``--force`` replaces them), except for the amendments above.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs

from ..errors import DisclosureRulesError, InputError
from ..messages import Text, message
from ..reprs import SharedRepr
from ..yamlfile import Map, load_yaml
from .days import Calendar
from .files import load_calendar, search_path
from .notice_checks import check_notice, statements_by_day
from .notices import Notice, NoticeError, read_notice
from .yearfile import (
    Day,
    NoticeRecord,
    YearFile,
    empty_year,
    read_year_file,
    render,
    year_files,
)


@attrs.frozen(repr=False)
class Change(SharedRepr):
    """One day the import writes: what it was (None: nothing listed) and what it becomes."""

    date: dt.date
    before: Day | None
    after: Day
    kind: str            # new | rest (a weekend day off: no change) | same | amended | conflict


@attrs.frozen(repr=False)
class ImportPlan(SharedRepr):
    calendar: str
    folder: Path
    notice: Notice
    record: NoticeRecord
    files: dict[int, tuple[YearFile | None, YearFile]] = attrs.field(eq=False)
    changes: tuple[Change, ...]
    national: bool

    @property
    def conflicts(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "conflict")

    @property
    def unchanged(self) -> bool:
        return all(c.kind in ("same", "rest") for c in self.changes) and all(
            old is not None and old.partial == new.partial and {n.doc_no for n in old.notices} >= {self.record.doc_no}
            for old, new in self.files.values())


def plan_import(text: str, *, calendar: str = "cn", directory: str | Path = "calendars",
                doc_no: str | None = None, title: str | None = None, source: str | None = None,
                force: bool = False, path: str | None = None) -> ImportPlan:
    """Read and check the notice and work out every change; write nothing."""
    notice = read_notice(text, path=path, title=title)
    folder = _calendar_folder(Path(directory), calendar)
    meta = _meta(folder)
    national = meta.get("extends") is None
    # a national notice other than the yearly one (调整, 延长, a one-off 纪念日) amends its year
    notice = attrs.evolve(notice, amends=notice.amends or (national and not notice.yearly))
    weekend = _weekend(meta, folder)
    check_notice(notice, weekend=weekend, national=national, path=path)
    record = _record(notice, doc_no, title, source, path)
    wanted = _days_wanted(notice, record, folder, meta, national, weekend)
    files: dict[int, tuple[YearFile | None, YearFile]] = {}
    changes: list[Change] = []
    existing = year_files(folder) if folder.is_dir() else {}
    for year in sorted({d.year for d in wanted} | {notice.year}):
        old = read_year_file(existing[year]) if year in existing else None
        base = old or empty_year(year)
        days = dict(base.days)
        for d in sorted(x for x in wanted if x.year == year):
            change = _change(d, days.get(d), wanted[d], notice, record, force)
            changes.append(change)
            if change.kind != "same":
                days[d] = change.after
        if year != notice.year:
            partial = old.partial if old is not None else True
        else:
            partial = base.partial and notice.amends
        if old is None and year == notice.year and notice.amends and national:
            raise NoticeError(*message("importer.supplement_first", year=year, file=str(folder / f"{year}.yaml")),
                              path=path)
        files[year] = (old, base.with_changes(days, record, partial))
    return ImportPlan(calendar, folder, notice, record, files, tuple(changes), national)


def write_plan(plan: ImportPlan) -> list[Path]:
    """Write the year files of a plan that has no conflicts; return their paths."""
    if plan.conflicts:
        c = plan.conflicts[0]
        raise NoticeError(*message("importer.conflict", day=c.date, before=_day(c.before), after=_day(c.after),
                                   notice=c.before.notice if c.before else "-", count=len(plan.conflicts)))
    plan.folder.mkdir(parents=True, exist_ok=True)
    written = []
    for year, (_old, new) in sorted(plan.files.items()):
        target = plan.folder / f"{year}.yaml"
        target.write_text(render(new, national=plan.national), encoding="utf-8")
        written.append(target)
    return written


def _calendar_folder(directory: Path, calendar: str) -> Path:
    if not directory.is_dir():
        raise InputError(message("importer.no_folder", folder=str(directory)))
    if not calendar or any(c in calendar for c in "/\\") or calendar.startswith("."):
        raise InputError(message("calendar.files.not_a_name", name=str(calendar)))
    folder = directory / calendar
    if not (folder / "calendar.yaml").is_file():
        bundled = [p / calendar / "calendar.yaml" for p in search_path(None)]
        src = next((b for b in bundled if b.is_file()), None)
        if src is None:
            raise InputError(message("importer.no_calendar_file", folder=str(folder), calendar=calendar))
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, folder / "calendar.yaml")    # the layer's description, as bundled
    return folder


def _meta(folder: Path) -> Map:
    meta = load_yaml(folder / "calendar.yaml")
    return meta if isinstance(meta, Map) else Map()


def _weekend(meta: Map, folder: Path) -> frozenset[int]:
    if meta.get("extends") is None:
        names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        return frozenset(names.index(w) for w in meta.get("weekend", ["saturday", "sunday"]))
    return _parent(meta, folder).weekend


def _parent(meta: Map, folder: Path) -> Calendar:
    return load_calendar(meta["extends"], search_path=[folder.parent])


def _record(notice: Notice, doc_no: str | None, title: str | None, source: str | None, path: str | None) -> NoticeRecord:
    if doc_no and notice.doc_no and doc_no != notice.doc_no:
        raise NoticeError(*message("importer.doc_no_differs", given=doc_no, found=notice.doc_no),
                          line=notice.doc_no_line, path=path)
    number = doc_no or notice.doc_no
    if not number:
        raise NoticeError(*message("importer.no_doc_no"), path=path)
    name = title or notice.title
    if not name:
        raise NoticeError(*message("importer.no_title"), path=path)
    note = "" if notice.dated else "date of issue not in the text"
    return NoticeRecord(number, name, notice.dated, source or "", note)


def _days_wanted(notice: Notice, record: NoticeRecord, folder: Path, meta: Map, national: bool,
                 weekend: frozenset[int]) -> dict[dt.date, Day]:
    by_day = statements_by_day(notice)
    wanted = {d: Day(w, name, record.doc_no) for d, (w, name, _line) in by_day.items()}
    for item in notice.items:
        if item.extends_to is not None:
            wanted.update(_extension(item.festival, item.extends_to.date, folder, notice, record))
    if national:
        return wanted
    parent = _parent(meta, folder)
    out = {}
    for d, day in wanted.items():
        if not parent.covers(d):
            raise NoticeError(*message("importer.parent_uncovered", parent=parent.id, day=d))
        if parent.is_workday(d) != day.workday:
            out[d] = day
    return out


def _extension(festival: str, last: dt.date, folder: Path, notice: Notice, record: NoticeRecord) -> dict[dt.date, Day]:
    """延长……假期至B: the days after the festival's last day off up to B."""
    files = year_files(folder)
    if last.year not in files:
        raise NoticeError(*message("importer.extension_year", festival=festival, year=last.year))
    days = read_year_file(files[last.year]).days
    off = sorted(d for d, v in days.items() if not v.workday and v.name == festival and d <= last)
    if not off:
        raise NoticeError(*message("importer.extension_nothing", festival=festival, year=last.year))
    name = f"{festival}假期延长"
    out = {}
    d = off[-1] + dt.timedelta(days=1)
    while d <= last:
        out[d] = Day(False, name, record.doc_no)
        d += dt.timedelta(days=1)
    return out


def _change(d: dt.date, before: Day | None, after: Day, notice: Notice, record: NoticeRecord, force: bool) -> Change:
    """What the import does to one day (see the module docstring)."""
    if before is None:
        # a weekend day inside an announced span is a rest day anyway: listed, but no change
        return Change(d, None, after, "rest" if not after.workday and d.weekday() >= 5 else "new")
    if before == after:
        return Change(d, before, after, "same")
    if notice.amends and before.notice != record.doc_no:
        if before.workday == after.workday:
            return Change(d, before, before, "same")         # repeated: keeps the notice that fixed it
        return Change(d, before, after, "amended")
    return Change(d, before, after, "amended" if force else "conflict")


def _day(day: Day | None) -> Text:
    if day is None:
        return message("importer.day.nothing")
    return message("importer.day.working") if day.workday else message("importer.day.off", name=day.name)


def working_days_of(folder: Path, calendar: str, years: range) -> dict[int, int]:
    """Working days per year of the calendar in ``folder``; years the folder
    does not cover are taken from the bundled calendar of the same id, when
    there is one (so a new year is always shown beside the years before)."""
    out: dict[int, int] = {}
    for search in ([folder.parent], None):
        try:
            cal = load_calendar(calendar, search_path=search)
        except DisclosureRulesError:
            continue
        for y in years:
            a, b = dt.date(y - 1, 12, 31), dt.date(y, 12, 31)
            if y in out or not (cal.covers(a + dt.timedelta(days=1)) and cal.covers(b)) or cal.is_estimated(b):
                continue
            try:
                out[y] = cal.count(a, b)
            except DisclosureRulesError:
                continue
    return dict(sorted(out.items()))
