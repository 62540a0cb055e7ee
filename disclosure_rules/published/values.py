"""The value of a cell expression of ``phrases.yaml`` (``s3:1.total+2.total``) in a report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..report import TableLayout
from .model import Number, PublishedReport

Aliases = Mapping[str, Sequence[str]]      # a column alias of phrases.yaml -> the columns it adds up


def cell(report: PublishedReport, layout: TableLayout, aliases: Aliases, ref: str) -> Number | None:
    """The number, or None when a cell it needs is missing or unreadable."""
    table, _, body = ref.partition(":")
    total: Number = 0
    for term in body.split("+"):
        v = _term(report, layout, aliases, table, term.strip())
        if v is None:
            return None
        total += v
    return total


def _term(report: PublishedReport, layout: TableLayout, aliases: Aliases, table: str, term: str) -> Number | None:
    key, _, col = term.rpartition(".")
    if table == "s6":
        return None if report.fee_yuan is None else report.fee_yuan.value
    if table == "s2":
        v = report.section_two.get(key, {}).get(col)
        return v.value if v is not None else None
    if table == "s4":
        v = report.section_four.get(key, {}).get(col)
        return v.value if v is not None else None
    cols = aliases.get(col, [col])
    total: Number = 0
    for c in cols:
        n = s3_value(report, layout, key, c)
        if n is None:
            return None
        total += n
    return total


def s3_value(report: PublishedReport, layout: TableLayout, row: str, col: str) -> Number | None:
    """A section-three cell, or the sum of a result group (3.3 = 3.3.1 + ... + 3.3.8)."""
    if row in report.section_three:
        v = report.section_three[row].get(col)
        return v.value if v is not None else None
    if row in report.groups:
        v = report.groups[row].get(col)
        return v.value if v is not None else None
    members = [r.code for r in layout.rows if r.code.startswith(row + ".")]
    if not members:
        return None
    total: Number = 0
    for m in members:
        n = s3_value(report, layout, m, col)
        if n is None:
            return None
        total += n
    return total


def results_sum(report: PublishedReport, layout: TableLayout, col: str) -> Number | None:
    """The sum of the result rows 3(1)-3(6) in a column (a group printed as one row counts once)."""
    total: Number = 0
    seen: set[str] = set()
    for code in layout.result_rows:
        group = code.rsplit(".", 1)[0] if code.count(".") == 2 else code
        if group in report.groups:
            if group in seen:
                continue
            seen.add(group)
            v = report.groups[group].get(col)
        else:
            v = report.section_three.get(code, {}).get(col)
        if v is None or v.value is None:
            return None
        total += v.value
    return total
