"""The stage clock of time-limit regimes (issue 12): the 12345 hotline's
work orders as rule files, an invented second regime written only as rule
files, the timeline contract, parameters and rule-file errors."""

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from disclosure_rules import regimes
from disclosure_rules.cli import main
from disclosure_rules.errors import CaseError, RuleFileError
from disclosure_rules.regimes.examples import run_regime_examples

HERE = Path(__file__).parent
TEST_REGIMES = HERE / "data" / "regimes"
TEST_HOURS = HERE / "data" / "hours"
ENGINE = HERE.parent / "disclosure_rules" / "regimes"


def order(**kw):
    base = {"id": "T-1", "regime": "hotline-jinchang", "unit": "金川区住建局", "created": "2026-10-12T09:00",
            "urgency": "ordinary", "kind": "complaint", "events": []}
    base.update(kw)
    return base


def ev(type, at, **kw):
    return {"type": type, "at": at, **kw}


def stages(res):
    return {s.stage: s for s in res.stages}


def codes(res):
    return sorted(v.code for v in res.violations)


def test_bundled_regime_examples_pass():
    out = run_regime_examples()
    assert len(out) >= 10 and all(o.passed for o in out), [o for o in out if not o.passed]


def test_an_invented_regime_runs_from_rule_files_only():
    out = run_regime_examples(TEST_REGIMES, TEST_HOURS)
    assert out and all(o.passed for o in out), out
    data = {"id": "W-2", "regime": "test-water-orders", "reported": "2026-10-08T08:00", "priority": "p2",
            "households": 250, "events": [ev("acknowledged", "2026-10-08T08:10"),
                                          ev("postponed", "2026-10-08T15:00", hours=2),
                                          ev("postponed", "2026-10-08T16:00", hours=5)]}
    res = regimes.evaluate(data, dt.datetime(2026, 10, 9, 12, 0), search_path=TEST_REGIMES,
                           hours_search_path=TEST_HOURS)
    st = stages(res)
    # 250 households: the 15-minute limit (any of the conditions), clock minutes
    assert st["acknowledge"].due == "2026-10-08T08:15" and not st["acknowledge"].late
    # 8 clock hours -> 16:10; one postponement of 2 working hours on the winter
    # schedule (09:00-12:00, 14:00-17:30): 16:10 + 1h20 -> 17:30, + 40 min on 10-09 -> 09:40
    assert st["repair"].due == "2026-10-09T09:40" and st["repair"].status == "overdue"
    assert codes(res) == ["second_postponement", "unrepaired"]


def _code_words(py: Path) -> set:
    """Identifiers and string constants of a module, docstrings left out."""
    import ast
    tree = ast.parse(py.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
            out.update(re.findall(r"[\w-]+", n.value.lower()))
        elif isinstance(n, ast.Name):
            out.add(n.id.lower())
        elif isinstance(n, ast.Attribute):
            out.add(n.attr.lower())
    return out


def test_the_engine_names_no_regime():
    """No `if regime == ...`: no regime id, nor a word of one, appears in the engine's code."""
    ids = {p.name for p in (HERE.parent / "rules").iterdir() if (p / "regime.yaml").is_file()}
    ids |= {p.name for p in TEST_REGIMES.iterdir()}
    assert {"hotline-jinchang", "test-water-orders"} <= ids
    words = ids | {"hotline", "jinchang", "12345", "proactive", "water", "court", "tongliao"}
    # and no event, field or stage name of a regime either
    for rid in ids:
        r = regimes.find_regime(rid, TEST_REGIMES)
        words |= set(r.events) | {f for f in r.fields} | {s.key for s in r.stages}
    # words that are also keys of the rule-file format or plain Python
    words -= {"start", "done", "return", "kind", "title", "unit", "severity", "update"}
    for py in ENGINE.glob("*.py"):
        found = sorted(words & _code_words(py))
        assert not found, f"{py.name} names a regime or its vocabulary: {found}"


def test_timeline_contract(capsys, tmp_path):
    p = tmp_path / "order.yaml"
    p.write_text(json.dumps(order(events=[ev("dispatched", "2026-10-12T11:00"), ev("signed", "2026-10-12T17:00")])),
                 encoding="utf-8")
    rc = main(["timeline", str(p), "--json", "--as-of", "2026-10-13T10:00"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["regime"] == "hotline-jinchang" and out["unit"] == "金川区住建局"
    assert [s["stage"] for s in out["stages"]] == ["dispatch", "sign", "handle"]
    for s in out["stages"]:
        assert set(s) >= {"stage", "due", "done", "late"}
    sign = out["stages"][1]
    assert sign == {**sign, "due": "2026-10-12T16:30", "done": "2026-10-12T17:00", "late": True}
    assert [v["code"] for v in out["violations"]] == ["late_sign"]
    assert out["violations"][0]["citation"].endswith("Art. 17")
    assert out["trace"] and all("basis" in t and "citation" in t for t in out["trace"])
    assert out["parameters"]["handling_starts"] == "signed"
    rc = main(["timeline", str(p), "--as-of", "2026-10-13", "--lang", "zh"])
    text = capsys.readouterr().out
    assert rc == 0 and "late_sign" in text and "第17条" in text


@pytest.mark.parametrize("data, code", [
    (order(urgency="urgent"), 2),                                     # not a choice
    (order(colour="red"), 2),                                         # an unknown key is never dropped
    (order(created="2026-10-12"), 2),                                 # a date where a moment is needed
    (order(events=[ev("phoned", "2026-10-12T10:00")]), 2),            # unknown event
    (order(events=[{"type": "dispatched"}]), 2),                      # no time
    (order(regime="mars"), 2),
    (order(created="2027-01-04T09:00", urgency="livelihood"), 3),     # beyond the published calendar
])
def test_bad_orders_exit_with_one_line(capsys, tmp_path, data, code):
    p = tmp_path / "order.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    rc = main(["timeline", str(p), "--json", "--as-of", "2027-02-01"])
    captured = capsys.readouterr()
    assert rc == code and len(captured.err.strip().splitlines()) == 1
    assert "error" in json.loads(captured.out)


def test_a_request_case_still_goes_to_the_request_clock(capsys):
    rc = main(["timeline", str(HERE.parent / "examples" / "2026-0002-late-extension.yaml"), "--json",
               "--as-of", "2026-12-01T10:00"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and "regime" not in out and out["due"]


def test_working_day_convention_is_a_parameter():
    data = order(kind="consultation", events=[ev("dispatched", "2026-10-12T09:30"), ev("signed", "2026-10-12T10:00")])
    as_of = dt.datetime(2026, 10, 20, 9, 0)
    assert stages(regimes.evaluate(data, as_of))["handle"].due == "2026-10-13T10:00"
    res = regimes.evaluate(data, as_of, params={"workday_from_moment": "end_of_day"})
    assert stages(res)["handle"].due == "2026-10-13T18:00"
    assert stages(res)["dispatch"].due == "2026-10-13T18:00"


def test_extension_approval_is_a_parameter():
    data = order(kind="consultation", events=[ev("dispatched", "2026-10-12T09:30"), ev("signed", "2026-10-12T10:00"),
                                              ev("extension_requested", "2026-10-13T09:00", workdays=2)])
    as_of = dt.datetime(2026, 10, 13, 12, 0)
    assert stages(regimes.evaluate(data, as_of))["handle"].due == "2026-10-15T10:00"
    res = regimes.evaluate(data, as_of, params={"extension_needs_approval": True})
    assert stages(res)["handle"].due == "2026-10-13T10:00"
    data["events"].append(ev("extension_approved", "2026-10-13T11:00"))
    res = regimes.evaluate(data, as_of, params={"extension_needs_approval": True})
    assert stages(res)["handle"].due == "2026-10-15T10:00"


def test_an_extension_over_five_days_is_a_warning_unless_a_parameter_says_otherwise():
    data = order(events=[ev("dispatched", "2026-10-12T09:30"), ev("signed", "2026-10-12T10:00"),
                         ev("extension_requested", "2026-10-13T09:00", workdays=7)])
    as_of = dt.datetime(2026, 10, 13, 12, 0)
    [v] = regimes.evaluate(data, as_of).violations
    assert (v.code, v.severity) == ("extension_too_long", "warning")
    [v] = regimes.evaluate(data, as_of, params={"extension_over_cap": "breach"}).violations
    assert v.severity == "breach"
    with pytest.raises(Exception, match="extension_over_cap"):
        regimes.evaluate(data, as_of, params={"extension_over_cap": "maybe"})


def test_the_term_of_the_measures_is_noted():
    res = regimes.evaluate(order(), dt.datetime(2026, 10, 12, 10, 0))
    assert [n["code"] for n in res.notes] == ["outside_term"]
    assert regimes.evaluate(order(created="2025-06-03T09:00"), dt.datetime(2025, 6, 3, 10, 0)).notes == ()


def test_evaluating_before_the_order_exists_is_a_case_error():
    with pytest.raises(CaseError):
        regimes.evaluate(order(), dt.datetime(2026, 10, 11, 9, 0))


def _broken(tmp_path, old, new, file="stages.yaml"):
    dst = tmp_path / "test-water-orders"
    shutil.copytree(TEST_REGIMES / "test-water-orders", dst)
    text = (dst / file).read_text(encoding="utf-8")
    assert old in text
    (dst / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return dst


@pytest.mark.parametrize("old, new, words", [
    ("unit: minutes", "unit: fortnights", "unit must be one of"),
    ("name: priority", "name: colour", "unknown fact 'colour'"),
    ("operator: equal_to, value: p1", "operator: greater_than, value: p1", "does not apply"),
    ("{param: repair_rollover}", "{param: roll}", "unknown parameter 'roll'"),
    ("{event: acknowledged}]\n    done", "{event: ack}]\n    done", "unknown event 'ack'"),
    ("check: extension", "check: sometimes", "check must be"),
])
def test_a_mistake_in_a_regime_file_names_file_and_line(tmp_path, old, new, words):
    folder = _broken(tmp_path, old, new)
    with pytest.raises(RuleFileError) as e:
        regimes.load_regime_folder(folder)
    assert "stages.yaml:" in e.value.message and words in e.value.message


def test_check_runs_the_regime_examples(capsys):
    rc = main(["check", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and any(e["ruleset"] == "hotline-jinchang" for e in out["examples"])
    assert "hotline-jinchang/regime.yaml" in out["other_files"]


def test_proactive_items_in_batch(capsys, tmp_path):
    p = tmp_path / "items.jsonl"
    items = [{"id": "P-1", "regime": "proactive", "formed": "2026-09-10", "published": "2026-10-14"},
             {"id": "P-2", "regime": "proactive", "formed": "2026-09-10", "published": "2026-10-15"},
             {"id": "P-3", "regime": "proactive", "formed": "2026-11-20"}]
    p.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    rc = main(["timeline", str(p), "--json", "--as-of", "2026-12-11"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and [r["stages"][0]["due"] for r in out[:2]] == ["2026-10-14", "2026-10-14"]
    assert [[v["code"] for v in r["violations"]] for r in out] == [[], ["late_publication"], []]
    assert out[2]["status"] == "open" and out[2]["stages"][0]["due"] == "2026-12-18"


def test_a_proactive_due_date_beyond_the_calendar_exits_3(capsys, tmp_path):
    p = tmp_path / "item.yaml"
    p.write_text("id: P-9\nregime: proactive\nformed: 2026-12-10\n", encoding="utf-8")
    assert main(["timeline", str(p), "--as-of", "2026-12-11"]) == 3
    assert "2027" in capsys.readouterr().err


def test_a_backwards_deadline_under_both_readings():
    data = {"id": "C-9", "regime": "court-appearance-jinchang", "hearing": "2026-10-20",
            "events": [{"type": "change_requested", "at": "2026-10-18"}]}
    as_of = dt.date(2026, 10, 30)
    assert [s.due for s in regimes.evaluate(data, as_of).stages] == ["2026-10-17"]
    res = regimes.evaluate(data, as_of, params={"change_request_reading": "before_the_hearing"})
    assert [s.due for s in res.stages] == ["2026-10-19"] and not res.violations


def test_a_unit_the_regime_cannot_count_is_a_rule_file_error(tmp_path):
    folder = _broken(tmp_path, "  hours: {param: hours}\n", "", file="regime.yaml")
    with pytest.raises(RuleFileError) as e:
        regimes.load_regime_folder(folder)
    assert "stages.yaml" in e.value.message and "office hours" in e.value.message


from hypothesis import given, strategies as st  # noqa: E402

_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 10 ** 6), st.text(max_size=12),
                    st.sampled_from(["2026-10-12T09:00", "2026-10-12", "2027-03-01T09:00", "2026-10-12T25:00",
                                     "emergency", "complaint", "satisfied", "signed"]))
_events = st.lists(st.fixed_dictionaries({"type": st.sampled_from(["dispatched", "signed", "returned",
                                                                    "extension_requested", "answered", "phoned", 3]),
                                          "at": _values}, optional={"workdays": _values, "reason": _values}),
                   max_size=6)


@given(st.fixed_dictionaries({"id": st.text(min_size=1, max_size=5), "regime": st.just("hotline-jinchang")},
                             optional={"created": _values, "urgency": _values, "kind": _values, "rating": _values,
                                       "events": st.one_of(_events, _values), "unit": _values}))
def test_any_order_gives_a_result_or_a_documented_error(data):
    from disclosure_rules.errors import DisclosureRulesError
    try:
        regimes.evaluate(data, dt.datetime(2026, 12, 1, 9, 0))
    except DisclosureRulesError:
        pass


def test_check_loads_every_office_hours_file(tmp_path, capsys):
    (tmp_path / "hours").mkdir()
    (tmp_path / "hours" / "broken.yaml").write_text(
        "id: broken\ncalendar: cn\nbasis: {instrument: x, section: '1'}\nschedules:\n"
        "  - {periods: [\"18:00-08:00\"], basis: {instrument: x, section: '1'}}\n", encoding="utf-8")
    shutil.copytree(HERE.parent / "calendars" / "cn", tmp_path / "cn")
    rc = main(["check", "--calendars", str(tmp_path)])
    assert rc == 2 and "broken.yaml:5" in capsys.readouterr().err
