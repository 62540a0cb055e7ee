"""Load and check calendar data: ``calendars/<id>/calendar.yaml`` plus one
file per year.

A national calendar lists, per year, the notices and the deviations from
the Monday-Friday week.  A regional layer (``extends: cn``) adds or cancels
days on top of its parent (全国年节及纪念日放假办法 Art. 4) and must name its
own legal basis.  A calendar covers exactly the years that have a file (for
a layer: the parent's years that the layer also covers, or that fall before
its ``adds_nothing_before``); a year missing between two covered years is a
gap, and any answer that needs a day in it raises ``CalendarCoverageError``.
Every mistake is reported with the file and line in English and Chinese.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import NoReturn, TypeAlias

from ..data import data_dir
from ..data.digest import sha256
from ..errors import InputError, RuleFileError, UnknownNameError
from ..jsondata import JSON
from ..messages import Text, message
from ..yamlfile import Map, Seq, load_yaml
from .days import Calendar, DayInfo, Notice

#: extra folders holding ``<id>/calendar.yaml``: one folder, several, or none
SearchPath: TypeAlias = "str | PathLike[str] | Iterable[str | PathLike[str]] | None"

_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}


def bundled_calendars_dir() -> Path:
    return data_dir("calendars")


def available_calendars(search_path: SearchPath = None) -> list[str]:
    """Ids of the calendars found on the search path (bundled data last)."""
    ids: set[str] = set()
    for root in _search_path(search_path):
        if root.is_dir():
            ids.update(p.parent.name for p in root.glob("*/calendar.yaml"))
    return sorted(ids)


def load_calendar(name: str = "cn", *, search_path: SearchPath = None,
                  estimate_until: int | None = None) -> Calendar:
    """Load calendar ``name`` (``cn``, ``cn-gx``, ...) with its parent layers.

    ``search_path``: extra folders holding ``<id>/calendar.yaml``, searched
    before the bundled data.  ``estimate_until``: a year; the years after the
    last published arrangement up to it get the most likely arrangement under
    the published principles (:mod:`.estimate`), the calendar carries the two
    extreme calendars of the family in ``.estimate`` (a :class:`.estimate.Bounds`),
    and every answer that touches them is marked provisional.  Without it,
    those years are not covered and asking about them raises
    ``CalendarCoverageError``.
    """
    dirs = tuple(str(p) for p in _search_path(search_path))
    if search_path is None:
        return _load_bundled(name, estimate_until)
    return _load(name, dirs, estimate_until)


@functools.lru_cache(maxsize=32)
def _load_bundled(name: str, estimate_until: int | None) -> Calendar:
    # bundled data is read-only package data: loading it once per process is safe
    return _load(name, tuple(str(p) for p in _search_path(None)), estimate_until)


def search_path(extra: SearchPath = None) -> list[Path]:
    """The folders searched for calendars: ``extra`` (one or several), then the bundled data."""
    return _search_path(extra)


def _search_path(extra: SearchPath) -> list[Path]:
    paths: list[Path] = []
    if extra:
        if isinstance(extra, (str, PathLike)):
            extra = [extra]
        paths.extend(Path(p) for p in extra)
    paths.append(bundled_calendars_dir())
    return paths


def warn_from(name: str, search_path: SearchPath = None) -> tuple[int, int] | None:
    """The day of the year (month, day) from which ``check`` warns that the
    calendar lacks next year's data (``warn_from: "11-01"`` in calendar.yaml)."""
    folder = _find(name, tuple(str(p) for p in _search_path(search_path)))
    meta = load_yaml(folder / "calendar.yaml")
    value = meta.get("warn_from") if isinstance(meta, Map) else None
    if value is None:
        return None
    try:
        month, day = (int(x) for x in str(value).split("-"))
        dt.date(2000, month, day)
    except ValueError:
        raise RuleFileError(folder / "calendar.yaml", meta.line_of("warn_from"),
                            message("calendar.files.warn_from", value=str(value))) from None
    return month, day


def _find(name: str, dirs: Iterable[str]) -> Path:
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise UnknownNameError(message("calendar.files.not_a_name", name=str(name)))
    for root in dirs:
        p = Path(root) / name / "calendar.yaml"
        if p.is_file():
            return p.parent
    known = ", ".join(available_calendars([d for d in dirs]))
    raise UnknownNameError(message("calendar.files.unknown", name=name, known=known))


class _Layer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.meta_path = folder / "calendar.yaml"
        self.meta = load_yaml(self.meta_path)
        self.hash = sha256()
        self.hash.update(self.meta_path.read_bytes())
        self._check_head()
        self.id = self.meta["id"]
        self.extends = self.meta.get("extends")
        if self.extends is None:
            self.weekend = self._weekend()
        else:
            self._check_regional()
        self.adds_nothing_before = self._adds_nothing_before()
        self.years: dict[int, tuple[Path, Map]] = self._year_files()

    def _check_head(self) -> None:
        """The calendar file is a map with the folder's id and a title."""
        if not isinstance(self.meta, Map):
            raise RuleFileError(self.meta_path, 1, message("calendar.files.not_a_block"))
        _require(self.meta, self.meta_path, "id", str, "calendar.files.what.id")
        name = self.folder.name
        if self.meta["id"] != name:
            _fail(self.meta, "id", message("calendar.files.id_not_folder", id=self.meta["id"], folder=name))
        _require(self.meta, self.meta_path, "title", (Map, str), "calendar.files.what.title")

    def _weekend(self) -> frozenset[int]:
        """The weekly rest days of a national calendar."""
        wk = self.meta.get("weekend", ["saturday", "sunday"])
        if not isinstance(wk, list) or any(w not in _WEEKDAYS for w in wk):
            _fail(self.meta, "weekend", message("calendar.files.weekend"))
        return frozenset(_WEEKDAYS[w] for w in wk)

    def _check_regional(self) -> None:
        """A regional layer names the calendar it extends and states its legal basis."""
        if not isinstance(self.extends, str):
            _fail(self.meta, "extends", message("calendar.files.extends"))
        if not self.meta.get("basis"):
            raise RuleFileError(self.meta_path, self.meta.line,
                                message("calendar.files.layer_basis"))

    def _adds_nothing_before(self) -> dt.date | None:
        anb = self.meta.get("adds_nothing_before")
        if anb is not None and not isinstance(anb, dt.date):
            _fail(self.meta, "adds_nothing_before", message("calendar.files.adds_nothing_before"))
        return anb

    def _year_files(self) -> dict[int, tuple[Path, Map]]:
        """The layer's year files by year (each year in one file only)."""
        years: dict[int, tuple[Path, Map]] = {}
        for p in sorted(self.folder.glob("*.yaml")):
            if p.name == "calendar.yaml":
                continue
            doc = load_yaml(p)
            self.hash.update(p.read_bytes())
            if not isinstance(doc, Map) or not isinstance(doc.get("year"), int):
                raise RuleFileError(p, getattr(doc, "line", 1), message("calendar.files.year_head"))
            y = doc["year"]
            if y in years:
                raise RuleFileError(p, doc.line_of("year"), message("calendar.files.year_twice", year=y,
                                                                    file=years[y][0].name))
            years[y] = (p, doc)
        return years


def _fail(m: Map, key: str, words: Text) -> NoReturn:
    raise RuleFileError(m.path, m.line_of(key), words)


def _require(m: Map, path: Path, key: str, types: type | tuple[type, ...], what: str) -> None:
    """``key`` holds one of ``types``; else the error says what it is (message ``what``, worded only then)."""
    if key not in m or not isinstance(m[key], types):
        raise RuleFileError(path, m.line_of(key) if key in m else m.line,
                            message("calendar.files.required", key=key, what=message(what)))


def _title(meta: Map) -> str:
    t = meta["title"]
    return t.get("zh") or t.get("en") or "" if isinstance(t, Map) else t


def _entries(doc: Map, path: Path, key: str, year: int,
             notices: set[str]) -> Iterator[tuple[dt.date, str, str, int]]:
    """Yield (date, name, notice) for each entry of days_off / working_days."""
    items = doc.get(key)
    if items is None or items == []:
        return
    if not isinstance(items, Seq):
        _fail(doc, key, message("calendar.files.not_a_list", key=key))
    for i, e in enumerate(items):
        line = items.line_of(i)
        name, notice = _entry_source(e, path, line, notices)
        a, b = _entry_span(e, path, line, year)
        d = a
        while d <= b:
            yield d, name, notice, line
            d += dt.timedelta(days=1)


def _entry_source(e: JSON, path: Path, line: int, notices: set[str]) -> tuple[str, str]:
    """An entry's festival name and the notice (文号) it comes from, one of the year's notices."""
    if not isinstance(e, Map):
        raise RuleFileError(path, line, message("calendar.files.entry_parts"))
    name, notice = e.get("name"), e.get("notice")
    if not isinstance(name, str) or not name:
        raise RuleFileError(path, line, message("calendar.files.entry_name"))
    if not isinstance(notice, str) or notice not in notices:
        raise RuleFileError(path, line,
                            message("calendar.files.entry_notice", notice=str(notice), known=sorted(notices)))
    return name, notice


def _entry_span(e: Map, path: Path, line: int, year: int) -> tuple[dt.date, dt.date]:
    """An entry's first and last day ('date', or 'from' and 'to'), both in the file's year."""
    if "date" in e:
        a = b = e["date"]
    elif "from" in e and "to" in e:
        a, b = e["from"], e["to"]
    else:
        raise RuleFileError(path, line, message("calendar.files.entry_dates"))
    if not isinstance(a, dt.date) or not isinstance(b, dt.date) or isinstance(a, dt.datetime):
        raise RuleFileError(path, line, message("calendar.files.date_form"))
    if a > b:
        raise RuleFileError(path, line, message("calendar.files.from_after_to", start=a, end=b))
    if a.year != year or b.year != year:
        raise RuleFileError(path, line, message("calendar.files.other_year", day=a if a.year != year else b,
                                                year=year))
    return a, b


def _chain(name: str, dirs: tuple[str, ...]) -> list[_Layer]:
    """The calendar's layers, national first, then the regional layers that extend it."""
    chain: list[_Layer] = []
    seen: set[str] = set()
    folder = _find(name, dirs)
    while True:
        layer = _Layer(folder)
        if layer.id in seen:
            raise RuleFileError(layer.meta_path, layer.meta.line_of("extends"),
                                message("calendar.files.circle", chain=" -> ".join(seen)))
        seen.add(layer.id)
        chain.append(layer)
        if layer.extends is None:
            break
        folder = _find(layer.extends, dirs)
    chain.reverse()                                  # national first, then regional layers
    return chain


def _covered_years(layer: _Layer, years: set[int] | None) -> set[int]:
    """The years covered by the layers so far with this one on top (none left is an error)."""
    # a partial file holds only days another year's notice fixed in it: its year is not covered
    own = {y for y, (_p, doc) in layer.years.items() if doc.get("partial") is not True}
    if layer.adds_nothing_before is not None and years is not None:
        own |= {y for y in years if dt.date(y, 12, 31) < layer.adds_nothing_before}
    layer_years = own if years is None else own & years
    if not layer_years:
        raise RuleFileError(layer.meta_path, layer.meta.line,
                            message("calendar.files.layer_no_year"))
    return layer_years


def _layer_notices(layer: _Layer, notices: list[Notice]) -> set[str]:
    """Append the layer's notices to ``notices``; return their 文号 (doc_no)."""
    known: set[str] = set()       # a day may cite any notice of the layer (2005-12-31: the 2006 notice)
    for y in sorted(layer.years):
        path, doc = layer.years[y]
        nlist = doc.get("notices")
        if not isinstance(nlist, Seq) or not nlist:
            raise RuleFileError(path, doc.line_of("notices"),
                                message("calendar.files.no_notices"))
        for i, n in enumerate(nlist):
            if not isinstance(n, Map) or not isinstance(n.get("doc_no"), str) or not isinstance(n.get("title"), str):
                raise RuleFileError(path, nlist.line_of(i), message("calendar.files.notice_parts"))
            dated = n.get("dated")
            if dated is not None and not isinstance(dated, dt.date):
                raise RuleFileError(path, n.line_of("dated"), message("calendar.files.dated"))
            known.add(n["doc_no"])
            notices.append(Notice(n["doc_no"], n["title"], dated, layer.id,
                                  str(n.get("sources", "")), str(n.get("note", ""))))
    return known


def _year_deviations(layer: _Layer, y: int, known: set[str], weekend: frozenset[int],
                     deviations: dict[dt.date, DayInfo]) -> None:
    """Record one year file's days off and make-up working days in ``deviations`` (a later layer wins)."""
    path, doc = layer.years[y]
    listed: dict[dt.date, int] = {}
    for key, workday in (("days_off", False), ("working_days", True)):
        for d, nm, no, line in _entries(doc, path, key, y, known):
            if d in listed:
                raise RuleFileError(path, line, message("calendar.files.twice", day=d, other=listed[d]))
            listed[d] = line
            before = deviations.get(d)
            rest_before = (not before.workday) if before else d.weekday() in weekend
            if workday and not rest_before:
                raise RuleFileError(path, line,
                                    message("calendar.files.already_working", day=d))
            deviations[d] = DayInfo(d, workday, "make_up_workday" if workday else "day_off",
                                    nm, no, layer.id)
    _check_year_keys(doc)


def _check_year_keys(doc: Map) -> None:
    for key in doc:
        if key not in ("year", "notices", "days_off", "working_days", "note", "partial"):
            _fail(doc, key, message("calendar.files.unknown_key", key=key))
    if doc.get("partial", False) not in (True, False):
        _fail(doc, "partial", message("calendar.files.partial"))


def _load(name: str, dirs: tuple[str, ...], estimate_until: int | None) -> Calendar:
    chain = _chain(name, dirs)
    weekend = chain[0].weekend
    deviations: dict[dt.date, DayInfo] = {}
    notices: list[Notice] = []
    years: set[int] | None = None
    digest = sha256()
    for layer in chain:
        digest.update(layer.hash.digest())
        years = _covered_years(layer, years)
        known = _layer_notices(layer, notices)
        for y in sorted(layer.years):
            _year_deviations(layer, y, known, weekend, deviations)
    assert years is not None                         # a chain has at least its national layer
    first, last = min(years), max(years)
    gaps = tuple((dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(first, last + 1) if y not in years)
    top = chain[-1]
    cal = Calendar(id=top.id, title=_title(top.meta), first_day=dt.date(first, 1, 1), last_day=dt.date(last, 12, 31),
                   official_last_day=dt.date(last, 12, 31), weekend=weekend, deviations=deviations,
                   notices=tuple(notices), layers=tuple(layer.id for layer in chain), gaps=gaps,
                   data_version=digest.hexdigest()[:16])
    return _with_estimate(cal, last, estimate_until)


def _with_estimate(cal: Calendar, last: int, estimate_until: int | None) -> Calendar:
    """The calendar, extended with flagged estimates up to ``estimate_until`` (at most 10 years on)."""
    if estimate_until is None:
        return cal
    if not isinstance(estimate_until, int) or isinstance(estimate_until, bool) or estimate_until > last + 10:
        raise InputError(message("calendar.files.estimate_until", year=last + 10))
    if estimate_until > last:
        from .estimate import estimated_calendars
        cal = estimated_calendars(cal, estimate_until)
    return cal
