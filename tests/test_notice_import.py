"""`disclosure-rules calendar import`: the real notices of 2009-2026 (and the
Guangxi 三月三 notices), imported into an empty folder, give the same days as
the bundled calendar files; every variant of their text gives the same
days; every corrupted notice is refused at the right line and nothing is
written.  The texts and their sources: tests/data/notices/ (README there).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from disclosure_rules.calendar import bundled_calendars_dir, load_calendar
from disclosure_rules.chinese import to_traditional
from disclosure_rules.calendar.importer import plan_import, write_plan
from disclosure_rules.calendar.notices import NoticeError, read_notice
from disclosure_rules.cli import main

DATA = Path(__file__).parent / "data" / "notices"
NATIONAL = sorted(yaml.safe_load((DATA / "cn-sources.yaml").read_text(encoding="utf-8")),
                  key=lambda e: (e["year"], "supplement" in e["file"]))
REGIONAL = sorted(yaml.safe_load((DATA / "cn-gx-sources.yaml").read_text(encoding="utf-8")), key=lambda e: e["year"])
BUNDLED = load_calendar("cn")
BUNDLED_GX = load_calendar("cn-gx")
TITLES = {n.doc_no: n.title for n in BUNDLED.notices}


def _gx_doc_no(year: int) -> str:
    """The bundled layer names each year's notice by a placeholder (the 文号 was not found)."""
    for n in BUNDLED_GX.notices:
        if n.layer == "cn-gx" and str(year) in n.doc_no:
            return n.doc_no
    return f"{year}年三月三通知（文号未查到）"


def _import_national(folder: Path, transform=lambda t: t) -> None:
    for e in NATIONAL:
        text = transform((DATA / e["file"]).read_text(encoding="utf-8"))
        plan = plan_import(text, directory=folder, doc_no=None if e["doc_no_in_text"] else e["doc_no"],
                           title=TITLES[e["doc_no"]], source=e["source"], path=e["file"])
        write_plan(plan)


def _import_regional(folder: Path, transform=lambda t: t) -> None:
    for e in REGIONAL:
        text = transform((DATA / e["file"]).read_text(encoding="utf-8"))
        write_plan(plan_import(text, calendar="cn-gx", directory=folder, doc_no=_gx_doc_no(e["year"]),
                               title=e["title"], source=e["source"], path=e["file"]))


def _differences(imported, bundled, first: dt.date, last: dt.date, *, names: bool) -> list[str]:
    out = []
    d = first
    while d <= last:
        a, b = imported.day(d), bundled.day(d)
        fixed = ("day_off", "make_up_workday")
        if a.workday != b.workday:
            out.append(f"{d}: {a.kind} vs {b.kind}")
        elif a.kind in fixed and b.kind in fixed and (a.notice != b.notice or (names and a.name != b.name)):
            out.append(f"{d}: {a.name}/{a.notice} vs {b.name}/{b.notice}")
        elif d.weekday() < 5 and (a.kind == "day_off") != (b.kind == "day_off"):
            out.append(f"{d}: {a.kind} vs {b.kind}")
        d += dt.timedelta(days=1)
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("calendars")
    _import_national(folder)
    _import_regional(folder)
    return folder


def test_every_national_notice_gives_the_bundled_days(imported):
    cal = load_calendar("cn", search_path=[imported])
    assert cal.first_day == dt.date(2009, 1, 1) and cal.last_day == dt.date(2026, 12, 31)
    assert _differences(cal, BUNDLED, dt.date(2009, 1, 1), dt.date(2026, 12, 31), names=True) == []


def test_notices_are_recorded_with_their_number_title_and_date(imported):
    cal = load_calendar("cn", search_path=[imported])
    got = {n.doc_no: n for n in cal.notices}
    for e in NATIONAL:
        n = got[e["doc_no"]]
        assert n.title == TITLES[e["doc_no"]]
        assert n.dated == e["dated"], e["file"]
        assert e["source"] in n.sources
    # the 2012 notice fixes 2011-12-31; the 2019 supplement and 2020 extension amend their year
    assert cal.day(dt.date(2011, 12, 31)).notice == "国办发明电〔2011〕45号"
    assert {n.doc_no for n in cal.notices if n.doc_no.endswith(("〔2018〕15号", "〔2019〕3号"))} == \
        {"国办发明电〔2018〕15号", "国办发明电〔2019〕3号"}
    assert cal.day(dt.date(2020, 2, 1)).kind == "day_off"          # the make-up Saturday cancelled


def test_every_guangxi_notice_gives_the_bundled_days(imported):
    cal = load_calendar("cn-gx", search_path=[imported])
    for year in range(2014, 2027):
        if year == 2021:
            continue                      # not in the bundled layer before this import (see below)
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        assert _differences(cal, BUNDLED_GX, first, last, names=False) == [], year


def test_guangxi_2021_from_its_notice(imported):
    cal = load_calendar("cn-gx", search_path=[imported])
    e = next(e for e in REGIONAL if e["year"] == 2021)
    for d in e["days_off"]:
        assert not cal.is_workday(d)
    for d in e["working_days"]:
        assert cal.is_workday(d)
    assert cal.is_workday(dt.date(2021, 4, 13)) and cal.is_workday(dt.date(2021, 4, 19))


_FULL = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}, " ": "\u3000"})
# a weekday note, with the lunar day before it (（农历除夕、周二）) or a name after it (（星期日、农历除夕）, 2009)
_WEEKDAY_NOTE = re.compile(r"[(（](?:农历[^()（）]*?[,，、])?(?:星期|周)[一二三四五六日天](?:[、,，](?:星期|周)[一二三四五六日天])*"
                           r"(?:[、,，][^()（）]{1,12})?[)）]")


@pytest.mark.parametrize("name,transform", [
    ("traditional", to_traditional),
    ("full-width", lambda t: t.translate(_FULL)),
    ("no weekdays", lambda t: _WEEKDAY_NOTE.sub("", t)),
])
def test_variants_of_the_text_give_the_same_days(tmp_path, name, transform):
    _import_national(tmp_path, transform)
    _import_regional(tmp_path, transform)
    cal = load_calendar("cn", search_path=[tmp_path])
    assert _differences(cal, BUNDLED, dt.date(2009, 1, 1), dt.date(2026, 12, 31), names=True) == []
    gx = load_calendar("cn-gx", search_path=[tmp_path])
    for year in (2017, 2018, 2022, 2024, 2026):
        assert _differences(gx, BUNDLED_GX, dt.date(year, 1, 1), dt.date(year, 12, 31), names=False) == []


def test_the_variants_really_differ():
    text = (DATA / "cn/2024.txt").read_text(encoding="utf-8")
    assert "節" in to_traditional(text)
    assert "２０２４" in text.translate(_FULL)
    assert "星期" in text and "星期" not in _WEEKDAY_NOTE.sub("", text).split("通知如下")[1].split("节假日期间")[0]
    old = (DATA / "cn/2009.txt").read_text(encoding="utf-8")      # 1月1日（星期四、新年）, 1月25日（星期日、农历除夕）
    assert old.count("星期") == 42 and "星期" not in _WEEKDAY_NOTE.sub("", old)


def _corrupt(year: int, old: str, new: str) -> tuple[str, int]:
    text = (DATA / f"cn/{year}.txt").read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    return text.replace(old, new, 1), line


@pytest.mark.parametrize("year,old,new,words", [
    (2024, "4月7日(星期日)上班", "4月7日(星期一)上班", "Monday"),                 # wrong weekday
    (2026, "1月1日(周四)", "1月1日(周五)", "Friday"),
    (2024, "5月1日至5日放假调休,共5天", "5月1日至5日放假调休,共6天", "not 6"),      # wrong 共N天
    (2021, "10月1日至7日放假调休,共7天", "10月1日至7日放假调休,共8天", "not 8"),
    (2024, "2月4日(星期日)", "2月5日(星期一)", "Saturday or Sunday"),           # make-up day on a weekday
    (2024, "五、端午节:6月10日放假,与周末连休。", "", "端午节"),                    # a statutory holiday missing
    (2025, "9月28日(周日)", "9月29日(周一)", "Saturday or Sunday"),
    (2009, "1月24日（星期六）、2月1日（星期日）上班", "1月24日（星期五）、2月1日（星期日）上班", "Friday"),   # 2009's wording
    (2009, "10月1日至8日放假，共8天", "10月1日至8日放假，共7天", "not 7"),
    (2009, "5月31日（星期日）上班", "5月29日（星期五）上班", "Saturday or Sunday"),
    (2009, "四、劳动节：5月1日至3日放假，共3天。\n其中，5月1日（星期五、“五一”国际劳动节）为法定节假日，"
           "5月2日（星期六）、5月3日（星期日）照常公休。\n", "", "劳动节"),           # under the 2007 放假办法
])
def test_a_corrupted_notice_is_refused_at_its_line_and_nothing_is_written(imported, tmp_path, year, old, new, words):
    shutil.copytree(imported, tmp_path, dirs_exist_ok=True)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    text, line = _corrupt(year, old, new)
    e = next(e for e in NATIONAL if e["file"] == f"cn/{year}.txt")
    with pytest.raises(NoticeError) as info:
        plan_import(text, directory=tmp_path, doc_no=None if e["doc_no_in_text"] else e["doc_no"],
                    title=TITLES[e["doc_no"]], path="notice.txt", force=True)
    assert words in info.value.message
    if new:                                   # a removed holiday is reported at the last item
        assert info.value.line == line
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


def _cli(*args) -> tuple[int, str, str]:
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_command_imports_reports_and_is_idempotent(tmp_path):
    notice = DATA / "cn/2024.txt"
    code, out, err = _cli("calendar", "import", str(notice), "--dir", str(tmp_path), "--json")
    assert code == 0, err
    s = json.loads(out)
    assert s["notice"]["doc_no"] == "国办发明电〔2023〕7号" and s["year"] == 2024
    assert len(s["weekdays_off"]) == 19          # counted by hand: 1 + 5 + 2 + 3 + 1 + 2 + 5
    assert s["make_up_days"] == ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                                 "2024-09-14", "2024-09-29", "2024-10-12"]
    # the year beside the three before it (from the bundled calendar, which the folder lacks)
    assert s["working_days"] == {"2021": 250, "2022": 249, "2023": 249, "2024": 251}   # 2022: 260 - 18 + 7
    assert all(BUNDLED.count(dt.date(y - 1, 12, 31), dt.date(y, 12, 31)) == n
               for y, n in ((2021, 250), (2022, 249), (2023, 249)))
    code, out, _ = _cli("calendar", "import", str(notice), "--dir", str(tmp_path), "--json")
    assert code == 0 and json.loads(out)["unchanged"] is True


def test_a_reprint_without_number_needs_doc_no(tmp_path):
    code, out, err = _cli("calendar", "import", str(DATA / "cn/2026.txt"), "--dir", str(tmp_path), "--json")
    assert code == 2 and "--doc-no" in err and json.loads(out)["error"]["kind"] == "notice"
    assert not (tmp_path / "cn" / "2026.yaml").exists()
    code, _, err = _cli("calendar", "import", str(DATA / "cn/2026.txt"), "--dir", str(tmp_path),
                        "--doc-no", "国办发明电〔2025〕7号")
    assert code == 0, err
    code, _, err = _cli("calendar", "import", str(DATA / "cn/2024.txt"), "--dir", str(tmp_path),
                        "--doc-no", "国办发明电〔2099〕1号")
    assert code == 2 and "国办发明电〔2023〕7号" in err


def test_a_different_notice_for_the_same_days_is_a_conflict_unless_forced(tmp_path):
    _cli("calendar", "import", str(DATA / "cn/2024.txt"), "--dir", str(tmp_path))
    text, _ = _corrupt(2024, "4月28日(星期日)、5月11日(星期六)上班", "4月28日(星期日)上班")
    (tmp_path / "changed.txt").write_text(text.replace("〔2023〕7号", "〔2023〕8号"), encoding="utf-8")
    before = (tmp_path / "cn" / "2024.yaml").read_bytes()
    code, _, err = _cli("calendar", "import", str(tmp_path / "changed.txt"), "--dir", str(tmp_path))
    assert code == 2 and "--force" in err and "2024-" in err
    assert (tmp_path / "cn" / "2024.yaml").read_bytes() == before
    code, _, err = _cli("calendar", "import", str(tmp_path / "changed.txt"), "--dir", str(tmp_path), "--force")
    assert code == 0, err


def test_a_supplement_before_its_year_is_refused(tmp_path):
    code, _, err = _cli("calendar", "import", str(DATA / "cn/2019-supplement.txt"), "--dir", str(tmp_path))
    assert code == 2 and "2019" in err and not (tmp_path / "cn" / "2019.yaml").exists()


def test_days_in_the_year_before_go_into_a_partial_file(tmp_path):
    e = next(e for e in NATIONAL if e["file"] == "cn/2012.txt")
    write_plan(plan_import((DATA / e["file"]).read_text(encoding="utf-8"), directory=tmp_path))
    text = (tmp_path / "cn" / "2011.yaml").read_text(encoding="utf-8")
    assert "partial: true" in text and "2011-12-31" in text
    cal = load_calendar("cn", search_path=[tmp_path])
    assert cal.first_day == dt.date(2012, 1, 1)            # 2011 is not covered by one day


def test_unreadable_input_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("国务院办公厅关于2027年部分节假日安排的通知".encode("gbk"))
    code, _, err = _cli("calendar", "import", str(bad), "--dir", str(tmp_path))
    assert code == 2 and "UTF-8" in err
    code, _, err = _cli("calendar", "import", str(tmp_path), "--dir", str(tmp_path))
    assert code == 2 and "directory" in err
    (tmp_path / "empty.txt").write_text("首页 > 新闻\n今天天气很好。\n", encoding="utf-8")
    code, _, err = _cli("calendar", "import", str(tmp_path / "empty.txt"), "--dir", str(tmp_path))
    assert code == 2 and "title" in err


def test_reader_keeps_the_line_of_each_statement():
    n = read_notice((DATA / "cn/2026.txt").read_text(encoding="utf-8"))
    text = (DATA / "cn/2026.txt").read_text(encoding="utf-8").splitlines()
    for item in n.items:
        for s in item.statements:
            assert str(s.date.month) + "月" in text[s.line - 1] or "至" in text[s.line - 1]
    assert [i.festival for i in n.items] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]


def test_bundled_guangxi_2021_was_imported_with_the_command():
    assert BUNDLED_GX.covers(dt.date(2021, 4, 14))
    assert not BUNDLED_GX.is_workday(dt.date(2021, 4, 16)) and BUNDLED_GX.is_workday(dt.date(2021, 4, 18))


def test_import_leaves_the_bundled_files_alone(tmp_path):
    shutil.copytree(bundled_calendars_dir() / "cn", tmp_path / "cn")
    before = (tmp_path / "cn" / "2024.yaml").read_bytes()
    code, out, err = _cli("calendar", "import", str(DATA / "cn/2024.txt"), "--dir", str(tmp_path), "--json")
    assert code == 0, err
    assert json.loads(out)["unchanged"] is True
    assert (tmp_path / "cn" / "2024.yaml").read_bytes() == before
