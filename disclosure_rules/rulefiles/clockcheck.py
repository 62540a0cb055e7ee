"""Cross-file checks of a rule book, against the engine's vocabulary.

Every name a rule set uses must exist (periods, parameters, events, parties,
facts, operators, message placeholders), every name the engine reads must be
defined (:mod:`.vocabulary`), every period must be used by something, and
the examples may only use events and parties the rules define.  Each problem
is a :class:`RuleFileError` with file, line and a did-you-mean.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ..errors import RuleFileError
from .clockrules import EventRule, Example, RuleSet, ViolationRule
from .common import fail, parse_basis, text_of
from .vocabulary import (
    CASE_FIELDS,
    CASE_KEYS,
    EFFECTS,
    FACTS,
    OPERATORS,
    PARAMETERS,
    PERIODS,
    PSEUDO_EVENTS,
    RESTART_MODES,
    did_you_mean,
)
from .yamldoc import Map, Seq


def _at(rs: RuleSet, section: str, key: str) -> tuple[str, int | None]:
    path, line = rs.where.get((section, key), (str(Path(rs.folder) / "ruleset.yaml"), 0))
    return path, line or None


def _missing(rs: RuleSet, section: str, name: str, defined: Iterable[str], what: tuple[str, str]) -> None:
    """A name the engine reads is not defined: point at the closest name defined, if any."""
    defined = list(defined)
    hint_en, hint_zh = did_you_mean(name, defined)
    close = [k for k in defined if hint_en.startswith(f" (did you mean '{k}'")]
    path, line = _at(rs, section, close[0]) if close else _at(rs, "section", section)
    raise RuleFileError(path, line, f"the engine needs the {what[0]} '{name}', which {rs.id} does not define"
                        f"{hint_en}: add it under '{section}'", f"引擎需要{what[1]}“{name}”，而{rs.id}没有定义"
                        f"{hint_zh}：请在“{section}”下添加")


def check_vocabulary(rs: RuleSet) -> None:
    """A national rule set defines every period and parameter the clock reads by name."""
    if rs.kind != "national":
        return
    for name in PERIODS:
        if name not in rs.periods:
            _missing(rs, "periods", name, rs.periods, ("period", "期限"))
    for name, kind in PARAMETERS.items():
        if kind.required and name not in rs.parameters:
            _missing(rs, "parameters", name, rs.parameters, ("parameter", "参数"))


def _ref(ev: EventRule, field: str, ref: str | None, known: dict[str, Any], what: str, what_zh: str) -> None:
    if ref is None or ref in known:
        return
    hint_en, hint_zh = did_you_mean(ref, known)
    raise RuleFileError(ev.path, ev.line_of(field), f"event '{ev.type}': {what} '{ref}' is not defined{hint_en}",
                        f"事件“{ev.type}”：{what_zh}“{ref}”未定义{hint_zh}")


def check_event(ev: EventRule, periods: dict[str, Any], params: dict[str, Any], events: dict[str, Any]) -> None:
    """The names an event uses exist, and its effect has what it needs."""
    for field, ref in (("period", ev.period), ("cap", ev.cap), ("applicant_period.period", ev.applicant_period)):
        _ref(ev, field, ref, periods, field, "期限")
    _ref(ev, "applicant_period.parameter", ev.applicant_parameter, params, "parameter", "参数")
    _ref(ev, "parameter", ev.parameter, params, "parameter", "参数")
    _ref(ev, "answers", ev.answers, events, "the event it answers", "所回应的事件")
    for p in ev.parties.values():
        _ref(ev, f"parties.{p.key}.period", p.period, periods, f"party '{p.key}': period", f"当事方“{p.key}”的期限")
    if ev.applicant_parameter is not None and PARAMETERS[ev.applicant_parameter].type != "workdays":
        raise RuleFileError(ev.path, ev.line_of("applicant_period.parameter"), f"event '{ev.type}': the applicant's period must be a parameter "
                            f"of working days, not '{ev.applicant_parameter}'",
                            f"事件“{ev.type}”：申请人期限必须是工作日数参数，而不是“{ev.applicant_parameter}”")
    if ev.parameter is not None and set(PARAMETERS[ev.parameter].choices) - set(RESTART_MODES):
        raise RuleFileError(ev.path, ev.line_of("parameter"), f"event '{ev.type}': the parameter '{ev.parameter}' must choose "
                            f"between {', '.join(RESTART_MODES)}",
                            f"事件“{ev.type}”：参数“{ev.parameter}”必须在{'、'.join(RESTART_MODES)}之间选择")
    for attr in EFFECTS[ev.effect]:
        value = getattr(ev, "expiry_status" if attr == "on_expiry" else attr)
        if not value:
            raise RuleFileError(ev.path, ev.line, f"event '{ev.type}': the effect '{ev.effect}' needs '{attr}'",
                                f"事件“{ev.type}”：效果“{ev.effect}”需要写明“{attr}”")


def _fact_condition(node: Map, code: str, periods: dict[str, Any]) -> dict[str, Any]:
    name, op = node.get("name"), node.get("operator")
    kind = FACTS.get(name) if isinstance(name, str) else None
    if kind is None:
        hint_en, hint_zh = did_you_mean(name, FACTS)
        fail(node, "name", f"violation '{code}': unknown fact '{name}'{hint_en}",
             f"违法情形“{code}”：未知的事实“{name}”{hint_zh}")
        raise AssertionError  # unreachable: fail raises
    if not isinstance(op, str) or op not in OPERATORS[kind]:
        hint_en, hint_zh = did_you_mean(op, OPERATORS[kind])
        fail(node, "operator", f"violation '{code}': operator '{op}' does not apply to {name}{hint_en}",
             f"违法情形“{code}”：运算符“{op}”不适用于{name}{hint_zh}")
    value = node.get("value")
    if isinstance(value, dict) and "period" in value:
        if not isinstance(value["period"], str) or value["period"] not in periods:
            hint_en, hint_zh = did_you_mean(value["period"], periods)
            fail(value if isinstance(value, Map) else node, "period",
                 f"violation '{code}': period '{value['period']}' is not defined{hint_en}",
                 f"违法情形“{code}”：期限“{value['period']}”未定义{hint_zh}")
        value = periods[value["period"]].workdays
    elif kind == "numeric" and (isinstance(value, bool) or not isinstance(value, int)):
        fail(node, "value", f"violation '{code}': the value for {name} must be a number or {{period: KEY}}",
             f"违法情形“{code}”：{name}的比较值必须是数字或{{period: 期限名}}")
    elif kind == "boolean" and not isinstance(value, bool):
        fail(node, "value", f"violation '{code}': the value for {name} must be true or false",
             f"违法情形“{code}”：{name}的比较值必须是true或false")
    return {"name": name, "operator": op, "value": value}


def _condition(node: Any, code: str, periods: dict[str, Any], v: Map) -> dict[str, Any]:
    if isinstance(node, dict) and ("all" in node or "any" in node):
        key = "all" if "all" in node else "any"
        items = node[key]
        if not isinstance(items, list) or not items:
            fail(node, key, f"violation '{code}': '{key}' needs a list of conditions",
                 f"违法情形“{code}”：“{key}”需要一组条件")
        return {key: [_condition(c, code, periods, v) for c in items]}
    if isinstance(node, Map) and "name" in node:
        return _fact_condition(node, code, periods)
    fail(node if isinstance(node, Map) else v, "when" if not isinstance(node, Map) else None,
         f"violation '{code}': a condition needs all/any or name/operator/value",
         f"违法情形“{code}”：条件需要all/any或name/operator/value")
    raise AssertionError  # unreachable: fail raises


def _placeholders(v: Map, code: str, periods: dict[str, Any]) -> None:
    known = set(FACTS) | {f"period_{k}" for k in periods}
    msg = v["message"]
    for text in ([msg] if isinstance(msg, str) else [msg.get("zh", ""), msg.get("en", "")]):
        for _, field, _, _ in string.Formatter().parse(text) if isinstance(text, str) else ():
            if field is not None and field not in known:
                hint_en, hint_zh = did_you_mean(field, known)
                fail(v, "message", f"violation '{code}': the message uses '{{{field}}}', which is not a fact "
                     f"or a period{hint_en}", f"违法情形“{code}”：说明中的“{{{field}}}”不是事实或期限{hint_zh}")


def violation(code: str, v: Map, periods: dict[str, Any], events: dict[str, Any], rid: str) -> ViolationRule:
    if not isinstance(v["event"], str) or v["event"] not in events and v["event"] not in PSEUDO_EVENTS:
        hint_en, hint_zh = did_you_mean(v["event"], [*events, *PSEUDO_EVENTS])
        fail(v, "event", f"violation '{code}': '{v['event']}' is not an event of these rules{hint_en}",
             f"违法情形“{code}”：“{v['event']}”不是本规则中的事件{hint_zh}")
    try:
        _placeholders(v, code, periods)
    except ValueError:
        fail(v, "message", f"violation '{code}': a brace {{ or }} in the message is not closed",
             f"违法情形“{code}”：说明中的花括号没有配对")
    return ViolationRule(code, v["event"], text_of(v["title"], v, "title"), _condition(v["when"], code, periods, v),
                         bool(v["voids_effect"]), text_of(v["message"], v, "message"),
                         parse_basis(v.get("basis"), v), rid)


def periods_used(rs: RuleSet, others: Iterable[RuleSet]) -> None:
    """Every period of a national or supplement set is used by an event, a violation or the engine."""
    used = set(PERIODS)
    for r in [rs, *others]:
        for ev in r.events.values():
            used.update(p for p in (ev.period, ev.cap, ev.applicant_period) if p)
            used.update(p.period for p in ev.parties.values() if p.period)
        for _, v in r.raw_violations:
            used.update(_period_refs(v["when"]))
            used.update(_message_periods(v["message"]))
    for k in rs.periods:
        if k not in used:
            path, line = _at(rs, "periods", k)
            hint_en, hint_zh = did_you_mean(k, sorted(used - set(rs.periods)))
            hint_en = hint_en if "did you mean" in hint_en else ""
            hint_zh = hint_zh if "是否应为" in hint_zh else ""
            raise RuleFileError(path, line, f"nothing uses the period '{k}': no event, violation or part of the "
                                f"engine refers to it{hint_en}",
                                f"期限“{k}”没有被任何事件、违法情形或引擎使用{hint_zh}")


def _period_refs(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        if isinstance(node.get("period"), str):
            yield node["period"]
        for v in node.values():
            yield from _period_refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _period_refs(v)


def _message_periods(msg: Any) -> Iterable[str]:
    for text in ([msg] if isinstance(msg, str) else list(msg.values()) if isinstance(msg, dict) else []):
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(str(text)) if f]
        except ValueError:
            continue
        yield from (f[len("period_"):] for f in fields if f.startswith("period_"))


def check_examples(rs: RuleSet, events: dict[str, EventRule]) -> None:
    """The examples use only events, and parties, that the rules define."""
    parties = {k for ev in events.values() for k in ev.parties}
    for ex in rs.examples:
        _case_keys(ex)
        evs = ex.case.get("events") if isinstance(ex.case, dict) else None
        for i, e in enumerate(evs if isinstance(evs, list) else []):
            if not isinstance(e, dict):
                continue
            line = evs.line_of(i) if isinstance(evs, Seq) else ex.line
            t = e.get("type")
            if not isinstance(t, str) or t not in events:
                hint_en, hint_zh = did_you_mean(t, events)
                raise RuleFileError(ex.path, line, f"example '{ex.name}': unknown event type '{t}'{hint_en}",
                                    f"示例“{ex.name}”：未知的事件类型“{t}”{hint_zh}")
            for field in CASE_FIELDS.get(events[t].effect, ()):
                if field in e and (not isinstance(e[field], str) or e[field] not in parties):
                    hint_en, hint_zh = did_you_mean(e[field], parties)
                    raise RuleFileError(ex.path, line, f"example '{ex.name}': unknown {field} '{e[field]}'"
                                        f"{hint_en}", f"示例“{ex.name}”：未知的{field}“{e[field]}”{hint_zh}")


def _example_events(ex: Example) -> list[dict[str, Any]]:
    evs = ex.case.get("events") if isinstance(ex.case, dict) else None
    return [e for e in evs if isinstance(e, dict)] if isinstance(evs, list) else []


def _case_keys(ex: Example) -> None:
    case = ex.case
    for k in case if isinstance(case, dict) else ():
        if k not in CASE_KEYS:
            hint_en, hint_zh = did_you_mean(k, CASE_KEYS)
            line = case.line_of(k) if isinstance(case, Map) else ex.line
            raise RuleFileError(ex.path, line, f"example '{ex.name}': unknown key '{k}' in the case{hint_en}",
                                f"示例“{ex.name}”：案件中有不认识的键“{k}”{hint_zh}")


def with_violations(r: RuleSet, violations: dict[str, ViolationRule]) -> RuleSet:
    return attrs.evolve(r, violations=violations)


def check_order(events: dict[str, EventRule]) -> None:
    """Two events of the same rules may not share a same-day order (the order they are taken in would be a guess)."""
    seen: dict[int, EventRule] = {}
    for ev in sorted(events.values(), key=lambda e: e.type):
        other = seen.setdefault(ev.order, ev)
        if other is not ev:
            raise RuleFileError(ev.path, ev.lines.get("order", ev.line) if ev.lines else ev.line,
                                f"events '{other.type}' and '{ev.type}' have the same order {ev.order}: "
                                "give each event its own place in the same-day order",
                                f"事件“{other.type}”和“{ev.type}”的order相同（{ev.order}）：同日事件的先后须各不相同")


def check_book(sets: dict[str, RuleSet]) -> dict[str, RuleSet]:
    """Cross-file checks: versions, layering, references, vocabulary; the violations resolved."""
    _check_versions(sets)
    out = dict(sets)
    for r in sets.values():
        check_vocabulary(r)
        if r.kind == "local":
            _check_layer(r, sets)
            continue
        for t in r.supplements:
            if t not in sets:
                hint_en, hint_zh = did_you_mean(t, [k for k, s in sets.items() if s.kind == "national"])
                raise RuleFileError(Path(r.folder) / "ruleset.yaml", None,
                                    f"'{r.id}' supplements unknown rule set '{t}'{hint_en}",
                                    f"“{r.id}”所补充的规则集“{t}”不存在{hint_zh}")
        targets = [sets[t] for t in r.supplements] if r.kind == "supplement" else [r]
        periods, params, events = dict(r.periods), dict(r.parameters), dict(r.events)
        for target in targets:
            periods.update({**target.periods, **r.periods})
            params.update({**target.parameters, **r.parameters})
            events.update({**target.events, **r.events})
        for ev in r.events.values():
            check_event(ev, periods, params, events)
        check_order(events)
        sups = [s for s in sets.values() if s.kind == "supplement" and r.id in s.supplements]
        periods_used(r, sups)
        out[r.id] = with_violations(r, {code: violation(code, v, periods, events, r.id)
                                        for code, v in r.raw_violations})
    for r in sets.values():
        check_examples(r, visible_events(r, sets))
    check_referenced(sets)
    return out


def visible_events(r: RuleSet, sets: dict[str, RuleSet]) -> dict[str, EventRule]:
    """The events a case governed by ``r`` may name: its own, its base's and the supplements'."""
    if r.kind == "local":
        base = sets.get(r.extends or "")
        return visible_events(base, sets) if base is not None else {}
    family = [r, *(sets[t] for t in r.supplements if t in sets)]
    family += [s for s in sets.values() if s.kind == "supplement" and r.id in s.supplements and s is not r]
    return {k: ev for s in family for k, ev in s.events.items()}


def check_referenced(sets: dict[str, RuleSet]) -> None:
    """Every event is used by an example, a violation or another event, and every parameter
    the clock does not read by name by an event: a name nothing uses is a misspelling or a leftover."""
    used_events: set[Any] = {ev.answers for s in sets.values() for ev in s.events.values() if ev.answers}
    used_events |= {v["event"] for s in sets.values() for _, v in s.raw_violations}
    used_events |= {e.get("type") for s in sets.values() for ex in s.examples for e in _example_events(ex)}
    used_params = {p for s in sets.values() for ev in s.events.values()
                   for p in (ev.parameter, ev.applicant_parameter) if p}
    for s in sets.values():
        for k in s.events:
            if k not in used_events:
                path, line = _at(s, "events", k)
                raise RuleFileError(path, line, f"nothing uses the event '{k}': add an example with it (no example, "
                                    "violation or other event refers to it)",
                                    f"事件“{k}”没有被任何示例、违法情形或其他事件使用：请为它添加示例")
        for k in s.parameters:
            if not PARAMETERS[k].by_name and k not in used_params and s.kind != "local":
                path, line = _at(s, "parameters", k)
                raise RuleFileError(path, line, f"nothing uses the parameter '{k}': no event refers to it",
                                    f"参数“{k}”没有被任何事件使用")


def _check_versions(sets: dict[str, RuleSet]) -> None:
    nationals = sorted((r for r in sets.values() if r.kind == "national"),
                       key=lambda r: r.effective_from or dt.date.min)
    for a, b in itertools.pairwise(nationals):
        if a.effective_to is None or a.effective_to >= (b.effective_from or dt.date.min):
            path, line = _at(b, "ruleset", "effective_from")
            span = f"{a.id} is in force from {a.effective_from} to {a.effective_to or '(no effective_to)'}"
            span_zh = f"{a.id}的施行期间为{a.effective_from}至{a.effective_to or '（未写effective_to）'}"
            raise RuleFileError(path, line, f"{a.id} and {b.id} are both in force on {b.effective_from} ({span}): "
                                "periods of force must not overlap (a rule set that adds to another names it "
                                "under 'supplements')", f"{a.id}与{b.id}在{b.effective_from}同时有效（{span_zh}）："
                                "施行期间不得重叠（补充其他规则的规则集应在supplements中写明所补充的规则集）")


def _check_layer(r: RuleSet, sets: dict[str, RuleSet]) -> None:
    base = sets.get(r.extends or "")
    if base is None or base.kind != "national":
        hint_en, hint_zh = did_you_mean(r.extends, [k for k, s in sets.items() if s.kind == "national"])
        raise RuleFileError(Path(r.folder) / "ruleset.yaml", None,
                            f"'{r.id}' extends '{r.extends}', which is not a national rule set{hint_en}",
                            f"“{r.id}”依附的“{r.extends}”不是全国性规则集{hint_zh}")
    for k, p in r.parameters.items():
        path, line = _at(r, "parameters", k)
        if k not in base.parameters:
            hint_en, hint_zh = did_you_mean(k, base.parameters)
            raise RuleFileError(path, line, f"the local parameter '{k}' overrides nothing in {base.id}{hint_en}",
                                f"地方参数“{k}”在{base.id}中没有对应的参数可覆盖{hint_zh}")
        choices = base.parameters[k].choices
        if choices is not None and p.value not in choices:
            raise RuleFileError(path, line, f"'{k}' must be one of {list(choices)}",
                                f"参数“{k}”的取值必须是{list(choices)}之一")
    for k in r.periods:
        if k not in base.periods:
            path, line = _at(r, "periods", k)
            hint_en, hint_zh = did_you_mean(k, base.periods)
            raise RuleFileError(path, line, f"the local period '{k}' overrides nothing in {base.id}{hint_en}",
                                f"地方期限“{k}”在{base.id}中没有对应的期限可覆盖{hint_zh}")
