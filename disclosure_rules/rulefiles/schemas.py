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
    where = ".".join(str(p) for p in parts) or "(top)"
    line = _line_at(doc, parts)
    if err.validator == "additionalProperties":
        _unknown_key(doc, parts, err, where, path, line)
    node = _node_at(doc, parts)
    if isinstance(node, Map) and isinstance(err.instance, str) and err.instance in node:
        # propertyNames: a text where the path leads to a block is one of the block's keys
        rule = f" (pattern {err.validator_value})" if err.validator == "pattern" else ""
        raise RuleFileError(path, node.line_of(err.instance), f"'{where}': the name '{err.instance}' is not "
                            f"written as required{rule}: use lower-case letters, digits and '_'",
                            f"“{where}”中的名称“{err.instance}”写法不符合要求{rule}：请使用小写字母、数字和_")
    en, zh = _explain(err, where)
    raise RuleFileError(path, line, en, zh)


def _unknown_key(doc: Any, parts: list[Any], err: jsonschema.ValidationError, where: str,
                 path: str | Path, line: int | None) -> None:
    node = _node_at(doc, parts)
    schema: Any = err.schema
    allowed = sorted(schema.get("properties", {}))
    extra = [k for k in node if k not in allowed] if isinstance(node, dict) else []
    if not extra:
        return
    key = extra[0]
    line = node.line_of(key) if isinstance(node, Map) else line
    hint_en, hint_zh = did_you_mean(key, allowed)
    raise RuleFileError(path, line, f"'{where}': unknown key '{key}'{hint_en}",
                        f"“{where}”中有不认识的键“{key}”{hint_zh}")


_NAMES_ZH = {"basis": "法律依据", "title": "标题", "workdays": "工作日数", "value": "取值", "reason": "理由",
             "effect": "效果", "event": "事件", "when": "条件", "message": "说明", "instrument": "文件名称",
             "requires": "所需日期", "date_of_receipt": "收到申请之日", "voids_effect": "是否不发生效力",
             "name": "名称", "case": "案件", "expect": "预期结果", "id": "编号", "severity": "严重程度",
             "unit": "单位", "resolution": "时间精度", "method": "考核方法", "check": "检查类型",
             "direction": "方向", "type": "类型", "agency_kind": "机关类别"}
_TYPES = {"integer": ("a whole number", "整数"), "number": ("a number", "数字"), "string": ("a text", "文字"),
          "boolean": ("true or false", "true或false"), "object": ("a block of 'key: value' lines", "“键: 值”块"),
          "array": ("a list", "列表"), "null": ("empty (null)", "空值（null）")}


def _type_names(value: Any) -> tuple[str, str]:
    names = value if isinstance(value, list) else [value]
    en = " or ".join(_TYPES.get(n, (n, n))[0] for n in names)
    zh = "或".join(_TYPES.get(n, (n, n))[1] for n in names)
    return en, zh


def _explain(err: jsonschema.ValidationError, where: str) -> tuple[str, str]:
    v, got = err.validator, json.dumps(err.instance, ensure_ascii=False)
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if missing == "basis":
            return (f"'{where}' does not cite its legal basis: add 'basis' with instrument and article",
                    f"“{where}”没有写明法律依据：请添加basis，写明文件名称（instrument）和条款（article）")
        return (f"'{where}' is missing '{missing}'", f"“{where}”缺少{_NAMES_ZH.get(missing, missing)}（{missing}）")
    if v == "enum":
        values: Any = err.validator_value
        allowed = ", ".join(map(str, values))
        key = next((str(k) for k in reversed(err.absolute_path) if isinstance(k, str)), "it")
        key_zh = f"{_NAMES_ZH[key]}（{key}）" if key in _NAMES_ZH else key
        return (f"'{where}' is {got}, but {key} must be one of: {allowed}",
                f"“{where}”为{got}，{key_zh}只能是以下之一：{allowed}")
    if v == "type":
        en, zh = _type_names(err.validator_value)
        return (f"'{where}' is {got}, but must be {en}", f"“{where}”为{got}，应为{zh}")
    if v in ("minimum", "exclusiveMinimum"):
        return (f"'{where}' is {got}, but must be at least {err.validator_value}",
                f"“{where}”为{got}，不得小于{err.validator_value}")
    if v in ("maximum", "exclusiveMaximum"):
        return (f"'{where}' is {got}, but must be at most {err.validator_value}",
                f"“{where}”为{got}，不得大于{err.validator_value}")
    if v == "pattern":
        return (f"'{where}' is {got}, which is not written as required", f"“{where}”为{got}，写法不符合要求")
    if v in ("oneOf", "anyOf"):
        return (f"'{where}' is not written in any of the accepted forms", f"“{where}”的写法不符合要求")
    if v in ("minItems", "minProperties"):
        return (f"'{where}' is empty", f"“{where}”不能为空")
    return (f"'{where}': {err.message}", f"“{where}”不符合格式要求（{v}）")
