"""The `disclosure-rules workdays` command: outputs and exit codes are contracts."""

import json
import shutil
import subprocess
import sys

import pytest

from disclosure_rules.cli import main


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_add_prints_the_date(capsys):
    assert run(capsys, "workdays", "add", "2026-09-30", "20") == (0, "2026-11-03\n", "")


def test_count_prints_the_number(capsys):
    assert run(capsys, "workdays", "count", "2026-09-30", "2026-11-03") == (0, "20\n", "")


def test_is_says_why(capsys):
    rc, out, _ = run(capsys, "workdays", "is", "2026-02-14")
    assert rc == 0 and "is a working day" in out and "春节" in out and "国办发明电〔2025〕7号" in out
    rc, out, _ = run(capsys, "workdays", "is", "2026-10-01", "--lang", "zh")
    assert rc == 0 and "不是工作日" in out and "国庆节" in out


def test_explain_lists_skipped_days(capsys):
    rc, out, _ = run(capsys, "workdays", "add", "2026-02-12", "3", "--explain")
    lines = out.splitlines()
    assert rc == 0 and lines[0] == "2026-02-24"
    assert any(l.strip().startswith("- 2026-02-16") and "春节" in l for l in lines)
    assert any(l.strip().startswith("+ 2026-02-14") for l in lines)


def test_json_output(capsys):
    rc, out, _ = run(capsys, "workdays", "add", "2026-09-30", "20", "--json", "--explain")
    data = json.loads(out)
    assert rc == 0 and data["result"] == "2026-11-03" and data["provisional"] is False
    assert data["explanation"]["make_up_days"][0]["date"] == "2026-10-10"


@pytest.mark.parametrize("argv", [
    ["workdays", "add", "2026-02-30", "3"],       # no such date
    ["workdays", "add", "30/09/2026", "3"],       # not ISO
    ["workdays", "add", "2026-09-30", "0"],       # n < 1
    ["workdays", "add", "2026-09-30", "x"],
    ["workdays", "add", "2026-09-30", "3", "--calendar", "mars"],
    ["workdays", "frobnicate"],
    ["workdays"],
])
def test_bad_input_exits_2_with_one_line(capsys, argv):
    rc, out, err = run(capsys, *argv)
    assert rc == 2
    assert err.count("\n") == 1 and err.startswith("disclosure-rules: ") and "Traceback" not in err


def test_outside_coverage_exits_3_and_names_the_year(capsys):
    rc, out, err = run(capsys, "workdays", "add", "2026-12-20", "20")
    assert rc == 3 and "2027" in err and err.count("\n") == 1
    rc, out, err = run(capsys, "workdays", "is", "2027-01-04", "--json")
    assert rc == 3 and json.loads(out)["error"]["kind"] == "calendar_coverage"


def test_estimate_is_flagged(capsys):
    rc, out, err = run(capsys, "workdays", "add", "2026-12-20", "20", "--estimate-until", "2027")
    assert rc == 0 and "provisional" in err
    rc, out, err = run(capsys, "workdays", "add", "2026-12-20", "20", "--estimate-until", "2027", "--json")
    assert json.loads(out)["provisional"] is True


@pytest.mark.skipif(shutil.which("disclosure-rules") is None and not (
    __import__("pathlib").Path(sys.executable).parent / "disclosure-rules").exists(),
    reason="console script not installed")
def test_console_script(tmp_path):
    exe = shutil.which("disclosure-rules") or str(__import__("pathlib").Path(sys.executable).parent / "disclosure-rules")
    p = subprocess.run([exe, "workdays", "add", "2026-09-30", "20"], capture_output=True, text=True, cwd=tmp_path)
    assert (p.returncode, p.stdout) == (0, "2026-11-03\n")
    p = subprocess.run([exe, "workdays", "add", "nonsense", "20"], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
