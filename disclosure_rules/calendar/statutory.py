"""The statutory holidays of the whole population (全体公民放假的节日).

全国年节及纪念日放假办法 Art. 2 lists them; its text changed twice in the
years the calendar covers (the 2007 text for 2008-2013: 春节 = 除夕、初一、
初二; the 2013 text for 2014-2024: 初一至初三; the 2024 text from 2025: 春节
除夕至初三 and 劳动节 5月1日、2日).  The texts, their dates of force and
each festival's days are data in ``calendars/statutory.yaml``; the lunar
dates and 清明 are computed here from the Chinese lunisolar calendar of the
``holidays`` package, never typed per year.

``statutory_days(year)`` gives the days of the text in force on 1 January
of ``year`` (each text came into force on a 1 January).  A yearly notice
must give every one of them off; :mod:`.estimate` builds the unpublished
years around them.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from ..data import data_dir
from ..errors import InputError, RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map, Seq

# a value read from the YAML file, not yet checked (the checks below narrow it)
YamlValue: TypeAlias = Any

SCHEMA = "statutory-holidays"         # schemas/statutory-holidays.schema.json
_LUNAR_MONTHS = (1, 5, 8)        # the months whose festivals the lunisolar tables give


@attrs.frozen(repr=False)
class StatutoryDay(SharedRepr):
    """One statutory holiday: its date, festival (元旦 ... 国庆节, as in the
    calendar files), the article it comes from and, in ``label``, which day
    of the festival it is (农历除夕, 正月初一, 5月2日 ...)."""

    date: dt.date
    festival: str
    basis: str
    label: str = ""


@attrs.frozen(repr=False)
class _DaySpec(SharedRepr):
    kind: str                      # solar | lunar | lunar_eve | solar_term
    month: int = 0
    day: int = 0
    line: int = 0

    def label(self) -> str:
        if self.kind == "solar":
            return f"{self.month}月{self.day}日"
        if self.kind == "lunar_eve":
            return "农历除夕"
        if self.kind == "solar_term":
            return "清明当日"
        names = {1: "正月", 5: "五月", 8: "八月"}
        return f"{names[self.month]}{_lunar_day_name(self.day)}"


@attrs.frozen(repr=False)
class StatutoryText(SharedRepr):
    """One version of Art. 2: in force from ``start`` to ``end`` (inclusive, None = open)."""

    version: str
    basis: str
    start: dt.date
    end: dt.date | None
    festivals: tuple[tuple[str, str, tuple[_DaySpec, ...]], ...]     # (festival, text, days)
    path: str = ""

    def covers(self, d: dt.date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def statutory_file() -> Path:
    return data_dir("calendars") / "statutory.yaml"


def statutory_days(year: int) -> tuple[StatutoryDay, ...]:
    """The statutory holidays of ``year``, in date order, under the text of
    全国年节及纪念日放假办法 in force that year.  Raises ``InputError`` for a
    year no text in the data governs (before 2008)."""
    return _days(year, str(statutory_file()))


def text_in_force(year: int, path: str | Path | None = None) -> StatutoryText:
    """The version of Art. 2 in force on 1 January of ``year``."""
    texts = load_texts(str(path or statutory_file()))
    for t in texts:
        if t.covers(dt.date(year, 1, 1)):
            return t
    first = min(t.start for t in texts)
    raise InputError(message("statutory.no_text", year=year, first=first))


@functools.lru_cache(maxsize=256)
def _days(year: int, path: str) -> tuple[StatutoryDay, ...]:
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError(message("statutory.year_not_whole"))
    text = text_in_force(year, path)
    out = []
    for festival, _, specs in text.festivals:
        for s in specs:
            out.append(StatutoryDay(_resolve(s, year), festival, text.basis, s.label()))
    return tuple(sorted(out, key=lambda d: d.date))


def _resolve(s: _DaySpec, year: int) -> dt.date:
    from holidays.calendars.chinese import _ChineseLunisolar

    lunisolar = _ChineseLunisolar()
    if s.kind == "solar":
        return dt.date(year, s.month, s.day)
    if s.kind == "solar_term":
        return lunisolar.qingming_date(year)[0]
    if s.kind == "lunar_eve":
        return lunar_new_years_eve(year)
    anchor: Callable[[int], tuple[dt.date | None, bool]]
    anchor, anchor_day = {1: (lunisolar.lunar_new_year_date, 1), 5: (lunisolar.dragon_boat_date, 5),
                          8: (lunisolar.mid_autumn_date, 15)}[s.month]
    return _lunisolar_date(anchor, year) + dt.timedelta(days=s.day - anchor_day)


def lunar_new_years_eve(year: int) -> dt.date:
    """农历除夕 of ``year``: the day before 正月初一."""
    from holidays.calendars.chinese import _ChineseLunisolar

    return _lunisolar_date(_ChineseLunisolar().lunar_new_year_date, year) - dt.timedelta(days=1)


def _lunisolar_date(anchor: Callable[[int], tuple[dt.date | None, bool]], year: int) -> dt.date:
    base = anchor(year)[0]
    if base is None:
        raise InputError(message("statutory.no_lunar_date", year=year))
    return base


@functools.lru_cache(maxsize=8)
def load_texts(path: str) -> tuple[StatutoryText, ...]:
    """Read and check ``statutory.yaml``; every mistake names file and line."""
    doc = read_checked(Path(path), SCHEMA)      # the shapes; the checks below add the meaning
    if not isinstance(doc, Map) or not isinstance(doc.get("texts"), Seq) or not doc["texts"]:
        raise RuleFileError(path, getattr(doc, "line", 1), message("statutory.no_texts"))
    if doc.get("basis") is not None:         # the article that lists the holidays (optional)
        parse_basis(doc["basis"], doc)
    texts = [_text(t, doc["texts"].line_of(i), path) for i, t in enumerate(doc["texts"])]
    # the line of each text's in_force, to point at the later of two texts that do not follow each other
    lines = {id(t): doc["texts"][i].line_of("in_force") for i, t in enumerate(texts)}
    texts.sort(key=lambda t: t.start)
    for a, b in itertools.pairwise(texts):
        if a.end is None or (b.start - a.end).days != 1:      # (no date arithmetic past 9999-12-31)
            raise RuleFileError(path, lines[id(b)], message("statutory.texts_gap", first=a.version, first_start=a.start,
                                                            first_end=a.end, second=b.version, start=b.start))
    return tuple(texts)


def _text(t: YamlValue, line: int, path: str) -> StatutoryText:
    if not isinstance(t, Map):
        raise RuleFileError(path, line, message("statutory.text_parts"))
    for key in ("version", "basis"):
        if not isinstance(t.get(key), str) or not t[key]:
            raise RuleFileError(path, t.line_of(key), message("statutory.text_key", key=key))
    force = t.get("in_force")
    if not isinstance(force, Map) or not isinstance(force.get("from"), dt.date):
        raise RuleFileError(path, t.line_of("in_force"), message("statutory.in_force_from"))
    start, end = force["from"], force.get("to")
    if end is not None and (not isinstance(end, dt.date) or end < start):
        raise RuleFileError(path, force.line_of("to"), message("statutory.in_force_to"))
    if (start.month, start.day) != (1, 1):
        raise RuleFileError(path, force.line_of("from"), message("statutory.whole_years"))
    fests = t.get("festivals")
    if not isinstance(fests, Seq) or not fests:
        raise RuleFileError(path, t.line_of("festivals"), message("statutory.no_festivals"))
    out = []
    for i, f in enumerate(fests):
        fl = fests.line_of(i)
        if not isinstance(f, Map) or not isinstance(f.get("festival"), str) or not isinstance(f.get("days"), Seq):
            raise RuleFileError(path, fl, message("statutory.festival_parts"))
        specs = tuple(_spec(s, f["days"].line_of(j), path) for j, s in enumerate(f["days"]))
        out.append((f["festival"], str(f.get("text", "")), specs))
    return StatutoryText(t["version"], t["basis"], start, end, tuple(out), path)


def _spec(s: YamlValue, line: int, path: str) -> _DaySpec:
    if not isinstance(s, Map) or len(s) != 1:
        raise RuleFileError(path, line, message("statutory.day_kinds"))
    (kind, v), = s.items()
    if kind == "lunar_eve" and v is True:
        return _DaySpec("lunar_eve", line=line)
    if kind == "solar_term" and v == "清明":
        return _DaySpec("solar_term", line=line)
    if kind in ("solar", "lunar") and isinstance(v, Map) and isinstance(v.get("month"), int) \
            and isinstance(v.get("day"), int):
        m, d = v["month"], v["day"]
        if kind == "solar":
            try:
                dt.date(2000, m, d)
            except (ValueError, OverflowError):       # 13-1, or a month past any C integer
                raise RuleFileError(path, line, message("statutory.not_a_day", month=m, day=d)) from None
        elif m not in _LUNAR_MONTHS or not 1 <= d <= 29:
            raise RuleFileError(path, line, message("statutory.lunar_day"))
        return _DaySpec(kind, m, d, line)
    raise RuleFileError(path, line, message("statutory.day_form", kind=kind))


def _lunar_day_name(d: int) -> str:
    digits = "一二三四五六七八九十"
    if d <= 10:
        return "初" + digits[d - 1]
    if d < 20:
        return "十" + digits[d - 11]
    if d == 20:
        return "二十"
    return "廿" + digits[d - 21]
