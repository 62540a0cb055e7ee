"""Check a parsed rule file against a JSON Schema shipped with the package,
reporting the first problem with file, line and a plain bilingual message."""

from __future__ import annotations

import difflib
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
    if err.validator == "additionalProperties":
        node = _node_at(doc, parts)
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in node if k not in allowed] if isinstance(node, dict) else []
        if extra:
            key = extra[0]
            line = node.line_of(key) if isinstance(node, Map) else line
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint_en = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
            hint_zh = f"（是否应为“{close[0]}”？）" if close else f"（允许的键：{'、'.join(allowed)}）"
            raise RuleFileError(path, line, f"'{where}': unknown key '{key}'{hint_en}",
                                f"“{where}”中有不认识的键“{key}”{hint_zh}")
    en, zh = _explain(err, where)
    raise RuleFileError(path, line, en, zh)


_NAMES_ZH = {"basis": "法律依据", "title": "标题", "workdays": "工作日数", "value": "取值", "reason": "理由",
             "effect": "效果", "event": "事件", "when": "条件", "message": "说明", "instrument": "文件名称",
             "requires": "所需日期", "date_of_receipt": "收到申请之日", "voids_effect": "是否不发生效力",
             "name": "名称", "case": "案件", "expect": "预期结果", "id": "编号"}


def _node_at(doc, parts):
    node = doc
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _explain(err, where):
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        zh_name = _NAMES_ZH.get(missing, missing)
        return (f"'{where}' is missing '{missing}'", f"“{where}”缺少{zh_name}（{missing}）")
    if v == "enum":
        allowed = ", ".join(map(str, err.validator_value))
        return (f"'{where}' must be one of: {allowed}", f"“{where}”只能是以下之一：{allowed}")
    if v == "type":
        return (f"'{where}' must be of type {err.validator_value}", f"“{where}”的类型应为{err.validator_value}")
    if v in ("minimum", "exclusiveMinimum", "maximum"):
        return (f"'{where}': {err.message}", f"“{where}”的数值超出允许范围：{err.message}")
    if v == "oneOf":
        return (f"'{where}' is not written in any of the accepted forms", f"“{where}”的写法不符合要求")
    return (f"'{where}': {err.message}", f"“{where}”不符合格式要求：{err.message}")
