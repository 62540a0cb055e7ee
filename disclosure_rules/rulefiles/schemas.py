"""The JSON Schemas of the rule files, and the check of a parsed file against one.

The schemas live in ``schemas/`` beside ``rules/`` and ``calendars/`` (shipped
as ``disclosure_rules/data/schemas``), so that a rule file can name its
schema with a relative path that resolves in a checkout and in an installed
package alike (``# yaml-language-server: $schema=../../schemas/...``), and
an editor completes keys and flags typos while legal staff type.  Shared
parts (``basis``, bilingual texts, names, dates) are defined once in
``common.schema.json``.

:func:`validate` reports the first problem with file, line and a plain
message in English and Chinese (a did-you-mean for an unknown key).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import data_dir
from ..errors import RuleFileError
from ..messages import Text, message
from .vocabulary import did_you_mean
from .yamldoc import Map, Seq

if TYPE_CHECKING:
    import jsonschema

SCHEMA_NAMES = ("clock-rules", "outcomes", "fees", "remedies", "report-table", "statuses",
                # the kinds the floors above register (time-limit regimes, published-report rules)
                "regime", "regime-stages", "regime-examples", "assessment", "report-sections", "report-phrases",
                "report-checks", "report-deadlines")
# the calendar side files: office hours (calendars/hours/*.yaml), the statutory holidays and the
# arrangement principles (calendars/statutory.yaml, calendars/principles.yaml)
CALENDAR_SCHEMA_NAMES = ("office-hours", "statutory-holidays", "arrangement-principles")


def schemas_dir() -> Path:
    """The folder of the shipped JSON Schemas."""
    return data_dir("schemas")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


def _inline(node: Any, doc: dict[str, Any]) -> Any:
    """The schema with every ``$ref`` replaced by what it points at (the files keep
    ``$defs`` for editors; validating without references is several times faster)."""
    if isinstance(node, list):
        return [_inline(v, doc) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        base = load_schema(target.removesuffix(".schema.json")) if target else doc
        found: Any = base
        for part in pointer.strip("/").split("/"):
            found = found[part]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**_inline(found, base), **_inline(rest, doc)}
    return {k: _inline(v, doc) for k, v in node.items() if k != "$defs"}


@functools.cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # only a process that checks a file needs it (start-up time, issue 13)

    schema = load_schema(name)
    return jsonschema.Draft202012Validator(_inline(schema, schema))


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _node_at(doc: Any, parts: list[Any]) -> Any:
    node = doc
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _line_at(doc: Any, parts: list[Any]) -> int | None:
    node, line = doc, getattr(doc, "line", None)
    for part in parts:
        if isinstance(node, Map) and part in node or isinstance(node, Seq) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


def _deepest(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For ``oneOf``, the error of the form the value was meant to have: one
    inside the value (its shape was right), else one that is not about its kind."""
    while err.context:
        depth = len(err.absolute_path)
        inner = [e for e in err.context if len(e.absolute_path) > depth]
        subs = inner or [e for e in err.context if e.validator != "type"]
        if not subs:
            break                      # no accepted form has this kind of value
        err = max(subs, key=lambda e: len(e.absolute_path))
    return err


def validate(doc: Any, schema_name: str, path: str | Path) -> None:
    """Raise RuleFileError for the first schema violation in ``doc``."""
    errors = sorted(_validator(schema_name).iter_errors(_jsonable(doc)),
                    key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = _deepest(errors[0])
    parts = list(err.absolute_path)
    where: str | Text = ".".join(str(p) for p in parts) or message("schema.top")
    line = _line_at(doc, parts)
    if err.validator == "additionalProperties":
        _unknown_key(doc, parts, err, where, path, line)
    node = _node_at(doc, parts)
    if isinstance(node, Map) and isinstance(err.instance, str) and err.instance in node:
        # propertyNames: a text where the path leads to a block is one of the block's keys
        rule = f" (pattern {err.validator_value})" if err.validator == "pattern" else ""
        raise RuleFileError(path, node.line_of(err.instance), message("schema.name_pattern", where=where,
                                                                      name=err.instance, rule=rule))
    raise RuleFileError(path, line, _explain(err, where))


def _unknown_key(doc: Any, parts: list[Any], err: jsonschema.ValidationError, where: str | Text,
                 path: str | Path, line: int | None) -> None:
    node = _node_at(doc, parts)
    schema: Any = err.schema
    allowed = sorted(schema.get("properties", {}))
    extra = [k for k in node if k not in allowed] if isinstance(node, dict) else []
    if not extra:
        return
    key = extra[0]
    line = node.line_of(key) if isinstance(node, Map) else line
    raise RuleFileError(path, line, message("schema.unknown_key", where=where, key=key,
                                            hint=did_you_mean(key, allowed)))


# a key of the rule files -> the message naming it in words (the Chinese says what the key is)
_KEY_NAMES = {"basis": "schema.key.basis", "title": "schema.key.title", "workdays": "schema.key.workdays",
              "value": "schema.key.value", "reason": "schema.key.reason", "effect": "schema.key.effect",
              "event": "schema.key.event", "when": "schema.key.when", "message": "schema.key.message",
              "instrument": "schema.key.instrument", "requires": "schema.key.requires",
              "date_of_receipt": "schema.key.date_of_receipt", "voids_effect": "schema.key.voids_effect",
              "name": "schema.key.name", "case": "schema.key.case", "expect": "schema.key.expect",
              "id": "schema.key.id", "severity": "schema.key.severity", "unit": "schema.key.unit",
              "resolution": "schema.key.resolution", "method": "schema.key.method",
              "check": "schema.key.check", "direction": "schema.key.direction", "type": "schema.key.type",
              "agency_kind": "schema.key.agency_kind"}
# a JSON Schema type -> the message naming it
_TYPES = {"integer": "schema.type.integer", "number": "schema.type.number", "string": "schema.type.string",
          "boolean": "schema.type.boolean", "object": "schema.type.object", "array": "schema.type.array",
          "null": "schema.type.null"}


def _type_names(value: Any) -> Text:
    names = [message(_TYPES[n]) if n in _TYPES else Text(str(n), str(n))
             for n in (value if isinstance(value, list) else [value])]
    either = message("schema.or")
    return Text(either.en.join(t.en for t in names), either.zh.join(t.zh for t in names))


def _explain(err: jsonschema.ValidationError, where: str | Text) -> Text:
    v, got = err.validator, json.dumps(err.instance, ensure_ascii=False)
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if missing == "basis":
            return message("schema.missing_basis", where=where)
        name = message(_KEY_NAMES[missing]) if missing in _KEY_NAMES else Text(missing, missing)
        return message("schema.missing", where=where, key=missing, key_name=name)
    if v == "enum":
        values: Any = err.validator_value
        key = next((str(k) for k in reversed(err.absolute_path) if isinstance(k, str)), "value")
        key_name = message(_KEY_NAMES[key]) if key in _KEY_NAMES else Text(key, key)
        return message("schema.enum", where=where, value=got, key=key, key_name=key_name,
                       allowed=", ".join(map(str, values)))
    if v == "type":
        return message("schema.type", where=where, value=got, types=_type_names(err.validator_value))
    if v in ("minimum", "exclusiveMinimum"):
        return message("schema.minimum", where=where, value=got, limit=err.validator_value)
    if v in ("maximum", "exclusiveMaximum"):
        return message("schema.maximum", where=where, value=got, limit=err.validator_value)
    if v == "pattern":
        return message("schema.pattern", where=where, value=got)
    if v in ("oneOf", "anyOf"):
        return message("schema.one_of", where=where)
    if v in ("minItems", "minProperties"):
        return message("schema.empty", where=where)
    return message("schema.other", where=where, detail=err.message)
