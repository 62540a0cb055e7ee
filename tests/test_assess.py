"""Assessments as rule data: the hotline's monthly indicators (Jinchang
Measures Arts. 34-38) and the OGI work assessment (Jinchang 考核实施细则
Arts. 11, 13, 14).  Expected figures worked out by hand in the comments."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure_rules.cli import main
from disclosure_rules.errors import CaseError, RuleFileError
from disclosure_rules.regimes import evaluate
from disclosure_rules.regimes.assessment import find_assessment, load_assessment_file
from disclosure_rules.regimes.scoring import assess_month, assess_sheet
from disclosure_rules.case import read_items

DATA = Path(__file__).parent / "data" / "assess"
ORDERS = DATA / "orders-2025-10.jsonl"


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_monthly_indicators_by_hand():
    rows = {r.unit: r for r in assess_month(find_assessment("hotline-monthly-jinchang"), read_items(ORDERS),
                                            "2025-10", evaluate=evaluate)}
    jc = rows["金川区住建局"]
    # O-1 and O-2 archived in October (O-5 in November, O-3 excluded by Art. 38(2)):
    # sign-for 1/2 (O-2 signed 16:00, due 15:30), completion 1/2 (O-2 answered after 10-10T16:00),
    # review 1/2 (O-2 returned by the centre), answered 2/2, satisfied 1/2, knowledge 1/2 (K-1 due 10-13)
    assert {k: c["points"] for k, c in jc.cells.items()} == {
        "on_time_sign": "5.00", "on_time_return": "10.00", "on_time_completion": "10.00",
        "first_review_passed": "12.50", "applicant_answered": "15.00", "satisfaction": "7.50",
        "knowledge_on_time": "2.50"}
    assert (jc.base, jc.bonus, jc.deductions, jc.score) == (Decimal("62.50"), Decimal("15.00"), Decimal("3.00"),
                                                            Decimal("74.50"))
    assert [(i, c) for i, c, _ in jc.excluded] == [("O-3", "suggestion_not_adopted")]
    assert "第38条" in jc.excluded[0][2]
    # 永昌: one returned order, in time (10:00 + 3 working hours); every other indicator has no case
    assert rows["永昌县水务局"].cells["on_time_return"] == {"of": 1, "counts": 1, "rate": "100.00",
                                                          "points": "10.00", "max": 10}
    assert rows["永昌县水务局"].score == Decimal("100.00")


def test_points_formula_is_a_parameter():
    a = find_assessment("hotline-monthly-jinchang")
    rows = {r.unit: r for r in assess_month(a, read_items(ORDERS), "2025-10", evaluate=evaluate,
                                            params={"points_formula": "all_or_nothing", "empty_indicator": "zero"})}
    assert rows["金川区住建局"].cells["on_time_sign"]["points"] == "0.00"
    assert rows["永昌县水务局"].base == Decimal("10.00")


def test_assess_cli_outputs(capsys):
    rc, out, _ = run(capsys, "assess", str(ORDERS), "--month", "2025-10", "--csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and [r["unit"] for r in table] == ["永昌县水务局", "金川区住建局"]
    assert table[1]["score"] == "74.50" and table[1]["satisfaction"] == "7.50"
    rc, out, _ = run(capsys, "assess", str(ORDERS), "--month", "2025-10", "--json")
    data = json.loads(out)
    assert rc == 0 and data["assessment"] == "hotline-monthly-jinchang" and len(data["rows"]) == 2
    rc, out, _ = run(capsys, "assess", str(ORDERS), "--year", "2025", "--csv")
    table = {r["unit"]: r for r in csv.DictReader(io.StringIO(out))}
    # October 74.50, November 100.00 (O-5 in time, no rating): (74.50 + 100) / 2
    assert table["金川区住建局"]["months_assessed"] == "2" and table["金川区住建局"]["score"] == "87.25"


def test_a_bonus_over_its_item_maximum_is_a_case_error(tmp_path, capsys):
    p = tmp_path / "facts.jsonl"
    p.write_text(json.dumps({"facts": "hotline-monthly-jinchang", "unit": "x", "month": "2025-10",
                             "bonus": {"handled_volume": 3}}), encoding="utf-8")
    rc, _, err = run(capsys, "assess", str(p), "--month", "2025-10")
    assert rc == 2 and "handled_volume" in err


def test_ogi_assessment_grades_caps_vetoes_and_ranking(capsys):
    rc, out, _ = run(capsys, "assess", str(DATA / "ogi-2025.yaml"), "--json")
    rows = json.loads(out)["rows"]
    assert rc == 0
    by = {r["unit"]: r for r in rows}
    # 95 + min(2*4 + 3, 10) = 105 -> capped at 100 (Art. 13), minus 5 (Art. 14) = 95
    assert (by["市住建局"]["bonus"], by["市住建局"]["score"], by["市住建局"]["grade"]) == ("10.00", "95.00", "优秀")
    assert by["市卫健委"]["grade"] == "不合格" and by["市卫健委"]["vetoes"] == ["new_media_veto"]   # Art. 11
    assert (by["市民政局"]["score"], by["市民政局"]["grade"]) == ("64.00", "合格")
    # 91 and 91: the bonus-holder ranks first (Art. 13)
    assert [r["unit"] for r in rows if r["score"] == "91.00"] == ["市发改委", "市教育局"]


@pytest.mark.parametrize("unit", [
    {"unit": "x", "items": {"a": 80}, "deductions": [4]},          # under 5 points
    {"unit": "x", "items": {"a": 80}, "deductions": [11]},         # over 10 points
    {"unit": "x", "items": {"a": 80}, "vetoes": ["late_lunch"]},
    {"unit": "x", "items": {"a": "eighty"}},
])
def test_ogi_bad_records(unit):
    with pytest.raises(CaseError):
        assess_sheet(find_assessment("ogi-assessment-jinchang"), [unit])


def test_grade_bands_are_rule_data(tmp_path):
    src = (Path(__file__).parent.parent / "rules" / "ogi-assessment-jinchang" / "assessment.yaml").read_text("utf-8")
    (tmp_path / "assessment.yaml").write_text(src.replace("min: 90", "min: 95"), encoding="utf-8")
    a = load_assessment_file(tmp_path / "assessment.yaml")
    [row] = assess_sheet(a, [{"unit": "x", "items": {"a": 92}}])
    assert row.grade == "良好"
    (tmp_path / "assessment.yaml").write_text(src.replace("min: 80", "min: 99"), encoding="utf-8")
    with pytest.raises(RuleFileError):
        load_assessment_file(tmp_path / "assessment.yaml")


def test_assess_writes_a_workbook(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "hotline.xlsx"
    rc, _, _ = run(capsys, "assess", str(ORDERS), "--month", "2025-10", "--xlsx", str(out))
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.values)
    assert rc == 0 and rows[1][0] == "unit" and rows[3][0] == "金川区住建局" and rows[3][-1] == 74.5


def test_unknown_keys_in_assessment_input_are_errors(tmp_path, capsys):
    p = tmp_path / "facts.jsonl"
    p.write_text(json.dumps({"facts": "hotline-monthly-jinchang", "unit": "x", "month": "2025-10", "bonsu": {}}),
                 encoding="utf-8")
    assert run(capsys, "assess", str(p), "--month", "2025-10")[0] == 2
    with pytest.raises(CaseError):
        assess_sheet(find_assessment("ogi-assessment-jinchang"), [{"unit": "x", "itmes": {"a": 1}}])


def test_proactive_figures_per_unit_and_month(capsys):
    rc, out, _ = run(capsys, "assess", str(DATA / "proactive-2026.jsonl"), "--month", "2026-10", "--json")
    rows = {r["unit"]: r["indicators"] for r in json.loads(out)["rows"]}
    # due in October: P-1 (10-14, published 10-14), P-2 (10-14, published 10-15), P-3 (10-19, not published),
    # P-4 (10-26, published 10-09); P-5 falls due in November
    fig = {k: (v["of"], v["counts"]) for k, v in rows["市发改委"].items()}
    assert rc == 0 and fig == {"published_in_time": (3, 1), "published_late": (3, 1), "overdue_unpublished": (3, 1)}
    assert rows["市教育局"]["published_in_time"]["of"] == 1


def test_the_default_evaluation_is_the_regimes_stage_clock():
    # assess_month without evaluate= used to fail with a TypeError at the first case
    a = find_assessment("hotline-monthly-jinchang")
    plain = {r.unit: r.score for r in assess_month(a, read_items(ORDERS), "2025-10", evaluate=evaluate)}
    assert {r.unit: r.score for r in assess_month(a, read_items(ORDERS), "2025-10")} == plain


def test_deductions_where_the_assessment_defines_none_are_a_case_error(tmp_path):
    # a record listing deductions under an assessment without a deductions block used to give a traceback
    import yaml
    src = (Path(__file__).parent.parent / "rules" / "ogi-assessment-jinchang" / "assessment.yaml").read_text("utf-8")
    doc = yaml.safe_load(src)
    del doc["deductions"]
    (tmp_path / "assessment.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    a = load_assessment_file(tmp_path / "assessment.yaml")
    with pytest.raises(CaseError, match="deductions"):
        assess_sheet(a, [{"unit": "x", "items": {"a": 80}, "deductions": [6]}])
    [row] = assess_sheet(a, [{"unit": "x", "items": {"a": 80}}])       # no deductions listed: scored as before
    assert row.deductions == 0


def test_office_hours_that_resolve_to_nothing_are_an_input_error():
    # a minute regime whose hours parameter was set empty used to fail with an AttributeError
    import datetime as dt

    from disclosure_rules.errors import InputError
    order = {"id": "W-1", "regime": "hotline-jinchang", "unit": "u", "created": "2026-11-02T09:00",
             "urgency": "ordinary", "kind": "consultation", "events": []}
    assert evaluate(order, dt.date(2026, 11, 3)).stages                          # the default hours work
    with pytest.raises(InputError, match="office hours"):
        evaluate(order, dt.date(2026, 11, 3), params={"hours": ""})
