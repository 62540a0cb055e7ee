"""Every outcome: the facts that lead to it, its basis, what the answer must
state, and its report row (国办公开办函〔2021〕30号 section three)."""

import shutil

import pytest
from hypothesis import given, strategies as st

from disclosure_rules.errors import InputError, RuleFileError
from disclosure_rules.api import check_answer, classify, load_outcome_file, load_outcomes
from disclosure_rules.outcomes import FactsConflictError
from disclosure_rules.rulebook import bundled_rules_dir

CASES_2019 = [
    # facts, outcome, reason, article cited, item, required element ids, report row
    ({"petition": True}, "39-1", None, "39", None, {"not_processed_as_ogi", "proper_channel"}, "3.5.1"),
    ({"publication": True}, "39-2", None, "39", None, {"how_to_obtain"}, "3.5.3"),
    ({"repeat_request": True}, "36-6", None, "36", 6, {"not_processed_again"}, "3.5.2"),
    ({"excessive_unreasonable": True}, "35-refused", None, "35", None, {"not_processed", "reasons"}, "3.5.4"),
    ({"confirm_or_reissue": True}, "confirm-or-reissue", None, None, None, {"not_processed"}, "3.5.5"),
    ({"unclear_after_correction": True}, "30-unclear", None, "30", None, {"still_unclear"}, "3.4.3"),
    ({"already_public": True}, "36-1", None, "36", 1, {"how_to_obtain"}, "3.1"),
    ({"special_registration_law": True}, "36-7", None, "36", 7, {"follow_special_law"}, "3.3.8"),
    ({"exists": False}, "36-4", None, "36", 4, {"does_not_exist"}, "3.4.1"),
    ({"held_by_agency": False}, "36-5", None, "36", 5, {"not_responsible"}, "3.4.1"),
    ({"held_by_agency": False, "responsible_agency_known": True}, "36-5", None, "36", 5,
     {"not_responsible", "responsible_agency"}, "3.4.1"),
    ({"needs_processing": True}, "38", None, "38", None, {"not_provided", "reasons"}, "3.4.2"),
    ({"exemption": "process_info", "separable": True}, "37", "process_info", "37", None, {"provide_part", "reasons"},
     "3.2"),
    ({}, "36-2", None, "36", 2, {"provide_or_how"}, "3.1"),
] + [
    ({"exemption": reason}, "36-3", reason, "36", 3, {"not_disclosed", "reasons"}, f"3.3.{i}")
    for i, reason in enumerate(["state_secret", "other_law", "security_stability", "third_party", "internal_affairs",
                                "process_info", "enforcement_file", "administrative_query"], 1)
]


@pytest.mark.parametrize("facts, code, reason, article, item, elements, row", CASES_2019,
                         ids=[f"{c[1]}-{c[2] or ''}{i}" for i, c in enumerate(CASES_2019)])
def test_every_2019_outcome(facts, code, reason, article, item, elements, row):
    c = classify(facts)
    assert (c.outcome, c.reason, c.report_row, c.rule_fired) == (code, reason, row, code)
    assert {e.id for e in c.must_state} == elements
    if article:
        assert c.basis[0].article == article and c.basis[0].item == item
    assert c.basis[0].instrument
    assert {e.id for e in c.remedies_to_state} == {"review_right", "litigation_right"}


CASES_2008 = [
    ({"unclear": True}, "2008-21-4", "3.4.3"),
    ({"exists": False}, "2008-21-3", "3.4.1"),
    ({"held_by_agency": False}, "2008-21-3", "3.4.1"),
    ({"exemption": "third_party", "separable": True}, "2008-22", "3.2"),
    ({"exemption": "state_secret"}, "2008-21-2", "3.3.1"),
    ({}, "2008-21-1", "3.1"),
]


@pytest.mark.parametrize("facts, code, row", CASES_2008)
def test_every_2008_outcome(facts, code, row):
    c = classify(facts, "ogi-2008")
    assert (c.outcome, c.report_row, c.version) == (code, row, "ogi-2008")
    assert c.basis[0].instrument == "政府信息公开条例（2008）"


def test_closures_have_report_rows():
    cat = load_outcomes()
    assert cat.report_row("30-abandoned") == "3.6.1"
    assert cat.report_row("fee-abandoned") == "3.6.2"
    assert cat.report_row("withdrawn") == "3.6.3"


@pytest.mark.parametrize("facts, words", [
    ({"already_public": True, "exists": False}, "already public and non-existent"),
    ({"already_public": True, "held_by_agency": False}, "already public here"),
    ({"exists": False, "held_by_agency": False}, "no agency is responsible"),
    ({"held_by_agency": True, "responsible_agency_known": True}, "another responsible agency"),
    ({"separable": True}, "nothing to separate"),
    ({"exists": False, "exemption": "state_secret"}, "cannot be withheld"),
])
def test_conflicting_facts_are_an_error(facts, words):
    with pytest.raises(FactsConflictError, match=words) as e:
        classify(facts)
    assert "矛盾" in e.value.message_zh


@pytest.mark.parametrize("facts", [{"found": True}, {"exists": "yes"}, {"exemption": "secret-ish"}, ["exists"]])
def test_bad_facts(facts):
    with pytest.raises(InputError):
        classify(facts)


CONSISTENT = st.fixed_dictionaries({}, optional={
    "petition": st.booleans(), "publication": st.booleans(), "repeat_request": st.booleans(),
    "excessive_unreasonable": st.booleans(), "confirm_or_reissue": st.booleans(),
    "unclear_after_correction": st.booleans(), "already_public": st.booleans(),
    "special_registration_law": st.booleans(), "exists": st.booleans(), "held_by_agency": st.booleans(),
    "responsible_agency_known": st.booleans(), "needs_processing": st.booleans(),
    "exemption": st.sampled_from(load_outcomes().facts["exemption"][2]), "separable": st.booleans()})


@given(CONSISTENT)
def test_classify_is_total_on_consistent_facts(facts):
    try:
        c = classify(facts)
    except FactsConflictError:
        return
    cat = load_outcomes()
    assert c.outcome in cat.outcomes                 # exactly one outcome, a real one
    assert c.report_row == cat.report_row(c.outcome, c.reason if cat.outcomes[c.outcome].by_reason else None) \
        or c.outcome == "37"


def test_check_answer_names_what_is_missing():
    r = check_answer("36-5", ["not_responsible", "review_right"], facts={"held_by_agency": False,
                                                                         "responsible_agency_known": True})
    assert [e.id for e in r["missing"]] == ["responsible_agency"]
    assert [e.id for e in r["remedies_missing"]] == ["litigation_right"]
    assert not r["complete"]
    r = check_answer("36-3", ["not_disclosed", "reasons", "review_right", "litigation_right"])
    assert r["complete"]
    # the agency name is required only when it can be identified
    r = check_answer("36-5", ["not_responsible", "review_right", "litigation_right"], facts={"held_by_agency": False})
    assert r["complete"]


@pytest.fixture
def outcomes_file(tmp_path):
    p = tmp_path / "outcomes.yaml"
    shutil.copy(bundled_rules_dir() / "ogi-2019" / "outcomes.yaml", p)
    return p


def _edit(p, old, new):
    text = p.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    p.write_text(text, encoding="utf-8")
    return next(i for i, l in enumerate(text.splitlines(), 1) if new.strip() and new.strip() in l)


def test_unknown_report_row_is_reported_with_line(outcomes_file):
    line = _edit(outcomes_file, 'report_row: "3.5.2"', 'report_row: "3.5.9"')
    with pytest.raises(RuleFileError, match="unknown report row") as e:
        load_outcome_file(outcomes_file)
    assert e.value.line == line


def test_unknown_fact_in_condition(outcomes_file):
    line = _edit(outcomes_file, "{name: petition, operator: is_true, value: true}",
                 "{name: petitoin, operator: is_true, value: true}")
    with pytest.raises(RuleFileError, match="unknown fact 'petitoin'") as e:
        load_outcome_file(outcomes_file)
    assert e.value.line == line and "未知的事实" in e.value.message_zh
