"""Evaluate a regime's case: ``(regime, calendar, office hours, order, as of) -> result``.

For each stage, in the order of ``stages.yaml``: the start (the first of its
``starts`` moments the order has), the limit (the first whose conditions
hold for the order's fields), the due moment, each extension request (its
violations first: a violation with ``voids`` leaves the due moment as it
was), then the end (done, closed, or still open as of the evaluation) and
the completion violations.  Nothing here knows a regime by name.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from ..basis import Basis, cite_all
from ..conditions import holding, variables_class
from ..errors import CaseError, InputError
from ..messages import Text, message
from .conditions import fact_kind, field_facts
from .model import CHECKS, Anchor, Conditions, Extension, FieldRef, Regime, Stage, ViolationRule
from .order import Order, OrderEvent
from .periods import Moment, TimeBase
from .result import RegimeResult, StageResult, Step, Violation

# Any: parameter values and the facts of conditions are the rule files' and the case's YAML data
Facts = Mapping[str, Any]


@functools.lru_cache(maxsize=64)
def _variables(kinds: tuple[tuple[str, str], ...]) -> Callable[[Facts], object]:
    cls: Callable[[Facts], object] = variables_class("RegimeFacts", dict(kinds))
    return cls


def holds(conditions: Conditions, facts: Facts, kinds: Mapping[str, str]) -> bool:
    if conditions is None:
        return True
    return bool(holding([("x", conditions)], _variables(tuple(sorted(kinds.items())))(facts)))


def check_params(regime: Regime, params: Mapping[str, Any] | None) -> dict[str, Any]:
    params = dict(params or {})
    for k, v in params.items():
        p = regime.parameters.get(k)
        if p is None:
            raise InputError(message("engine.no_parameter", regime=regime.id, key=k, known=sorted(regime.parameters)))
        if fact_kind(v) != fact_kind(p.value):
            raise InputError(message("engine.parameter_kind", key=k, value=repr(v), default=repr(p.value)))
        if p.choices and v not in p.choices:
            raise InputError(message("engine.not_a_choice", key=k, value=repr(v), choices=str(list(p.choices))))
    return params



def _pair(text: Text) -> tuple[str, str]:
    """A message's English and Chinese, as two arguments."""
    return text.en, text.zh

class _Run:
    """One evaluation: the regime, the order, the time base and what has been found so far."""

    def __init__(self, regime: Regime, order: Order, tb: TimeBase, as_of: Moment, params: dict[str, Any]) -> None:
        self.r, self.o, self.tb, self.as_of, self.params = regime, order, tb, as_of, params
        self.events = tuple(e for e in order.events if e.at <= as_of)
        self.field_kinds = field_facts(regime.fields, regime.parameters)
        self.field_values: dict[str, Any] = {
            k: order.fields.get(k, {"string": "", "boolean": False}.get(kind, 0))
            for k, kind in self.field_kinds.items() if k in regime.fields}
        self.field_values.update({k: regime.param(k, params) for k in regime.parameters})
        self.stages: list[StageResult] = []
        self.violations: list[Violation] = []
        self.trace: list[Step] = []
        self.dues: dict[str, Moment] = {}     # stage -> due moment, for {due_of: STAGE}

    def val(self, v: Any) -> Any:
        if isinstance(v, FieldRef):
            n = self.o.fields.get(v.name)
            if n is None:
                raise CaseError(message("engine.field_needed", id=self.o.id, field=v.name))
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise CaseError(message("engine.field_not_whole", id=self.o.id, field=v.name, value=repr(n)))
            return n
        return self.r.resolve(v, self.params)

    def step(self, at: Moment, stage: str, kind: str, due: Moment | None, en: str, zh: str,
             basis: Iterable[Basis] = ()) -> None:
        self.trace.append(Step(self.tb.fmt(at), stage, kind, self.tb.fmt(due), en, zh, tuple(basis)))

    def moment(self, anchors: tuple[Anchor, ...], after: Moment | None = None
               ) -> tuple[Moment | OrderEvent | None, str | None]:
        """The first of ``anchors`` the order has (a field, or the first event of a type after ``after``):
        a moment or an :class:`OrderEvent`, and its name."""
        for a in anchors:
            name = self.val(a.name)
            if a.kind == "due_of":
                if name in self.dues:
                    return self.dues[name], f"the due date of {name}"
                continue
            if a.kind == "field":
                v = self.o.fields.get(name)
                if v is not None:
                    return v, name
            else:
                if name not in self.r.events:
                    raise InputError(message("engine.not_an_event", name=name, regime=self.r.id))
                for e in self.events:
                    if e.type == name and (after is None or e.at >= after):
                        return e, name
        return None, None

    def fire(self, stage: Stage, check: str, facts: dict[str, Any], at: Moment) -> list[ViolationRule]:
        kinds = {**self.field_kinds, **CHECKS[check]}
        values = {**self.field_values, **facts}
        fired = []
        for v in self.r.violations:
            if v.stage == stage.key and v.check == check and holds(self.val(v.when), values, kinds):
                fired.append(v)
                self.violations.append(Violation(v.code, stage.key, self.tb.fmt(at), self.val(v.severity),
                                                 v.title, v.basis, facts))
                self.step(at, stage.key, "violation", None, f"{v.title.en} ({v.code})", f"{v.title.zh}（{v.code}）",
                          v.basis)
        return fired

    def run_stage(self, stage: Stage) -> None:
        ran = {s.stage: s for s in self.stages}
        if any(k not in ran or ran[k].late != late for k, late in stage.requires):
            return
        start, start_name = self.moment(stage.starts)
        if start is None:
            return
        start_at = _at(start)
        limit = next((lim for lim in stage.limits if holds(self.val(lim.when), self.field_values, self.field_kinds)),
                     None)
        if limit is None:
            fields = ", ".join(f"{k}={v}" for k, v in self.o.fields.items() if k in self.field_kinds)
            raise CaseError(message("engine.no_limit", id=self.o.id, stage=stage.key, fields=fields))
        p = limit.period
        backwards = p.direction == "before"
        done, _ = self.moment(stage.done, None if backwards else start_at)
        done_at = None if done is None else _at(done)
        if done_at is not None and done_at > self.as_of:
            done_at = None                          # a field dated after the evaluation has not happened yet
        if stage.only_when_done and done_at is None:
            return
        n = self.val(p.value)
        due = self.tb.add(start_at, p.unit, n, self.val(p.convention), self.val(p.rollover), p.direction)
        self.step(start_at, stage.key, "start", due,
                  *_pair(message("engine.step.back" if backwards else "engine.step.start", title=stage.title,
                                 start=str(start_name), n=n, unit=_unit(p.unit), direction=p.direction)),
                  limit.basis)
        closed, _ = self.moment(stage.closed_by, start_at)
        closed_at = None if closed is None else _at(closed)
        if closed_at is not None and done_at is not None and closed_at >= done_at:
            closed_at = None
        end = done_at or closed_at
        if stage.extension is not None:
            due = self.extensions(stage, stage.extension, start_at, end, due)
        self.dues[stage.key] = due
        self.finish(stage, start_at, due, done_at, closed_at, done)

    def extensions(self, stage: Stage, ext: Extension, start: Moment, end: Moment | None, due: Moment) -> Moment:
        requests = [e for e in self.events if e.type == ext.event and e.at >= start and (end is None or e.at <= end)]
        needs_approval = bool(self.val(ext.approval_required))
        for k, e in enumerate(requests, 1):
            amount = e.fields.get(ext.amount_field, 0) if ext.amount_field is not None else 0
            facts = {"requested_after_due": e.at > due, "extension_number": k, "extension_workdays": amount}
            fired = self.fire(stage, "extension", facts, e.at)
            if any(self.val(v.voids) for v in fired):
                self.step(e.at, stage.key, "extension", due, *_pair(message("engine.step.extension_void", k=k, amount=amount)),
                          ext.basis)
                continue
            if needs_approval:
                approved = next((a for a in self.events if a.type == ext.approval_event and a.at >= e.at), None)
                if approved is None:
                    self.step(e.at, stage.key, "extension", due, *_pair(message("engine.step.extension_pending", k=k)),
                              ext.basis)
                    continue
            p = ext.period
            due = self.tb.add(due, p.unit, amount, self.val(p.convention), self.val(p.rollover), p.direction)
            self.step(e.at, stage.key, "extension", due,
                      *_pair(message("engine.step.extension", k=k, amount=amount, unit=_unit(p.unit))),
                      ext.basis)
        return due

    def finish(self, stage: Stage, start: Moment, due: Moment, done_at: Moment | None, closed_at: Moment | None,
               done: object) -> None:
        if done_at is not None:
            late, status, at = done_at > due, "done", done_at
            self.step(done_at, stage.key, "done", due,
                      *message("engine.step.done_late" if late else "engine.step.done", title=stage.title))
        elif closed_at is not None:
            late, status, at = False, "closed", closed_at
            self.step(closed_at, stage.key, "closed", due, *message("engine.step.closed", title=stage.title))
        else:
            late, at = self.as_of > due, self.as_of
            status = "overdue" if late else "open"
        by = self.tb.late_by(due, at) if late else 0
        self.stages.append(StageResult(stage.key, self.tb.fmt(start), self.tb.fmt(due), self.tb.fmt(done_at), late,
                                       status))
        if status != "closed":
            mins = by * 1440 if self.tb.resolution == "day" else by
            days = by if self.tb.resolution == "day" else by // 1440
            self.fire(stage, "completion", {"late": late, "done": done_at is not None, "minutes_late": mins,
                                            "days_late": days}, at)


def evaluate_order(regime: Regime, order: Order, tb: TimeBase, as_of: Moment,
                   params: Mapping[str, Any] | None = None) -> RegimeResult:
    """The result of ``order`` under ``regime`` as of ``as_of`` (a moment or a date)."""
    params = check_params(regime, params)
    run = _Run(regime, order, tb, as_of, params)
    first = min([e.at for e in order.events] + [v for k, v in order.fields.items() if regime.fields[k].required
                                                 and regime.fields[k].type in ("time", "date")], default=None)
    if first is not None and as_of < (first if tb.resolution == "day" or isinstance(first, dt.datetime)
                                      else dt.datetime.combine(first, dt.time())):
        raise CaseError(message("engine.before_first", id=order.id, as_of=tb.fmt(as_of), first=tb.fmt(first)))
    for stage in regime.stages:
        run.run_stage(stage)
    first_day = first if isinstance(first, dt.date) and not isinstance(first, dt.datetime) else \
        (cast(dt.datetime, first).date() if first else None)
    notes: list[dict[str, str]] = []
    if first_day and ((regime.effective_to and first_day > regime.effective_to)
                      or (regime.effective_from and first_day < regime.effective_from)):
        en, zh = message("engine.outside_term", instrument=regime.instrument, since=regime.effective_from,
                         until=regime.effective_to)
        notes.append({"code": "outside_term", "en": en, "zh": zh})
    provisional = any(run.tb.calendar.is_estimated(_day(d)) for s in run.stages for d in (s.due,) if d)
    status = "overdue" if any(s.status == "overdue" for s in run.stages) else \
        "open" if any(s.status == "open" for s in run.stages) else "closed"
    return RegimeResult(order.id, regime.id, order.unit, tb.fmt(as_of), status, tuple(run.stages),
                        tuple(run.violations), tuple(sorted(run.trace, key=lambda s: s.at)), provisional, regime.digest, tuple(notes),
                        {k: regime.param(k, params) for k in regime.parameters})


def _at(x: Moment | OrderEvent) -> Moment:
    """The moment of an anchor: an event's, or a field's own value."""
    return x.at if isinstance(x, OrderEvent) else x


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s[:10])


__all__ = ["evaluate_order", "check_params", "cite_all"]


# a unit of a period -> the message naming it
_UNITS = {"minutes": "engine.unit.minutes", "clock_hours": "engine.unit.clock_hours",
          "working_minutes": "engine.unit.working_minutes", "working_hours": "engine.unit.working_hours",
          "working_days": "engine.unit.working_days", "calendar_days": "engine.unit.calendar_days"}


def _unit(unit: str) -> Text:
    return message(_UNITS[unit]) if unit in _UNITS else Text(unit, unit)
