"""Section three of the annual report: counting, checking, rendering."""

import datetime as dt
import json

import pytest
from hypothesis import given, strategies as st

from disclosure_rules.cli import main
from disclosure_rules.api import annual_table, check_table, load_table_layout
from disclosure_rules.report import ReportError, ReportRecord
from disclosure_rules.api import read_table
from disclosure_rules.report_render import render_text, to_csv, to_json, to_xlsx
from conftest import D, ROOT

ZHAOYUAN = ROOT / "tests" / "data" / "zhaoyuan-2023.json"
LAYOUT = load_table_layout()
COLUMNS = LAYOUT.applicant_columns
RESULT_ROWS = LAYOUT.result_rows


def test_zhaoyuan_2023_passes():
    cells = read_table(ZHAOYUAN)
    assert check_table(cells) == []
    assert cells["1"]["total"] == 205 and cells["3.7"]["total"] == 200 and cells["4"]["total"] == 11


def test_one_changed_cell_fails_and_names_the_column():
    cells = read_table(ZHAOYUAN)
    cells["3.1"]["natural_person"] = 51          # one more disclosed request than reported
    findings = check_table(cells)
    rules = {(f.rule, f.column) for f in findings}
    assert ("row_total", "natural_person") in rules          # 3(7) no longer adds up
    assert ("column_total", "total") in rules                # the row total no longer adds up
    cells["3.7"]["natural_person"] = 201
    cells["3.1"]["total"] = 51
    cells["3.7"]["total"] = 201
    findings = check_table(cells)
    assert [(f.rule, f.column, f.difference) for f in findings] == [("balance", "natural_person", 1),
                                                                   ("balance", "total", 1)]
    assert "自然人" in findings[0].message_zh and "勾稽关系" in findings[0].message_zh


def test_not_a_count():
    cells = read_table(ZHAOYUAN)
    cells["2"]["research_institution"] = -1
    assert check_table(cells)[0].rule == "cell"


def R(id, received, applicant="natural_person", closed=None, row=None):
    return ReportRecord(id, D(received), applicant, D(closed) if closed else None, row)


HAND = [
    R("a", "2025-12-20", closed="2026-01-10", row="3.1"),                        # carried over, answered
    R("b", "2025-12-28"),                                                         # carried over, still open
    R("c", "2025-11-01", closed="2025-12-01", row="3.1"),                        # closed last year: not counted
    R("d", "2026-02-01", "commercial_enterprise", "2026-03-01", "3.2"),
    R("e", "2026-03-01", "legal_service_institution", "2026-03-20", "3.3.4"),
    R("f", "2026-12-30", "research_institution"),                                 # received, carried forward
    R("g", "2026-12-15", closed="2027-01-05", row="3.1"),                        # closed next year: carried forward
    R("h", "2026-05-05", "other_organization", "2026-06-01", "3.6.2"),
    R("i", "2027-01-02", closed="2027-01-03", row="3.1"),                        # next year's: not counted
]


def test_hand_made_records_every_cell():
    t = annual_table(HAND, 2026)
    expected = {(r, c): 0 for r in t.cells for c in t.cells[r]}
    expected.update({
        ("1", "natural_person"): 1, ("1", "commercial_enterprise"): 1, ("1", "legal_service_institution"): 1,
        ("1", "research_institution"): 1, ("1", "other_organization"): 1, ("1", "total"): 5,
        ("2", "natural_person"): 2, ("2", "total"): 2,
        ("3.1", "natural_person"): 1, ("3.1", "total"): 1,
        ("3.2", "commercial_enterprise"): 1, ("3.2", "total"): 1,
        ("3.3.4", "legal_service_institution"): 1, ("3.3.4", "total"): 1,
        ("3.6.2", "other_organization"): 1, ("3.6.2", "total"): 1,
        ("3.7", "natural_person"): 1, ("3.7", "commercial_enterprise"): 1, ("3.7", "legal_service_institution"): 1,
        ("3.7", "other_organization"): 1, ("3.7", "total"): 4,
        ("4", "natural_person"): 2, ("4", "research_institution"): 1, ("4", "total"): 3,
    })
    got = {(r, c): v for r in t.cells for c, v in t.cells[r].items()}
    assert got == expected
    assert check_table(t) == []


@pytest.mark.parametrize("bad, words", [
    (R("x", "2026-02-01", closed="2026-01-01", row="3.1"), "before it was received"),
    (R("x", "2026-02-01", closed="2026-03-01", row="3.9"), "unknown result row"),
    (R("x", "2026-02-01", "alien"), "unknown applicant type"),
])
def test_bad_records(bad, words):
    with pytest.raises(ReportError, match=words):
        annual_table([bad], 2026)


records = st.lists(st.builds(
    lambda i, received, days, closed, applicant, row: ReportRecord(
        str(i), received, applicant, received + dt.timedelta(days=days) if closed else None, row if closed else None),
    st.integers(0, 10**6), st.dates(dt.date(2022, 1, 1), dt.date(2026, 12, 31)), st.integers(0, 400),
    st.booleans(), st.sampled_from(COLUMNS), st.sampled_from(RESULT_ROWS)), max_size=60)


@given(records, st.integers(2022, 2026))
def test_every_generated_table_balances(recs, year):
    assert check_table(annual_table(recs, year)) == []


@given(records, st.integers(2022, 2025))
def test_consecutive_years_chain(recs, year):
    this, nxt = annual_table(recs, year), annual_table(recs, year + 1)
    for c in this.cells["4"]:
        assert this.cells["4"][c] == nxt.cells["2"][c]


def test_json_and_csv_round_trip(tmp_path):
    t = annual_table(HAND, 2026)
    (tmp_path / "t.json").write_text(to_json(t), encoding="utf-8")
    (tmp_path / "t.csv").write_text(to_csv(t), encoding="utf-8")
    assert read_table(tmp_path / "t.json") == t.cells
    assert read_table(tmp_path / "t.csv") == t.cells
    # a CSV with the official Chinese column labels reads the same
    zh = to_csv(t).splitlines()
    zh[0] = "row,label," + ",".join(c.zh for c in LAYOUT.columns)
    (tmp_path / "zh.csv").write_text("\n".join(zh), encoding="utf-8")
    assert read_table(tmp_path / "zh.csv") == t.cells


def test_text_has_the_official_labels():
    text = render_text(annual_table(HAND, 2026))
    for label in ("本年新收政府信息公开申请数量", "保护第三方合法权益", "结转下年度继续办理", "法律服务机构", "勾稽关系"):
        assert label in text


def test_xlsx_opens_with_the_labels(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    to_xlsx(annual_table(HAND, 2026), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    values = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert {"申请人情况", "法人或其他组织", "自然人", "（七）总计", "四、结转下年度继续办理"} <= values
    assert ws.cell(4, 4).value == 1 and ws.cell(4, 10).value == 5       # row 1: natural persons, total


def test_report_from_case_files(tmp_path, capsys):
    cases = [
        {"id": "1", "applicant": "natural_person", "receipt": {"channel": "in_person", "date": "2026-03-02"},
         "events": [{"type": "answered", "date": "2026-03-20", "outcome": "36-3", "reason": "third_party"}]},
        {"id": "2", "applicant": "commercial_enterprise", "receipt": {"channel": "in_person", "date": "2026-03-02"},
         "events": [{"type": "correction_requested", "date": "2026-03-04", "period_workdays": 5}]},
        {"id": "3", "receipt": {"channel": "in_person", "date": "2026-12-10"}},
    ]
    p = tmp_path / "cases.jsonl"
    p.write_text("\n".join(json.dumps(c) for c in cases), encoding="utf-8")
    assert main(["report", str(p), "--year", "2026", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows["1"]["total"] == 3 and rows["3.3.4"]["natural_person"] == 1
    assert rows["3.6.1"]["commercial_enterprise"] == 1      # abandoned: no correction in 5 working days
    assert rows["4"]["total"] == 1                          # received 12/10, due in 2027, still open


def test_check_cli(capsys, tmp_path):
    assert main(["report", "--check", str(ZHAOYUAN)]) == 0
    capsys.readouterr()
    data = json.loads(ZHAOYUAN.read_text(encoding="utf-8"))
    data["rows"]["4"]["natural_person"] = 9
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", "--check", str(p), "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "自然人" in out and "勾稽关系" in out
    assert main(["report", "--check", str(tmp_path / "none.json")]) == 2
    assert main(["report", "--year", "2026"]) == 2
