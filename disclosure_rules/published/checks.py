"""``check_report``: every check of ``checks.yaml`` on a published report.

Tables: section three as ``report.check_table`` checks a clean table (balance per
column, the 总计 column, row 三(七)), section four's 总计; completeness; year against
year with the previous report; publication deadline (Art. 49 and local layers) and
the length of the overview where a local layer sets one.  The text against the
tables is in :mod:`.textchecks`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..basis import cite_all
from ..report import ReportError
from ..rulefiles.bundle import load_bundle
from .findings import make
from .rulefiles import load_report_rules
from .textchecks import text_findings
from .values import results_sum, s3_value


def check_report(report, previous=None, *, published_on: dt.date | None = None, agency_kind: str | None = None,
                 local: str | None = None, rules=None, layout=None) -> list:
    """Every finding for ``report`` (a :class:`PublishedReport`); ``previous`` is last year's report
    (ReportError if it is of another year), ``published_on`` and ``agency_kind`` (department or
    government) the Art. 49 deadline, ``local`` a layer of deadlines.yaml (e.g. gansu-jinchang)."""
    rules = rules or load_report_rules()
    lay = layout or load_bundle().only("report")
    if previous is not None and None not in (report.year, previous.year) and previous.year != report.year - 1:
        raise ReportError(f"the previous report is of {previous.year}, not {report.year - 1}: year against year "
                          f"needs last year's report", f"上年报告是{previous.year}年的，不是{report.year - 1}年的")
    out = []
    out += completeness(report, rules, lay)
    out += unreadable(report, rules, lay)
    out += section_three(report, rules, lay)
    out += section_four(report, rules)
    out += text_findings(report, previous, rules, lay)
    if previous is not None:
        out += year_against_year(report, previous, rules, lay)
    out += form_and_time(report, rules, published_on, agency_kind, local)
    return out


def _labels(lay):
    return {r.code: (r.zh, r.en) for r in lay.rows}, {c.code: (c.zh, c.en) for c in lay.columns}


def completeness(report, rules, lay):
    out = []
    for sec in rules.sections["sections"]:
        if sec["code"] not in report.found:
            out.append(make(rules, "missing_section", row=sec["code"], labels=((sec["code"], sec["zh"]),
                                                                                (sec["code"], sec["en"]))))
    rows, _ = _labels(lay)
    for code in report.missing_rows:
        group = code.rsplit(".", 1)[0]
        label = rules.sections["section_three_groups"].get(group, [group])[0]
        why = (f"{label} printed as one row (2019 layout)", f"{label}只有一行（2019年格式）") \
            if group in report.groups else ("not found", "未找到")
        f = make(rules, "missing_row", row=code, evidence=why[1], labels=((rows[code][0], None), (rows[code][1], None)))
        out.append(f)
    if "二" in report.found:
        for item in rules.sections["section_two"]:
            if item["code"] not in report.section_two:
                out.append(make(rules, "missing_item", row=item["code"], labels=((item["zh"], None), (item["en"], None))))
    return out


def unreadable(report, rules, lay):
    """One finding per kind of unreadable value: the cells of a row with the same reason are
    one finding, and rows whose same columns cannot be read for the same reason are one too."""
    by_row = {}
    for section, row, col, evidence, why in report.problems:
        entry = by_row.setdefault((section, row if row is not None else evidence, why), [evidence, []])
        if col is not None:
            entry[1].append(col)
    groups = {}
    for (section, row, why), (evidence, cols) in by_row.items():
        row = None if row == evidence else row
        key = (section, why, tuple(cols)) if cols else (section, why, row, evidence)
        groups.setdefault(key, [evidence, []])[1].append(row)
    every = set(report.section_three) | set(report.groups)
    out = []
    for key, (evidence, rows) in groups.items():
        section, why = key[0], key[1]
        cols = ",".join(key[2]) if len(key) == 3 and key[2] else None
        row = ",".join(r for r in rows if r is not None) or None
        more = f" … ({len(rows)} rows)" if len(rows) > 1 else ""
        names = {c.code: c.zh for c in lay.columns}
        cols_zh = "、".join(names.get(c, c) for c in key[2]) if cols else ""
        where_zh = ("全部行" if len(rows) > 1 and set(rows) == every else f"第{row}行" if row else "") + \
            (f"“{cols_zh}”列" if cols else "")
        where_en = (" every row" if len(rows) > 1 and set(rows) == every else f" row {row}" if row else "") + \
            (f" column {cols}" if cols else "")
        out.append(make(rules, "unreadable", row=row, column=cols, evidence=f"{evidence}{more} ({why})",
                        section=section, where_zh=where_zh, where_en=where_en))
    return out


def section_three(report, rules, lay):
    if not report.section_three:
        return []
    rows, cols = _labels(lay)
    out = []
    total_row, total_col = lay.total_row(), lay.total_column()

    def v(row, col):
        return s3_value(report, lay, row, col)
    for c in lay.columns:
        s, printed = results_sum(report, lay, c.code), v(total_row, c.code)
        if s is not None and printed is not None and s != printed:
            out.append(make(rules, "row_total", row=total_row, column=c.code, expected=s, actual=printed,
                            labels=((None, c.zh), (None, c.en)), evidence=_ev(report, total_row)))
    for code in list(report.section_three) + list(report.groups):
        parts = [v(code, c) for c in lay.applicant_columns]
        printed = v(code, total_col)
        if None not in parts and printed is not None and sum(parts) != printed:
            label = rows.get(code, (code, code))
            out.append(make(rules, "column_total", row=code, column=total_col, expected=sum(parts), actual=printed,
                            labels=((label[0], None), (label[1], None)), evidence=_ev(report, code)))
    for c in lay.columns:
        a, b, t, d = v("1", c.code), v("2", c.code), v(total_row, c.code), v("4", c.code)
        if None not in (a, b, t, d) and a + b != t + d:
            out.append(make(rules, "balance", column=c.code, expected=a + b, actual=t + d,
                            labels=((None, c.zh), (None, c.en))))
    return out


def _ev(report, row):
    cell = next(iter((report.section_three.get(row) or report.groups.get(row) or {}).values()), None)
    return cell.evidence if cell else None


def section_four(report, rules):
    spec = rules.sections["section_four"]
    parts = [c["code"] for c in spec["cells"] if not c.get("sum_of_cells")]
    total = next(c["code"] for c in spec["cells"] if c.get("sum_of_cells"))
    out = []
    for g in spec["groups"]:
        cells = report.section_four.get(g["code"])
        if not cells or not all(cells[p].readable for p in parts) or not cells[total].readable:
            continue
        s = sum(cells[p].value for p in parts)
        if s != cells[total].value:
            out.append(make(rules, "s4_total", row=g["code"], column=total, expected=s, actual=cells[total].value,
                            evidence=cells[total].evidence, labels=((g["zh"], "总计"), (g["en"], "total"))))
    return out


def year_against_year(report, previous, rules, lay):
    out = []
    for c in lay.columns:
        this, last = s3_value(report, lay, "2", c.code), s3_value(previous, lay, "4", c.code)
        if this is not None and last is not None and this != last:
            out.append(make(rules, "carried_over", column=c.code, expected=last, actual=this,
                            labels=((None, c.zh), (None, c.en))))
    for item in ("regulations", "normative_documents"):
        now, before = report.section_two.get(item, {}), previous.section_two.get(item, {})
        vals = [x.get(k) for x, k in ((before, "valid"), (now, "made"), (now, "repealed"), (now, "valid"))]
        if None in vals or not all(x.readable for x in vals):
            continue
        last_valid, made, repealed, valid = (x.value for x in vals)
        expected = last_valid + made - repealed
        if expected != valid:
            zh = next(i["zh"] for i in rules.sections["section_two"] if i["code"] == item)
            out.append(make(rules, "documents_in_force", row=item, column="valid", expected=expected, actual=valid,
                            evidence=f"{last_valid} + {made} - {repealed}", labels=((zh, None), (item, None))))
    return out


def deadline_for(rules, report_year: int, agency_kind: str, local: str | None):
    """The last day of publication for the report of ``report_year`` and its basis."""
    for layer in ([local] if local else []) + [None]:
        for d in rules.deadlines.get(layer, ()):
            if d.agency_kind == agency_kind:
                month, day = (int(x) for x in d.by.split("-"))
                return dt.date(report_year + 1, month, day), d.basis
    raise ReportError(f"no publication deadline for agency kind '{agency_kind}'", f"没有“{agency_kind}”的公布期限")


def form_and_time(report, rules, published_on, agency_kind, local):
    out = []
    if local and local not in rules.deadlines:
        raise ReportError(f"no local rules '{local}' for annual reports (known: {', '.join(k for k in rules.deadlines if k)})",
                          f"没有“{local}”的年度报告地方规则")
    if local in rules.overview_max and report.overview_chars is not None:
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
