"""The engine's vocabulary is checked when rules are loaded (issue 10, item 2).

Every parameter, period and event of a copy of the bundled rules is renamed,
removed and retyped, one at a time; ``disclosure-rules check --rules COPY``
then exits 2 with one line naming the file, the line and (for a rename) the
name it probably meant, never a traceback.
"""

import contextlib
import io
import json
import re
import shutil

import pytest

from disclosure_rules.cli import main
from disclosure_rules.rulefiles import vocabulary
from disclosure_rules.rulefiles.bundle import bundled_rules_dir
from disclosure_rules.rulefiles.registry import BY_NAME
from disclosure_rules.rulefiles.schemas import load_schema
from mutations import damages

SECTIONS = ("parameters", "periods", "events")
# the files the engine's vocabulary covers: the core kinds; the kinds registered by the floors above
# (regimes, published-report rules, labels) are checked by their own loaders
FILES = sorted(p.relative_to(bundled_rules_dir()) for p in bundled_rules_dir().rglob("*.yaml")
               if p.name in BY_NAME)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("vocab") / "rules"
    shutil.copytree(bundled_rules_dir(), root)
    return root


def run_check(root):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["check", "--rules", str(root)])
    return rc, out.getvalue(), err.getvalue()


def names_damage():
    for rel in FILES:
        for d in damages(bundled_rules_dir() / rel, kinds=("drop", "rename", "retype"),
                         only=lambda p: len(p.path) == 1 and p.path[0] in SECTIONS):
            yield rel, d


CASES = list(names_damage())


def test_every_name_is_damaged():
    kinds = {(d.kind, rel.name) for rel, d in CASES}
    assert len(CASES) >= 3 * (7 + 5 + 10)
    assert {("rename", "periods.yaml"), ("drop", "events.yaml"), ("retype", "clock.yaml")} <= kinds


@pytest.mark.parametrize("rel,damage", CASES, ids=[f"{rel}:{d.lines[0]}-{d.kind}-{d.key}" for rel, d in CASES])
def test_damaged_name_is_a_rule_file_error(tree, rel, damage):
    target = tree / rel
    original = target.read_text(encoding="utf-8")
    target.write_text(damage.text, encoding="utf-8")
    try:
        rc, _, err = run_check(tree)
    finally:
        target.write_text(original, encoding="utf-8")
    assert rc == 2, f"{damage}: exit {rc}; {err}"
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(r"\.yaml:\d+", err), f"{damage}: no file and line in {err!r}"
    if damage.kind == "rename":
        assert f"did you mean '{damage.key}" in err or f"'{damage.key}x'" in err, f"{damage}: {err}"


def test_json_error_names_file_and_line(tree):
    target = tree / "ogi-2019" / "periods.yaml"
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("  start_day_counts:", "  start_day_count:"), encoding="utf-8")
    try:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["check", "--rules", str(tree), "--json", "--lang", "zh"])
    finally:
        target.write_text(original, encoding="utf-8")
    e = json.loads(out.getvalue())["error"]
    assert rc == 2 and e["kind"] == "rules" and e["path"].endswith("periods.yaml") and e["line"] > 1
    assert "start_day_counts" in e["message"] and "是否应为" in e["message"]


def test_schema_declares_the_parameters_the_engine_reads():
    assert load_schema("clock-rules")["properties"]["parameters"] == vocabulary.parameters_schema()


@pytest.mark.parametrize("value", ['"15"', '"15个工作日"', "15.5", "-5", "0", "true"])
def test_wrong_parameter_type_or_range_in_a_local_layer(tree, value):
    target = tree / "local" / "gansu-jinchang" / "ruleset.yaml"
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("    value: 10", f"    value: {value}"), encoding="utf-8")
    try:
        rc, _, err = run_check(tree)
    finally:
        target.write_text(original, encoding="utf-8")
    assert rc == 2 and "ruleset.yaml:" in err and "correction_period" in err, err


def test_a_restart_without_the_event_it_answers_is_a_rule_file_error(tmp_path, capsys):
    # found by the type check: a restart event without `answers` loaded, then every example died with
    # KeyError: None inside the clock; now the loader names the file, the line and the missing field
    import shutil

    from conftest import ROOT
    from disclosure_rules.cli import main

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    events = rules / "ogi-2019" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "    answers: correction_requested\n" in text
    events.write_text(text.replace("    answers: correction_requested\n", ""), encoding="utf-8")
    rc = main(["check", "--rules", str(rules)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1
    assert re.search(r"ogi-2019/events\.yaml:\d+: event 'correction_received': the effect 'restart' needs 'answers'", err)


# ----------------------------------------------------------------------------- the newer kinds (issue 11)
# the named entries of the regimes, assessments and labels: a name another part refers to (a field, an
# event, a parameter, a stage, a status the clock computes), renamed, dropped or retyped, is an error
# naming file, line and the name meant; renaming or dropping a name nothing refers to (a violation
# code, an indicator) changes only what is reported, which the examples beside the rules catch (exit 1)
NEWER_SECTIONS = {"regime.yaml": ("fields", "events", "parameters"), "stages.yaml": ("stages", "violations"),
                  "assessment.yaml": ("parameters", "cases", "indicators", "exclusions"),
                  "statuses.yaml": ("statuses",)}
NEWER_FILES = sorted(p.relative_to(bundled_rules_dir()) for p in bundled_rules_dir().rglob("*.yaml")
                     if p.name in NEWER_SECTIONS)


from disclosure_rules.regimes.order import _COMMON as ORDER_KEYS  # noqa: E402

FREE = {"violations", "indicators", "exclusions"}       # codes that name what is reported, nothing refers to
_PROSE = {"title", "text", "note", "reason", "zh", "en", "instrument", "basis", "order", "expect", "name"}


def _words(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in _PROSE:
                out.append(str(k))
                _words(v, out)
    elif isinstance(node, list):
        for v in node:
            _words(v, out)
    elif isinstance(node, str):
        out.append(node)
    return out


def _references(name):
    """How often ``name`` is used in the bundled regime and assessment files, outside prose and
    examples, alone or in a fact derived from it (has_NAME, NAME_late ...); 1: its definition only."""
    import yaml
    words = []
    for p in bundled_rules_dir().rglob("*.yaml"):
        if p.name in ("regime.yaml", "stages.yaml", "assessment.yaml"):
            _words(yaml.safe_load(p.read_text(encoding="utf-8")), words)
    derived = {name, f"has_{name}", f"{name}_late", f"{name}_present", f"{name}_status"}
    return sum(w in derived for w in words)


NEWER_CASES = [(rel, sec, d) for rel in NEWER_FILES for sec in NEWER_SECTIONS[rel.name]
               for d in damages(bundled_rules_dir() / rel, kinds=("drop", "rename", "retype"),
                                only=lambda p, sec=sec: len(p.path) == 1 and p.path[0] == sec)]


def test_every_name_of_the_newer_kinds_is_damaged():
    assert len(NEWER_CASES) >= 300
    assert {rel.name for rel, _, _ in NEWER_CASES} == set(NEWER_SECTIONS)


@pytest.mark.parametrize("rel,section,damage", NEWER_CASES,
                         ids=[f"{rel}:{d.lines[0]}-{d.kind}-{d.key}" for rel, _, d in NEWER_CASES])
def test_damaged_name_of_a_newer_kind(tree, rel, section, damage):
    target = tree / rel
    original = target.read_text(encoding="utf-8")
    target.write_text(damage.text, encoding="utf-8")
    try:
        rc, _, err = run_check(tree)
    finally:
        target.write_text(original, encoding="utf-8")
    if rc == 2:
        assert err.count("\n") == 1 and "Traceback" not in err
        assert re.search(r"\.yaml:\d+", err), f"{damage}: no file and line in {err!r}"
        if damage.kind == "rename":
            assert f"did you mean '{damage.key}" in err or f"{damage.key}x'" in err, f"{damage}: {err}"
    else:
        # a free code, a name nothing uses, or a field every order has anyway (id, unit ...)
        free = damage.kind != "retype" and (section in FREE or _references(damage.key) <= 1 or damage.key in ORDER_KEYS)
        assert rc == 1 or free, f"{damage}: exit {rc}; {err}"
