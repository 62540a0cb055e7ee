"""Issue 11: the crashes the mutation test found in the loaders of the newer kinds, each as its
reproducer: every one is now a documented error naming the damaged key or value, with file and
line where there is a file."""

import datetime as dt
import shutil

import pytest

from conftest import ROOT
import disclosure_rules.api  # noqa: F401
from disclosure_rules import labels
from disclosure_rules.errors import CaseError, InputError, RuleFileError
from disclosure_rules.regimes import evaluate
from disclosure_rules.regimes.assessment import load_assessment_file
from disclosure_rules.regimes.files import load_regime_folder


def _copy(tmp_path, *folders):
    for f in folders:
        shutil.copytree(ROOT / "rules" / f, tmp_path / "rules" / f)
    return tmp_path / "rules"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_a_number_field_that_is_not_a_whole_number_is_a_case_error():
    # was a TypeError (list indices must be integers) deep in the calendar
    order = {"id": "P-5", "regime": "proactive", "formed": dt.date(2026, 11, 2), "law_period_workdays": 15.5,
             "published": dt.date(2026, 11, 10)}
    with pytest.raises(CaseError, match="law_period_workdays.*15.5.*whole number"):
        evaluate(order, dt.date(2026, 12, 31))


def test_a_period_counted_back_before_year_one_is_an_input_error():
    # was an OverflowError: a hearing on 0001-01-01, the request due 3 days before it
    order = {"id": "C-1", "regime": "court-appearance-jinchang", "hearing": dt.date(1, 1, 1),
             "events": [{"type": "change_requested", "at": dt.date(1, 1, 1)}]}
    with pytest.raises(InputError, match="0001-01-01"):
        evaluate(order, dt.date(2026, 12, 31))


def test_a_parameter_of_the_wrong_kind_for_its_condition_is_refused_at_load(tmp_path):
    # was an AssertionError from business-rules while evaluating ("2" is not a valid numeric type)
    root = _copy(tmp_path, "hotline-jinchang")
    _edit(root / "hotline-jinchang" / "regime.yaml", "  max_extensions:\n    value: 2", '  max_extensions:\n    value: "2"')
    with pytest.raises(RuleFileError) as e:
        load_regime_folder(root / "hotline-jinchang")
    assert e.value.path.endswith("stages.yaml") and e.value.line and "max_extensions" in e.value.message


def test_a_parameter_override_of_another_kind_is_an_input_error():
    order = {"id": "H-1", "regime": "hotline-jinchang", "unit": "u", "created": dt.datetime(2026, 3, 2, 9, 0),
             "urgency": "ordinary", "kind": "consultation", "events": []}
    with pytest.raises(InputError, match="max_extensions"):
        evaluate(order, dt.datetime(2026, 3, 10, 9, 0), params={"max_extensions": "2"})


def test_an_unknown_approval_event_is_named(tmp_path):
    root = _copy(tmp_path, "hotline-jinchang")
    line = _edit(root / "hotline-jinchang" / "stages.yaml", "approval: {event: extension_approved",
                 "approval: {event: extension_aproved")
    with pytest.raises(RuleFileError) as e:
        load_regime_folder(root / "hotline-jinchang")
    assert e.value.line == line and "did you mean 'extension_approved'" in e.value.message


def test_month_of_must_name_an_event_of_the_regime(tmp_path):
    root = _copy(tmp_path, "hotline-jinchang", "hotline-knowledge-jinchang", "hotline-assessment-jinchang")
    p = root / "hotline-assessment-jinchang" / "assessment.yaml"
    line = _edit(p, "month_of: {event: archived}", "month_of: {event: archivd}")
    with pytest.raises(RuleFileError) as e:
        load_assessment_file(p, root)
    assert e.value.line == line and "did you mean 'archived'" in e.value.message


@pytest.mark.parametrize("old, new, words", [
    ("  points_formula:\n", "  points_formla:\n", "did you mean 'points_formula'"),   # was silently the default
    ("  empty_indicator:\n", "  empty_indicator_:\n", "did you mean 'empty_indicator'"),
])
def test_the_parameters_the_scoring_reads_are_named_exactly(tmp_path, old, new, words):
    root = _copy(tmp_path, "hotline-jinchang", "hotline-knowledge-jinchang", "hotline-assessment-jinchang")
    p = root / "hotline-assessment-jinchang" / "assessment.yaml"
    _edit(p, old, new)
    with pytest.raises(RuleFileError, match=words):
        load_assessment_file(p, root)


def test_a_dropped_scoring_parameter_is_an_error_not_a_default(tmp_path):
    root = _copy(tmp_path, "proactive")
    p = root / "proactive" / "assessment.yaml"
    text = p.read_text(encoding="utf-8")
    start = text.index("  points_formula:\n")
    end = text.index("  empty_indicator:\n")
    p.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RuleFileError, match="points_formula"):
        load_assessment_file(p, root)


@pytest.mark.parametrize("old, new, words", [
    ("  overdue: {", "  overdu: {", "did you mean 'overdue'"),       # a renamed status was shown as its id
    ("  withdrawn: {zh: 申请人已撤回, en: withdrawn}\n", "", "withdrawn"),
])
def test_labels_name_exactly_the_statuses_the_clock_computes(tmp_path, old, new, words):
    p = tmp_path / "statuses.yaml"
    shutil.copy(ROOT / "rules" / "labels" / "statuses.yaml", p)
    _edit(p, old, new)
    with pytest.raises(RuleFileError, match=words):
        labels.load_labels(p)


def test_a_statutory_day_in_a_month_past_any_integer_is_named(tmp_path):
    # was an OverflowError (Python int too large to convert to C long) from datetime.date
    from disclosure_rules.calendar.statutory import load_texts
    p = tmp_path / "statutory.yaml"
    shutil.copy(ROOT / "calendars" / "statutory.yaml", p)
    line = _edit(p, "days: [{solar: {month: 1, day: 1}}]", "days: [{solar: {month: 99999999999999999999, day: 1}}]")
    with pytest.raises(RuleFileError) as e:
        load_texts(str(p))
    assert e.value.line == line and "99999999999999999999" in e.value.message


@pytest.mark.parametrize("old, new, words", [
    ("in_force: {from: 2008-01-01, to: 2013-12-31}", "in_force: {from: 2008-01-01, to: 9999-12-31}",
     "9999-12-31"),                                   # was an OverflowError (date value out of range)
    ("in_force: {from: 2014-01-01, to: 2024-12-31}", "in_force: {from: 0001-01-01, to: 2024-12-31}",
     "0001-01-01"),                                   # was reported at 'texts:' without the date
])
def test_texts_that_do_not_follow_each_other_name_their_dates(tmp_path, old, new, words):
    from disclosure_rules.calendar.statutory import load_texts
    p = tmp_path / "statutory.yaml"
    shutil.copy(ROOT / "calendars" / "statutory.yaml", p)
    _edit(p, old, new)
    with pytest.raises(RuleFileError) as e:
        load_texts(str(p))
    assert words in e.value.message and e.value.line > 17
