"""The conditions of a regime's rule files (stage limits, violations,
assessment cases), checked when they are loaded: each names a fact the
regime declares (a field of its work orders or a parameter), an operator
business-rules applies to that fact's kind, and a value of that kind;
``{param: X}`` values become :class:`~.model.ParamRef` and are filled in
when the regime runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import RuleFileError
from ..messages import Text as Words
from ..messages import message
from ..yamlfile import Map
from .blocks import check_keys, did_you_mean, fail, known, param_value
from .model import Conditions, FieldSpec, Parameter, ParamRef

_STRING_OPS = {"equal_to", "starts_with", "ends_with", "contains", "matches_regex", "non_empty"}
_OPS = {"numeric": {"equal_to", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to"},
        "boolean": {"is_true", "is_false"}, "string": _STRING_OPS}


def conditions(node: Any, facts: Mapping[str, str], params: Mapping[str, Parameter], what: str | Words) -> Conditions:
    """Check a business-rules condition tree; ``{param: X}`` values become ParamRefs."""
    if node is None:
        return None
    if isinstance(node, dict) and ("all" in node or "any" in node):
        check_keys(node, {"all", "any"}, Words(what, what) if isinstance(what, str) else what)
        return {k: [conditions(c, facts, params, what) for c in v] for k, v in node.items()}
    if not isinstance(node, Map) or not {"name", "operator"} <= set(node):
        raise RuleFileError(getattr(node, "path", ""), getattr(node, "line", None),
                            message("regimes.condition", what=what))
    if not isinstance(node["name"], str) or not isinstance(node["operator"], str):
        bad = "name" if not isinstance(node["name"], str) else "operator"
        fail(node, bad, message("regimes.condition_word", what=what, key=bad, value=repr(node[bad])))
    kind = facts.get(node["name"])
    if kind is None:
        fail(node, "name", message("regimes.unknown_fact", what=what, name=node["name"],
                                   hint=did_you_mean(node["name"], facts), known=sorted(facts)))
    if not known(node["operator"], _OPS[kind]):
        fail(node, "operator", message("regimes.operator", what=what, operator=node["operator"], name=node["name"],
                                       known=sorted(_OPS[kind])))
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


def _check_value(value: Any, kind: str, params: Mapping[str, Parameter], node: Map, what: str | Words) -> None:
    """A condition's value (or the default of the parameter it names) is of its fact's kind."""
    if kind == "boolean" or "value" not in node:
        return
    shown = params[value.name].value if isinstance(value, ParamRef) else value
    if fact_kind(shown) != kind or isinstance(shown, (dict, list)):
        fields = {"what": what, "name": node["name"], "value": repr(shown)}
        if isinstance(value, ParamRef):
            fail(node, "value", message("regimes.value_kind_number_param", param=value.name, **fields) if
                 kind == "numeric" else message("regimes.value_kind_text_param", param=value.name, **fields))
        fail(node, "value", message("regimes.value_kind_number", **fields) if kind == "numeric"
             else message("regimes.value_kind_text", **fields))
