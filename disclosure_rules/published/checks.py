"""``check_report``: every check of ``checks.yaml`` on a published report.

Tables: section three as ``report.check_table`` checks a clean table (balance per
column, the 总计 column, row 三(七)), section four's 总计; completeness; year against
year with the previous report; publication deadline (Art. 49 and local layers) and
the length of the overview where a local layer sets one.  The text against the
tables is in :mod:`.textchecks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from ..basis import Basis, cite_all
from ..messages import Text, message
from ..report import ReportError, TableLayout
from ..rulefiles.bundle import load_bundle
from .findings import make
from .model import Finding, Number, PublishedReport, Value
from .rulefiles import ReportRules, load_report_rules
from .textchecks import text_findings
from .values import results_sum, s3_value

# ``rules.sections`` is the parsed sections.yaml: arbitrary parsed data, its values typed Any.

Names = dict[str, tuple[str, str]]       # row or column code -> (zh, en)


def check_report(report: PublishedReport, previous: PublishedReport | None = None, *,
                 published_on: dt.date | None = None, agency_kind: str | None = None,
                 local: str | None = None, rules: ReportRules | None = None,
                 layout: TableLayout | None = None) -> list[Finding]:
    """Every finding for ``report`` (a :class:`PublishedReport`); ``previous`` is last year's report
    (ReportError if it is of another year), ``published_on`` and ``agency_kind`` (department or
    government) the Art. 49 deadline, ``local`` a layer of deadlines.yaml (e.g. gansu-jinchang)."""
    rules = rules or load_report_rules()
    lay = layout or load_bundle().only("report")
    if previous is not None and report.year is not None and previous.year is not None \
            and previous.year != report.year - 1:
        raise ReportError(message("published.previous_year", year=previous.year, expected=report.year - 1))
    out: list[Finding] = []
    out += completeness(report, rules, lay)
    out += unreadable(report, rules, lay)
    out += section_three(report, rules, lay)
    out += section_four(report, rules)
    out += text_findings(report, previous, rules, lay)
    if previous is not None:
        out += year_against_year(report, previous, rules, lay)
    out += form_and_time(report, rules, published_on, agency_kind, local)
    return out


def _labels(lay: TableLayout) -> tuple[Names, Names]:
    return {r.code: (r.zh, r.en) for r in lay.rows}, {c.code: (c.zh, c.en) for c in lay.columns}


def completeness(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    out = []
    for sec in rules.sections["sections"]:
        if sec["code"] not in report.found:
            out.append(make(rules, "missing_section", row=sec["code"], labels=((sec["code"], sec["zh"]),
                                                                                (sec["code"], sec["en"]))))
    rows, _ = _labels(lay)
    for code in report.missing_rows:
        group = code.rsplit(".", 1)[0]
        label = rules.sections["section_three_groups"].get(group, [group])[0]
        why = message("published.one_row", label=label) if group in report.groups \
            else message("published.not_found")
        f = make(rules, "missing_row", row=code, evidence=why, labels=((rows[code][0], None), (rows[code][1], None)))
        out.append(f)
    if "二" in report.found:
        for item in rules.sections["section_two"]:
            if item["code"] not in report.section_two:
                out.append(make(rules, "missing_item", row=item["code"], labels=((item["zh"], None), (item["en"], None))))
    return out


# (section, why, columns, row, evidence): the columns for a row-wise group, else the row and its evidence
_Kind = tuple[str, Text, tuple[str, ...], str | None, str | None]


def _kinds_unreadable(report: PublishedReport) -> dict[_Kind, tuple[str, list[str | None]]]:
    """The unreadable values by kind, each with its evidence and its rows."""
    by_row: dict[tuple[str, str, Text], tuple[str, list[str]]] = {}
    for section, row, col, evidence, why in report.problems:
        entry = by_row.setdefault((section, row if row is not None else evidence, why), (evidence, []))
        if col is not None:
            entry[1].append(col)
    groups: dict[_Kind, tuple[str, list[str | None]]] = {}
    for (section, row_or_evidence, why), (evidence, cols) in by_row.items():
        row = None if row_or_evidence == evidence else row_or_evidence
        key: _Kind = (section, why, tuple(cols), None, None) if cols else (section, why, (), row, evidence)
        groups.setdefault(key, (evidence, []))[1].append(row)
    return groups


def _zh_names(rules: ReportRules, lay: TableLayout, section: str) -> tuple[dict[str, str], dict[str, str]]:
    """The Chinese names of the rows and columns of a section: the items and cells of 二 by their
    names, the columns of 三 by theirs (its rows by their numbers, as the table prints them)."""
    if section == "二":
        return ({item["code"]: item["zh"] for item in rules.sections["section_two"]},
                {code: c["zh"] for code, c in rules.sections["section_two_cells"].items()})
    return {}, {c.code: c.zh for c in lay.columns}


def unreadable(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    """One finding per kind of unreadable value: the cells of a row with the same reason are
    one finding, and rows whose same columns cannot be read for the same reason are one too."""
    every = set(report.section_three) | set(report.groups)
    out = []
    for key, (evidence, rows) in _kinds_unreadable(report).items():
        section, why, columns = key[0], key[1], key[2]
        cols = ",".join(columns) if columns else None
        row = ",".join(r for r in rows if r is not None) or None
        more = message("published.more_rows", n=len(rows)) if len(rows) > 1 else Text("", "")
        row_names, names = _zh_names(rules, lay, section)
        row_zh = "、".join(row_names.get(r, r) for r in rows if r is not None)
        rows_part = (message("published.every_row") if len(rows) > 1 and set(rows) == every
                     else message("published.item", item=Text(row, row_zh)) if row and row_names
                     else message("published.row", row=row) if row else Text("", ""))
        cols_part = message("published.column", column=Text(cols, "、".join(names.get(c, c) for c in columns))) \
            if cols else Text("", "")
        where_en, where_zh = rows_part.en + cols_part.en, rows_part.zh + cols_part.zh
        out.append(make(rules, "unreadable", row=row, column=cols,
                        evidence=message("published.with_reason", evidence=evidence, more=more, reason=why),
                        section=section, where_zh=where_zh, where_en=where_en))
    return out


def section_three(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    if not report.section_three:
        return []
    return _row_totals(report, rules, lay) + _column_totals(report, rules, lay) + _balance(report, rules, lay)


def _row_totals(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    """The total row against the sum of the result rows, column by column."""
    out = []
    total_row = lay.total_row()
    for c in lay.columns:
        s, printed = results_sum(report, lay, c.code), s3_value(report, lay, total_row, c.code)
        if s is not None and printed is not None and s != printed:
            out.append(make(rules, "row_total", row=total_row, column=c.code, expected=s, actual=printed,
                            labels=((None, c.zh), (None, c.en)), evidence=_ev(report, total_row)))
    return out


def _column_totals(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    """The 总计 column of each row against the sum of the applicant columns."""
    rows, _ = _labels(lay)
    out = []
    total_col = lay.total_column()
    for code in list(report.section_three) + list(report.groups):
        parts = _all_known(s3_value(report, lay, code, c) for c in lay.applicant_columns)
        printed = s3_value(report, lay, code, total_col)
        if parts is not None and printed is not None and sum(parts) != printed:
            label = rows.get(code, (code, code))
            out.append(make(rules, "column_total", row=code, column=total_col, expected=sum(parts), actual=printed,
                            labels=((label[0], None), (label[1], None)), evidence=_ev(report, code)))
    return out


def _balance(report: PublishedReport, rules: ReportRules, lay: TableLayout) -> list[Finding]:
    """New plus carried over equals the results plus those carried forward, column by column."""
    out = []
    new, carried_over, carried_forward = lay.balance_rows
    rows = (new, carried_over, lay.total_row(), carried_forward)
    for c in lay.columns:
        known = _all_known(s3_value(report, lay, r, c.code) for r in rows)
        if known is None:
            continue
        a, b, t, d = known
        if a + b != t + d:
            out.append(make(rules, "balance", column=c.code, expected=a + b, actual=t + d,
                            labels=((None, c.zh), (None, c.en))))
    return out


def _all_known(numbers: Iterable[Number | None]) -> list[Number] | None:
    """The numbers, or None if one of them is not known."""
    out = []
    for n in numbers:
        if n is None:
            return None
        out.append(n)
    return out


def _all_read(values: Iterable[Value | None]) -> list[Number] | None:
    """The numbers of the values, or None if one is missing or unreadable (the rest are not looked at)."""
    return _all_known(None if v is None else v.value for v in values)


def _ev(report: PublishedReport, row: str) -> str | None:
    cell = next(iter((report.section_three.get(row) or report.groups.get(row) or {}).values()), None)
    return cell.evidence if cell else None


def section_four(report: PublishedReport, rules: ReportRules) -> list[Finding]:
    spec = rules.sections["section_four"]
    parts = [c["code"] for c in spec["cells"] if not c.get("sum_of_cells")]
    total = next(c["code"] for c in spec["cells"] if c.get("sum_of_cells"))
    out = []
    for g in spec["groups"]:
        cells = report.section_four.get(g["code"])
        if not cells:
            continue
        read = _all_read(cells[p] for p in parts)
        if read is None:
            continue
        printed = cells[total].value
        if printed is None:
            continue
        s = sum(read)
        if s != printed:
            out.append(make(rules, "s4_total", row=g["code"], column=total, expected=s, actual=printed,
                            evidence=cells[total].evidence, labels=((g["zh"], message("published.total").zh),
                                                                    (g["en"], message("published.total").en))))
    return out


def year_against_year(report: PublishedReport, previous: PublishedReport, rules: ReportRules,
                      lay: TableLayout) -> list[Finding]:
    out = []
    _, carried_over, carried_forward = lay.balance_rows
    for c in lay.columns:
        this, last = s3_value(report, lay, carried_over, c.code), s3_value(previous, lay, carried_forward, c.code)
        if this is not None and last is not None and this != last:
            out.append(make(rules, "carried_over", column=c.code, expected=last, actual=this,
                            labels=((None, c.zh), (None, c.en))))
    for item in ("regulations", "normative_documents"):
        now, before = report.section_two.get(item, {}), previous.section_two.get(item, {})
        read = _all_read([x.get(k) for x, k in ((before, "valid"), (now, "made"), (now, "repealed"), (now, "valid"))])
        if read is None:
            continue
        last_valid, made, repealed, valid = read
        expected = last_valid + made - repealed
        if expected != valid:
            zh = next(i["zh"] for i in rules.sections["section_two"] if i["code"] == item)
            out.append(make(rules, "documents_in_force", row=item, column="valid", expected=expected, actual=valid,
                            evidence=f"{last_valid} + {made} - {repealed}", labels=((zh, None), (item, None))))
    return out


def deadline_for(rules: ReportRules, report_year: int, agency_kind: str,
                 local: str | None) -> tuple[dt.date, tuple[Basis, ...]]:
    """The last day of publication for the report of ``report_year`` and its basis."""
    layers: list[str | None] = [local] if local else []
    for layer in layers + [None]:
        for d in rules.deadlines.get(layer, ()):
            if d.agency_kind == agency_kind:
                month, day = (int(x) for x in d.by.split("-"))
                return dt.date(report_year + 1, month, day), d.basis
    raise ReportError(message("published.no_deadline", kind=str(agency_kind)))


def form_and_time(report: PublishedReport, rules: ReportRules, published_on: dt.date | None,
                  agency_kind: str | None, local: str | None) -> list[Finding]:
    out = []
    if local and local not in rules.deadlines:
        raise ReportError(message("published.no_local", local=local, known=", ".join(k for k in rules.deadlines if k)))
    if local is not None and local in rules.overview_max and report.overview_chars is not None:
        limit, basis = rules.overview_max[local]
        if report.overview_chars > limit:
            out.append(make(rules, "overview_length", row="一", expected=limit, actual=report.overview_chars))
    if published_on is not None:
        if report.year is None:
            return out + [make(rules, "year_unreadable")]
        kind = agency_kind or "department"
        due, basis = deadline_for(rules, report.year, kind, local)
        if published_on > due:
            f = make(rules, "published_late", row=kind, expected=due.isoformat(), actual=published_on.isoformat(),
                     published_on=published_on.isoformat(), deadline=due.isoformat(), evidence=cite_all(basis, "zh"))
            out.append(attrs.evolve(f, basis_zh=cite_all(basis, "zh"), basis_en=cite_all(basis, "en")))
    return out
