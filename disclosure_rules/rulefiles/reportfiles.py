"""Read the layout of section three of the annual report (``table.yaml``).

Columns (applicant types, one total) and rows (received, carried over, the
results 3.x, the total, carried forward), each with its code and its Chinese
and English label, as 国办公开办函〔2021〕30号 prints them.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from .cache import read_checked
from .common import Text, parse_basis, text_of

# The rows the engine fills itself: each layout marks one row with each role.
# the roles a row of the table must have -> the message naming each
ROLES = {"new": "layout.role.new", "carried_over": "layout.role.carried_over",
         "carried_forward": "layout.role.carried_forward"}


@attrs.frozen(repr=False)
class Line(SharedRepr):
    code: str
    zh: str
    en: str
    group: str | None = None
    sum_of: str | None = None          # rows: prefix of the rows it totals; columns: "columns"
    role: str | None = None            # rows: new | carried_over | carried_forward (table.yaml `role`)


@attrs.frozen(repr=False)
class TableLayout(SharedRepr):
    title: Text
    balance: Text
    basis: tuple[Basis, ...]
    columns: tuple[Line, ...]
    rows: tuple[Line, ...]
    path: str

    @property
    def result_rows(self) -> tuple[str, ...]:
        """The rows the total row sums (its ``sum_of_rows`` prefix), not the total itself."""
        prefix = next(r.sum_of for r in self.rows if r.sum_of)
        return tuple(r.code for r in self.rows if r.code.startswith(prefix) and r.sum_of is None)

    def row_for(self, role: str) -> str:
        """The code of the row with ``role`` (``new``, ``carried_over``, ``carried_forward``)."""
        return next(r.code for r in self.rows if r.role == role)

    @property
    def balance_rows(self) -> tuple[str, str, str]:
        """The codes of the rows with the roles new, carried_over and carried_forward (一, 二, 四)."""
        return self.row_for("new"), self.row_for("carried_over"), self.row_for("carried_forward")

    @property
    def top_rows(self) -> tuple[str, ...]:
        """The rows the balance reads (一, 二, 四 of the 2021 format): printed unindented."""
        return tuple(r.code for r in self.rows if r.role)

    @property
    def applicant_columns(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.columns if c.sum_of is None)

    def total_row(self) -> str:
        return next(r.code for r in self.rows if r.sum_of)

    def total_column(self) -> str:
        return next(c.code for c in self.columns if c.sum_of)


def load_table_layout(path: str | Path) -> TableLayout:
    """The layout of section three in ``path`` (``rules/annual-report-2021/table.yaml``)."""
    path = Path(path)
    doc = read_checked(Path(path), "report-table")
    t = doc["table"]
    cols = tuple(Line(c["code"], c["zh"], c["en"], c.get("group"), "columns" if c.get("sum_of_columns") else None)
                 for c in t["columns"])
    rows = tuple(Line(r["code"], r["zh"], r["en"], r.get("group"), r.get("sum_of_rows"), r.get("role"))
                 for r in t["rows"])
    for what, items, seq in (("column", cols, t["columns"]), ("row", rows, t["rows"])):
        seen = set()
        for i, x in enumerate(items):
            if x.code in seen:
                raise RuleFileError(path, seq.line_of(i), message("layout.column_twice" if what == "column"
                                                                  else "layout.row_twice", code=x.code))
            seen.add(x.code)
    if sum(1 for c in cols if c.sum_of) != 1 or sum(1 for r in rows if r.sum_of) != 1:
        raise RuleFileError(path, t.line, message("layout.totals"))
    for need, name in ROLES.items():
        if sum(1 for r in rows if r.role == need) != 1:
            raise RuleFileError(path, t.line_of("rows"), message("layout.role", role=need, name=message(name)))
    return TableLayout(text_of(t["title"], t, "title"), text_of(t["balance"], t, "balance"),
                       parse_basis(t.get("basis"), t), cols, rows, str(path))
