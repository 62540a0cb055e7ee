"""The arrangement principles (放假调休原则) as data: ``calendars/principles.yaml``.

The yearly notices follow published principles (国办发明电〔2024〕12号 for
2025 on; 全国年节及纪念日放假办法 Art. 6 and 7).  This module reads them into
values; :mod:`.estimate` turns them into the family of arrangements a year
may get.  Every mistake in the file is reported with its line.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from ..data import data_dir
from ..data.digest import sha256
from ..errors import InputError, RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from ..rulefiles.cache import read_checked
from ..yamlfile import Map, Seq

# a value read from the YAML file, not yet checked (the checks below narrow it)
YamlValue: TypeAlias = Any
MonthDay: TypeAlias = tuple[int, int]
# (length of the block, the offsets from the anchor it may start at, or None for any)
Shape: TypeAlias = tuple[int, tuple[int, ...] | None]

SCHEMA = "arrangement-principles"     # schemas/arrangement-principles.schema.json
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}


@attrs.frozen(repr=False)
class Merge(SharedRepr):
    festival: str             # the festival joined (中秋节)
    name: str                 # the merged block's name (国庆节、中秋节)
    length: int
    always: tuple[MonthDay, MonthDay]          # joined when the festival falls in it
    maybe: tuple[MonthDay, MonthDay] | None    # joined or not: the family holds both


@attrs.frozen(repr=False)
class FestivalRule(SharedRepr):
    festival: str
    shapes: tuple[Shape, ...]
    anchor: str = "first"                       # first | 除夕 | MM-DD
    alone_on: frozenset[int] = frozenset()      # weekdays (Monday 0)
    with_weekend: bool = False
    merge: Merge | None = None


@attrs.frozen(repr=False)
class Principles(SharedRepr):
    start: dt.date
    basis: tuple[str, ...]                      # "instrument Art.: text", each
    max_consecutive_workdays: int
    weekends_each_side: int
    festivals: tuple[FestivalRule, ...]
    path: str = ""
    digest: str = ""

    def rule(self, festival: str) -> FestivalRule | None:
        return next((f for f in self.festivals if f.festival == festival), None)

    def citation(self) -> str:
        return "；".join(b.split("：")[0] for b in self.basis)


def principles_file() -> Path:
    return data_dir("calendars") / "principles.yaml"


def principles_for(year: int, path: str | Path | None = None) -> Principles:
    """The principles in force for ``year`` (the latest set starting on or before 1 January)."""
    sets = load_principles(str(path or principles_file()))
    found = [p for p in sets if p.start <= dt.date(year, 1, 1)]
    if not found:
        raise InputError(message("principles.none", year=year, path=str(sets[0].path), start=sets[0].start.isoformat()))
    return found[-1]


@functools.lru_cache(maxsize=8)
def load_principles(path: str) -> tuple[Principles, ...]:
    doc = read_checked(Path(path), SCHEMA)      # the shapes; the checks below add the meaning
    digest = sha256(Path(path).read_bytes()).hexdigest()[:16]
    if not isinstance(doc, Map) or not isinstance(doc.get("principles"), Seq) or not doc["principles"]:
        raise RuleFileError(path, getattr(doc, "line", 1), message("principles.no_list"))
    out = [_set(p, doc["principles"].line_of(i), path, digest) for i, p in enumerate(doc["principles"])]
    return tuple(sorted(out, key=lambda p: p.start))


def _need(cond: object, path: str, line: int | None, en: str, zh: str) -> None:
    if not cond:
        raise RuleFileError(path, line, en, zh)


def _set(p: YamlValue, line: int, path: str, digest: str) -> Principles:
    _need(isinstance(p, Map), path, line, *message("principles.not_a_block"))
    _need(isinstance(p.get("from"), dt.date), path, p.line_of("from"), *message("principles.from"))
    basis = p.get("basis")
    _need(isinstance(basis, Seq) and basis and all(isinstance(b, Map) and isinstance(b.get("instrument"), str)
                                                  and isinstance(b.get("text"), str) for b in basis),
          path, p.line_of("basis"), *message("principles.basis"))
    cites = tuple(f"{b['instrument']}" + (f"第{b['article']}条" if b.get("article") else "") + f"：{b['text']}"
                  for b in basis)
    for key in ("max_consecutive_workdays", "weekends_each_side"):
        _need(isinstance(p.get(key), int) and p[key] > 0, path, p.line_of(key), *message("principles.positive", key=key))
    fests = p.get("festivals")
    _need(isinstance(fests, Seq) and fests, path, p.line_of("festivals"), *message("principles.no_festivals"))
    rules = tuple(_festival(f, fests.line_of(i), path) for i, f in enumerate(fests))
    return Principles(p["from"], cites, p["max_consecutive_workdays"], p["weekends_each_side"], rules, path, digest)


def _ints(v: YamlValue, path: str, line: int | None, what: str) -> tuple[int, ...]:
    _need(isinstance(v, list) and v and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
          path, line, *message("principles.ints", key=what))
    return tuple(v)


def _festival(f: YamlValue, line: int, path: str) -> FestivalRule:
    _need(isinstance(f, Map) and isinstance(f.get("festival"), str), path, line,
          *message("principles.festival_parts"))
    shapes = _shapes(f, path)
    anchor = f.get("anchor", "first")
    _need(anchor in ("first", "除夕") or _month_day(anchor) is not None, path, f.line_of("anchor"),
          *message("principles.anchor"))
    alone = f.get("alone_on", [])
    _need(isinstance(alone, list) and all(a in _WEEKDAYS for a in alone), path, f.line_of("alone_on"),
          *message("principles.alone_on"))
    merge = f.get("merge")
    if merge is not None:
        merge = _merge(merge, f.line_of("merge"), path)
    return FestivalRule(f["festival"], shapes, anchor, frozenset(_WEEKDAYS[a] for a in alone),
                        bool(f.get("with_weekend", False)), merge)


def _shapes(f: Map, path: str) -> tuple[Shape, ...]:
    """``lengths`` (+ ``start_offsets``) or ``shapes: [{length, start_offsets}]``."""
    if "shapes" in f:
        items = f["shapes"]
        _need(isinstance(items, Seq) and items and all(isinstance(s, Map) for s in items), path,
              f.line_of("shapes"), *message("principles.shapes"))
        raw = [(s.get("length"), s.get("start_offsets"), s, items.line_of(i)) for i, s in enumerate(items)]
    else:
        lengths = _ints(f.get("lengths"), path, f.line_of("lengths"), "lengths")
        raw = [(n, f.get("start_offsets"), f, f.line_of("lengths")) for n in lengths]
    out = []
    for n, offsets, m, line in raw:
        _need(isinstance(n, int) and 0 < n <= 15, path, line, *message("principles.length"))
        if offsets is not None:
            offsets = _ints(offsets, path, m.line_of("start_offsets"), "start_offsets")
        out.append((n, offsets))
    return tuple(out)


def _merge(m: YamlValue, line: int | None, path: str) -> Merge:
    _need(isinstance(m, Map) and isinstance(m.get("festival"), str) and isinstance(m.get("length"), int)
          and isinstance(m.get("always"), Map), path, line,
          *message("principles.merge"))

    def span(v: YamlValue, key: str) -> tuple[MonthDay, MonthDay]:
        a, b = _month_day(v.get("from")), _month_day(v.get("to"))
        if a is None or b is None:
            raise RuleFileError(path, m.line_of(key), message("principles.from_to", key=key))
        return a, b
    maybe = span(m["maybe"], "maybe") if m.get("maybe") is not None else None
    return Merge(m["festival"], str(m.get("name", m["festival"])), m["length"], span(m["always"], "always"), maybe)


def _month_day(v: object) -> MonthDay | None:
    if not isinstance(v, str) or len(v) != 5 or v[2] != "-":
        return None
    try:
        m, d = int(v[:2]), int(v[3:])
        dt.date(2000, m, d)
    except ValueError:
        return None
    return m, d
