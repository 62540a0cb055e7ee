"""Compute an assessment: ``(assessment, cases and facts, month or year) -> table``.

``rates``: every case is evaluated on its regime (as of the end of the month
unless told), assigned to the month of its ``month_of`` moment (Art. 34 of
the hotline Measures: the month it was archived), excluded with the reason
when an exclusion holds, and counted per unit; each indicator gives
points = rate x weight (parameter ``points_formula``).  ``score_sheet``: the
item scores, bonus (capped), deductions (each within its range), total
(capped), grade band, vetoes.  Amounts are ``Decimal``, rounded to 0.01.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict, cast

import attrs

from ..basis import cite_all
from ..calendar.worktime import SearchPath
from ..errors import CaseError
from ..messages import message
from ..reprs import SharedRepr
from ..rulebook import Text
from .assessment import Assessment, Capped, Exclusion
from .engine import holds
from .files import find_regime
from .model import Regime
from .order import Order, parse_order
from .periods import Moment
from .result import RegimeResult

Q = Decimal("0.01")

# Any: the records of the input file (plain dicts of YAML or JSON data) and parameter values
Evaluate = Callable[[dict[str, Any], Moment], RegimeResult]       # regimes.evaluate(case, as_of)
Excluded = tuple[str, str, str]                                   # (case id, code, reason)


class _UnitCases(TypedDict):
    cases: list[tuple[str, dict[str, object], dict[str, str]]]    # (regime id, facts, kinds)
    excluded: list[Excluded]


def _d(x: object) -> Decimal:
    return Decimal(str(x)).quantize(Q, ROUND_HALF_UP)


@attrs.frozen(repr=False)
class UnitScore(SharedRepr):
    unit: str
    cells: dict[str, Any]          # indicator -> {"of", "counts", "rate", "points"}, or item -> score
    base: Decimal
    bonus: Decimal
    deductions: Decimal
    score: Decimal
    excluded: tuple[Excluded, ...] = ()
    grade: str | None = None
    vetoed: tuple[str, ...] = ()
    trace: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "indicators": self.cells, "base": str(self.base), "bonus": str(self.bonus),
                "deductions": str(self.deductions), "score": str(self.score), "grade": self.grade,
                "vetoes": list(self.vetoed), "excluded": [{"id": i, "code": c, "reason": r} for i, c, r in self.excluded],
                "trace": list(self.trace)}


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    try:
        y, m = (int(x) for x in month.split("-"))
        first = dt.date(y, m, 1)
    except (ValueError, TypeError):
        raise CaseError(message("scoring.not_a_month", month=str(month))) from None
    return first, dt.date(y, m, _cal.monthrange(y, m)[1])


def _facts(regime: Regime, order: Order, res: RegimeResult) -> dict[str, object]:
    by = {s.stage: s for s in res.stages}
    out: dict[str, object] = {
        k: order.fields.get(k, False if regime.fields[k].type == "flag" else 0 if regime.fields[k].type == "number"
                            else "")
        for k in regime.fields if regime.fields[k].type in ("choice", "text", "number", "flag")}
    for s in regime.stages:
        r = by.get(s.key)
        out.update({f"{s.key}_present": r is not None, f"{s.key}_late": bool(r and r.late),
                    f"{s.key}_status": r.status if r else ""})
    kinds = {e.type for e in order.events}
    out.update({f"has_{e}": e in kinds for e in regime.events})
    return out


def _moments(order: Order) -> list[dt.date]:
    """The dates of an order's events and time fields (it is evaluated no earlier than the last)."""
    ts = [e.at for e in order.events] + [v for v in order.fields.values() if isinstance(v, dt.date)]
    return [t.date() if isinstance(t, dt.datetime) else t for t in ts]


def _month_of(anchor: dict[str, Any], order: Order, res: RegimeResult | None) -> dt.date | None:
    kind, name = next(iter(anchor.items()))
    t: dt.date | None
    if kind == "event":
        e = next((e for e in order.events if e.type == name), None)
        t = e.at if e else None
    elif kind == "field":
        t = order.fields.get(name)
    else:
        # due_of: called with the result only (the other anchors are read before evaluating)
        s = next((s for s in cast(RegimeResult, res).stages if s.stage == name), None)
        t = dt.date.fromisoformat(s.due[:10]) if s else None
    return None if t is None else (t.date() if isinstance(t, dt.datetime) else t)


def _capped_total(spec: Capped | None, given: Mapping[str, Any], what: str, unit: str) -> tuple[Decimal, list[str]]:
    if spec is None or not given:
        return Decimal("0.00"), []
    total, trace = Decimal(0), list[str]()
    for k, v in given.items():
        item = spec.items.get(k)
        if item is None:
            raise CaseError(message("scoring.unknown_item", unit=unit, what=what, key=k, known=list(spec.items)))
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0 or (item.max is not None and v > item.max):
            raise CaseError(message("scoring.item_range", unit=unit, what=what, key=k, max=item.max, value=v))
        total += Decimal(str(v))
    capped = min(total, Decimal(str(spec.cap))) if spec.cap is not None else total
    trace.append(f"{what} {total} (cap {spec.cap}) -> {capped} [{cite_all(spec.basis, 'en')}]")
    return _d(capped), trace


_FACTS_KEYS = {"facts", "unit", "month", "year", "bonus", "deductions", "annual"}


def _stage_clock(params: Mapping[str, Any] | None, search_path: SearchPath) -> Evaluate:
    """The default evaluation of a case: the regimes' stage clock, with the assessment's parameters."""
    from . import evaluate as regime_evaluate  # the package imports this module: imported when used

    return lambda case, as_of: regime_evaluate(case, as_of, params=params, search_path=search_path)


def _collect(a: Assessment, items: Iterable[dict[str, Any]], first: dt.date, last: dt.date, as_of: Moment | None,
             params: Mapping[str, Any] | None, search_path: SearchPath, evaluate: Evaluate | None,
             ) -> tuple[dict[str, _UnitCases], dict[str, list[dict[str, Any]]]]:
    """The included and excluded cases per unit, and the facts records per unit, for one month."""
    units: dict[str, _UnitCases] = {}
    facts_by_unit: dict[str, list[dict[str, Any]]] = {}
    month = first.strftime("%Y-%m")
    run = evaluate if evaluate is not None else _stage_clock(params, search_path)
    for d in items:
        if "facts" in d:
            unknown = sorted(set(d) - _FACTS_KEYS)
            if unknown:
                raise CaseError(message("scoring.facts_key", unit=str(d.get("unit")), key=unknown[0],
                                        allowed=sorted(_FACTS_KEYS)))
            if d.get("facts") == a.id and d.get("month") == month:
                facts_by_unit.setdefault(str(d.get("unit")), []).append(d)
            continue
        if d.get("regime") not in a.cases:
            raise CaseError(message("scoring.regime_not_counted", id=str(d.get("id")), regime=str(d.get("regime")),
                                    assessment=a.id, counted=list(a.cases)))
        regime = find_regime(d["regime"], search_path)
        order = parse_order(regime, d)
        anchor = a.cases[regime.id][0]
        if "due_of" not in anchor:            # the month is known before evaluating: skip the others cheaply
            day = _month_of(anchor, order, None)
            if day is None or not (first <= day <= last):
                continue
        res = run(d, as_of or max([last, *_moments(order)]))
        day = _month_of(anchor, order, res)
        if day is None or not (first <= day <= last):
            continue
        u = units.setdefault(order.unit or "-", _UnitCases(cases=[], excluded=[]))
        f = _facts(regime, order, res)
        kinds = {k: ("boolean" if isinstance(v, bool) else "numeric" if isinstance(v, (int, float)) else "string")
                 for k, v in f.items()}
        hit: Exclusion | None = next(
            (x for x in a.exclusions if _names(x[1]) <= set(f) and holds(a_resolve(a, x[1], params), f, kinds)), None)
        if hit:
            u["excluded"].append((order.id, hit[0], f"{hit[2].zh} ({cite_all(hit[3], 'zh')})"))
        else:
            u["cases"].append((regime.id, f, kinds))
    return units, facts_by_unit


def assess_month(a: Assessment, items: list[dict[str, Any]], month: str, *, as_of: Moment | None = None,
                 params: Mapping[str, Any] | None = None, search_path: SearchPath = None,
                 evaluate: Evaluate | None = None) -> list[UnitScore]:
    """Per-unit rows of a ``rates`` assessment for ``month`` (YYYY-MM)."""
    first, last = month_bounds(month)
    given = params or {}
    for k in given:
        if k not in a.parameters:
            raise CaseError(message("scoring.no_parameter", assessment=a.id, key=k))
    formula = given.get("points_formula", a.parameters["points_formula"].value
                        if "points_formula" in a.parameters else "proportional")
    empty = given.get("empty_indicator", a.parameters["empty_indicator"].value
                      if "empty_indicator" in a.parameters else "full")
    units, facts_by_unit = _collect(a, items, first, last, as_of, params, search_path, evaluate)
    rows = []
    for unit in sorted(set(units) | set(facts_by_unit)):
        u = units.get(unit, _UnitCases(cases=[], excluded=[]))
        cells: dict[str, Any] = {}
        base, trace = Decimal(0), list[str]()
        for ind in a.indicators:
            of, counts = a_resolve(a, ind.of, params), a_resolve(a, ind.counts, params)
            sel = [(f, k) for rid, f, k in u["cases"] if rid == ind.cases and holds(of, f, k)]
            n = sum(1 for f, k in sel if holds(counts, f, k))
            if not sel:
                pts = Decimal(ind.points) if empty == "full" else Decimal(0)
                rate: Decimal | None = None
            else:
                rate = Decimal(n) / Decimal(len(sel))
                pts = Decimal(ind.points) * rate if formula == "proportional" else \
                    (Decimal(ind.points) if n == len(sel) else Decimal(0))
            cells[ind.key] = {"of": len(sel), "counts": n, "rate": None if rate is None else str(_d(rate * 100)),
                              "points": str(_d(pts)), "max": ind.points}
            base += _d(pts)
            trace.append(f"{ind.key}: {n}/{len(sel)} -> {_d(pts)} of {ind.points} [{cite_all(ind.basis, 'en')}]")
        bonus = deductions = Decimal("0.00")
        for rec in facts_by_unit.get(unit, []):
            b, t1 = _capped_total(a.bonus, rec.get("bonus") or {}, "bonus", unit)
            dd, t2 = _capped_total(a.deductions, rec.get("deductions") or {}, "deduction", unit)
            bonus, deductions, trace = bonus + b, deductions + dd, trace + t1 + t2
        rows.append(UnitScore(unit, cells, _d(base), bonus, deductions, _d(base + bonus - deductions),
                              tuple(u["excluded"]), trace=tuple(trace)))
    return rows


def _names(conditions: object) -> set[str]:
    """The fact names a condition tree uses (an exclusion applies to the cases that have them all)."""
    if isinstance(conditions, dict):
        if "name" in conditions:
            return {conditions["name"]}
        return set[str]().union(*(_names(c) for v in conditions.values() for c in v))
    return set()


def a_resolve(a: Assessment, conditions: Any, params: Mapping[str, Any] | None) -> Any:
    """Conditions with parameter references replaced (assessments share the regimes' ParamRef)."""
    from .model import ParamRef
    if isinstance(conditions, ParamRef):
        return (params or {}).get(conditions.name, a.parameters[conditions.name].value)
    if isinstance(conditions, dict):
        return {k: a_resolve(a, v, params) for k, v in conditions.items()}
    if isinstance(conditions, list):
        return [a_resolve(a, v, params) for v in conditions]
    return conditions


def assess_year(a: Assessment, items: list[dict[str, Any]], year: int, *, as_of: Moment | None = None,
                params: Mapping[str, Any] | None = None, search_path: SearchPath = None,
                evaluate: Evaluate | None = None) -> list[dict[str, Any]]:
    """Art. 36(3)-style annual rows: sum of monthly scores / months assessed + annual items."""
    months: dict[str, list[tuple[str, Decimal]]] = {}
    for m in range(1, 13):
        for row in assess_month(a, items, f"{year}-{m:02d}", as_of=as_of, params=params, search_path=search_path,
                                evaluate=evaluate):
            months.setdefault(row.unit, []).append((f"{year}-{m:02d}", row.score))
    annual = {str(d.get("unit")): d.get("annual") or {} for d in items
              if d.get("facts") == a.id and str(d.get("year")) == str(year)}
    out: list[dict[str, Any]] = []
    for unit in sorted(set(months) | set(annual)):
        ms = months.get(unit, [])
        avg = _d(sum(s for _, s in ms) / len(ms)) if ms else Decimal("0.00")
        items_total, trace = _capped_total(a.annual, annual.get(unit) or {}, "annual", unit)
        out.append({"unit": unit, "months": {m: str(s) for m, s in ms}, "months_assessed": len(ms),
                    "monthly_average": str(avg), "annual_items": str(items_total), "score": str(_d(avg + items_total)),
                    "basis": cite_all(a.annual.basis if a.annual else a.basis, "zh"), "trace": trace})
    return out


def assess_sheet(a: Assessment, units: list[dict[str, Any]]) -> list[UnitScore]:
    """Rows of a ``score_sheet`` assessment: one per unit record
    ``{unit, items: {name: score}, bonus: {item: count}, deductions: [points, ...], vetoes: [code]}``."""
    rows = []
    for d in units:
        unit = str(d.get("unit"))
        unknown = sorted(set(d) - {"assessment", "unit", "items", "bonus", "deductions", "vetoes"})
        if unknown:
            raise CaseError(message("scoring.unit_key", unit=unit, key=unknown[0]))
        scores = _item_scores(d, unit)
        base = _d(sum(Decimal(str(v)) for v in scores.values()))
        trace = [f"items {base} [{cite_all(a.basis, 'en')}]"]
        capped_bonus, t1 = _sheet_bonus(a, d, unit)
        ded, t2 = _sheet_deductions(a, d, unit)
        trace += t1 + t2
        total = base + capped_bonus
        if a.total_max is not None and total > Decimal(str(a.total_max)):
            trace.append(f"total {total} capped at {a.total_max}")
            total = Decimal(str(a.total_max))
        total = _d(total - ded)
        vetoed = tuple(d.get("vetoes") or ())
        grade = _grade(a, total, vetoed, unit, trace)
        rows.append(UnitScore(unit, {k: str(v) for k, v in scores.items()}, base, _d(capped_bonus), _d(ded), total,
                              grade=grade.zh, vetoed=vetoed, trace=tuple(trace)))
    # equal scores: the unit with a bonus ranks first (the OGI assessment rules, Art. 13)
    return sorted(rows, key=lambda r: (-r.score, -(r.bonus > 0), r.unit))


def _item_scores(d: dict[str, Any], unit: str) -> dict[str, Any]:
    """A unit record's item scores (item -> a number)."""
    scores = d.get("items") or {}
    if not isinstance(scores, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                               for v in scores.values()):
        raise CaseError(message("scoring.items", unit=unit))
    return scores


def _sheet_bonus(a: Assessment, d: dict[str, Any], unit: str) -> tuple[Decimal, list[str]]:
    """The bonus of a unit record (item -> count), within the cap."""
    bonus = Decimal(0)
    for k, count in (d.get("bonus") or {}).items():
        item = a.bonus.items.get(k) if a.bonus else None
        if item is None or not isinstance(count, int) or count < 0:
            raise CaseError(message("scoring.bonus", unit=unit, key=k))
        bonus += Decimal(str(item.points_each or 0)) * count if item.points_each else Decimal(str(count))
    spec = a.bonus
    if spec is None:                        # no bonus items: nothing was counted
        return bonus, []
    capped_bonus = min(bonus, Decimal(str(spec.cap))) if spec.cap is not None else bonus
    trace = [f"bonus {bonus} (cap {spec.cap}) -> {capped_bonus} [{cite_all(spec.basis, 'en')}]"] if bonus else []
    return capped_bonus, trace


def _sheet_deductions(a: Assessment, d: dict[str, Any], unit: str) -> tuple[Decimal, list[str]]:
    """The deductions of a unit record, each within the range the assessment allows."""
    ded = Decimal(0)
    trace: list[str] = []
    deductions = d.get("deductions") or []
    if not deductions:
        return ded, trace
    spec = a.deductions
    if spec is None or spec.each_min is None or spec.each_max is None:
        raise CaseError(message("scoring.no_deductions", unit=unit, assessment=a.id))
    if not isinstance(deductions, list):
        raise CaseError(message("scoring.deductions_list", unit=unit, value=repr(deductions)))
    for i, pts in enumerate(deductions):
        lo, hi = float(spec.each_min), float(spec.each_max)
        if not isinstance(pts, (int, float)) or isinstance(pts, bool) or pts < lo or pts > hi:
            raise CaseError(message("scoring.deduction_range", unit=unit, n=i + 1, low=lo, high=hi, value=pts))
        ded += Decimal(str(pts))
    if ded:
        trace.append(f"deductions {ded} [{cite_all(spec.basis, 'en')}]")
    return ded, trace


def _grade(a: Assessment, total: Decimal, vetoed: tuple[str, ...], unit: str, trace: list[str]) -> Text:
    """The grade band of ``total`` (the lowest when a veto applies); the step is added to ``trace``."""
    for v in vetoed:
        if v not in a.vetoes:
            raise CaseError(message("scoring.veto", unit=unit, veto=v, known=list(a.vetoes)))
    grade, gbasis = next(((g, b) for g, m, b in a.grades if total >= Decimal(str(m))),
                         (a.grades[-1][0], a.grades[-1][2]))
    if vetoed:
        grade, gbasis = a.grades[-1][0], a.vetoes[vetoed[0]][1]
        trace.append(f"veto {', '.join(vetoed)} -> {grade.en} [{cite_all(gbasis, 'en')}]")
    else:
        trace.append(f"{total} -> {grade.en} [{cite_all(gbasis, 'en')}]")
    return grade
