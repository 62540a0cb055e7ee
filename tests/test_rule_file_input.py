"""What a person types into a rule, calendar or case file never crashes the
library (issue 11): impossible dates, wrong types and ranges, typos of
references, full-width colons and unreadable files are errors with file and
line in English and Chinese, exit 2 on the command line."""

import contextlib
import io
import json
import shutil

import pytest

from conftest import ROOT
from disclosure_rules.cli import main
from disclosure_rules.errors import CaseError, RuleFileError
from disclosure_rules.rulefiles.yamldoc import parse_yaml, read_text


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture()
def rules(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path / "rules"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_rules_error(rc, out, err, where, *words):
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert where in err, err
    for w in words:
        assert w in err, err


# ----------------------------------------------------------------------------- impossible dates

@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01"])
@pytest.mark.parametrize("command", [["timeline"], ["remedies"], ["report", "--year", "2026"]])
def test_impossible_date_in_a_case_file(tmp_path, bad, command):
    case = tmp_path / "case.yaml"
    case.write_text(f"id: x\nreceipt:\n  channel: in_person\n  date: {bad}\n", encoding="utf-8")
    rc, out, err = run(*command[:1], str(case), *command[1:], "--as-of", "2026-03-10", "--json") \
        if command[0] != "report" else run("report", str(case), *command[1:], "--json")
    assert rc == 2 and "Traceback" not in err
    e = json.loads(out)["error"]
    assert e["kind"] == "case" and "case.yaml:4" in e["message"] and bad in e["message"]


def test_impossible_date_is_a_case_error_in_the_api(tmp_path):
    from disclosure_rules import load_cases
    case = tmp_path / "case.yaml"
    case.write_text("id: x\nreceipt: {channel: in_person, date: 2026-02-30}\n", encoding="utf-8")
    with pytest.raises(CaseError, match=r"case.yaml:2.*2026-02-30"):
        load_cases(case)


def test_impossible_date_in_a_facts_file(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("exists: true\ndecided: 2026-02-30\n", encoding="utf-8")
    rc, out, err = run("classify", str(facts))
    assert rc == 2 and "facts.yaml:2" in err and "2026-02-30" in err


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01"])
def test_impossible_date_in_a_rule_file(rules, bad):
    edit(rules / "ogi-2019" / "examples.yaml", "as_of: 2026-10-20", f"as_of: {bad}")
    rc, out, err = run("check", "--rules", str(rules))
    assert_rules_error(rc, out, err, "examples.yaml:9", bad)


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01"])
def test_impossible_date_in_a_calendar_file(tmp_path, bad):
    shutil.copytree(ROOT / "calendars", tmp_path / "calendars")
    edit(tmp_path / "calendars" / "cn" / "2026.yaml", "{date: 2026-04-06,", f"{{date: {bad},")
    rc, out, err = run("check", "--calendars", str(tmp_path / "calendars"))
    assert_rules_error(rc, out, err, "2026.yaml:14", bad)


def test_the_yaml_loader_names_the_impossible_value():
    with pytest.raises(RuleFileError) as e:
        parse_yaml("a:\n  - 1\n  - 2026-02-29\n", "f.yaml")
    assert (e.value.path, e.value.line, e.value.column) == ("f.yaml", 3, 5)
    assert "2026-02-29" in e.value.message and "日期" in e.value.message_zh


# ----------------------------------------------------------------------------- types and ranges

@pytest.mark.parametrize("value", ['"15"', '"15个工作日"', "15.5", "-5", "0", "true"])
def test_parameter_type_and_range(rules, value):
    edit(rules / "ogi-2019" / "periods.yaml", "value: null", f"value: {value}")      # correction_period
    rc, out, err = run("check", "--rules", str(rules))
    assert_rules_error(rc, out, err, "periods.yaml:", "correction_period")


@pytest.mark.parametrize("value", ["-5", "0", "true", '"20"', "20.5"])
def test_period_must_be_a_whole_number_of_days(rules, value):
    edit(rules / "ogi-2019" / "periods.yaml", "    workdays: 20\n", f"    workdays: {value}\n")
    rc, out, err = run("check", "--rules", str(rules), "--lang", "zh")
    assert_rules_error(rc, out, err, "periods.yaml:", "workdays")
    assert "minimum" not in err and "integer" not in err         # the Chinese message is Chinese


# ----------------------------------------------------------------------------- typos

def test_answers_value_typo(rules):
    edit(rules / "ogi-2019" / "events.yaml", "answers: correction_requested", "answers: correction_requestd")
    rc, out, err = run("check", "--rules", str(rules))
    line = next(i for i, t in enumerate((rules / "ogi-2019" / "events.yaml").read_text(encoding="utf-8")
                                        .splitlines(), 1) if "correction_requestd" in t)
    assert_rules_error(rc, out, err, f"events.yaml:{line}", "did you mean 'correction_requested'")


def test_period_value_typo(rules):
    edit(rules / "ogi-2019" / "events.yaml", "period: reply", "period: replyy")
    rc, out, err = run("check", "--rules", str(rules))
    line = next(i for i, t in enumerate((rules / "ogi-2019" / "events.yaml").read_text(encoding="utf-8")
                                        .splitlines(), 1) if "replyy" in t)
    assert_rules_error(rc, out, err, f"events.yaml:{line}", "did you mean 'reply'")


@pytest.mark.parametrize("key,typo", [("answers", "answrs"), ("period", "perid")])
def test_key_typo(rules, key, typo):
    edit(rules / "ogi-2019" / "events.yaml", f"    {key}: ", f"    {typo}: ")
    rc, out, err = run("check", "--rules", str(rules))
    assert_rules_error(rc, out, err, "events.yaml:", f"unknown key '{typo}'", f"did you mean '{key}'")


def test_full_width_colon(rules):
    edit(rules / "ogi-2019" / "periods.yaml", "    workdays: 20\n", "    workdays： 20\n")
    line = next(i for i, t in enumerate((rules / "ogi-2019" / "periods.yaml").read_text(encoding="utf-8")
                                        .splitlines(), 1) if "workdays：" in t)
    rc, out, err = run("check", "--rules", str(rules))
    assert_rules_error(rc, out, err, f"periods.yaml:{line}:", "full-width colon", "':'")
    rc, out, err = run("check", "--rules", str(rules), "--lang", "zh")
    assert "全角冒号" in err and "半角冒号" in err


def test_full_width_colon_in_a_case(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("id： x\nreceipt: {channel: in_person, date: 2026-03-02}\n", encoding="utf-8")
    rc, out, err = run("timeline", str(case), "--as-of", "2026-03-10")
    assert rc == 2 and "case.yaml:1" in err and "full-width colon" in err


def test_text_with_a_full_width_colon_is_fine():
    assert parse_yaml("text: 依据：第三十三条\nnote: 'a：b'\n") == {"text": "依据：第三十三条", "note": "a：b"}


# ----------------------------------------------------------------------------- unreadable files

def test_rule_file_not_utf8(rules):
    (rules / "ogi-2019" / "periods.yaml").write_bytes("periods: {}\n".encode("gbk") + "# 期限\n".encode("gbk"))
    rc, out, err = run("check", "--rules", str(rules), "--json", "--lang", "zh")
    e = json.loads(out)["error"]
    assert rc == 2 and e["path"].endswith("periods.yaml") and "UTF-8" in e["message"] and "编码" in e["message"]
    assert "UTF-8 text" in e["message_en"] and "codec" not in e["message_en"]


def test_rule_file_that_is_a_directory(rules):
    (rules / "ogi-2019" / "violations.yaml").unlink()
    (rules / "ogi-2019" / "violations.yaml").mkdir()
    rc, out, err = run("check", "--rules", str(rules))
    assert_rules_error(rc, out, err, "violations.yaml", "is a directory")


@pytest.mark.parametrize("make,words", [(lambda p: p.write_bytes(b"id: \xff\xfe\n"), ("not UTF-8 text", "UTF-8编码")),
                                         (lambda p: p.mkdir(), ("is a directory", "文件夹"))])
def test_unreadable_case_file(tmp_path, make, words):
    case = tmp_path / "case.yaml"
    make(case)
    for lang, word in zip(("en", "zh"), words):
        rc, out, err = run("timeline", str(case), "--lang", lang)
        assert rc == 2 and word in err and "Errno" not in err and "codec" not in err, err


def test_read_text_says_why():
    with pytest.raises(RuleFileError, match="no such file"):
        read_text(ROOT / "no-such-file.yaml")


def test_full_width_colon_names_its_column():
    # found by the type check after the message catalogue: the column went in as the Chinese message and was lost
    from disclosure_rules.errors import RuleFileError
    from disclosure_rules.rulefiles.yamldoc import parse_yaml

    with pytest.raises(RuleFileError) as info:
        parse_yaml("title: x\nkey： 1\n", "f.yaml")
    assert (info.value.line, info.value.column) == (2, 4)
    assert info.value.message.startswith("f.yaml:2:4: ") and info.value.message_zh.startswith("f.yaml:2:4：")
