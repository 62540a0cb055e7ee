"""Every shipped rule file loads and its examples pass; a mistake in a rule
file is reported with the file, the line and a plain bilingual message."""

import shutil

import pytest

from disclosure_rules.cli import main
from disclosure_rules.errors import RuleFileError
from disclosure_rules.examples import run_examples
from disclosure_rules.rulebook import bundled_rules_dir, load_rules


def test_every_rule_set_loads_with_bases():
    book = load_rules()
    assert {"ogi-2008", "ogi-2019", "fees-2020", "gansu-jinchang"} <= set(book.rulesets)
    for rs in book.rulesets.values():
        assert rs.basis
        for p in rs.periods.values():
            assert p.basis and p.basis[0].instrument
        for e in rs.events.values():
            assert e.basis
        for v in rs.violations.values():
            assert v.basis


def test_every_example_passes():
    outcomes = run_examples(load_rules())
    assert len(outcomes) >= 10
    assert [o for o in outcomes if not o.passed] == []


def test_check_command(capsys):
    assert main(["check"]) == 0
    assert "examples passed" in capsys.readouterr().out


@pytest.fixture
def rules(tmp_path):
    shutil.copytree(bundled_rules_dir(), tmp_path / "rules")
    return tmp_path / "rules"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


def line_of(text, needle):
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


def test_missing_basis(rules):
    p = rules / "ogi-2019" / "periods.yaml"
    text = edit(p, """    workdays: 7
    basis:
      instrument: 政府信息公开条例（2019）
      article: "30"
      text: 自收到申请之日起7个工作日内一次性告知申请人作出补正
""", "    workdays: 7\n")
    with pytest.raises(RuleFileError) as e:
        load_rules(rules)
    assert e.value.path.endswith("periods.yaml")
    assert "basis" in e.value.message and "依据" in e.value.message_zh
    assert e.value.line == line_of(text, "correction_notice:")


def test_misspelt_key_has_line(rules):
    p = rules / "ogi-2019" / "periods.yaml"
    text = edit(p, "    workdays: 20\n", "    workday: 20\n")
    with pytest.raises(RuleFileError) as e:
        load_rules(rules)
    assert e.value.line == line_of(text, "workday: 20")
    assert "did you mean 'workdays'" in e.value.message and "workdays" in e.value.message_zh


def test_unknown_fact_in_condition(rules):
    p = rules / "ogi-2019" / "violations.yaml"
    text = edit(p, "name: workdays_since_receipt, operator: greater_than",
                "name: workdays_since_reciept, operator: greater_than")
    with pytest.raises(RuleFileError, match="unknown fact 'workdays_since_reciept'") as e:
        load_rules(rules)
    assert e.value.line == line_of(text, "workdays_since_reciept")
    assert "未知的事实" in e.value.message_zh


def test_wrong_operator_for_a_number(rules):
    p = rules / "ogi-2019" / "violations.yaml"
    text = edit(p, "name: prior_correction_notices, operator: greater_than",
                "name: prior_correction_notices, operator: is_true")
    with pytest.raises(RuleFileError, match="operator 'is_true'") as e:
        load_rules(rules)
    assert e.value.line == line_of(text, "operator: is_true")


def test_unknown_period_reference(rules):
    edit(rules / "ogi-2019" / "events.yaml", "cap: extension_cap", "cap: extension_limit")
    with pytest.raises(RuleFileError, match="extension_limit"):
        load_rules(rules)


def test_overlapping_versions(rules):
    edit(rules / "ogi-2008" / "ruleset.yaml", "effective_to: 2019-05-14", "effective_to: 2019-05-20")
    with pytest.raises(RuleFileError, match="overlap"):
        load_rules(rules)


def test_local_file_that_overrides_nothing(rules):
    edit(rules / "local" / "gansu-jinchang" / "ruleset.yaml", "  correction_period:\n", "  correction_days:\n")
    with pytest.raises(RuleFileError, match="overrides nothing"):
        load_rules(rules)


def test_parameter_value_outside_its_choices(rules):
    text = edit(rules / "ogi-2019" / "periods.yaml", "    value: as_received\n", "    value: whenever\n")
    with pytest.raises(RuleFileError, match="must be one of") as e:
        load_rules(rules)
    assert e.value.line == line_of(text, "value: whenever")


def test_yaml_tags_are_refused(rules):
    p = rules / "ogi-2019" / "periods.yaml"
    p.write_text("periods: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as e:
        load_rules(rules)
    assert e.value.line == 1


def test_check_reports_a_failing_example(rules, capsys):
    edit(rules / "ogi-2019" / "examples.yaml", "due: 2026-03-16", "due: 2026-03-17")
    assert main(["check", "--rules", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "examples.yaml:" in out and "expected 2026-03-17, got 2026-03-16" in out


def test_check_reports_a_malformed_file(rules, capsys):
    edit(rules / "ogi-2019" / "events.yaml", "effect: extend", "effect: stretch")
    assert main(["check", "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "events.yaml:" in err
