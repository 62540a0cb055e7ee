"""Violation conditions compiled once into predicates over arrays of facts.

The conditions stay written for business-rules in ``violations.yaml``;
:mod:`disclosure_rules.clock.compiled` gives the same tree as a predicate over
one case's facts, and this module as one over columns of facts (one entry
per case).  Every fact of the clock is a whole number or a flag, and for
whole numbers business-rules' epsilon never matters; a condition comparing
with anything but a whole number is refused (:class:`Unsupported`) and the
batch goes to the fast path.  ``tests/test_columnar.py`` checks these
predicates against business-rules on generated facts.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from ..clock.compiled import Condition

if TYPE_CHECKING:
    from numpy.typing import NDArray

# a column of facts (one per case) or one value for every case
FactColumn: TypeAlias = "NDArray[np.int64] | int | bool"
VectorPredicate: TypeAlias = Callable[[Mapping[str, Any], int], "NDArray[np.bool_]"]

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "equal_to": operator.eq, "greater_than": operator.gt, "less_than": operator.lt,
    "greater_than_or_equal_to": operator.ge, "less_than_or_equal_to": operator.le,
}


class Unsupported(Exception):
    """A condition this module does not compile (the fast path takes the batch)."""


def _column(facts: Mapping[str, Any], name: str, n: int) -> NDArray[Any]:
    return np.broadcast_to(np.asarray(facts[name]), (n,))


def _group(every: bool, parts: list[VectorPredicate]) -> VectorPredicate:
    def pred(facts: Mapping[str, Any], n: int) -> NDArray[np.bool_]:
        out = np.full(n, every, dtype=np.bool_)
        for p in parts:
            out = (out & p(facts, n)) if every else (out | p(facts, n))
        return out
    return pred


def compile_vector(node: Condition) -> VectorPredicate:
    """A predicate over columns of facts (``pred(facts, n)`` -> n flags) for a business-rules condition tree."""
    if "all" in node or "any" in node:
        every = "all" in node
        return _group(every, [compile_vector(c) for c in node["all" if every else "any"]])
    name, op = node["name"], node["operator"]
    if op == "is_true":
        return lambda facts, n: _column(facts, name, n).astype(np.bool_)
    if op == "is_false":
        return lambda facts, n: ~_column(facts, name, n).astype(np.bool_)
    value = node.get("value")
    compare = _COMPARE.get(op)
    if compare is None or type(value) is not int:
        raise Unsupported(op)
    return lambda facts, n: np.asarray(compare(_column(facts, name, n), value), dtype=np.bool_)
