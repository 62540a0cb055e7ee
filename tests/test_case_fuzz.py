"""Issue 11: nothing a user types may crash the library.  The case format
(top level, receipt, events) and the inputs of every case-level entry point
(evaluate, classify, fee, remedies, annual_table, check_table) are damaged
in every way (tests/fuzzing.py): each key dropped, renamed by one letter,
retyped, list items duplicated, dates impossible / far past / far future.
Every input ends in an answer or a documented DisclosureRulesError whose
English and Chinese messages name the damaged key, value or item (a calendar
coverage error names its day); never another exception.

Size: at least 20,000 inputs per entry point (the systematic damage of each
base plus seeded random batches, derandomized hypothesis); ten times more with
DISCLOSURE_RULES_FUZZ=nightly (README)."""

from __future__ import annotations

import datetime as dt
import glob
import json
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

import disclosure_rules
from disclosure_rules import CalendarCoverageError, DisclosureRulesError, evaluate
from disclosure_rules.cli import main
from disclosure_rules.api import (annual_table, check_table, classify, fee, load_outcomes, remedies,
                                  remedies_for_result)
from disclosure_rules.report import record_from_result
from conftest import ROOT
from fuzzing import SCALE, every_single_damage, names_the_damage, random_damage

AS_OF = dt.date(2026, 11, 24)
PER_ENTRY_POINT = 20_000 * SCALE
BATCH = 100                     # inputs per hypothesis example (the generator is cheap; hypothesis draws the seed)


def _plain(x):
    return json.loads(json.dumps(x, default=str))


CASES = [_plain(yaml.safe_load(open(p, encoding="utf-8"))) for p in sorted(glob.glob(str(ROOT / "examples/*.yaml")))]
for _p in sorted(glob.glob(str(ROOT / "rules/*/examples.yaml"))):
    CASES += [_plain(ex["case"]) for ex in yaml.safe_load(open(_p, encoding="utf-8"))["examples"]]


def _facts(version):
    return {n: d for n, (_, d, _, _) in load_outcomes(version).facts.items()}


FACTS = [{"version": "ogi-2019", "facts": _facts("ogi-2019")}, {"version": "ogi-2008", "facts": _facts("ogi-2008")},
         {"facts": {"exists": True}}]
FEES = [{"nth_request": 35, "on": "2026-01-05"}, {"pages": 250, "on": "2026-03-02"}, {"nth_request": 3}]
REMEDIES = [{"answered": "2026-04-02", "outcome": "36-2", "rights_stated": True},
            {"answered": "2017-06-01", "outcome": "2008-21-1", "rights_stated": False},
            {"no_answer_since": "2026-04-01"}, {"review_decided": "2026-09-20"}]
RECORDS = [record_from_result(evaluate(c, AS_OF)).to_dict() for c in CASES[:7]]
TABLE = _plain(annual_table(RECORDS, 2026).cells)


def _day(v):
    """A valid YYYY-MM-DD text becomes a date (as a caller's code would pass it); anything else stays."""
    if isinstance(v, str) and len(v) == 10:
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    return v


def _kwargs(t, names, dates):
    # keyword APIs: a renamed keyword is Python's TypeError, not input; such a key is left out (as dropped)
    return {k: (_day(v) if k in dates else v) for k, v in t.items() if k in names} if isinstance(t, dict) else {}


def run_evaluate(t):
    r = evaluate(t, AS_OF)
    if r.status in ("answered", "overdue"):
        remedies_for_result(r)


ENTRY_POINTS = {
    "evaluate": (run_evaluate, CASES),
    "classify": (lambda t: classify(t.get("facts"), **_kwargs(t, ("version",), ())), FACTS),
    "fee": (lambda t: fee(**_kwargs(t, ("nth_request", "pages", "on"), ("on",))), FEES),
    "remedies": (lambda t: remedies(**_kwargs(t, ("answered", "no_answer_since", "review_decided", "outcome",
                                                  "rights_stated"), ("answered", "no_answer_since",
                                                                     "review_decided"))), REMEDIES),
    "annual_table": (lambda t: annual_table(t, 2026), [RECORDS]),
    "check_table": (lambda t: check_table(t), [TABLE]),
}
DOCUMENTED = {c for c in vars(disclosure_rules).values() if isinstance(c, type) and issubclass(c, DisclosureRulesError)}


def _documented(exc) -> bool:
    return any(isinstance(exc, c) for c in DOCUMENTED) and bool(type(exc).__doc__)


def check(call, tree, tokens):
    """One input: an answer, or a documented error naming the damage.  Anything else propagates and fails."""
    try:
        call(tree)
    except CalendarCoverageError as exc:
        assert exc.date.isoformat() in exc.message and exc.date.isoformat() in exc.message_zh, exc.message
    except DisclosureRulesError as exc:
        assert _documented(exc), type(exc)
        assert names_the_damage(exc, tokens), (exc.message, exc.message_zh, sorted(tokens), tree)


def _systematic(name):
    call, bases = ENTRY_POINTS[name]
    rng = random.Random(11)
    n = 0
    for base in bases:
        for damaged, tokens in every_single_damage(base, rng):
            check(call, damaged, tokens)
            n += 1
    return n


def _random_batch(name, seed):
    call, bases = ENTRY_POINTS[name]
    rng = random.Random(seed)
    for _ in range(BATCH):
        damaged, tokens = random_damage(rng.choice(bases), rng, rng.randint(1, 3))
        check(call, damaged, tokens)


SYSTEMATIC = {}


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_every_single_damage(name):
    SYSTEMATIC[name] = _systematic(name)
    assert SYSTEMATIC[name] > 0


def _random_test(name):
    examples = -(-PER_ENTRY_POINT // BATCH)

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.integers(0, 2**32 - 1))
    def run(seed):
        _random_batch(name, seed)
        COUNT[name] = COUNT.get(name, 0) + BATCH

    return run


COUNT: dict = {}


@pytest.mark.parametrize("name", list(ENTRY_POINTS))
def test_random_damage(name):
    _random_test(name)()
    assert COUNT[name] >= PER_ENTRY_POINT     # at least 20,000 generated inputs (200,000 nightly)


# ----------------------------------------------------------------------------- the command line

def _cli_sample(n, seed=5):
    rng = random.Random(seed)
    for i in range(n):
        damaged, tokens = random_damage(rng.choice(CASES), rng, rng.randint(1, 3))
        yield i, damaged, tokens


@pytest.mark.parametrize("command", [["timeline", "--as-of", "2026-11-24"], ["remedies", "--as-of", "2026-11-24"],
                                     ["report", "--year", "2026", "--format", "json"]])
def test_command_line_exit_codes_and_json(tmp_path, capsys, command):
    for i, damaged, tokens in _cli_sample(60 * SCALE):
        p = tmp_path / f"c{i}.yaml"
        p.write_text(yaml.safe_dump(damaged, allow_unicode=True), encoding="utf-8")
        for as_json in (False, True):
            rc = main([command[0], str(p), *command[1:]] + (["--json"] if as_json else []))
            out, err = capsys.readouterr()
            assert rc in (0, 1, 2, 3), rc
            if rc in (2, 3):
                assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
                if as_json:
                    e = json.loads(out)["error"]
                    assert e["kind"] and e["message"] and e["message_zh"]
                else:
                    assert out == ""
            elif rc == 0 and as_json:
                json.loads(out)


def test_duplicated_keys_in_a_file_are_named(tmp_path, capsys):
    base = yaml.safe_dump(CASES[0], allow_unicode=True).splitlines()
    for n, line in enumerate(base):
        if ":" not in line or line.lstrip().startswith("-"):
            continue
        key = line.split(":")[0].strip()
        p = tmp_path / "dup.yaml"
        p.write_text("\n".join(base[:n + 1] + [line] + base[n + 1:]) + "\n", encoding="utf-8")
        assert main(["timeline", str(p), "--json"]) == 2
        out, err = capsys.readouterr()
        e = json.loads(out)["error"]
        assert f"'{key}' appears twice" in e["message"] and f":{n + 2}:" in e["message"], e
