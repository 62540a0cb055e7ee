"""The standing of a batch as the rows of :data:`disclosure_rules.batch.columns.COLUMNS`, as Arrow columns.

What :func:`~disclosure_rules.batch.columns.row_of` makes of each Result,
made for the cases the columnar fold answered at once, column by column:
days as ``date32``, names decoded from their codes, each case's violations
as a list of their codes in the order the plain clock finds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ..batch.columns import NAMES, arrow_schema
from .arrow_in import EPOCH as _EPOCH
from .codes import NONE
from .standing import Standing
from .table import ABSENT

if TYPE_CHECKING:
    from numpy.typing import NDArray


def _dates(ords: NDArray[np.int64]) -> Any:
    return pa.array(ords - _EPOCH, type=pa.int32(), mask=ords == 0).cast(pa.date32())


def _counts(n: NDArray[np.int64]) -> Any:
    return pa.array(n, type=pa.int64(), mask=n == ABSENT).cast(pa.int32())


def _names(codes: NDArray[np.int64], names: tuple[str, ...]) -> Any:
    dictionary = pa.array(names, type=pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32(), mask=codes == NONE),
                                          dictionary).cast(pa.string())


def _violations(s: Standing, rows: NDArray[np.int64]) -> Any:
    """Each taken case's violation codes, in the plain clock's order."""
    case, order, rule, version = s.record.flat()
    where = np.full(len(s.taken), -1, dtype=np.int64)
    where[rows] = np.arange(len(rows))
    keep = where[case] >= 0
    case, order, rule, version = where[case[keep]], order[keep], rule[keep], version[keep]
    perm = np.lexsort((rule, order, case))
    names = [vt.violations for vt in s.step.tables]
    flat: list[str] = []
    for table in names:
        flat.extend(r.code for r in table)
    start = np.cumsum([0] + [len(t) for t in names])[:-1]
    codes = (start[version] + rule)[perm]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(case, minlength=len(rows)))])
    values = _names(codes.astype(np.int64), tuple(flat))
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values)


def _per_version(s: Standing, v: NDArray[np.int64], what: Any) -> Any:
    """A column with one value per version (rules_version, rules_applied, ...)."""
    values = [what(vt.version) for vt in s.step.tables]
    return pa.array([values[i] for i in v.tolist()])


def _report_rows(s: Standing, v: NDArray[np.int64], outcome: NDArray[np.int64], reason: NDArray[np.int64]) -> Any:
    codes, tables = s.step.codes, s.step.tables
    key = (v * (len(codes.outcomes) + 1) + outcome + 1) * (len(codes.reasons) + 1) + reason + 1
    uniq, inverse = np.unique(key, return_inverse=True)
    rows = []
    for k in uniq.tolist():
        rest, r = divmod(k, len(codes.reasons) + 1)
        vi, o = divmod(rest, len(codes.outcomes) + 1)
        rows.append(tables[vi].version.report_row(None if o == 0 else codes.outcomes[o - 1],
                                                  None if r == 0 else codes.reasons[r - 1]))
    return pa.array(rows, type=pa.string()).take(pa.array(inverse.astype(np.int64)))


def arrow_rows(s: Standing, as_of: int) -> tuple[NDArray[np.int64], Any]:
    """(the rows of the table the columnar fold answered, their result rows as a pyarrow Table)."""
    st, codes, tab = s.step.st, s.step.codes, s.step.table
    rows = np.flatnonzero(s.taken)
    v = st.v[rows]
    cal = st.days.ranks.cal
    prov = [vt.version.prep.provenance(cal) for vt in s.step.tables]
    due = _dates(s.due[rows])
    n = len(rows)
    cols = {
        "id": pa.array([tab.ids[i] for i in rows.tolist()], type=pa.string()),
        "received": _dates(st.received[rows]), "as_of": _dates(np.full(n, as_of, dtype=np.int64)),
        "channel": _names(tab.channel[rows].astype(np.int64), codes.channels),
        "status": _names(s.status[rows], codes.statuses), "due": due, "due_earliest": due, "due_latest": due,
        "due_at_latest": _dates(s.due_at_latest[rows]), "workdays_left": _counts(s.workdays_left[rows]),
        "late_workdays": _counts(s.late_workdays[rows]), "applicant_due": _dates(s.applicant_due[rows]),
        "closed_on": _dates(s.closed_on[rows]), "outcome": _names(st.outcome[rows], codes.outcomes),
        "outcome_reason": _names(st.reason[rows], codes.reasons),
        "report_row": _report_rows(s, v, st.outcome[rows], st.reason[rows]),
        "applicant": _names(tab.applicant[rows].astype(np.int64), codes.applicants),
        "violations": _violations(s, rows), "provisional": pa.array(s.provisional[rows], type=pa.bool_()),
        "calendar": pa.array([cal.id] * n, type=pa.string()),
        "calendar_version": pa.array([cal.data_version] * n, type=pa.string()),
        "rules_version": _per_version(s, v, lambda x: x.main.id),
        "rules_applied": _per_version(s, v, lambda x: list(x.prep.versions)),
        "rules_digest": pa.array([prov[i]["rules_digest"] for i in v.tolist()], type=pa.string()),
    }
    schema = arrow_schema()
    arrays = [cols[name] if name in cols else pa.nulls(n, type=schema.field(name).type) for name in NAMES]
    return rows, pa.Table.from_arrays([a.cast(schema.field(k).type) for a, k in zip(arrays, NAMES, strict=True)],
                                      schema=schema)
