"""Loading the report-checking rule files of ``rules/annual-report-2021/``:
``sections.yaml`` (how a report is read), ``phrases.yaml`` (text against tables),
``checks.yaml`` (each check, its severity and basis) and ``deadlines.yaml``
(Art. 49 and local layers).  All loading for this package is here, in one place.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from ..rulebook import bundled_rules_dir
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map, Seq

SEVERITIES = ("error", "warning", "info")
# the JSON Schema of each file (schemas/<name>.schema.json): the shapes, checked first; the checks
# below add what a schema cannot say (a check defined once, every basis citing an article or section)
SCHEMAS = {"sections.yaml": "report-sections", "phrases.yaml": "report-phrases", "checks.yaml": "report-checks",
           "deadlines.yaml": "report-deadlines"}

# The rule files as parsed (Map, Seq, scalars) are arbitrary data: typed Any until a loader
# has checked the key it reads.
Parsed = Any


@attrs.frozen(repr=False)
class Check(SharedRepr):
    id: str
    section: str
    severity: str
    basis: tuple[Basis, ...]
    zh: str
    en: str
    info_within: float | None = None


@attrs.frozen(repr=False)
class Reading(SharedRepr):
    cells: str
    zh: str
    en: str


@attrs.frozen(repr=False)
class Figure(SharedRepr):
    id: str
    zh: str
    unit: str
    say: tuple[str, ...]
    readings: tuple[Reading, ...]
    about: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    topic: str | None = None
    in_sections: tuple[str, ...] = ("一", "六")


@attrs.frozen(repr=False)
class Deadline(SharedRepr):
    agency_kind: str
    by: str                     # MM-DD in the year after the report year
    basis: tuple[Basis, ...]


@attrs.frozen(repr=False)
class ReportRules(SharedRepr):
    sections: Map               # the parsed sections.yaml
    checks: dict[str, Check]    # id -> Check
    figures: tuple[Figure, ...]
    aliases: dict[str, Parsed]  # column alias -> the columns it adds up
    topics: dict[str, Parsed]   # topic -> its words
    deadlines: dict[str | None, tuple[Deadline, ...]]      # None (national) or local name -> deadlines
    overview_max: dict[str, tuple[int, tuple[Basis, ...]]]  # local name -> (int, basis)
    words: dict[str, dict[str, Parsed]] = attrs.field(factory=dict)   # phrases.yaml rates / growth / itemised

    def check(self, rule: str) -> Check:
        return self.checks[rule]


def _missing(doc: object, key: str, path: Path) -> NoReturn:
    line = doc.line_of(key) if isinstance(doc, Map) else doc.line if isinstance(doc, Seq) else None
    raise RuleFileError(path, line, message("published.rules_key", key=key))


def _need(doc: Parsed, key: str, path: Path, kind: type | None = None) -> Parsed:
    if not isinstance(doc, dict) or key not in doc or (kind and not isinstance(doc[key], kind)):
        _missing(doc, key, path)
    return doc[key]


def _document(path: Path, key: str) -> Map:
    """The parsed file, which must be a mapping (else the error of its missing ``key``)."""
    return read_checked(path, SCHEMAS[path.name])


def _checks(path: Path) -> dict[str, Check]:
    doc = _document(path, "checks")
    out: dict[str, Check] = {}
    for item in _need(doc, "checks", path, list):
        for k in ("id", "section", "severity", "zh", "en"):
            _need(item, k, path)
        if item["severity"] not in SEVERITIES:
            raise RuleFileError(path, item.line_of("severity"), message("published.severity", known=list(SEVERITIES)))
        if item["id"] in out:
            raise RuleFileError(path, item.line, message("published.check_twice", id=str(item["id"])))
        out[item["id"]] = Check(item["id"], str(item["section"]), item["severity"], parse_basis(item.get("basis"), item),
                                item["zh"], item["en"], item.get("info_within"))
    return out


def _figures(path: Path) -> tuple[tuple[Figure, ...], dict[str, Parsed], dict[str, Parsed],
                                  dict[str, dict[str, Parsed]]]:
    doc = _document(path, "figures")
    parse_basis(doc.get("basis"), doc)
    figs = []
    for f in _need(doc, "figures", path, list):
        for k in ("id", "unit", "say", "readings"):
            _need(f, k, path)
        readings = tuple(Reading(str(_need(r, "cells", path)), r.get("zh", ""), r.get("en", "")) for r in f["readings"])
        figs.append(Figure(f["id"], f.get("zh", f["id"]), f["unit"], tuple(f["say"]), readings,
                           tuple(f.get("about") or ()), tuple(f.get("not") or ()), f.get("topic"),
                           tuple(str(x) for x in f.get("in") or ("一", "六"))))
    words: dict[str, dict[str, Parsed]] = {}
    for key, fields in (("rates", ("before",)), ("growth", ("rise", "fall")),
                        ("itemised", ("marker", "part_of_an_item", "units"))):
        block = _need(doc, key, path, dict)
        words[key] = {f: _need(block, f, path) for f in fields}
    return tuple(figs), dict(doc.get("aliases") or {}), dict(doc.get("topics") or {}), words


def _deadlines(path: Path) -> tuple[dict[str | None, tuple[Deadline, ...]], dict[str, tuple[int, tuple[Basis, ...]]]]:
    doc = _document(path, "national")

    def layer(items: Iterable[Parsed]) -> tuple[Deadline, ...]:
        return tuple(Deadline(_need(d, "agency_kind", path), str(_need(d, "by", path)), parse_basis(d.get("basis"), d))
                     for d in items if isinstance(d, Map))
    out: dict[str | None, tuple[Deadline, ...]] = {None: layer(_need(doc, "national", path, list))}
    maxes: dict[str, tuple[int, tuple[Basis, ...]]] = {}
    for name, loc in (doc.get("local") or {}).items():
        out[name] = layer(loc.get("deadlines", []) if isinstance(loc, dict) else loc)
    for name, loc in (doc.get("local") or {}).items():
        if isinstance(loc, dict) and "overview_max_chars" in loc:
            m = loc["overview_max_chars"]
            maxes[name] = (int(_need(m, "value", path)), parse_basis(m.get("basis"), m))
    return out, maxes


def load_report_rules(folder: str | os.PathLike[str] | None = None) -> ReportRules:
    return _bundled() if folder is None else _load(Path(folder))


@functools.lru_cache(maxsize=1)
def _bundled() -> ReportRules:
    return _load(bundled_rules_dir() / "annual-report-2021")


def _load(folder: Path) -> ReportRules:
    sections = _document(folder / "sections.yaml", "sections")
    parse_basis(sections.get("basis"), sections)
    for key in ("sections", "section_two", "section_three_rows", "section_three_groups", "section_four"):
        _need(sections, key, folder / "sections.yaml")
    figures, aliases, topics, words = _figures(folder / "phrases.yaml")
    deadlines, maxes = _deadlines(folder / "deadlines.yaml")
    return ReportRules(sections, _checks(folder / "checks.yaml"), figures, aliases, topics, deadlines, maxes, words)
