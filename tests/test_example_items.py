"""Each example is its own test (issue 10, item 7): the collector names every
example by file and case id, and `check` prints one line per example."""

import shutil
import subprocess
import sys

from conftest import ROOT
from disclosure_rules.cli import main


def test_collector_names_each_example_by_file_and_id():
    p = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/rule_examples.yaml"],
                       capture_output=True, text=True, cwd=ROOT)
    names = [line for line in p.stdout.splitlines() if "::" in line]
    assert "tests/rule_examples.yaml::ogi-2019/examples.yaml::ex-2019-4" in names
    assert "tests/rule_examples.yaml::local/gansu-jinchang/examples.yaml::ex-jc-1" in names
    expected = sum((ROOT / "rules").joinpath(p).read_text(encoding="utf-8").count("\n    case:\n")
                   for p in ("ogi-2019/examples.yaml", "ogi-2008/examples.yaml", "local/gansu-jinchang/examples.yaml"))
    assert len(names) == len(set(names)) == expected


def test_a_failing_example_is_its_own_failure(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    f = tmp_path / "rules" / "ogi-2019" / "examples.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("due: 2019-06-13", "due: 2019-06-14"), encoding="utf-8")
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "tests" / "rule_examples.yaml").write_text("rules: [../rules]\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/rule_examples.yaml"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 1, p.stdout
    assert "1 failed, 14 passed" in p.stdout or "1 failed" in p.stdout
    assert "FAILED tests/rule_examples.yaml::ogi-2019/examples.yaml::ex-2019-2" in p.stdout
    assert "due: expected 2019-06-14, got 2019-06-13" in p.stdout


def test_check_prints_one_line_per_example(tmp_path, capsys):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    f = tmp_path / "rules" / "ogi-2019" / "examples.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("due: 2019-06-13", "due: 2019-06-14"), encoding="utf-8")
    assert main(["check", "--rules", str(tmp_path / "rules")]) == 1
    lines = capsys.readouterr().out.splitlines()
    verdicts = [line for line in lines if ": example passed " in line or ": example failed " in line]
    assert len(verdicts) == len(lines) - 1
    failed = [line for line in verdicts if "example failed" in line]
    assert len(failed) == 1 and "ex-2019-2" in failed[0] and "examples.yaml:" in failed[0]
    assert "expected 2019-06-14, got 2019-06-13" in failed[0]
