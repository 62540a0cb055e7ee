"""Every kind of damage to every bundled rule and calendar file ends in a
documented error that names the damage (issue 11).

Each key of each file is dropped, misspelt, retyped and written twice, and
each value replaced by impossible or wrong-typed ones (:mod:`mutations`);
the damaged tree is loaded and must either load (the damage left a valid
file: an optional key dropped) or raise a :class:`RuleFileError` (or another
documented :class:`DisclosureRulesError`) whose file, line or message names
the damaged key, value or line; never any other exception.

Every kind of file is damaged: the core kinds (rule sets, outcomes, fees,
remedies, the report table) and the calendar folders, and the kinds of the
floors above (time-limit regimes with their stages and examples, whose
examples are then run; assessments; published-report rules; labels) and the
calendar side files (office hours, statutory holidays, arrangement
principles), each read by its own loader.  A sample of the damages that are
errors is then given to the command line (``check --rules COPY`` and the
commands that read the kind), which must exit 2 with one line on stderr and
a JSON error under ``--json``.

In CI a fixed sample runs: 2,000 damaged rule trees (1,200 of the core
kinds, 800 of the others, a share for each kind), 400 damaged calendars and
200 damaged calendar side files, and about 30 command lines (one damage of each kind) (well under two
minutes of CPU).  ``DISCLOSURE_RULES_MUTATIONS=nightly`` runs ten times as
many, from a larger pool (more misspellings and bad values); ``=all`` runs
every damage the pool holds.
"""

import contextlib
import io
import json
import os
import random
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from conftest import ROOT
import disclosure_rules.api  # noqa: F401  (registers the kinds of the floors above)
from disclosure_rules.calendar import available_calendars, load_calendar, principles, statutory
from disclosure_rules.calendar.worktime import available_hours, working_time
from disclosure_rules.cli import main
from disclosure_rules.errors import DisclosureRulesError, RuleFileError
from disclosure_rules.regimes.examples import run_regime_examples
from disclosure_rules.regimes.files import load_regime_folder
from disclosure_rules.rulefiles import load_bundle
from disclosure_rules.rulefiles.registry import BY_NAME, kind_of
from mutations import bad_values, damages

MODE = os.environ.get("DISCLOSURE_RULES_MUTATIONS", "ci")
SCALE = {"ci": 1, "nightly": 10}.get(MODE)
CORE_TREES, OTHER_TREES, CALENDARS, SIDE_FILES, COMMAND_LINES = 1200, 800, 400, 200, 30
REGIME_FILES = {"regime.yaml", "stages.yaml", "regime-examples.yaml"}


def pool(root, extended):
    out = []
    for p in sorted(root.rglob("*.yaml")):
        out.extend(damages(p, extended=extended))
        out.extend(bad_values(p, extended=extended))
    return out


def sample(items, n):
    if SCALE is None or n >= len(items):
        return items
    return random.Random(20261201).sample(items, n)


def sample_by_kind(items, n, kind=lambda d: d.file.name):
    """``n`` of ``items``, shared out between the kinds of file (each gets its share, a small
    kind all of its damages), in a fixed order: a deterministic sample that covers every kind."""
    if SCALE is None or n >= len(items):
        return items
    groups = defaultdict(list)
    for d in items:
        groups[kind(d)].append(d)
    out, left = [], n
    for i, (name, group) in enumerate(sorted(groups.items(), key=lambda kv: len(kv[1]))):
        share = min(len(group), left // (len(groups) - i))
        out.extend(random.Random(f"20261201 {name}").sample(group, share))
        left -= share
    return out


def names_the_damage(exc, damage, rel):
    """The error points at the damaged file and line, or names the damaged key or value."""
    message = exc.message + " " + exc.message_zh
    if isinstance(exc, RuleFileError) and exc.path.endswith(rel) and exc.line is not None:
        first, last = damage.lines
        if first - 1 <= exc.line <= last + 1:
            return True
    names = [*damage.key.split("=", 1), *damage.inside]
    return any(k and k.strip('"') in message for k in names)


def run_damages(root, rel_root, items, load):
    outcomes = Counter()
    for d in items:
        rel = str(d.file.relative_to(rel_root))
        target = root / rel
        original = target.read_bytes()
        target.write_text(d.text, encoding="utf-8")
        try:
            load(d)
            outcomes["loaded"] += 1
        except DisclosureRulesError as exc:
            assert names_the_damage(exc, d, rel), f"{d}: the error does not name the damage: {exc.message}"
            outcomes[type(exc).__name__] += 1
        finally:
            target.write_bytes(original)
    return outcomes


def test_damaged_rule_trees(tmp_path):
    """The core kinds, each damage loaded as a whole tree (the loader checks the book as a whole)."""
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    items = [d for d in pool(ROOT / "rules", extended=SCALE != 1) if d.file.name in BY_NAME]
    items = sample_by_kind(items, CORE_TREES * (SCALE or 1))
    assert len(items) >= min(CORE_TREES, len(items)) and len(items) >= CORE_TREES
    outcomes = run_damages(root, ROOT / "rules", items, lambda d: load_bundle(root))
    assert outcomes["RuleFileError"] > len(items) * 0.6, outcomes       # most damage is an error, not a no-op
    load_bundle(root)                                                    # the copy is whole again


def load_other_kind(root, damage):
    """What ``load_bundle`` reads for the damaged file (its kind's loader), and for a regime the
    examples beside it, run as ``disclosure-rules check`` runs them."""
    target = root / damage.file.relative_to(ROOT / "rules")
    if target.name in REGIME_FILES:
        load_regime_folder(target.parent)
        single = root.parent / "single"
        shutil.rmtree(single, ignore_errors=True)
        shutil.copytree(target.parent, single / target.parent.name)
        run_regime_examples(single)
    else:
        kind_of(target).loader(target)


def test_damaged_rule_trees_of_the_other_kinds(tmp_path):
    """Regimes (and their examples, run), assessments, published-report rules, labels."""
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    items = [d for d in pool(ROOT / "rules", extended=SCALE != 1) if d.file.name not in BY_NAME]
    assert {d.file.name for d in items} == {"regime.yaml", "stages.yaml", "regime-examples.yaml", "assessment.yaml",
                                            "sections.yaml", "phrases.yaml", "checks.yaml", "deadlines.yaml",
                                            "statuses.yaml"}
    items = sample_by_kind(items, OTHER_TREES * (SCALE or 1))
    assert len(items) >= OTHER_TREES and CORE_TREES + OTHER_TREES >= 2000
    outcomes = run_damages(root, ROOT / "rules", items, lambda d: load_other_kind(root, d))
    assert outcomes["RuleFileError"] > len(items) * 0.6, outcomes
    load_bundle(root)


def test_damaged_calendars(tmp_path):
    root = tmp_path / "calendars"
    shutil.copytree(ROOT / "calendars", root)
    # the calendar folders (calendar.yaml and its years); office hours, statutory.yaml and principles.yaml
    # are read by their own loaders (calendar/worktime.py, statutory.py, principles.py)
    items = [d for d in pool(ROOT / "calendars", extended=SCALE != 1) if (d.file.parent / "calendar.yaml").is_file()]
    items = sample(items, CALENDARS * (SCALE or 1))
    assert len(items) >= 400

    assert set(available_calendars([root])) >= {d.file.parent.name for d in items}

    def load(damage):                  # the calendar whose folder holds the damaged file
        load_calendar(damage.file.parent.name, search_path=[root])

    outcomes = run_damages(root, ROOT / "calendars", items, load)
    assert outcomes["RuleFileError"] > len(items) * 0.5, outcomes


def side_file_loader(root):
    def load(damage):
        target = root / damage.file.relative_to(ROOT / "calendars")
        if target.parent.name == "hours":
            for name in available_hours([target.parent]):
                working_time(name, search_path=[target.parent])
        elif target.name == "statutory.yaml":
            statutory.load_texts.cache_clear()
            for year in (2008, 2014, 2026):
                statutory.text_in_force(year, target)
        else:
            principles.load_principles.cache_clear()
            principles.principles_for(2027, target)
    return load


def test_damaged_calendar_side_files(tmp_path):
    """Office hours, the statutory holidays and the arrangement principles."""
    root = tmp_path / "calendars"
    shutil.copytree(ROOT / "calendars", root)
    items = [d for d in pool(ROOT / "calendars", extended=SCALE != 1) if not (d.file.parent / "calendar.yaml").is_file()]
    assert {d.file.name for d in items} >= {"gansu-jinchang.yaml", "statutory.yaml", "principles.yaml"}
    items = sample_by_kind(items, SIDE_FILES * (SCALE or 1))
    assert len(items) >= SIDE_FILES
    outcomes = run_damages(root, ROOT / "calendars", items, side_file_loader(root))
    statutory.load_texts.cache_clear()
    principles.load_principles.cache_clear()
    assert outcomes["RuleFileError"] > len(items) * 0.5, outcomes


@pytest.mark.parametrize("kind", ["drop", "rename", "retype", "duplicate", "value"])
def test_every_kind_of_damage_is_generated(kind):
    items = pool(ROOT / "rules" / "ogi-2019", extended=False)
    assert sum(1 for d in items if d.kind == kind) >= 20


# ----------------------------------------------------------------------------- on the command line

def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


def _forget(calendars=True):
    """Drop every loaded rule file (and calendar: ``calendars``): the bundled data has just changed."""
    from disclosure_rules.rulefiles import bundle, cache
    bundle._CACHE.clear()
    cache.clear()
    for name, module in list(sys.modules.items()):
        if name.startswith("disclosure_rules") and (calendars or not name.startswith("disclosure_rules.calendar")):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    value.cache_clear()


@pytest.fixture()
def bundled_copy(tmp_path, monkeypatch):
    """A copy of the bundled data that the library reads as its own (the commands that read only the
    bundled rules, office hours and holidays: timeline, assess, worktime, workdays, report)."""
    import disclosure_rules.data as data
    fake = tmp_path / "package" / "data"
    for kind in ("rules", "calendars", "schemas"):
        shutil.copytree(ROOT / kind, fake / kind)
    monkeypatch.setattr(data, "_HERE", fake)
    _forget()
    yield fake
    monkeypatch.undo()
    _forget()


def _order_of(folder, tmp_path):
    """The first example order of a bundled regime, as a file, with its as-of."""
    import yaml
    ex = yaml.safe_load((ROOT / "rules" / folder / "regime-examples.yaml").read_text(encoding="utf-8"))["examples"][0]
    p = tmp_path / f"{folder}-order.yaml"
    p.write_text(yaml.safe_dump({**ex["order"], "regime": folder}, allow_unicode=True), encoding="utf-8")
    return str(p), str(ex["as_of"])


_ASSESS = {"hotline-assessment-jinchang": ("orders-2025-10.jsonl", "--month", "2025-10"),
           "proactive": ("proactive-2026.jsonl", "--month", "2026-10"), "ogi-assessment-jinchang": ("ogi-2025.yaml",)}


def _command(damage, tmp_path):
    """The command that reads the damaged file from the bundled data (besides ``check``)."""
    f = damage.file
    if f.name in REGIME_FILES:
        order, as_of = _order_of(f.parent.name, tmp_path)
        return ["timeline", order, "--as-of", as_of, "--json"]
    if f.name == "assessment.yaml":
        name, *rest = _ASSESS[f.parent.name]
        return ["assess", str(ROOT / "tests" / "data" / "assess" / name), *rest, "--json"]
    if f.name in ("sections.yaml", "phrases.yaml", "checks.yaml", "deadlines.yaml", "table.yaml"):
        return ["report", "--check", str(ROOT / "tests" / "data" / "zhaoyuan-2023.json"), "--json"]
    if f.parent.name == "hours":
        return ["worktime", "add", "2026-03-02T09:00", "3h", "--hours", f.stem, "--json"]
    if f.name in ("statutory.yaml", "principles.yaml"):
        return ["workdays", "add", "2026-12-28", "10", "--estimate-until", "2027", "--json"]
    return ["timeline", str(ROOT / "examples" / "2026-0001-full.yaml"), "--as-of", "2026-03-10", "--lang", "zh",
            "--json"]


def _errors_only(items, root, rel_root, load, per_kind, kind=lambda d: d.file.name):
    """The first ``per_kind`` damages of each kind (in a fixed shuffled order) that the API refuses."""
    found = defaultdict(list)
    for d in random.Random(20261202).sample(items, len(items)):
        if len(found[kind(d)]) >= per_kind:
            continue
        target = root / d.file.relative_to(rel_root)
        original = target.read_bytes()
        target.write_text(d.text, encoding="utf-8")
        try:
            load(d)
        except RuleFileError:
            found[kind(d)].append(d)
        finally:
            target.write_bytes(original)
    return [d for group in found.values() for d in group]


def _command_line_damages(tmp_path):
    rules, cals = tmp_path / "pick" / "rules", tmp_path / "pick" / "calendars"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "calendars", cals)
    every = pool(ROOT / "rules", extended=False)
    core = _errors_only([d for d in every if d.file.name in BY_NAME], rules, ROOT / "rules",
                        lambda d: load_bundle(rules), 1)
    other = _errors_only([d for d in every if d.file.name not in BY_NAME], rules, ROOT / "rules",
                         lambda d: load_other_kind(rules, d), 1)
    cal_items = pool(ROOT / "calendars", extended=False)
    side = _errors_only([d for d in cal_items if not (d.file.parent / "calendar.yaml").is_file()], cals,
                        ROOT / "calendars", side_file_loader(cals), 1)
    folders = _errors_only([d for d in cal_items if (d.file.parent / "calendar.yaml").is_file()], cals,
                           ROOT / "calendars", lambda d: load_calendar(d.file.parent.name, search_path=[cals]), 1,
                           kind=lambda d: "calendar.yaml" if d.file.name == "calendar.yaml" else "year")
    statutory.load_texts.cache_clear()
    principles.load_principles.cache_clear()
    return core + other + side + folders


def _one_error_line(rc, out, err, damage):
    assert rc == 2, f"{damage}: exit {rc}\n{err}"
    assert err.count("\n") == 1 and "Traceback" not in err, f"{damage}: {err}"


def test_damaged_files_on_the_command_line(tmp_path, bundled_copy):
    items = _command_line_damages(tmp_path)
    assert len(items) >= 25 and len({d.file.name for d in items}) >= 24
    items = items[:COMMAND_LINES * (SCALE or 1)] if SCALE else items
    rules, cals = tmp_path / "rules", tmp_path / "calendars"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "calendars", cals)
    seen = Counter()
    for i, d in enumerate(items):
        in_rules = d.file.is_relative_to(ROOT / "rules")
        rel = d.file.relative_to(ROOT / ("rules" if in_rules else "calendars"))
        copy = (rules if in_rules else cals) / rel
        bundled = bundled_copy / ("rules" if in_rules else "calendars") / rel
        originals = copy.read_bytes(), bundled.read_bytes()
        copy.write_text(d.text, encoding="utf-8")
        bundled.write_text(d.text, encoding="utf-8")
        try:
            if in_rules or d.file.parent.name == "hours" or (d.file.parent / "calendar.yaml").is_file():
                check = ["check", "--rules", str(rules)] + ([] if in_rules else ["--calendars", str(cals)])
                _one_error_line(*_run(*check), d)
                rc, out, err = _run(*check, "--json")
                assert rc == 2 and json.loads(out)["error"]["kind"], f"{d}: {out}"
                seen["check"] += 1
            command = _command(d, tmp_path)
            _forget(calendars=not in_rules)          # the command reads the damaged file, not what it read before
            if i % 2:                               # in turn: one line on stderr, or the JSON error
                _one_error_line(*_run(*command[:-1]), d)
            else:
                rc, out, err = _run(*command)
                assert rc == 2 and json.loads(out)["error"]["message"], f"{d}: {command}: exit {rc}\n{out}\n{err}"
                assert "Traceback" not in err
            seen[command[0]] += 1
        finally:
            copy.write_bytes(originals[0])
            bundled.write_bytes(originals[1])
    assert set(seen) >= {"check", "timeline", "assess", "report", "worktime", "workdays"}, seen
