"""Run the examples that live beside the rules (like OpenFisca's YAML tests).

An example gives a case, an optional ``as_of`` and the expected values of
result fields; ``violations`` is compared as the list of violation codes.
Each example is named by its file and its case's id: ``disclosure-rules
check`` prints one line per example and the test suite collects each as its
own test item (``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from .calendar import Calendar
from .clock import evaluate
from .errors import DisclosureRulesError
from .reprs import SharedRepr
from .rulefiles.clockrules import Example, RuleBook


@attrs.frozen(repr=False)
class ExampleOutcome(SharedRepr):
    ruleset: str
    name: str
    path: str
    line: int
    passed: bool
    differences: tuple[str, ...]
    id: str = ""                       # the case id: with the file, what names the example

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _norm(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def example_id(ex: Example) -> str:
    """The id of an example: its case's id (or its position in the file)."""
    case_id = ex.case.get("id") if isinstance(ex.case, dict) else None
    return str(case_id) if case_id is not None else f"line-{ex.line}"


def run_example(ex: Example, ruleset: str, book: RuleBook,
                calendar_loader: Callable[[str], Calendar] | None = None) -> ExampleOutcome:
    """Evaluate one example under ``book`` and compare the result with what it expects."""
    def outcome(passed: bool, diffs: tuple[str, ...]) -> ExampleOutcome:
        return ExampleOutcome(ruleset, ex.name, ex.path, ex.line, passed, diffs, example_id(ex))

    try:
        calendar = calendar_loader(ex.case.get("calendar", "cn")) if calendar_loader is not None else None
        res = evaluate(ex.case, ex.as_of, rules=book, calendar=calendar).to_dict()
    except DisclosureRulesError as exc:
        if ex.expect.get("error") and ex.expect.get("error") == exc.kind:
            return outcome(True, ())
        return outcome(False, (f"error: {exc.message}",))
    return outcome(*_compare(ex.expect, res))


def _compare(expect: dict[str, Any], res: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
    diffs = []
    for key, want in expect.items():
        if key == "violations":
            got = sorted(v["code"] for v in res["violations"])
            want = sorted(want or [])
        elif key not in res:
            diffs.append(f"unknown result field '{key}'")
            continue
        else:
            got, want = res[key], _norm(want)
        if got != want:
            diffs.append(f"{key}: expected {want}, got {got}")
    return not diffs, tuple(diffs)


def run_examples(book: RuleBook, calendar_loader: Callable[[str], Calendar] | None = None) -> list[ExampleOutcome]:
    """Every example of every rule set in ``book``, in order of rule set and file."""
    return [run_example(ex, rs.id, book, calendar_loader)
            for rs in sorted(book.rulesets.values(), key=lambda r: r.id) for ex in rs.examples]
