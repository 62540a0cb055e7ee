"""Run the examples that live beside the rules (like OpenFisca's YAML tests).

An example gives a case, an optional ``as_of`` and the expected values of
result fields; ``violations`` is compared as the list of violation codes.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .clock import evaluate
from .errors import DisclosureRulesError


@attrs.frozen
class ExampleOutcome:
    ruleset: str
    name: str
    path: str
    line: int
    passed: bool
    differences: tuple[str, ...]

    def to_dict(self) -> dict:
        return attrs.asdict(self)


def _norm(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def run_examples(book, calendar_loader=None) -> list[ExampleOutcome]:
    out = []
    for rs in sorted(book.rulesets.values(), key=lambda r: r.id):
        for ex in rs.examples:
            diffs = []
            try:
                kwargs = {"rules": book}
                if calendar_loader is not None:
                    kwargs["calendar"] = calendar_loader(ex.case.get("calendar", "cn"))
                res = evaluate(ex.case, ex.as_of, **kwargs).to_dict()
            except DisclosureRulesError as exc:
                expected_error = ex.expect.get("error")
                if expected_error and expected_error == exc.kind:
                    out.append(ExampleOutcome(rs.id, ex.name, ex.path, ex.line, True, ()))
                    continue
                out.append(ExampleOutcome(rs.id, ex.name, ex.path, ex.line, False, (f"error: {exc.message}",)))
                continue
            for key, want in ex.expect.items():
                if key == "violations":
                    got = sorted(v["code"] for v in res["violations"])
                    want = sorted(want or [])
                elif key not in res:
                    diffs.append(f"unknown result field '{key}'")
                    continue
                else:
                    got = res[key]
                    want = _norm(want)
                if got != want:
                    diffs.append(f"{key}: expected {want}, got {got}")
            out.append(ExampleOutcome(rs.id, ex.name, ex.path, ex.line, not diffs, tuple(diffs)))
    return out
