"""`timeline CASE --format html|svg`: the deadline sheet and the picture of the clock."""

import xml.etree.ElementTree as ET

import pytest

from disclosure_rules.cli import main
from conftest import ROOT
from site_pages import parse, text

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LATE = ROOT / "examples" / "2026-0002-late-extension.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def field(root, name):
    return [e for e in root.iter() if e.get("data-field") == name]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_svg_parses_as_xml_and_carries_the_due_date(capsys, path):
    rc, out, err = run(capsys, "timeline", path, "--as-of", "2026-11-24", "--format", "svg")
    rc2, js, _ = run(capsys, "timeline", path, "--as-of", "2026-11-24", "--json")
    import json
    due = json.loads(js)["due"] or "—"
    svg = ET.fromstring(out)
    assert rc == 0 and err == "" and svg.tag == f"{SVG}svg"
    assert [e.text for e in svg.iter() if e.get("data-field") == "due"] == [due]
    assert svg.find(f"{SVG}g[@class='legend']") is not None


def test_late_extension_sheet_shows_why_the_agency_was_late(capsys, tmp_path):
    """Done when: the sheet of 2026-0002 shows on one page why the agency was late."""
    out = tmp_path / "sheet.html"
    rc, stdout, err = run(capsys, "timeline", LATE, "--as-of", "2026-11-24", "--format", "html", "--lang", "zh",
                          "--out", out)
    assert (rc, stdout, err) == (0, "", "")
    root = parse(out)
    assert [text(e) for e in field(root, "due")] == ["2026-11-03", "2026-11-03"]      # the answer, the picture
    assert [text(e) for e in field(root, "late_workdays")] == ["15"]
    assert field(root, "status")[0].get("data-value") == "overdue"
    codes = [e.get("data-code") for e in field(root, "violation")]
    assert codes == ["late_extension", "overdue"]
    assert "第33条第2款" in text(field(root, "violation")[0])
    svg = next(root.iter(f"{SVG}svg"))
    cells = {g.get("data-date"): g.get("class") for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("cell")}
    assert cells["2026-10-01"] == "cell day_off" and cells["2026-10-10"] == "cell make_up_workday"
    assert cells["2026-10-11"] == "cell weekend" and cells["2026-11-04"] == "cell weekday"
    dues = [g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("due")]
    assert [(g.get("data-date"), g.get("class")) for g in dues] == [("2026-11-03", "due final")]
    assert [g.get("data-date") for g in svg.iter(f"{SVG}g") if g.get("class") == "event"] == ["2026-09-30", "2026-11-04"]
    assert [g.get("data-date") for g in svg.iter(f"{SVG}g") if g.get("class") == "as-of"] == ["2026-11-24"]
    late = [r for r in svg.iter(f"{SVG}rect") if (r.get("class") or "") == "band late"]
    assert late                                                   # the late days drawn as a band
    steps = [tr for tr in root.iter("tr") if tr.get("data-step")]
    assert [s.get("data-step") for s in steps] == ["1", "2"] and "第33条第2款" in text(steps[1])


def test_every_due_date_in_force_is_drawn_where_it_moved(capsys):
    rc, out, _ = run(capsys, "timeline", ROOT / "examples" / "2026-0001-full.yaml", "--as-of", "2026-12-10",
                     "--format", "svg")
    svg = ET.fromstring(out)
    dues = [(g.get("data-date"), g.get("class")) for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("due")]
    assert dues == [("2026-10-30", "due"), ("2026-11-09", "due"), ("2026-11-13", "due"), ("2026-12-11", "due"),
                    ("2026-12-08", "due final")]
    bands = {r.get("class") for r in svg.iter(f"{SVG}rect") if (r.get("class") or "").startswith("band")}
    assert bands == {"band suspended", "band consultation"}


def test_many_cases_write_one_sheet_each_and_an_index(capsys, tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("\n".join(["- " + "\n  ".join(p.read_text(encoding="utf-8").strip().splitlines())
                                for p in EXAMPLES[:3]]), encoding="utf-8")
    out = tmp_path / "sheets"
    rc, stdout, err = run(capsys, "timeline", cases, "--as-of", "2026-11-24", "--format", "html", "--out", out)
    assert (rc, err) == (0, "")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["2019-0001.html", "2026-0001.html", "2026-0002.html", "index.html"]
    links = [a.get("href") for a in parse(out / "index.html").iter("a")]
    assert links == ["2019-0001.html", "2026-0001.html", "2026-0002.html"]
    rc, stdout, err = run(capsys, "timeline", cases, "--as-of", "2026-11-24", "--format", "html")
    assert rc == 2 and stdout == "" and err.count("\n") == 1 and "--out DIR" in err


def test_cases_with_the_same_id_get_a_sheet_each(capsys, tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {id: index, receipt: {channel: in_person, date: 2026-09-30}}\n"
                     "- {id: index, receipt: {channel: in_person, date: 2026-10-09}}\n"
                     "- {id: 'a/b', receipt: {channel: in_person, date: 2026-10-12}}\n", encoding="utf-8")
    out = tmp_path / "svg"
    rc, _, err = run(capsys, "timeline", cases, "--as-of", "2026-10-20", "--format", "svg", "--out", out)
    assert (rc, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["a_b.svg", "index-2.svg", "index-3.svg"]
    dues = {p.name: [e.text for e in ET.fromstring(p.read_text(encoding="utf-8")).iter() if e.get("data-field") == "due"]
            for p in out.iterdir()}
    assert dues == {"index-2.svg": ["2026-11-03"], "index-3.svg": ["2026-11-05"], "a_b.svg": ["2026-11-09"]}


def test_text_from_a_case_file_is_escaped(capsys, tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text("id: '<script>alert(1)</script>'\nreceipt: {channel: in_person, date: 2026-09-30}\n",
                    encoding="utf-8")
    rc, out, _ = run(capsys, "timeline", case, "--as-of", "2026-10-20", "--format", "html", "--out", tmp_path / "s.html")
    root = parse(tmp_path / "s.html")
    assert rc == 0 and not list(root.iter("script"))
    assert text(field(root, "id")[0]) == "<script>alert(1)</script>"
    rc, out, _ = run(capsys, "timeline", case, "--as-of", "2026-10-20", "--format", "svg")
    assert ET.fromstring(out).get("data-case") == "<script>alert(1)</script>"


def test_json_stays_as_it_is(capsys):
    rc, a, _ = run(capsys, "timeline", LATE, "--as-of", "2026-11-24", "--json")
    rc2, b, _ = run(capsys, "timeline", LATE, "--as-of", "2026-11-24", "--json", "--format", "html")
    assert rc == rc2 == 0 and a == b


@pytest.mark.parametrize("extra", [[], ["--json"], ["--json", "--format", "html"]])
def test_out_without_a_sheet_format_is_an_input_error(capsys, tmp_path, extra):
    rc, out, err = run(capsys, "timeline", LATE, "--as-of", "2026-11-24", "--out", tmp_path / "x.html", *extra)
    assert rc == 2 and err.count("\n") == 1 and "--format html or svg" in err and not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("fmt", ["html", "svg"])
def test_a_regime_case_has_no_sheet_it_is_an_input_error(capsys, tmp_path, fmt):
    # found by the type check: a regime's result has no request clock to draw (was an AttributeError traceback)
    case = tmp_path / "p.yaml"
    case.write_text("id: P-9\nregime: proactive\nformed: 2026-11-10\n", encoding="utf-8")
    rc, out, err = run(capsys, "timeline", case, "--as-of", "2026-11-20", "--format", fmt)
    assert (rc, out) == (2, "") and err.count("\n") == 1 and "P-9" in err and "regime proactive" in err
    rc, out, _ = run(capsys, "timeline", case, "--as-of", "2026-11-20", "--json")
    assert rc == 0 and '"P-9"' in out
