"""Shared by the tests of published reports: where the reference reports are, and
how the numbers a person wrote down compare with what the parser read."""

import json
import os
from pathlib import Path

import pytest

from disclosure_rules.published.values import cell
from disclosure_rules.published import load_report_rules
from disclosure_rules.api import load_table_layout

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "reports"
RULES = load_report_rules()
LAYOUT = load_table_layout()


def reference_dir() -> Path | None:
    """``../shared/reference/reports/`` beside the checkout (or its worktree folder)."""
    env = os.environ.get("DISCLOSURE_RULES_REFERENCE")
    for base in ([Path(env)] if env else []) + [ROOT.parent / "shared", ROOT.parent.parent / "shared"]:
        p = base / "reference" / "reports" if (base / "reference").is_dir() else base
        if (p / "truth.json").is_file():
            return p
    return None


REF = reference_dir()
needs_reference = pytest.mark.skipif(REF is None, reason="../shared/reference/reports not beside the checkout")


def truth() -> list:
    return json.loads((REF / "truth.json").read_text(encoding="utf-8")) if REF else []


S3 = {"new": "1", "carried_over": "2", "total_handled": "3.7", "carried_forward": "4"}
RESULTS = {"disclosed": "3.1", "partial": "3.2", "refused": "3.3", "unable": "3.4", "not_processed": "3.5",
           "other": "3.6"}
S2 = {"made": "made", "repealed": "repealed", "valid": "valid"}


def read_numbers(report) -> dict:
    """What the parser read, in the shape of the hand-written numbers (truth.json)."""
    def v(ref):
        return cell(report, LAYOUT, RULES.aliases, ref)
    s2 = {k: {c: v(f"s2:{k}.{c}") for c in S2} for k in ("regulations", "normative_documents")}
    s2.update({k: v(f"s2:{k}.decisions") for k in ("licensing", "punishment", "coercion")})
    s2["fees_10k_yuan"] = v("s2:fees.amount")
    s3 = {k: v(f"s3:{r}.total") for k, r in S3.items()}
    s3["results"] = {k: v(f"s3:{r}.total") for k, r in RESULTS.items()}
    s4 = {g: {c: v(f"s4:{g}.{c}") for c in ("maintained", "corrected", "other", "pending", "total")}
          for g in ("review", "litigation_direct", "litigation_after_review")}
    return {"section2": s2, "section3_totals": s3, "section4": s4}


def hand_numbers(entry) -> dict:
    s2 = {k: {c: entry["section2"][k][c] for c in S2} for k in ("regulations", "normative_documents")}
    s2.update({k: entry["section2"][k] for k in ("licensing", "punishment", "coercion", "fees_10k_yuan")})
    return {"section2": s2, "section3_totals": entry["section3_totals"], "section4": entry["section4"]}


# ----------------------------------------------------------------------------- one-number edits

import re  # noqa: E402

from disclosure_rules.published import check_report  # noqa: E402
from disclosure_rules.published.narrative import named_numbers, numbers  # noqa: E402
from disclosure_rules.published.normalise import normalise  # noqa: E402
from disclosure_rules.published.read import read_lines_as_report  # noqa: E402
from disclosure_rules.published.source import read_lines  # noqa: E402

_NUM = re.compile(r"(?<![\d.])\d+(?![\d.])")


def lines_of(path) -> list[str]:
    return [normalise(line) for line in read_lines(path)]


def read(lines, name="edited"):
    return read_lines_as_report(lines, name, RULES, LAYOUT)


def check(lines, previous=None):
    return check_report(read(lines), previous, rules=RULES, layout=LAYOUT)


def bump_number(line: str, index: int, by: int = 1) -> str:
    """The line with its index-th whole number (negative: from the end) changed by ``by``."""
    hits = list(_NUM.finditer(line))
    m = hits[index]
    return line[: m.start()] + str(int(m.group()) + by) + line[m.end():]


def table_cells(report):
    """(evidence line, index from the end, section, row, column) of every section-three and -four cell read."""
    out = []
    cols = [c.code for c in LAYOUT.columns]
    for row, cells in list(report.section_three.items()) + list(report.groups.items()):
        readable = [c for c in cols if cells[c].readable]
        for j, col in enumerate(readable):          # the readable cells are the last numbers of the line
            out.append((cells[col].evidence, j - len(readable), "三", row, col))
    return out


def text_numbers(report):
    """(stated number, figure) of every number of the text a figure names and a table cell can be read for."""
    from disclosure_rules.published.values import cell as value
    out = []
    for s in report.sentences:
        stated = [st for st in numbers(s) if st.unit != "%"]
        for st, fig in named_numbers(stated, RULES.figures, RULES.topics, RULES.words["itemised"]["marker"]):
            if any(value(report, LAYOUT, RULES.aliases, r.cells) is not None
                                               for r in fig.readings):
                out.append((st, fig))
    return out


def bump_in_text(lines, st, by=1):
    """The lines with the stated number changed, found by the words just before it (spaces allowed anywhere)."""
    tail = st.sentence.text[max(0, st.start - 6): st.start]
    pattern = r"\s*".join(map(re.escape, tail)) + r"\s*(" + re.escape(str(st.value)) + r")(?!\d)"
    joined = "\n".join(lines)
    m = re.search(pattern, joined)
    assert m, f"cannot find {tail}{st.value} in the text"
    new = joined[: m.start(1)] + str(st.value + by) + joined[m.end(1):]
    return new.split("\n")
