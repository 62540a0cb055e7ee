"""``disclosure-rules report --check`` on whole published reports and folders of them."""

import csv
import io
import json
from pathlib import Path


from disclosure_rules.cli import main
from published_helpers import REF, needs_reference

FIELDS = ["rule", "row", "column", "expected", "actual", "difference", "message",
          "section", "severity", "evidence", "basis"]

SMALL = """{year}年政府信息公开工作年度报告
一、总体情况
全年新收政府信息公开申请{new}件。全年办结申请10件，其中予以公开4件，占{rate}%，部分公开6件。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
行政规范性文件 | 1 | 0 | {valid}
第二十条第（五）项
行政许可 | 5
第二十条第（六）项
行政处罚 | 1
行政强制 | 0
第二十条第（八）项
行政事业性收费 | 1.5
三、收到和处理政府信息公开申请情况
{table}
四、政府信息公开行政复议、行政诉讼情况
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
本年度未收取信息处理费。
"""

LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开",
          "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
          "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
          "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
          "5.要求行政机关确认或重新出具已获取信息", "1.申请人无正当理由逾期不补正", "2.申请人逾期未按收费通知要求缴纳费用",
          "3.其他", "（七）总计", "四、结转下年度继续办理"]


def small(tmp_path, name="r.txt", year=2025, new=10, carried=0, valid=1, rate_off=0.0):
    counts = {0: new, 1: carried, 2: 4, 3: 6, 23: 10, 24: new + carried - 10}
    table = "\n".join(f"| {label} | {counts.get(i, 0)} | 0 | 0 | 0 | 0 | 0 | {counts.get(i, 0)} |"
                      for i, label in enumerate(LABELS))
    p = tmp_path / name
    rate = f"{round(40 + rate_off, 2):.2f}"
    p.write_text(SMALL.format(year=year, table=table, valid=valid, new=new, rate=rate), encoding="utf-8")
    return p


def test_info_only_exits_0_and_json_has_every_field(tmp_path, capsys):
    p = small(tmp_path, rate_off=0.04)
    assert main(["report", "--check", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True
    [f] = out["findings"]
    assert list(f) == FIELDS
    assert (f["rule"], f["severity"], f["actual"], f["expected"]) == ("stated_rate", "info", 40.04, 40.0)


def test_year_against_year_and_the_deadline(tmp_path, capsys):
    last = small(tmp_path, "2024.txt", year=2024, new=12, valid=5)      # carries 2 forward, 5 in force
    this = small(tmp_path, "2025.txt", year=2025, new=9, carried=1, valid=7)
    assert main(["report", "--check", str(this), "--previous", str(last), "--published-on", "2026-02-01",
                 "--agency-kind", "department", "--json", "--lang", "zh"]) == 1
    found = {(f["rule"], f["column"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert ("carried_over", "natural_person") in found and ("carried_over", "total") in found
    assert ("documents_in_force", "valid") in found                      # 5 + 1 - 0 = 6, not 7
    assert ("published_late", None) in found                             # departments: 31 January
    assert main(["report", "--check", str(this), "--published-on", "2026-03-01", "--agency-kind", "government"]) == 0
    capsys.readouterr()
    assert main(["report", "--check", str(this), "--published-on", "2026-03-01", "--agency-kind", "government",
                 "--local", "gansu-jinchang"]) == 1                      # Jinchang counties: 20 February
    assert "2026-02-20" in capsys.readouterr().out


def test_a_cell_that_is_not_a_count_is_reported_unreadable(tmp_path, capsys):
    p = small(tmp_path, new=9)                      # row 四 would be 9 - 10 = -1
    assert main(["report", "--check", str(p), "--json"]) == 1
    found = {(f["rule"], f["row"], f["column"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert ("unreadable", "4", "natural_person,total") in found     # the two cells of the row, one finding
    assert not any(rule == "missing_row" for rule, _, _ in found)


def test_bad_input_exits_2(tmp_path, capsys):
    p = tmp_path / "x.txt"
    p.write_text("不是报告", encoding="utf-8")
    assert main(["report", "--check", str(p)]) == 2
    assert main(["report", "--check", str(small(tmp_path)), "--published-on", "31.1.2026"]) == 2
    assert main(["report", "--check", str(small(tmp_path)), "--local", "nowhere", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["kind"] == "report"
    assert main(["report", "--check", str(small(tmp_path)), "--format", "xlsx"]) == 2


def test_out_writes_the_findings_to_a_file(tmp_path):
    out = tmp_path / "f.csv"
    assert main(["report", "--check", str(small(tmp_path, rate_off=0.5)), "--format", "csv", "--out", str(out)]) == 1
    assert [r["rule"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["stated_rate"]


def test_a_folder_gives_one_csv(tmp_path, capsys):
    small(tmp_path, "a.txt", rate_off=0.5)          # a stated rate off by more than rounding: a warning
    small(tmp_path, "b.txt", new=11)                # 11 received, 10 handled, 1 carried forward: balances
    (tmp_path / "c.txt").write_text("不是报告", encoding="utf-8")
    assert main(["report", "--check", str(tmp_path), "--lang", "zh"]) == 1      # c.txt cannot be read
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {(r["file"].rsplit("/", 1)[-1], r["rule"], r["severity"]) for r in rows} == {
        ("a.txt", "stated_rate", "warning"), ("c.txt", "unreadable_report", "error")}


@needs_reference
def test_reference_folder_csv(capsys):
    assert main(["report", "--check", str(REF), "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    s4 = [r for r in rows if r["rule"] == "s4_total"]
    assert [(r["row"], r["expected"], r["actual"]) for r in s4] == [("review", "11", "0"),
                                                                   ("litigation_after_review", "5", "0")]


UNREADABLE_REPORTS = ["shanghai-stcsm-2024.md", "shuyang-drc-2023.html", "shanghai-office-2025.md"]


def _without_evidence(text, report):
    """``text`` without the report's own lines (the user's data, quoted as they are)."""
    for *_, evidence, _why in sorted(report.problems, key=lambda p: -len(p[3])):
        text = text.replace(evidence, "")
    return text


def test_why_a_value_cannot_be_read_is_said_in_the_language_of_the_output(tmp_path):
    """The reasons a cell cannot be read (blank, lost cells, not a count, too many numbers) come from the
    message catalogue: Chinese findings and the Chinese JSON hold no English word but the report's own lines."""
    import re

    from disclosure_rules.messages import message
    from disclosure_rules.published import check_report, read_report

    data = Path(__file__).parent / "data" / "reports"
    paths = [tmp_path / "r.txt"] + [data / name for name in UNREADABLE_REPORTS]
    small(tmp_path, new=9)                          # row 四: -1 is not a count
    reasons = set()
    for path in paths:
        report = read_report(path)
        reasons |= {why for *_, why in report.problems}
        for f in [f for f in check_report(report) if f.rule == "unreadable"]:
            for text in (f.message_zh, f.to_dict("zh")["evidence"], *(r.get("reason") for r in
                                                                     report.to_dict("zh")["unreadable"])):
                assert not re.findall(r"[A-Za-z]+", _without_evidence(text, report)), (path.name, text)
            assert not re.search(r"[\u4e00-\u9fff]", _without_evidence(f.message_en, report).replace("section 二", "")
                                 .replace("section 三", "")), (path.name, f.message_en)
    assert {message("published.reason.blank"), message("published.reason.one_line", n=15),
            message("published.reason.row_lost_cells", n=6, cells=7),
            message("published.reason.cell_count", n=2, cells=3),
            message("published.reason.not_a_count", raw="-1")} <= reasons, reasons
