"""The reports collected for issue 14 (tests/data/reports/, sources.yaml): the parser reads
the numbers a person wrote down (numbers.yaml), the checks report what a careful reader
finds, and the three reports kept aside still show what their first run showed
(HOLDOUT.md, holdout-first-run/)."""

import csv
import datetime as dt

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
                assert any(f.rule == "s4_total" for f in new(lines[:i] + [bump_number(lines[i], k)] + lines[i + 1:]))
    for st, fig in text_numbers(report):
        assert any(f.rule in ("text_vs_table", "itemised_sum") for f in new(bump_in_text(lines, st))), \
            (name, st.evidence)
