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
from ..messages import Text, message
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


def _missing(rs: RuleSet, section: str, name: str, defined: Iterable[str], what: Text) -> None:
    """A name the engine reads is not defined: point at the closest name defined, if any."""
    defined = list(defined)
    hint = did_you_mean(name, defined)
    close = [k for k in defined if hint.en.startswith(f" (did you mean '{k}'")]
    path, line = _at(rs, section, close[0]) if close else _at(rs, "section", section)
    raise RuleFileError(path, line, message("clockcheck.engine_needs", what=what, name=name, rules=rs.id, hint=hint,
                                            section=section))


def check_vocabulary(rs: RuleSet) -> None:
    """A national rule set defines every period and parameter the clock reads by name."""
    if rs.kind != "national":
        return
    for name in PERIODS:
        if name not in rs.periods:
            _missing(rs, "periods", name, rs.periods, message("clockcheck.what.period"))
    for name, kind in PARAMETERS.items():
        if kind.required and name not in rs.parameters:
            _missing(rs, "parameters", name, rs.parameters, message("clockcheck.what.parameter"))


def _ref(ev: EventRule, field: str, ref: str | None, known: dict[str, Any], what: str,
         values: dict[str, str] | None = None) -> None:
    """``ref`` names one of ``known``; else the error says what the field is (message ``what``
    with ``values``, worded only then: the check runs for every event of every process)."""
    if ref is None or ref in known:
        return
    raise RuleFileError(ev.path, ev.line_of(field), message("clockcheck.undefined_ref", event=ev.type,
                                                            what=message(what, **(values or {})), ref=ref,
                                                            hint=did_you_mean(ref, known)))


def check_event(ev: EventRule, periods: dict[str, Any], params: dict[str, Any], events: dict[str, Any]) -> None:
    """The names an event uses exist, and its effect has what it needs."""
    for field, ref in (("period", ev.period), ("cap", ev.cap), ("applicant_period.period", ev.applicant_period)):
        _ref(ev, field, ref, periods, "clockcheck.what.period_field", {"field": field})
    _ref(ev, "applicant_period.parameter", ev.applicant_parameter, params, "clockcheck.what.parameter")
    _ref(ev, "parameter", ev.parameter, params, "clockcheck.what.parameter")
    _ref(ev, "answers", ev.answers, events, "clockcheck.what.answered")
    for p in ev.parties.values():
        _ref(ev, f"parties.{p.key}.period", p.period, periods, "clockcheck.what.party_period", {"party": p.key})
    if ev.applicant_parameter is not None and PARAMETERS[ev.applicant_parameter].type != "workdays":
        raise RuleFileError(ev.path, ev.line_of("applicant_period.parameter"),
                            message("clockcheck.applicant_parameter", event=ev.type, name=ev.applicant_parameter))
    if ev.parameter is not None and set(PARAMETERS[ev.parameter].choices) - set(RESTART_MODES):
        raise RuleFileError(ev.path, ev.line_of("parameter"), message("clockcheck.restart_parameter", event=ev.type,
                                                                      name=ev.parameter, modes=list(RESTART_MODES)))
    for attr in EFFECTS[ev.effect]:
        value = getattr(ev, "expiry_status" if attr == "on_expiry" else attr)
        if not value:
            raise RuleFileError(ev.path, ev.line, message("clockcheck.effect_needs", event=ev.type, effect=ev.effect,
                                                          key=attr))


def _fact_condition(node: Map, code: str, periods: dict[str, Any]) -> dict[str, Any]:
    name, op = node.get("name"), node.get("operator")
    kind = FACTS.get(name) if isinstance(name, str) else None
    if kind is None:
        fail(node, "name", *message("clockcheck.unknown_fact", code=code, name=str(name), hint=did_you_mean(name, FACTS)))
        raise AssertionError  # unreachable: fail raises
    if not isinstance(op, str) or op not in OPERATORS[kind]:
        fail(node, "operator", *message("clockcheck.operator", code=code, operator=str(op), name=name,
                                        hint=did_you_mean(op, OPERATORS[kind])))
    value = node.get("value")
    if isinstance(value, dict) and "period" in value:
        if not isinstance(value["period"], str) or value["period"] not in periods:
            fail(value if isinstance(value, Map) else node, "period",
                 *message("clockcheck.undefined_period", code=code, period=str(value["period"]),
                          hint=did_you_mean(value["period"], periods)))
        value = periods[value["period"]].workdays
    elif kind == "numeric" and (isinstance(value, bool) or not isinstance(value, int)):
        fail(node, "value", *message("clockcheck.value_number", code=code, name=name))
    elif kind == "boolean" and not isinstance(value, bool):
        fail(node, "value", *message("clockcheck.value_flag", code=code, name=name))
    return {"name": name, "operator": op, "value": value}


def _condition(node: Any, code: str, periods: dict[str, Any], v: Map) -> dict[str, Any]:
    if isinstance(node, dict) and ("all" in node or "any" in node):
        key = "all" if "all" in node else "any"
        items = node[key]
        if not isinstance(items, list) or not items:
            fail(node, key, *message("clockcheck.conditions_list", code=code, key=key))
        return {key: [_condition(c, code, periods, v) for c in items]}
    if isinstance(node, Map) and "name" in node:
        return _fact_condition(node, code, periods)
    fail(node if isinstance(node, Map) else v, "when" if not isinstance(node, Map) else None,
         *message("clockcheck.condition", code=code))
    raise AssertionError  # unreachable: fail raises


def _placeholders(v: Map, code: str, periods: dict[str, Any]) -> None:
    known = set(FACTS) | {f"period_{k}" for k in periods}
    msg = v["message"]
    for text in ([msg] if isinstance(msg, str) else [msg.get("zh", ""), msg.get("en", "")]):
        for _, field, _, _ in string.Formatter().parse(text) if isinstance(text, str) else ():
            if field is not None and field not in known:
                fail(v, "message", *message("clockcheck.placeholder", code=code, field=field,
                                            hint=did_you_mean(field, known)))


def violation(code: str, v: Map, periods: dict[str, Any], events: dict[str, Any], rid: str) -> ViolationRule:
    if not isinstance(v["event"], str) or v["event"] not in events and v["event"] not in PSEUDO_EVENTS:
        fail(v, "event", *message("clockcheck.violation_event", code=code, event=str(v["event"]),
                                  hint=did_you_mean(v["event"], [*events, *PSEUDO_EVENTS])))
    try:
        _placeholders(v, code, periods)
    except ValueError:
        fail(v, "message", *message("clockcheck.brace", code=code))
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
            hint = did_you_mean(k, sorted(used - set(rs.periods)))
            hint = hint if "did you mean" in hint.en else Text("", "")
            raise RuleFileError(path, line, message("clockcheck.unused_period", period=k, hint=hint))


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
                raise RuleFileError(ex.path, line, message("clockcheck.example_event", example=ex.name, type=str(t),
                                                           hint=did_you_mean(t, events)))
            for field in CASE_FIELDS.get(events[t].effect, ()):
                if field in e and (not isinstance(e[field], str) or e[field] not in parties):
                    raise RuleFileError(ex.path, line, message("clockcheck.example_party", example=ex.name,
                                                               key=field, value=str(e[field]),
                                                               hint=did_you_mean(e[field], parties)))


def _example_events(ex: Example) -> list[dict[str, Any]]:
    evs = ex.case.get("events") if isinstance(ex.case, dict) else None
    return [e for e in evs if isinstance(e, dict)] if isinstance(evs, list) else []


def _case_keys(ex: Example) -> None:
    case = ex.case
    for k in case if isinstance(case, dict) else ():
        if k not in CASE_KEYS:
            line = case.line_of(k) if isinstance(case, Map) else ex.line
            raise RuleFileError(ex.path, line, message("clockcheck.example_key", example=ex.name, key=k,
                                                       hint=did_you_mean(k, CASE_KEYS)))


def with_violations(r: RuleSet, violations: dict[str, ViolationRule]) -> RuleSet:
    return attrs.evolve(r, violations=violations)


def check_order(events: dict[str, EventRule]) -> None:
    """Two events of the same rules may not share a same-day order (the order they are taken in would be a guess)."""
    seen: dict[int, EventRule] = {}
    for ev in sorted(events.values(), key=lambda e: e.type):
        other = seen.setdefault(ev.order, ev)
        if other is not ev:
            raise RuleFileError(ev.path, ev.lines.get("order", ev.line) if ev.lines else ev.line,
                                message("clockcheck.same_order", first=other.type, second=ev.type, order=ev.order))


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
                raise RuleFileError(Path(r.folder) / "ruleset.yaml", None, message(
                    "clockcheck.supplements", rules=r.id, other=t,
                    hint=did_you_mean(t, [k for k, s in sets.items() if s.kind == "national"])))
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
                raise RuleFileError(path, line, message("clockcheck.unused_event", event=k))
        for k in s.parameters:
            if not PARAMETERS[k].by_name and k not in used_params and s.kind != "local":
                path, line = _at(s, "parameters", k)
                raise RuleFileError(path, line, message("clockcheck.unused_parameter", name=k))


def _check_versions(sets: dict[str, RuleSet]) -> None:
    nationals = sorted((r for r in sets.values() if r.kind == "national"),
                       key=lambda r: r.effective_from or dt.date.min)
    for a, b in itertools.pairwise(nationals):
        if a.effective_to is None or a.effective_to >= (b.effective_from or dt.date.min):
            path, line = _at(b, "ruleset", "effective_from")
            until = a.effective_to or message("clockcheck.no_effective_to")
            raise RuleFileError(path, line, message("clockcheck.overlap", first=a.id, second=b.id,
                                                    day=b.effective_from, since=a.effective_from, until=until))


def _check_layer(r: RuleSet, sets: dict[str, RuleSet]) -> None:
    base = sets.get(r.extends or "")
    if base is None or base.kind != "national":
        raise RuleFileError(Path(r.folder) / "ruleset.yaml", None, message(
            "clockcheck.extends", rules=r.id, other=r.extends,
            hint=did_you_mean(r.extends, [k for k, s in sets.items() if s.kind == "national"])))
    for k, p in r.parameters.items():
        path, line = _at(r, "parameters", k)
        if k not in base.parameters:
            raise RuleFileError(path, line, message("clockcheck.local_parameter", name=k, rules=base.id,
                                                    hint=did_you_mean(k, base.parameters)))
        choices = base.parameters[k].choices
        if choices is not None and p.value not in choices:
            raise RuleFileError(path, line, message("clockcheck.local_choice", name=k, choices=str(list(choices))))
    for k in r.periods:
        if k not in base.periods:
            path, line = _at(r, "periods", k)
            raise RuleFileError(path, line, message("clockcheck.local_period", name=k, rules=base.id,
                                                    hint=did_you_mean(k, base.periods)))
