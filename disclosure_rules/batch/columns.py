"""The flat row of a result, shared by the pandas and Spark entry points.

One row per input case: the result's fields a table needs (violations as
the list of their codes, the calendar's data version and the rule
versions), and for a case that failed under ``errors="collect"`` its id and
the error's kind and message (every other field empty).  Rows from cases
come from a column of case JSON or from typed columns (see
:func:`items_from_rows`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from ..errors import CaseError
from ..jsondata import JSON
from ..messages import message
from .run import Failure, evaluate_items
from .source import Item

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..result import Result
    from ..rulebook import RuleBook

# (name, Arrow/Spark type); extend at the end, never rename
COLUMNS = (
    ("id", "string"), ("received", "date"), ("as_of", "date"), ("channel", "string"), ("status", "string"),
    ("due", "date"), ("due_earliest", "date"), ("due_latest", "date"), ("due_at_latest", "date"),
    ("workdays_left", "int"), ("late_workdays", "int"), ("applicant_due", "date"), ("closed_on", "date"),
    ("outcome", "string"), ("outcome_reason", "string"), ("report_row", "string"), ("applicant", "string"),
    ("violations", "array<string>"), ("provisional", "boolean"), ("calendar", "string"),
    ("calendar_version", "string"), ("rules_version", "string"), ("rules_applied", "array<string>"),
    ("rules_digest", "string"), ("error_kind", "string"), ("error_message", "string"),
    ("error_message_zh", "string"),
)
NAMES = tuple(n for n, _ in COLUMNS)
# read straight off the result; due_earliest / due_latest (the bounds of a provisional
# due date) are filled from results that carry them, and empty otherwise
_PLAIN = ("id", "received", "as_of", "channel", "status", "due", "due_earliest", "due_latest", "due_at_latest",
          "workdays_left", "late_workdays", "applicant_due", "closed_on", "outcome", "outcome_reason",
          "report_row", "applicant", "provisional", "calendar", "rules_version")
CASE_FIELDS = ("id", "receipt", "events", "applicant", "calendar", "local")


def row_of(out: Result | Failure) -> dict[str, Any]:
    """The row of a Result or of a Failure."""
    if isinstance(out, Failure):
        row: dict[str, Any] = dict.fromkeys(NAMES)
        row.update(id=out.id, error_kind=out.error.kind, error_message=out.error.message,
                   error_message_zh=out.error.message_zh)
        return row
    row = {n: getattr(out, n, None) for n in _PLAIN}   # (read by name: the columns are named as the fields)
    prov = out.provenance
    row.update(violations=[v.code for v in out.violations], rules_applied=list(out.rules_applied),
               calendar_version=prov["calendar"]["data_version"], rules_digest=prov["rules_digest"],
               error_kind=None, error_message=None, error_message_zh=None)
    return row


def spark_ddl() -> str:
    return ", ".join(f"{n} {t}" for n, t in COLUMNS)


def arrow_schema() -> Any:                         # a pyarrow schema (pyarrow has no types)
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "int": pa.int32(), "boolean": pa.bool_(),
             "array<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(n, types[t]) for n, t in COLUMNS])


def result_table(rows: Iterable[JSON], case_column: str | None, as_of: dt.date, *,
                 labels: Iterable[object] | None = None, numbers: Iterable[int] | None = None, errors: str = "raise",
                 rules: RuleBook | None = None, calendars: dict[str, Calendar] | None = None,
                 estimate_until: int | None = None) -> Any:
    """The result rows (a pyarrow Table of :data:`COLUMNS`) of input rows, each read and evaluated on its
    own: the row path of pandas and Spark (``labels``, ``numbers`` as for :func:`items_from_rows`; a row
    holds no trace)."""
    import pyarrow as pa

    outs = evaluate_items(items_from_rows(rows, case_column, labels, numbers), as_of, errors=errors, rules=rules,
                          calendars=calendars, estimate_until=estimate_until, trace=False)
    # (no regime case among them: items_from_rows refuses it)
    return pa.Table.from_pylist([row_of(cast("Result | Failure", o)) for o in outs], schema=arrow_schema())


def items_from_rows(rows: Iterable[JSON], case_column: str | None, labels: Iterable[object] | None = None,
                    numbers: Iterable[int] | None = None) -> list[Item]:
    """Input rows (dicts, as from Arrow's ``to_pylist``) as items.

    With ``case_column`` each row's case is that column: a JSON string or a
    mapping.  Otherwise the row's own columns ``id``, ``receipt`` (a struct),
    ``events`` (a list of structs), ``applicant``, ``calendar``, ``local``
    are the case, and an empty (null) field of a typed struct means the field
    is absent; ``receipt`` and ``events`` may also be JSON strings.
    ``labels`` name the rows in messages (pandas: the index); ``numbers``
    are the rows' 1-based positions (default: 1, 2, ...).
    """
    items: list[Item] = []
    names = iter(labels) if labels is not None else None
    for n, row in zip(numbers if numbers is not None else itertools.count(1), rows, strict=False):
        where = f"row {next(names)}, " if names is not None else ""
        try:
            items.append(Item(n, None, _request_case(_case_of(row, case_column, where), where)))
        except CaseError as exc:
            items.append(Item(n, None, {"id": row.get("id")} if isinstance(row, dict) else None, exc))
    return items


def _request_case(data: JSON, where: str) -> JSON:
    """A row's case, if it is a request: a regime's case has no row in this table (it has its own result)."""
    from ..regimes import is_regime_case

    if is_regime_case(data):
        raise CaseError(f"{where}case {data.get('id')}: a case of the time-limit regime '{data['regime']}' has no row "
                        "in the table of requests: evaluate it with disclosure_rules.regimes.evaluate",
                        f"{where}案件{data.get('id')}：时限制度“{data['regime']}”的案件不在申请结果表中，"
                        "请用disclosure_rules.regimes.evaluate计算")
    return data


def _case_of(row: dict[str, Any], case_column: str | None, where: str) -> JSON:
    if case_column is not None:
        v = row.get(case_column)
        return _json(v, f"{where}column {case_column}") if isinstance(v, (str, bytes)) else v
    case: dict[str, Any] = {}
    for k in CASE_FIELDS:
        v = row.get(k)
        if v is None:
            continue
        if k in ("receipt", "events") and isinstance(v, (str, bytes)):
            v = _json(v, f"{where}column {k}")
        else:
            v = drop_nulls(v)
        case[k] = v
    return case


def _json(v: str | bytes, what: str) -> JSON:
    try:
        return json.loads(v)
    except (ValueError, UnicodeDecodeError) as exc:
        msg = getattr(exc, "msg", str(exc))
        text = v if isinstance(v, str) else v.decode("utf-8", "replace")
        shown = repr(text[:40] + ("…" if len(text) > 40 else ""))
        raise CaseError(message("batch.cell_not_json", what=what, detail=msg, shown=shown)) from None


def drop_nulls(v: JSON) -> JSON:
    if isinstance(v, dict):
        return {k: drop_nulls(x) for k, x in v.items() if x is not None}
    if isinstance(v, (list, tuple)):
        return [drop_nulls(x) for x in v]
    if isinstance(v, dt.datetime) and v.tzinfo is not None:
        # a zoned timestamp's calendar day depends on the zone: refuse rather than shift a date
        raise CaseError(message("batch.zoned_timestamp", value=v.isoformat()))
    return v
