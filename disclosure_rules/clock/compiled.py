"""Violation conditions compiled once into plain Python predicates.

The conditions stay written for business-rules in ``violations.yaml`` and
business-rules stays the reference: a property test
(``tests/test_clock_engine.py``) checks that every compiled predicate gives
business-rules' answer on generated facts.  The operators copy
business-rules' semantics, including its tolerance for numeric comparisons
(``NumericType.EPSILON``, copied here so that evaluating a case does not
import business-rules; a test checks that the two are the same number).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:                    # decimal is imported with the first comparison of a number that is not whole
    from decimal import Decimal

# a fact's value: a count of working days, a flag (bool is an int) or a measured quantity
Fact: TypeAlias = "int | float | Decimal"
Facts: TypeAlias = Mapping[str, Fact]
Predicate: TypeAlias = Callable[[Facts], bool]
# a business-rules condition tree as read from violations.yaml ({all|any: [...]} or {name, operator, value})
Condition: TypeAlias = Mapping[str, Any]
#: business-rules' tolerance for numeric comparisons (business_rules.operators.NumericType.EPSILON), as written
EPSILON_TEXT = "0.000001"


@functools.cache
def epsilon() -> Decimal:
    """business-rules' tolerance as a Decimal: :data:`EPSILON_TEXT`."""
    return _decimal()(EPSILON_TEXT)


def _decimal() -> type[Decimal]:
    # only a comparison of a number that is not whole needs decimal: the clock's facts are whole numbers
    # of working days, so evaluating a case does not import it (start-up, issue 13)
    from decimal import Decimal
    return Decimal


def _num(x: Fact) -> Decimal:
    decimal = _decimal()
    return x if isinstance(x, decimal) else decimal(x) if isinstance(x, int) else decimal(repr(x))


# each operator on the difference d = fact - value, with business-rules' tolerance e
_TESTS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "equal_to": lambda d, e: abs(d) <= e,
    "greater_than": lambda d, e: d > e,
    "less_than": lambda d, e: -d > e,
    "greater_than_or_equal_to": lambda d, e: d > e or abs(d) <= e,
    "less_than_or_equal_to": lambda d, e: -d > e or abs(d) <= e,
}


def _tolerant(op: str, x: Fact, value: Fact) -> bool:
    """business-rules' comparison of ``x`` with ``value``: in decimals, within its tolerance."""
    return bool(_TESTS[op](_num(x) - _num(value), epsilon()))


def _numeric(op: str, name: str, value: Fact) -> Predicate:
    if op not in _TESTS:                         # an unknown operator fails here, not at the first case
        raise KeyError(op)
    if isinstance(value, int) and not isinstance(value, bool):
        fast: Callable[[int, int], bool] = {"equal_to": int.__eq__, "greater_than": int.__gt__, "less_than": int.__lt__,
                "greater_than_or_equal_to": int.__ge__, "less_than_or_equal_to": int.__le__}[op]

        def pred(facts: Facts) -> bool:
            x = facts[name]
            if type(x) is int:                       # exact for whole numbers: the epsilon never matters
                return fast(x, value)
            return _tolerant(op, x, value)
        return pred
    return lambda facts: _tolerant(op, facts[name], value)


def _group(every: bool, parts: list[Predicate]) -> Predicate:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return (lambda facts: a(facts) and b(facts)) if every else (lambda facts: a(facts) or b(facts))
    if every:
        return lambda facts: all(p(facts) for p in parts)
    return lambda facts: any(p(facts) for p in parts)


def compile_condition(node: Condition) -> Predicate:
    """A predicate over a facts dict for a business-rules condition tree."""
    if "all" in node or "any" in node:
        return _group("all" in node, [compile_condition(c) for c in node["all" if "all" in node else "any"]])
    name, op = node["name"], node["operator"]
    if op == "is_true":
        return lambda facts: bool(facts[name])
    if op == "is_false":
        return lambda facts: not facts[name]
    return _numeric(op, name, node["value"])
