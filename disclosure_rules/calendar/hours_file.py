"""Read and check an office-hours file (``calendars/hours/<name>.yaml``)::

    id: gansu-jinchang
    title: {zh: 金昌市机关办公时间, en: Jinchang office hours}
    calendar: cn
    assumption: {zh: ..., en: ...}     # what the sources leave open and the default chosen
    basis: [...]
    schedules:
      - periods: ["08:30-12:00", "14:30-18:00"]
        from: 2026-01-01                # optional: in force from / to (dates)
        to: null
        season: {from: "05-01", to: "09-30"}   # optional: every year between these days
        basis: {...}

Every mistake is a :class:`RuleFileError` with the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NoReturn

from ..errors import RuleFileError
from ..messages import message
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map, Seq
from .hours import OfficeHours, Schedule

SCHEMA = "office-hours"               # schemas/office-hours.schema.json
_TOP = {"id", "title", "calendar", "assumption", "basis", "schedules", "note"}
_SCHEDULE = {"periods", "from", "to", "season", "basis", "note"}
# Any: the values of a parsed file, arbitrary YAML data until checked here


def _fail(m: object, key: str | int, en: str, zh: str) -> NoReturn:
    line = m.line_of(key) if isinstance(m, Map) else \
        m.line_of(key) if isinstance(m, Seq) and isinstance(key, int) else None
    raise RuleFileError(getattr(m, "path", ""), line, en, zh)


def _text(m: Map, key: str) -> str:
    v = m.get(key)
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str):
        return f"{v['zh']} / {v['en']}"
    _fail(m, key, *message("hours.text", key=key))


def _minute(text: str, m: object, key: int) -> int:
    mt = re.fullmatch(r"([01]\d|2[0-4]):([0-5]\d)", text)
    if not mt or int(mt.group(1)) * 60 + int(mt.group(2)) > 24 * 60:
        _fail(m, key, *message("hours.not_a_time", text=text))
    return int(mt.group(1)) * 60 + int(mt.group(2))


def _periods(v: Any, m: Map) -> tuple[tuple[int, int], ...]:
    if not isinstance(v, list) or not v:
        _fail(m, "periods", *message("hours.no_periods"))
    out: list[tuple[int, int]] = []
    for i, p in enumerate(v):
        if not isinstance(p, str) or p.count("-") != 1:
            _fail(v, i, *message("hours.not_a_period", period=str(p)))
        a, b = (_minute(x.strip(), v, i) for x in p.split("-"))
        if b <= a or (out and a < out[-1][1]):
            _fail(v, i, *message("hours.period_order", period=p))
        out.append((a, b))
    return tuple(out)


def _date(v: Any, m: Map, key: str) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v
    _fail(m, key, *message("hours.not_a_date", key=key))


def _season(v: Any, m: Map) -> tuple[str, str] | None:
    if v is None:
        return None
    ok = isinstance(v, dict) and set(v) == {"from", "to"} and all(
        isinstance(v[k], str) and re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", v[k]) for k in v)
    if not ok:
        _fail(m, "season", *message("hours.season"))
    return (v["from"], v["to"])


def _schedule(s: Any, seq: Seq, i: int) -> Schedule:
    if not isinstance(s, Map):
        _fail(seq, i, *message("hours.schedule_block"))
    unknown = sorted(set(s) - _SCHEDULE)
    if unknown:
        _fail(s, unknown[0], *message("hours.schedule_key", key=unknown[0], allowed=sorted(_SCHEDULE)))
    sch = Schedule(_periods(s.get("periods"), s), parse_basis(s.get("basis"), s),
                   _date(s.get("from"), s, "from"), _date(s.get("to"), s, "to"), _season(s.get("season"), s),
                   seq.line_of(i))
    if sch.valid_from and sch.valid_to and sch.valid_to < sch.valid_from:
        _fail(s, "to", *message("hours.to_before_from"))
    return sch


def parse_hours(doc: object, path: Path) -> OfficeHours:
    """An :class:`OfficeHours` from a parsed file; the file name is its id."""
    if not isinstance(doc, Map):
        raise RuleFileError(path, 1, message("hours.file_block"))
    unknown = sorted(set(doc) - _TOP)
    if unknown:
        _fail(doc, unknown[0], *message("hours.key", key=unknown[0], allowed=sorted(_TOP)))
    if doc.get("id") != path.stem:
        _fail(doc, "id", *message("hours.id", name=path.stem))
    if not isinstance(doc.get("calendar"), str):
        _fail(doc, "calendar", *message("hours.calendar"))
    seq = doc.get("schedules")
    if not isinstance(seq, Seq) or not seq:
        _fail(doc, "schedules", *message("hours.schedules"))
    return OfficeHours(doc["id"], _text(doc, "title") or doc["id"], doc["calendar"],
                       tuple(_schedule(s, seq, i) for i, s in enumerate(seq)), parse_basis(doc.get("basis"), doc),
                       _text(doc, "assumption"), str(path))


def load_hours_file(path: Path) -> OfficeHours:
    """Read an office-hours file, checked against its schema, then for what a schema cannot say
    (the id is the file name, periods in order without overlap, ``to`` after ``from``)."""
    return parse_hours(read_checked(path, SCHEMA), path)
