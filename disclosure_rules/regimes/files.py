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
import hashlib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, cast

from ..calendar.worktime import SearchPath
from ..errors import RuleFileError, UnknownNameError
from ..rulebook import bundled_rules_dir
from ..rulefiles.cache import read_checked
from ..rulefiles.common import parse_basis
from ..yamlfile import Map, Seq
from .blocks import bilingual, check_keys, did_you_mean, fail, known, param_value
from .model import (
    CHECKS,
    FIELD_TYPES,
    UNITS,
    Anchor,
    Conditions,
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
_STRING_OPS = {"equal_to", "starts_with", "ends_with", "contains", "matches_regex", "non_empty"}
_OPS = {"numeric": {"equal_to", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to"},
        "boolean": {"is_true", "is_false"}, "string": _STRING_OPS}

# Any: the blocks and values of the parsed rule files, arbitrary YAML data until checked here


# ----------------------------------------------------------------------------- regime.yaml

def parameters(doc: Map) -> dict[str, Parameter]:
    out: dict[str, Parameter] = {}
    for k, p in (doc.get("parameters") or {}).items():
        check_keys(p, {"value", "choices", "title", "reason", "basis"}, f"parameter '{k}'", f"参数“{k}”")
        if "value" not in p:
            fail(p, "title", f"parameter '{k}' needs a default 'value'", f"参数“{k}”需要默认值（value）")
        choices = tuple(p.get("choices") or ())
        if choices and not known(p["value"], choices):
            fail(p, "value", f"parameter '{k}': the default {p['value']!r} is not one of {list(choices)}",
                 f"参数“{k}”：默认值{p['value']!r}不在可选值{list(choices)}之中")
        out[k] = Parameter(k, p["value"], bilingual(p.get("title", k), p, "title"),
                           bilingual(p.get("reason"), p, "reason"), parse_basis(p.get("basis"), p), choices)
    return out


def _fields(doc: Map) -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for k, f in (doc.get("fields") or {}).items():
        check_keys(f, {"type", "required", "choices", "title"}, f"field '{k}'", f"字段“{k}”")
        if not known(f.get("type"), FIELD_TYPES):
            fail(f, "type", f"field '{k}': type must be one of {', '.join(FIELD_TYPES)}",
                 f"字段“{k}”：type必须是{'、'.join(FIELD_TYPES)}之一")
        out[k] = FieldSpec(k, f["type"], bilingual(f.get("title", k), f, "title"), bool(f.get("required")),
                           tuple(f.get("choices") or ()))
    return out


def _events(doc: Map) -> dict[str, EventSpec]:
    out: dict[str, EventSpec] = {}
    for k, e in (doc.get("events") or {}).items():
        check_keys(e, {"title", "fields"}, f"event '{k}'", f"事件“{k}”")
        fields = dict(e.get("fields") or {})
        for fk, ft in fields.items():
            if ft not in ("text", "number", "date", "time"):
                fail(e["fields"], fk, f"event '{k}': field '{fk}' must be text, number, date or time",
                     f"事件“{k}”：字段“{fk}”的类型必须是text、number、date或time")
        out[k] = EventSpec(k, bilingual(e.get("title", k), e, "title"), fields)
    return out


# ----------------------------------------------------------------------------- stages.yaml

def _period(p: Any, params: Mapping[str, Parameter], what: str,
            fields: Mapping[str, FieldSpec] | None = None) -> Period:
    check_keys(p, {"unit", "value", "convention", "rollover", "direction"}, what, what)
    if not known(p.get("unit"), UNITS):
        fail(p, "unit", f"{what}: unit must be one of {', '.join(UNITS)}", f"{what}：unit必须是{'、'.join(UNITS)}之一")
    v = param_value(p.get("value"), params, p, "value")
    if isinstance(v, dict) and set(v) == {"field"}:
        if fields is None or getattr(fields.get(v["field"]), "type", None) != "number":
            fail(p, "value", f"{what}: '{v['field']}' is not a number field of the case",
                 f"{what}：“{v['field']}”不是案件的数字字段")
        v = FieldRef(v["field"])
    if not isinstance(v, (ParamRef, FieldRef)) and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
        fail(p, "value", f"{what}: value must be a whole number (or {{param: NAME}})",
             f"{what}：value必须是整数（或{{param: 参数名}}）")
    if not known(p.get("direction", "after"), ("after", "before")):
        fail(p, "direction", f"{what}: direction is after or before", f"{what}：direction只能是after或before")
    return Period(p["unit"], v, param_value(p.get("convention"), params, p, "convention"),
                  param_value(p.get("rollover"), params, p, "rollover"), p.get("direction", "after"))


def _anchors(v: Any, m: Map, key: str, params: Mapping[str, Parameter], events: Mapping[str, EventSpec],
             fields: Mapping[str, FieldSpec], stages: tuple[str, ...] = ()) -> tuple[Anchor, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        fail(m, key, f"'{key}' lists moments, e.g. [{{event: NAME}}] or [{{field: NAME}}]",
             f"“{key}”应列出时点，例如[{{event: 事件名}}]或[{{field: 字段名}}]")
    out: list[Anchor] = []
    for i, a in enumerate(v):
        if not isinstance(a, dict) or len(a) != 1 or next(iter(a)) not in ("event", "field", "due_of"):
            fail(v, i, f"'{key}': each moment is {{event: NAME}}, {{field: NAME}} or {{due_of: STAGE}}",
                 f"“{key}”：每个时点写成{{event: 名称}}、{{field: 名称}}或{{due_of: 前一环节}}")
        kind, name = next(iter(a.items()))
        name = param_value(name, params, a, kind)
        names: dict[str, Collection[str]] = {"event": events, "field": fields, "due_of": stages}
        known = names[kind]
        if not isinstance(name, ParamRef) and name not in known:
            en, zh = did_you_mean(str(name), known)
            fail(a, kind, f"'{key}': unknown {kind} '{name}'{en} (known: {', '.join(sorted(known))})",
                 f"“{key}”：未知的{'事件' if kind == 'event' else '字段'}“{name}”{zh}（可用：{'、'.join(sorted(known))}）")
        out.append(Anchor(kind, name))
    return tuple(out)


def conditions(node: Any, facts: Mapping[str, str], params: Mapping[str, Parameter], what: str) -> Conditions:
    """Check a business-rules condition tree; ``{param: X}`` values become ParamRefs."""
    if node is None:
        return None
    if isinstance(node, dict) and ("all" in node or "any" in node):
        check_keys(node, {"all", "any"}, what, what)
        return {k: [conditions(c, facts, params, what) for c in v] for k, v in node.items()}
    if not isinstance(node, Map) or not {"name", "operator"} <= set(node):
        raise RuleFileError(getattr(node, "path", ""), getattr(node, "line", None),
                            f"{what}: a condition is {{name, operator, value}} or all/any of them",
                            f"{what}：条件写成{{name, operator, value}}，或用all/any组合")
    if not isinstance(node["name"], str) or not isinstance(node["operator"], str):
        bad = "name" if not isinstance(node["name"], str) else "operator"
        fail(node, bad, f"{what}: a condition's {bad} must be a word, not {node[bad]!r}",
             f"{what}：条件的{bad}必须是名称，而不是{node[bad]!r}")
    kind = facts.get(node["name"])
    if kind is None:
        en, zh = did_you_mean(node["name"], facts)
        fail(node, "name", f"{what}: unknown fact '{node['name']}'{en} (known: {', '.join(sorted(facts))})",
             f"{what}：未知的事实“{node['name']}”{zh}（可用：{'、'.join(sorted(facts))}）")
    if not known(node["operator"], _OPS[kind]):
        fail(node, "operator", f"{what}: operator '{node['operator']}' does not apply to {node['name']} "
             f"(use one of {', '.join(sorted(_OPS[kind]))})",
             f"{what}：运算符“{node['operator']}”不适用于{node['name']}（可用：{'、'.join(sorted(_OPS[kind]))}）")
    value = param_value(node.get("value"), params, node, "value")
    _check_value(value, kind, params, node, what)
    return {"name": node["name"], "operator": node["operator"], "value": value}


def field_facts(fields: Mapping[str, FieldSpec],
                params: Mapping[str, Parameter] | None = None) -> dict[str, str]:
    """Business-rules kinds of the facts of conditions: the case's fields and the parameters."""
    kinds = {"number": "numeric", "flag": "boolean", "choice": "string", "text": "string"}
    out = {k: kinds[f.type] for k, f in fields.items() if f.type in kinds}
    for k, p in (params or {}).items():
        out[k] = fact_kind(p.value)
    return out


def fact_kind(value: Any) -> str:
    """The business-rules kind of a parameter's value: boolean, numeric or string."""
    return "boolean" if isinstance(value, bool) else "numeric" if isinstance(value, (int, float)) else "string"


def _check_value(value: Any, kind: str, params: Mapping[str, Parameter], node: Map, what: str) -> None:
    """A condition's value (or the default of the parameter it names) is of its fact's kind."""
    if kind == "boolean" or "value" not in node:
        return
    shown = params[value.name].value if isinstance(value, ParamRef) else value
    if fact_kind(shown) != kind or isinstance(shown, (dict, list)):
        via = f" (parameter '{value.name}')" if isinstance(value, ParamRef) else ""
        fail(node, "value", f"{what}: '{node['name']}' is {'a number' if kind == 'numeric' else 'a text'}, "
             f"but the value{via} is {shown!r}", f"{what}：“{node['name']}”是{'数字' if kind == 'numeric' else '文字'}，"
             f"但取值{'（参数' + value.name + '）' if via else ''}为{shown!r}")


def _stage(key: str, s: Any, params: Mapping[str, Parameter], events: Mapping[str, EventSpec],
           fields: Mapping[str, FieldSpec], earlier: tuple[str, ...] = ()) -> Stage:
    check_keys(s, {"title", "starts", "done", "closed_by", "limits", "extensions", "only_when_done", "requires"},
               f"stage '{key}'", f"环节“{key}”")
    facts = field_facts(fields, params)
    limits: list[Limit] = []
    seq = s.get("limits")
    if not isinstance(seq, Seq) or not seq:
        fail(s, "limits", f"stage '{key}' needs at least one limit", f"环节“{key}”至少需要一个时限（limits）")
    for i, lim in enumerate(seq):
        check_keys(lim, {"when", "period", "basis"}, f"a limit of stage '{key}'", f"环节“{key}”的时限")
        limits.append(Limit(conditions(lim.get("when"), facts, params, f"stage '{key}'"),
                            _period(lim.get("period"), params, f"stage '{key}' period", fields),
                            parse_basis(lim.get("basis"), lim), seq.line_of(i)))
    ext = None
    if s.get("extensions") is not None:
        e = s["extensions"]
        check_keys(e, {"event", "amount", "approval", "basis"}, f"extensions of '{key}'", f"环节“{key}”的延期")
        if not known(e.get("event"), events):
            en, zh = did_you_mean(str(e.get("event")), events)
            fail(e, "event", f"extensions of '{key}': unknown event '{e.get('event')}'{en}", f"延期：未知的事件“{e.get('event')}”{zh}")
        amount = e.get("amount") or {}
        check_keys(amount, {"field", "unit", "convention", "rollover"}, "an extension amount", "延期数量")  # a Map now
        period = _period(_with(cast(Map, amount), value=0), params, f"extensions of '{key}'")
        appr = e.get("approval") or {}
        if appr and not known(appr.get("event"), events):
            en, zh = did_you_mean(str(appr.get("event")), events)
            fail(appr, "event", f"extensions of '{key}': unknown approval event '{appr.get('event')}'{en}",
                 f"延期：未知的批准事件“{appr.get('event')}”{zh}")
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
            fail(s, "requires", "'requires' lists {stage: EARLIER STAGE, late: true|false}",
                 "requires写成{stage: 前面的环节, late: true或false}")
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
                   f"violation '{code}'", f"违规情形“{code}”")
        if not known(v.get("stage"), stages):
            en, zh = did_you_mean(str(v.get("stage")), stages)
            fail(v, "stage", f"violation '{code}': unknown stage '{v.get('stage')}'{en}",
                 f"违规情形“{code}”：未知的环节“{v.get('stage')}”{zh}")
        if not known(v.get("check"), CHECKS):
            fail(v, "check", f"violation '{code}': check must be {' or '.join(CHECKS)}",
                 f"违规情形“{code}”：check必须是{'或'.join(CHECKS)}")
        facts = {**field_facts(fields, params), **CHECKS[v["check"]]}
        sev = param_value(v.get("severity", "breach"), params, v, "severity")
        if not isinstance(sev, ParamRef) and sev not in ("breach", "warning"):
            fail(v, "severity", "severity is breach or warning", "severity只能是breach或warning")
        out.append(ViolationRule(code, v["stage"], v["check"], conditions(v.get("when"), facts, params, code),
                                 bilingual(v.get("title", code), v, "title"), parse_basis(v.get("basis"), v),
                                 param_value(v.get("voids", False), params, v, "voids"), sev))
    return tuple(out)


# ----------------------------------------------------------------------------- the folder

def _examples(doc: object, path: Path) -> tuple[Example, ...]:
    if doc is None:
        return ()
    seq = doc.get("examples") if isinstance(doc, Map) else None
    if not isinstance(seq, Seq):
        raise RuleFileError(path, 1, "regime-examples.yaml lists 'examples'", "regime-examples.yaml应列出examples")
    # the time limits the examples test, cited like every rule (optional)
    check_keys(doc, {"examples", "basis"}, "regime-examples.yaml", "regime-examples.yaml")
    if doc.get("basis") is not None:
        parse_basis(doc["basis"], doc)
    out: list[Example] = []
    for i, ex in enumerate(seq):
        check_keys(ex, {"name", "order", "as_of", "expect", "params"}, "an example", "示例")
        if not isinstance(ex.get("order"), dict) or not isinstance(ex.get("expect"), dict):
            fail(seq, i, "an example needs 'order' and 'expect'", "示例需要order和expect")
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
    h = hashlib.sha256()
    docs: dict[str, object] = {}
    for name in FILES:
        p = folder / name
        if p.is_file():
            docs[name] = read_checked(p, SCHEMAS[name])
            h.update(p.read_bytes())
    doc = docs.get("regime.yaml")
    if not isinstance(doc, Map) or not isinstance(doc.get("regime"), Map):
        raise RuleFileError(folder / "regime.yaml", 1, "regime.yaml must start with a 'regime:' block",
                            "regime.yaml必须以regime:块开头")
    check_keys(doc, {"regime", "fields", "events", "parameters"}, "regime.yaml", "regime.yaml")
    head = doc["regime"]
    check_keys(head, {"id", "title", "instrument", "effective_from", "effective_to", "resolution", "calendar", "hours",
                 "basis"}, "the regime block", "regime块")
    if not known(head.get("resolution"), ("minute", "day")):
        fail(head, "resolution", "resolution is minute (timestamps) or day (dates)",
             "resolution只能是minute（精确到分钟）或day（日期）")
    for k in ("effective_from", "effective_to"):
        if head.get(k) is not None and not isinstance(head[k], dt.date):
            fail(head, k, f"'{k}' must be a date written YYYY-MM-DD", f"“{k}”必须是日期")
    params, fields, events = parameters(doc), _fields(doc), _events(doc)
    for k in sorted(set(params) & set(fields)):
        fail(doc["parameters"], k, f"'{k}' is both a field and a parameter: rename one",
             f"“{k}”既是字段又是参数：请改名其一")
    st = docs.get("stages.yaml")
    if not isinstance(st, Map) or not isinstance(st.get("stages"), Map):
        raise RuleFileError(folder / "stages.yaml", 1, "stages.yaml must list 'stages'", "stages.yaml必须列出stages")
    check_keys(st, {"stages", "violations"}, "stages.yaml", "stages.yaml")
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
            fail(s, "limits", f"stage '{stage.key}': {p.unit} need a regime with resolution: minute",
                 f"环节“{stage.key}”：{p.unit}只适用于resolution: minute的制度")
        if head["resolution"] == "minute" and p.unit in _NEEDS_HOURS and head.get("hours") is None:
            fail(s, "limits", f"stage '{stage.key}': {p.unit} from a moment need office hours: name them in 'hours'",
                 f"环节“{stage.key}”：从某一时刻起算{p.unit}需要作息时间：请在hours中写明")
        if p.direction == "before" and (head["resolution"] == "minute" and p.unit in _NEEDS_HOURS
                                        or p.unit in {"working_minutes", "working_hours"}):
            fail(s, "limits", f"stage '{stage.key}': {p.unit} cannot be counted backwards here",
                 f"环节“{stage.key}”：{p.unit}不能在此倒数")


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
    return UnknownNameError(f"no regime named '{rid}' (known: {', '.join(known)})",
                            f"没有名为“{rid}”的时限制度（可用：{'、'.join(known)}）")


def check_ids(root: str | Path) -> list[Regime]:
    """Load every regime under ``root``; a folder's name must be its id."""
    out: list[Regime] = []
    for folder in regime_folders(root):
        r = load_regime_folder(folder)
        if r.id != folder.name:
            raise RuleFileError(folder / "regime.yaml", 1, f"the regime id '{r.id}' must be the folder name "
                                f"'{folder.name}'", f"时限制度编号“{r.id}”必须与文件夹名“{folder.name}”相同")
        out.append(r)
    return out
