"""Read and check a regime's rule files: a folder with ``regime.yaml``
(identity, order fields, events, parameters), ``stages.yaml`` (stages and
violations) and optionally ``regime-examples.yaml`` (orders with expected
results, run by ``disclosure-rules check``).

Regimes are found by id: the folder holding ``regime.yaml`` whose
``regime.id`` is the id, under the bundled ``rules/`` or a folder given.
Every mistake is a :class:`RuleFileError` with file, line and a plain
message in English and Chinese.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, cast

from ..calendar.worktime import SearchPath
from ..data.digest import sha256
from ..errors import RuleFileError, UnknownNameError
from ..messages import Text as Words
from ..messages import message
from ..rulebook import bundled_rules_dir
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map, Seq
from .blocks import bilingual, check_keys, did_you_mean, fail, known, param_value
from .conditions import conditions, field_facts
from .model import (
    CHECKS,
    FIELD_TYPES,
    UNITS,
    Anchor,
    EventSpec,
    Example,
    Extension,
    FieldRef,
    FieldSpec,
    Limit,
    Parameter,
    ParamRef,
    Period,
    Regime,
    Stage,
    ViolationRule,
)

FILES = ("regime.yaml", "stages.yaml", "regime-examples.yaml")
# the JSON Schema of each file (schemas/<name>.schema.json): the shapes, checked first; the checks
# below add what a schema cannot say (names declared before use, units the resolution can count)
SCHEMAS = {"regime.yaml": "regime", "stages.yaml": "regime-stages", "regime-examples.yaml": "regime-examples"}

# Any: the blocks and values of the parsed rule files, arbitrary YAML data until checked here


# ----------------------------------------------------------------------------- regime.yaml

def parameters(doc: Map) -> dict[str, Parameter]:
    out: dict[str, Parameter] = {}
    for k, p in (doc.get("parameters") or {}).items():
        check_keys(p, {"value", "choices", "title", "reason", "basis"}, message("regimes.what.parameter", key=k))
        if "value" not in p:
            fail(p, "title", message("regimes.param_no_default", key=k))
        choices = tuple(p.get("choices") or ())
        if choices and not known(p["value"], choices):
            fail(p, "value", message("regimes.param_default_not_a_choice", key=k, value=repr(p["value"]),
                                     choices=str(list(choices))))
        out[k] = Parameter(k, p["value"], bilingual(p.get("title", k), p, "title"),
                           bilingual(p.get("reason"), p, "reason"), parse_basis(p.get("basis"), p), choices)
    return out


def _fields(doc: Map) -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for k, f in (doc.get("fields") or {}).items():
        check_keys(f, {"type", "required", "choices", "title"}, message("regimes.what.field", key=k))
        if not known(f.get("type"), FIELD_TYPES):
            fail(f, "type", message("regimes.field_type", key=k, types=list(FIELD_TYPES)))
        out[k] = FieldSpec(k, f["type"], bilingual(f.get("title", k), f, "title"), bool(f.get("required")),
                           tuple(f.get("choices") or ()))
    return out


def _events(doc: Map) -> dict[str, EventSpec]:
    out: dict[str, EventSpec] = {}
    for k, e in (doc.get("events") or {}).items():
        check_keys(e, {"title", "fields"}, message("regimes.what.event", key=k))
        fields = dict(e.get("fields") or {})
        for fk, ft in fields.items():
            if ft not in ("text", "number", "date", "time"):
                fail(e["fields"], fk, message("regimes.event_field_type", key=k, field=fk))
        out[k] = EventSpec(k, bilingual(e.get("title", k), e, "title"), fields)
    return out


# ----------------------------------------------------------------------------- stages.yaml

def _period(p: Any, params: Mapping[str, Parameter], what: Words,
            fields: Mapping[str, FieldSpec] | None = None) -> Period:
    check_keys(p, {"unit", "value", "convention", "rollover", "direction"}, what)
    if not known(p.get("unit"), UNITS):
        fail(p, "unit", message("regimes.period_unit", what=what, units=list(UNITS)))
    v = param_value(p.get("value"), params, p, "value")
    if isinstance(v, dict) and set(v) == {"field"}:
        if fields is None or getattr(fields.get(v["field"]), "type", None) != "number":
            fail(p, "value", message("regimes.period_field", what=what, field=v["field"]))
        v = FieldRef(v["field"])
    if not isinstance(v, (ParamRef, FieldRef)) and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
        fail(p, "value", message("regimes.period_value", what=what))
    if not known(p.get("direction", "after"), ("after", "before")):
        fail(p, "direction", message("regimes.period_direction", what=what))
    return Period(p["unit"], v, param_value(p.get("convention"), params, p, "convention"),
                  param_value(p.get("rollover"), params, p, "rollover"), p.get("direction", "after"))


def _anchors(v: Any, m: Map, key: str, params: Mapping[str, Parameter], events: Mapping[str, EventSpec],
             fields: Mapping[str, FieldSpec], stages: tuple[str, ...] = ()) -> tuple[Anchor, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        fail(m, key, message("regimes.moments", key=key))
    out: list[Anchor] = []
    for i, a in enumerate(v):
        if not isinstance(a, dict) or len(a) != 1 or next(iter(a)) not in ("event", "field", "due_of"):
            fail(v, i, message("regimes.moment", key=key))
        kind, name = next(iter(a.items()))
        name = param_value(name, params, a, kind)
        names: dict[str, Collection[str]] = {"event": events, "field": fields, "due_of": stages}
        known = names[kind]
        if not isinstance(name, ParamRef) and name not in known:
            fail(a, kind, message("regimes.unknown_event" if kind == "event" else "regimes.unknown_field", key=key,
                                  name=name, hint=did_you_mean(str(name), known), known=sorted(known)))
        out.append(Anchor(kind, name))
    return tuple(out)


def _stage(key: str, s: Any, params: Mapping[str, Parameter], events: Mapping[str, EventSpec],
           fields: Mapping[str, FieldSpec], earlier: tuple[str, ...] = ()) -> Stage:
    check_keys(s, {"title", "starts", "done", "closed_by", "limits", "extensions", "only_when_done", "requires"},
               message("regimes.what.stage", key=key))
    facts = field_facts(fields, params)
    limits: list[Limit] = []
    seq = s.get("limits")
    if not isinstance(seq, Seq) or not seq:
        fail(s, "limits", message("regimes.no_limits", key=key))
    for i, lim in enumerate(seq):
        check_keys(lim, {"when", "period", "basis"}, message("regimes.what.limit", key=key))
        limits.append(Limit(conditions(lim.get("when"), facts, params, message("regimes.what.stage", key=key)),
                            _period(lim.get("period"), params, message("regimes.what.stage_period", key=key),
                                    fields),
                            parse_basis(lim.get("basis"), lim), seq.line_of(i)))
    ext = None
    if s.get("extensions") is not None:
        e = s["extensions"]
        check_keys(e, {"event", "amount", "approval", "basis"}, message("regimes.what.extensions", key=key))
        if not known(e.get("event"), events):
            fail(e, "event", message("regimes.extension_event", key=key, name=str(e.get("event")),
                                     hint=did_you_mean(str(e.get("event")), events)))
        amount = e.get("amount") or {}
        check_keys(amount, {"field", "unit", "convention", "rollover"}, message("regimes.what.amount"))  # a Map now
        period = _period(_with(cast(Map, amount), value=0), params, message("regimes.what.extensions", key=key))
        appr = e.get("approval") or {}
        if appr and not known(appr.get("event"), events):
            fail(appr, "event", message("regimes.approval_event", key=key, name=str(appr.get("event")),
                                        hint=did_you_mean(str(appr.get("event")), events)))
        ext = Extension(e["event"], amount.get("field"), period, appr.get("event"),
                        param_value(appr.get("required", False), params, appr, "required") if appr else False,
                        parse_basis(e.get("basis"), e))
    return Stage(key, bilingual(s.get("title", key), s, "title"),
                 _anchors(s.get("starts"), s, "starts", params, events, fields, earlier),
                 _anchors(s.get("done"), s, "done", params, events, fields), tuple(limits),
                 _anchors(s.get("closed_by"), s, "closed_by", params, events, fields), ext,
                 bool(s.get("only_when_done")), _requires(s, earlier), s.path, s.line)


def _requires(s: Map, earlier: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    for r in s.get("requires") or []:
        if not isinstance(r, dict) or set(r) != {"stage", "late"} or r["stage"] not in earlier \
                or not isinstance(r["late"], bool):
            fail(s, "requires", message("regimes.requires"))
        out.append((r["stage"], r["late"]))
    return tuple(out)


def _with(m: Map, **extra: object) -> Map:
    out = Map({k: v for k, v in m.items() if k != "field"})
    out.line, out.lines, out.path = m.line, {k: m.line_of(k) for k in out}, m.path
    out.update(extra)
    return out


def _violations(doc: Map, stages: Mapping[str, Stage], params: Mapping[str, Parameter],
                fields: Mapping[str, FieldSpec]) -> tuple[ViolationRule, ...]:
    out: list[ViolationRule] = []
    for code, v in (doc.get("violations") or {}).items():
        check_keys(v, {"stage", "check", "when", "title", "basis", "voids", "severity", "message"},
                   message("regimes.what.violation", code=code))
        if not known(v.get("stage"), stages):
            fail(v, "stage", message("regimes.violation_stage", code=code, stage=str(v.get("stage")),
                                     hint=did_you_mean(str(v.get("stage")), stages)))
        if not known(v.get("check"), CHECKS):
            fail(v, "check", message("regimes.violation_check", code=code, checks=list(CHECKS)))
        facts = {**field_facts(fields, params), **CHECKS[v["check"]]}
        sev = param_value(v.get("severity", "breach"), params, v, "severity")
        if not isinstance(sev, ParamRef) and sev not in ("breach", "warning"):
            fail(v, "severity", message("regimes.severity"))
        out.append(ViolationRule(code, v["stage"], v["check"], conditions(v.get("when"), facts, params, code),
                                 bilingual(v.get("title", code), v, "title"), parse_basis(v.get("basis"), v),
                                 param_value(v.get("voids", False), params, v, "voids"), sev))
    return tuple(out)


# ----------------------------------------------------------------------------- the folder

def _examples(doc: object, path: Path) -> tuple[Example, ...]:
    if doc is None:
        return ()
    seq = doc.get("examples") if isinstance(doc, Map) else None
    if not isinstance(doc, Map) or not isinstance(seq, Seq):
        raise RuleFileError(path, 1, message("regimes.examples_list"))
    # the time limits the examples test, cited like every rule (optional)
    check_keys(doc, {"examples", "basis"}, Words("regime-examples.yaml", "regime-examples.yaml"))
    if doc.get("basis") is not None:
        parse_basis(doc["basis"], doc)
    out: list[Example] = []
    for i, ex in enumerate(seq):
        check_keys(ex, {"name", "order", "as_of", "expect", "params"}, message("regimes.what.example"))
        if not isinstance(ex.get("order"), dict) or not isinstance(ex.get("expect"), dict):
            fail(seq, i, message("regimes.example_parts"))
        out.append(Example(str(ex.get("name", i + 1)), _plain(ex["order"]), ex.get("as_of"), _plain(ex["expect"]),
                           _plain(ex.get("params") or {}), str(path), seq.line_of(i)))
    return tuple(out)


def _plain(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def load_regime_folder(folder: str | Path) -> Regime:
    """Load and check the regime in ``folder``."""
    folder = Path(folder)
    h = sha256()
    docs: dict[str, object] = {}
    for name in FILES:
        p = folder / name
        if p.is_file():
            docs[name] = read_checked(p, SCHEMAS[name])
            h.update(p.read_bytes())
    doc = docs.get("regime.yaml")
    if not isinstance(doc, Map) or not isinstance(doc.get("regime"), Map):
        raise RuleFileError(folder / "regime.yaml", 1, message("regimes.regime_block"))
    check_keys(doc, {"regime", "fields", "events", "parameters"}, Words("regime.yaml", "regime.yaml"))
    head = doc["regime"]
    check_keys(head, {"id", "title", "instrument", "effective_from", "effective_to", "resolution", "calendar", "hours",
                 "basis"}, message("regimes.what.regime"))
    if not known(head.get("resolution"), ("minute", "day")):
        fail(head, "resolution", message("regimes.resolution"))
    for k in ("effective_from", "effective_to"):
        if head.get(k) is not None and not isinstance(head[k], dt.date):
            fail(head, k, message("regimes.not_a_date", key=k))
    params, fields, events = parameters(doc), _fields(doc), _events(doc)
    for k in sorted(set(params) & set(fields)):
        fail(doc["parameters"], k, message("regimes.field_and_param", key=k))
    st = docs.get("stages.yaml")
    if not isinstance(st, Map) or not isinstance(st.get("stages"), Map):
        raise RuleFileError(folder / "stages.yaml", 1, message("regimes.stages_list"))
    check_keys(st, {"stages", "violations"}, Words("stages.yaml", "stages.yaml"))
    stages: dict[str, Stage] = {}
    for k, s in st["stages"].items():
        stages[k] = _stage(k, s, params, events, fields, tuple(stages))
        _check_units(stages[k], head, s)
    return Regime(str(head.get("id")), bilingual(head.get("title", head.get("id")), head, "title"),
                  str(head.get("instrument", "")), head["resolution"], str(head.get("calendar", "cn")),
                  param_value(head.get("hours"), params, head, "hours"), fields, events, params,
                  tuple(stages.values()), _violations(st, stages, params, fields), parse_basis(head.get("basis"), head),
                  head.get("effective_from"), head.get("effective_to"),
                  _examples(docs.get("regime-examples.yaml"), folder / "regime-examples.yaml"), str(folder),
                  h.hexdigest()[:16])


_NEEDS_MINUTES = {"minutes", "clock_hours", "working_minutes", "working_hours"}
_NEEDS_HOURS = {"working_minutes", "working_hours", "working_days"}


def _check_units(stage: Stage, head: Map, s: Map) -> None:
    """Units the regime's resolution and office hours can count."""
    periods = [lim.period for lim in stage.limits] + ([stage.extension.period] if stage.extension else [])
    for p in periods:
        if head["resolution"] == "day" and p.unit in _NEEDS_MINUTES:
            fail(s, "limits", message("regimes.needs_minutes", key=stage.key, unit=p.unit))
        if head["resolution"] == "minute" and p.unit in _NEEDS_HOURS and head.get("hours") is None:
            fail(s, "limits", message("regimes.needs_hours", key=stage.key, unit=p.unit))
        if p.direction == "before" and (head["resolution"] == "minute" and p.unit in _NEEDS_HOURS
                                        or p.unit in {"working_minutes", "working_hours"}):
            fail(s, "limits", message("regimes.not_backwards", key=stage.key, unit=p.unit))


def regime_folders(root: str | Path) -> list[Path]:
    root = Path(root)
    return sorted(p.parent for p in root.rglob("regime.yaml")) if root.is_dir() else []


def find_regime(rid: str, search_path: SearchPath = None) -> Regime:
    """The regime whose id is ``rid``, from ``search_path`` (folders) first, then the bundled rules."""
    if search_path is None:
        return _bundled(rid)
    roots: list[str | Path] = [search_path] if isinstance(search_path, (str, Path)) else list(search_path)
    for root in [*roots, bundled_rules_dir()]:
        for folder in regime_folders(root):
            if folder.name == rid:
                r = load_regime_folder(folder)
                if r.id == rid:
                    return r
    raise _unknown(rid, roots)


@functools.lru_cache(maxsize=32)
def _bundled(rid: str) -> Regime:
    # bundled rule files are read-only package data: loading them once per process is safe
    for folder in regime_folders(bundled_rules_dir()):
        if folder.name == rid:
            r = load_regime_folder(folder)
            if r.id == rid:
                return r
    raise _unknown(rid, [])


def _unknown(rid: str, roots: list[str | Path]) -> UnknownNameError:
    known = sorted({f.name for root in [*roots, bundled_rules_dir()] for f in regime_folders(root)})
    return UnknownNameError(message("regimes.unknown_regime", name=rid, known=known))


def check_ids(root: str | Path) -> list[Regime]:
    """Load every regime under ``root``; a folder's name must be its id."""
    out: list[Regime] = []
    for folder in regime_folders(root):
        r = load_regime_folder(folder)
        if r.id != folder.name:
            raise RuleFileError(folder / "regime.yaml", 1, message("regimes.id_not_folder", id=r.id, folder=folder.name))
        out.append(r)
    return out
