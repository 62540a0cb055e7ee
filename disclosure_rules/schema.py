"""Check a parsed rule file against a JSON Schema shipped with the package,
reporting the first problem with file, line and a plain bilingual message."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .errors import RuleFileError
from .yamlfile import Map, Seq

_SCHEMAS = Path(__file__).resolve().parent / "schemas"


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _jsonable(x):
    import datetime as dt
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _line_at(doc, path_parts) -> int | None:
    node, line = doc, getattr(doc, "line", None)
    for part in path_parts:
        if isinstance(node, Map) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, Seq) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line


def validate(doc, schema_name: str, path) -> None:
    """Raise RuleFileError for the first schema violation in ``doc``."""
    import jsonschema

    schema = load_schema(schema_name)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(_jsonable(doc)), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = errors[0]
    parts = list(err.absolute_path)
    where = ".".join(str(p) for p in parts) or "(top)"
    line = _line_at(doc, parts)
    en, zh = _explain(err, where)
    raise RuleFileError(path, line, en, zh)


def _explain(err, where):
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return (f"'{where}' is missing the required key '{missing}'", f"“{where}”缺少必需的键“{missing}”")
    if v == "additionalProperties":
        return (f"'{where}': {err.message} (check the spelling)", f"“{where}”中有不认识的键（请检查拼写）：{err.message}")
    if v == "enum":
        allowed = ", ".join(map(str, err.validator_value))
        return (f"'{where}' must be one of: {allowed}", f"“{where}”只能是以下之一：{allowed}")
    if v == "type":
        return (f"'{where}' must be of type {err.validator_value}", f"“{where}”的类型应为{err.validator_value}")
    if v in ("minimum", "exclusiveMinimum", "maximum"):
        return (f"'{where}': {err.message}", f"“{where}”的数值超出允许范围：{err.message}")
    return (f"'{where}': {err.message}", f"“{where}”不符合格式要求：{err.message}")
