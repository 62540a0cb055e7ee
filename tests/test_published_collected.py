"""The reports collected for issue 14 (tests/data/reports/, sources.yaml): the parser reads
the numbers a person wrote down (numbers.yaml), the checks report what a careful reader
finds, and the three reports kept aside still show what their first run showed
(HOLDOUT.md, holdout-first-run/)."""

import csv
import datetime as dt
import re

import pytest
import yaml

from disclosure_rules.published import check_report, read_report
from published_helpers import DATA, bump_in_text, bump_number, check, lines_of, read, read_numbers, \
    table_cells, text_numbers

NUMBERS = yaml.safe_load((DATA / "numbers.yaml").read_text(encoding="utf-8"))
SOURCES = {s["file"]: s for s in yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))["reports"]}
NAMES = sorted(NUMBERS)
NONE4 = {g: dict.fromkeys(("maintained", "corrected", "other", "pending", "total"))
         for g in ("review", "litigation_direct", "litigation_after_review")}
# where the parser does not read what a person reads (HOLDOUT.md, “Missed”)
PARSER_GAPS = {"shanghai-stcsm-2024.md": {"section4": NONE4}}


def test_every_report_has_its_source():
    assert set(SOURCES) == set(NUMBERS)
    for s in SOURCES.values():
        assert s["source"]["repo"] and len(s["source"]["commit"]) == 40 and (DATA / s["file"]).is_file()


@pytest.mark.parametrize("name", NAMES)
def test_the_parser_reads_the_numbers_a_person_reads(name):
    want = {k: NUMBERS[name][k] for k in ("section2", "section3_totals", "section4")}
    want.update(PARSER_GAPS.get(name, {}))
    report = read_report(DATA / name)
    assert read_numbers(report) == want
    assert report.year == SOURCES[name]["year"]


def test_blank_cells_are_unreadable_not_zero():
    report = read_report(DATA / "shuyang-drc-2023.html")
    for row, cells in report.section_three.items():
        for col in NUMBERS["shuyang-drc-2023.html"]["blank_columns"]:
            assert cells[col].value is None and cells[col].reason, (row, col)
        assert cells["natural_person"].value == cells["total"].value


@pytest.mark.parametrize("name", NAMES)
def test_text_numbers_written_down_are_matched(name):
    from disclosure_rules.published.values import cell
    from published_helpers import LAYOUT, RULES
    report = read_report(DATA / name)
    found = {(st.evidence, fig.id) for st, fig in text_numbers(report)}
    for t in NUMBERS[name].get("text", []):
        assert any(t["says"] in ev and fig == t["figure"] for ev, fig in found), t
        fig = next(f for f in RULES.figures if f.id == t["figure"])
        assert t["matches"] in [r.cells for r in fig.readings]
        value = cell(report, LAYOUT, RULES.aliases, t["matches"])
        assert str(value) + "件" in t["says"]


def _pinned(folder, name):
    rows = list(csv.DictReader((DATA / folder / name).open(encoding="utf-8")))
    return sorted(((r["rule"], r["row"] or None, r["column"] or None, r["severity"]) for r in rows), key=str)


HELD_OUT = sorted(n for n in NAMES if SOURCES[n]["held_out"])


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_reports_show_what_holdout_md_says(name):
    """holdout-now/ is the first run (holdout-first-run/) after the two changes HOLDOUT.md
    describes (unreadable cells grouped; a named row that lost cells is unreadable, not missing)."""
    got = sorted(((f.rule, f.row, f.column, f.severity) for f in check_report(read_report(DATA / name))), key=str)
    assert got == _pinned("holdout-now", f"{name}.csv")


def test_the_changes_after_the_first_run_are_only_those_two():
    first = {n: _pinned("holdout-first-run", f"{n}.holdout.csv") for n in HELD_OUT}
    now = {n: _pinned("holdout-now", f"{n}.csv") for n in HELD_OUT}
    assert first["shanghai-office-2025.md"] == now["shanghai-office-2025.md"]
    drc_first, drc_now = first["shuyang-drc-2023.html"], now["shuyang-drc-2023.html"]
    assert len(drc_first) == 125 and {r[0] for r in drc_first} == {"unreadable"}
    assert [r[0] for r in drc_now] == ["unreadable"]          # the same 125 blank cells, one finding
    stcsm_first = [r for r in first["shanghai-stcsm-2024.md"] if r[0] != "missing_row"]
    stcsm_now = [r for r in now["shanghai-stcsm-2024.md"] if not (r[0] == "unreadable" and r[1] == "4")]
    assert stcsm_first == stcsm_now
    assert ("missing_row", "4", None, "error") in first["shanghai-stcsm-2024.md"]


def test_the_report_read_while_writing_the_phrases_has_no_findings():
    report = read_report(DATA / "shuyang-county-2025.md")
    s = SOURCES["shuyang-county-2025.md"]
    assert check_report(report, published_on=dt.date.fromisoformat(str(s["published_on"])),
                        agency_kind=s["agency_kind"]) == []


def test_publication_dates_of_the_collected_reports():
    for name in ("shuyang-county-2025.md", "shuyang-drc-2023.html"):
        s = SOURCES[name]
        report = read_report(DATA / name)
        on_time = dt.date.fromisoformat(str(s["published_on"]))
        assert not [f for f in check_report(report, published_on=on_time, agency_kind=s["agency_kind"])
                    if f.rule == "published_late"]
    late = check_report(read_report(DATA / "shuyang-drc-2023.html"), published_on=dt.date(2024, 2, 1),
                        agency_kind="department")
    assert [(f.rule, f.expected) for f in late if f.rule == "published_late"] == [("published_late", "2024-01-31")]


def _s4(findings):
    return {(f.row, f.expected, f.actual) for f in findings if f.rule == "s4_total"}


@pytest.mark.parametrize("name", NAMES)
def test_one_number_edits_are_caught(name):
    lines = lines_of(DATA / name)
    report = read(lines)
    before = {(f.rule, f.row, f.column, f.expected, f.actual, f.evidence) for f in check(lines)}

    def new(edited):
        return [f for f in check(edited) if (f.rule, f.row, f.column, f.expected, f.actual, f.evidence) not in before]
    for evidence, index, _, row, col in table_cells(report):
        i = next(i for i, line in enumerate(lines) if line.strip() == evidence)
        assert any(f.severity == "error" for f in new(lines[:i] + [bump_number(lines[i], index)] + lines[i + 1:])), \
            (name, row, col)
    review = report.section_four.get("review", {})
    if review and review["total"].readable:
        numeric = [i for i, line in enumerate(lines) if line.strip() in review["total"].evidence.split(" / ")]
        for i in numeric:
            for k in range(len([x for x in lines[i].replace("|", " ").split() if x.isdigit()])):
                edited = lines[:i] + [bump_number(lines[i], k)] + lines[i + 1:]
                # caught: a new s4_total, or (the edit that repairs a 总计 printed wrong) the old one gone
                assert any(f.rule == "s4_total" for f in new(edited)) or _s4(check(edited)) < _s4(check(lines)), \
                    (name, k)
    for st, fig in text_numbers(report):
        assert any(f.rule in ("text_vs_table", "itemised_sum") for f in new(bump_in_text(lines, st))), \
            (name, st.evidence)


# ------------------------------------------------------------------ the Pingtan years (reports-b)

CHECKED = sorted(n for n in NAMES if "findings" in NUMBERS[n])


def _found(findings):
    return sorted(((f.rule, f.row, f.column, f.expected, f.actual) for f in findings), key=str)


def _want(entries):
    return sorted(((e["rule"], e["row"], e["column"], e["expected"], e["actual"]) for e in entries), key=str)


@pytest.mark.parametrize("name", CHECKED)
def test_what_a_careful_reader_finds_and_nothing_else(name):
    """On its own (with its printed publication date and kind), and against last year's report:
    exactly the findings written down in numbers.yaml, each a real arithmetic inconsistency."""
    entry, s = NUMBERS[name], SOURCES[name]
    report = read_report(DATA / name)
    options = {"published_on": dt.date.fromisoformat(str(entry["published_on"])), "agency_kind": s["agency_kind"]}
    assert _found(check_report(report, **options)) == _want(entry["findings"])
    if "previous" in entry:
        previous = read_report(DATA / entry["previous"])
        assert SOURCES[entry["previous"]]["agency"] == s["agency"] and previous.year == report.year - 1
        assert _found(check_report(report, previous, **options)) == \
            _want(entry["findings"] + entry["findings_with_previous"])


PAIRS = [(n, NUMBERS[n]["previous"]) for n in CHECKED if "previous" in NUMBERS[n]]


@pytest.mark.parametrize("name,last", PAIRS)
def test_one_number_edits_are_caught_year_against_year(name, last):
    """Section two's 行政规范性文件 row against last year's 现行有效, and row 二 against last year's
    row 四: a one-number edit of any of those cells (in either report) is a new error."""
    lines, before_lines = lines_of(DATA / name), lines_of(DATA / last)
    previous = read(before_lines)
    base = {(f.rule, f.row, f.column, f.expected, f.actual) for f in check(lines, previous)}

    def new(edited, prev=previous):
        return [f for f in check(edited, prev) if (f.rule, f.row, f.column, f.expected, f.actual) not in base]

    def at(ls, start):
        return next(i for i, line in enumerate(ls) if line.replace(" ", "").startswith(start))
    i = at(lines, "|行政规范性文件|")
    for k in range(3):                                  # 本年制发, 本年废止, 现行有效 of this year
        edited = lines[:i] + [bump_number(lines[i], k)] + lines[i + 1:]
        assert any(f.rule == "documents_in_force" and f.severity == "error" for f in new(edited)), (name, k)
    j = at(before_lines, "|行政规范性文件|")          # last year's 现行有效
    prev_edited = read(before_lines[:j] + [bump_number(before_lines[j], -1)] + before_lines[j + 1:])
    assert any(f.rule == "documents_in_force" for f in new(lines, prev_edited))
    i2 = at(lines, "|二、上年结转")
    for k in range(-7, 0):                              # row 二, every column
        edited = lines[:i2] + [bump_number(lines[i2], k)] + lines[i2 + 1:]
        assert any(f.rule == "carried_over" and f.severity == "error" for f in new(edited)), (name, k)
    j4 = at(before_lines, "|四、结转下年度继续办理")
    prev_edited = read(before_lines[:j4] + [bump_number(before_lines[j4], -1)] + before_lines[j4 + 1:])
    assert [f.rule for f in new(lines, prev_edited)] == ["carried_over"]


def test_the_misprinted_section_four_heading_is_still_section_four():
    """pingtan-2022 heads section four 四、政府信息公开行政法复议、行政诉讼情况 and writes its
    header cells one character a line: the 15 cells are read, and no section is missing."""
    report = read_report(DATA / "pingtan-2022.html")
    assert report.section_four["review"]["total"].value == 2
    assert not [f for f in check_report(report) if f.rule in ("missing_section", "missing_row", "unreadable")]


# ------------------------------------------------------------ the finance bureau's years (reports-c)

FINANCE = ["pingtan-finance-2023.html", "pingtan-finance-2024.html", "pingtan-finance-2025.html"]


def _itemised_line(lines):
    return next(i for i, line in enumerate(lines) if "全文电子化的主动公开信息数共" in line)


@pytest.mark.parametrize("name", FINANCE)
def test_the_items_of_section_two_text_are_added_up(name):
    """Section 二's text (not only 一 and 六) is checked for itemised totals: “全文电子化的主动公开信息数共61条，
    其中:减税降费5条…其他文件共51条” is 76, not 61. A one-number edit of the total or of any item is caught."""
    lines = lines_of(DATA / name)
    report = read(lines)
    assert any(s.section == "二" for s in report.sentences)
    base = {(f.rule, f.expected, f.actual) for f in check(lines)}
    i = _itemised_line(lines)
    count = len(re.findall(r"(?<![\d.])\d+(?![\d.])", lines[i].split("全文电子化的主动公开信息数共", 1)[1]))
    assert count == 6                                  # the total and its five items
    for k in range(-count, 0):
        edited = lines[:i] + [bump_number(lines[i], k)] + lines[i + 1:]
        assert any(f.rule == "itemised_sum" and (f.rule, f.expected, f.actual) not in base for f in check(edited)), k


def test_a_part_after_qizhong_does_not_name_the_total_before_it():
    """“办结依申请2件，其中公开答复1件，无法提供1件”: the 1 after 其中 is a part of the 2 handled, so it is not
    compared with the number handled (the nearest word, 答复, would say so); 无法提供 still names its figure,
    and the parts are still added up against the total."""
    from disclosure_rules.published.model import Sentence
    from disclosure_rules.published.narrative import named_numbers, numbers
    from published_helpers import RULES
    marker = RULES.words["itemised"]["marker"]

    def named(text):
        s = Sentence("一", text)
        return [(st.value, fig.id) for st, fig in named_numbers(numbers(s), RULES.figures, RULES.topics, marker)]
    assert named("2024年我局共收到政府信息公开申请2件,办结依申请2件,其中公开答复1件,无法提供1件。") == \
        [(2, "received"), (2, "handled"), (1, "unable")]
    assert named("办结依申请2件,公开答复1件。") == [(2, "handled"), (1, "handled")]     # no 其中: as before
    assert named("全年收到申请75件,其中自然人申请72件。") == [(75, "received"), (72, "received_natural")]
    lines = lines_of(DATA / "pingtan-finance-2024.html")
    i = next(i for i, line in enumerate(lines) if "其中公开答复1件" in line)
    found = check(lines[:i] + [lines[i].replace("其中公开答复1件", "其中公开答复2件")] + lines[i + 1:])
    assert [(f.rule, f.expected, f.actual) for f in found if f.rule == "itemised_sum" and f.row == "件"] == \
        [("itemised_sum", 2, 3)]
    assert not [f for f in found if f.rule == "text_vs_table"]
