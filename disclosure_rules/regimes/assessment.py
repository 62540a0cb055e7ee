"""Read and check an assessment file (``rules/<folder>/assessment.yaml``).

Two methods, both data:

* ``rates``: indicators over the cases of one or more regimes, each the
  share of the cases that ``of`` selects that ``counts`` holds for (business-
  rules conditions over the facts of each case's result: ``STAGE_present``,
  ``STAGE_late``, ``STAGE_status``, ``has_EVENT`` and the case's fields),
  with points, exclusions, capped bonus and deduction items entered as facts,
  and an annual formula (monthly average plus annual items);
* ``score_sheet``: a unit's item scores, capped bonus events, deduction
  events within a range, vetoes and grade bands.

Every mistake is a :class:`RuleFileError` with file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypedDict

import attrs

from ..basis import Basis
from ..calendar.worktime import SearchPath
from ..errors import RuleFileError, UnknownNameError
from ..messages import Text as Words
from ..messages import message
from ..reprs import SharedRepr
from ..rulebook import Text, bundled_rules_dir
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map
from .blocks import bilingual, check_keys, did_you_mean, fail, known
from .conditions import conditions, field_facts
from .files import find_regime, parameters
from .model import Conditions, Parameter, Regime

# Any: the blocks and values of the parsed assessment file, arbitrary YAML data until checked here

SCHEMA = "assessment"                 # schemas/assessment.schema.json
# the parameters the scoring of a rates assessment reads (scoring.py), by name
RATES_PARAMETERS = ("points_formula", "empty_indicator")


@attrs.frozen(repr=False)
class Item(SharedRepr):
    key: str
    title: Text
    max: float | None = None
    points_each: float | None = None


@attrs.frozen(repr=False)
class Capped(SharedRepr):
    cap: float | None
    items: dict[str, Item]
    basis: tuple[Basis, ...]
    each_min: float | None = None
    each_max: float | None = None


@attrs.frozen(repr=False)
class Indicator(SharedRepr):
    key: str
    title: Text
    points: int
    cases: str                           # regime id
    of: Conditions
    counts: Conditions
    basis: tuple[Basis, ...]
    note: Text | None = None


Exclusion = tuple[str, Conditions, Text, tuple[Basis, ...]]      # (code, conditions, title, basis)
Grade = tuple[Text, float, tuple[Basis, ...]]                     # (grade, min score, basis)


class _RatesParts(TypedDict):
    cases: dict[str, tuple[dict[str, Any], tuple[Basis, ...]]]
    exclusions: tuple[Exclusion, ...]
    indicators: tuple[Indicator, ...]
    annual: Capped | None


class _SheetParts(TypedDict):
    grades: tuple[Grade, ...]
    vetoes: dict[str, tuple[Text, tuple[Basis, ...]]]
    total_max: float | None


@attrs.frozen(repr=False)
class Assessment(SharedRepr):
    id: str
    title: Text
    method: str                          # rates | score_sheet
    group_by: str
    basis: tuple[Basis, ...]
    parameters: dict[str, Parameter]
    cases: dict[str, tuple[dict[str, Any], tuple[Basis, ...]]] = attrs.field(factory=dict)  # id -> (month_of, basis)
    exclusions: tuple[Exclusion, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    bonus: Capped | None = None
    deductions: Capped | None = None
    annual: Capped | None = None
    vetoes: dict[str, tuple[Text, tuple[Basis, ...]]] = attrs.field(factory=dict)    # code -> (title, basis)
    grades: tuple[Grade, ...] = ()                  # highest first
    total_max: float | None = None
    path: str = ""


def case_facts(regime: Regime) -> dict[str, str]:
    """The facts of a case's result that conditions of an assessment may use (name -> kind)."""
    out = field_facts(regime.fields)
    for s in regime.stages:
        out.update({f"{s.key}_present": "boolean", f"{s.key}_late": "boolean", f"{s.key}_status": "string"})
    out.update({f"has_{e}": "boolean" for e in regime.events})
    return out


def _capped(m: Map, key: str, per_event: bool = False) -> Capped | None:
    c = m.get(key)
    if c is None:
        return None
    check_keys(c, {"cap", "basis", "items", "each_min", "each_max"}, Words(key, key))
    items: dict[str, Item] = {}
    for k, it in (c.get("items") or {}).items():
        check_keys(it, {"max", "points_each", "title"}, message("assessment.what.item", key=key, item=k))
        items[k] = Item(k, bilingual(it.get("title", k), it, "title"), it.get("max"), it.get("points_each"))
    return Capped(c.get("cap"), items, parse_basis(c.get("basis"), c), c.get("each_min"), c.get("each_max"))


def _check_month_of(mo: dict[str, Any], rid: str, r: Regime) -> None:
    """``month_of`` names an event, a field or a stage of the regime it assigns to a month."""
    (kind, name), = mo.items()
    names = {"event": r.events, "field": r.fields, "due_of": [s.key for s in r.stages]}[kind]
    if not known(name, names):
        fail(mo, kind, message("assessment.month_of_unknown", regime=rid, kind=kind, name=str(name),
                               hint=did_you_mean(str(name), names)))


def _rates(doc: Map, a: Map, params: dict[str, Parameter], search_path: SearchPath) -> _RatesParts:
    regimes: dict[str, Regime] = {}
    cases: dict[str, tuple[dict[str, Any], tuple[Basis, ...]]] = {}
    for rid, spec in (doc.get("cases") or {}).items():
        check_keys(spec, {"month_of", "basis"}, message("assessment.what.cases", id=rid))
        try:
            regimes[rid] = find_regime(rid, search_path)
        except UnknownNameError as exc:
            fail(doc["cases"], rid, Words(exc.message, exc.message_zh))
        mo = spec.get("month_of")
        if not isinstance(mo, dict) or len(mo) != 1 or next(iter(mo)) not in ("event", "field", "due_of"):
            fail(spec, "month_of", message("assessment.month_of"))
        _check_month_of(mo, rid, regimes[rid])
        cases[rid] = (dict(mo), parse_basis(spec.get("basis"), spec))
    if not cases:
        fail(doc, "assessment", message("assessment.no_cases"))
    facts_all: dict[str, str] = {}
    for r in regimes.values():
        facts_all.update(case_facts(r))
    excl: list[Exclusion] = []
    for code, e in (doc.get("exclusions") or {}).items():
        check_keys(e, {"when", "title", "basis"}, message("assessment.what.exclusion", code=code))
        excl.append((code, conditions(e.get("when"), facts_all, params, code),
                     bilingual(e.get("title", code), e, "title"), parse_basis(e.get("basis"), e)))
    inds: list[Indicator] = []
    for k, i in (doc.get("indicators") or {}).items():
        check_keys(i, {"title", "points", "cases", "of", "counts", "basis", "note"},
                   message("assessment.what.indicator", key=k))
        if not known(i.get("cases"), regimes):
            fail(i, "cases", message("assessment.indicator_cases", key=k, known=list(regimes)))
        facts = case_facts(regimes[i["cases"]])
        if not isinstance(i.get("points"), (int, float)):
            fail(i, "points", message("assessment.indicator_points", key=k))
        inds.append(Indicator(k, bilingual(i.get("title", k), i, "title"), i["points"], i["cases"],
                              conditions(i.get("of"), facts, params, k), conditions(i.get("counts"), facts, params, k),
                              parse_basis(i.get("basis"), i),
                              bilingual(i["note"], i, "note") if i.get("note") else None))
    return _RatesParts(cases=cases, exclusions=tuple(excl), indicators=tuple(inds), annual=_capped(doc, "annual"))


def _score_sheet(doc: Map) -> _SheetParts:
    grades: list[Grade] = []
    for g in doc.get("grades") or []:
        check_keys(g, {"grade", "min", "basis"}, message("assessment.what.grade"))
        grades.append((bilingual(g.get("grade"), g, "grade"), g.get("min"), parse_basis(g.get("basis"), g)))
    if not grades or sorted(grades, key=lambda x: -x[1]) != grades:
        fail(doc, "grades", message("assessment.grades_order"))
    vetoes: dict[str, tuple[Text, tuple[Basis, ...]]] = {}
    for code, v in (doc.get("vetoes") or {}).items():
        check_keys(v, {"title", "basis"}, message("assessment.what.veto", code=code))
        vetoes[code] = (bilingual(v.get("title", code), v, "title"), parse_basis(v.get("basis"), v))
    return _SheetParts(grades=tuple(grades), vetoes=vetoes, total_max=(doc.get("total") or {}).get("max"))


def load_assessment_file(path: str | Path, search_path: SearchPath = None) -> Assessment:
    path = Path(path)
    doc = read_checked(path, SCHEMA)           # the shapes; the checks below add the meaning
    if not isinstance(doc, Map) or not isinstance(doc.get("assessment"), Map):
        raise RuleFileError(path, 1, message("assessment.block"))
    check_keys(doc, {"assessment", "cases", "parameters", "exclusions", "indicators", "bonus", "deductions", "annual",
                "vetoes", "grades", "total"}, Words("assessment.yaml", "assessment.yaml"))
    head = doc["assessment"]
    check_keys(head, {"id", "title", "method", "group_by", "basis"}, message("assessment.what.head"))
    if not known(head.get("method"), ("rates", "score_sheet")):
        fail(head, "method", message("assessment.method"))
    params = parameters(doc)
    if head["method"] == "rates":
        for k in params:
            if k not in RATES_PARAMETERS:
                fail(doc["parameters"], k, message("assessment.rates_unknown_param", key=k,
                                                   hint=did_you_mean(k, RATES_PARAMETERS), reads=list(RATES_PARAMETERS)))
        for k in RATES_PARAMETERS:          # each a choice the document leaves open: stated with its reason
            if k not in params:
                fail(doc, "parameters" if "parameters" in doc else "assessment",
                     message("assessment.rates_needs_param", key=k))
    extra = _rates(doc, head, params, search_path) if head["method"] == "rates" else _score_sheet(doc)
    return Assessment(str(head.get("id")), bilingual(head.get("title", head.get("id")), head, "title"), head["method"],
                      str(head.get("group_by", "unit")), parse_basis(head.get("basis"), head), params,
                      bonus=_capped(doc, "bonus"), deductions=_capped(doc, "deductions"), path=str(path), **extra)


def assessments(search_path: str | Path | None = None) -> list[Assessment]:
    roots = [Path(search_path)] if search_path else []
    out: list[Assessment] = []
    for root in [*roots, bundled_rules_dir()]:
        for p in sorted(root.rglob("assessment.yaml")) if root.is_dir() else ():
            out.append(load_assessment_file(p, search_path))
    return out


def find_assessment(aid: str, search_path: str | Path | None = None) -> Assessment:
    for a in assessments(search_path):
        if a.id == aid:
            return a
    known = ", ".join(a.id for a in assessments(search_path))
    raise UnknownNameError(message("assessment.unknown", name=aid, known=known))
