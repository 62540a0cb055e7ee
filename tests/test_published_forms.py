"""The same report read from its different forms: page text, traditional characters with
full-width digits, Word (.docx), PDF with a text layer, saved HTML."""

import sys

import pytest

from disclosure_rules.chinese import to_traditional

from disclosure_rules.published import check_report, read_report
from disclosure_rules.report import ReportError
from published_helpers import DATA, read_numbers

COUNTY = DATA / "shuyang-county-2025.md"
OFFICE = DATA / "shanghai-office-2025.md"


def _findings(report):
    return sorted((f.rule, f.row, f.column, f.expected, f.actual) for f in check_report(report))


def test_traditional_characters_and_full_width_digits(tmp_path):
    text = to_traditional(COUNTY.read_text(encoding="utf-8"))
    text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert "處理" in text and "７１３" in text
    p = tmp_path / "county-traditional.txt"
    p.write_text(text, encoding="utf-8")
    assert read_numbers(read_report(p)) == read_numbers(read_report(COUNTY))
    assert _findings(read_report(p)) == []


def test_cells_separated_by_tabs_or_spaces(tmp_path):
    lines = []
    for line in COUNTY.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|--"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            lines.append("\t".join(cells) if len(lines) % 2 else "   ".join(c.replace(" ", "") for c in cells))
        else:
            lines.append(line)
    p = tmp_path / "county-plain.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    assert read_numbers(read_report(p)) == read_numbers(read_report(COUNTY))


def _docx_from_markdown(src, out):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    rows = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for i, r in enumerate(rows):
                for j, text in enumerate(r):
                    table.cell(i, j).text = text
            rows.clear()
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            if not line.startswith("|--"):
                rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        flush()
        document.add_paragraph(line.lstrip("# "))
    flush()
    document.save(str(out))


def test_word_file(tmp_path):
    p = tmp_path / "county.docx"
    _docx_from_markdown(COUNTY, p)
    report = read_report(p)
    assert read_numbers(report) == read_numbers(read_report(COUNTY))
    assert _findings(report) == []


def test_word_file_with_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=2, cols=9)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "一、本年新收政府信息公开申请数量"
    for j, v in enumerate(["5", "0", "0", "0", "0", "0", "5"], 2):
        table.cell(0, j).text = v
    table.cell(1, 0).text = "三、本年度办理结果"
    table.cell(1, 1).text = "（一）予以公开"
    for j, v in enumerate(["5", "0", "0", "0", "0", "0", "5"], 2):
        table.cell(1, j).text = v
    p = tmp_path / "merged.docx"
    document.save(str(p))
    report = read_report(p)
    assert report.section_three["1"]["natural_person"].value == 5          # the merged label is read once
    assert report.section_three["3.1"]["total"].value == 5


def test_pdf_with_a_text_layer():
    pytest.importorskip("pdfplumber")
    pdf = read_report(DATA / "shanghai-office-2025.pdf")        # made from the .md by make_pdf.py
    md = read_report(OFFICE)
    assert read_numbers(pdf) == read_numbers(md)
    assert _findings(pdf) == _findings(md)


def test_saved_html_reads_the_table_cells():
    report = read_report(DATA / "shuyang-drc-2023.html")
    assert report.section_three["1"]["natural_person"].value == 26
    assert report.section_three["1"]["commercial_enterprise"].value is None
    assert report.found == dict.fromkeys("一二三四五六", "heading")


@pytest.mark.parametrize("module, suffix, extra", [("pdfplumber", ".pdf", "pdf"), ("docx", ".docx", "docx"),
                                                   ("bs4", ".html", "html")])
def test_a_missing_extra_is_named(tmp_path, monkeypatch, module, suffix, extra):
    monkeypatch.setitem(sys.modules, module, None)
    p = tmp_path / f"r{suffix}"
    p.write_bytes(b"x")
    with pytest.raises(ReportError, match=rf"disclosure-rules\[{extra}\]"):
        read_report(p)


def test_damaged_files_are_input_errors(tmp_path):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("docx")
    for suffix in (".pdf", ".docx"):
        p = tmp_path / f"bad{suffix}"
        p.write_bytes(b"not really")
        with pytest.raises(ReportError):
            read_report(p)
