"""Run the examples beside a regime's rules (``regime-examples.yaml``), for
``disclosure-rules check``.  An example gives an ``order``, an ``as_of``,
optional ``params`` and what to ``expect``: ``status``, ``violations`` (the
list of codes, in any order), ``stages`` (stage -> the fields to compare:
due, done, late, status) or ``error`` (the kind of error expected)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..calendar.worktime import SearchPath
from ..errors import DisclosureRulesError
from ..examples import ExampleOutcome
from .files import check_ids
from .model import Regime
from .order import moment
from .periods import Moment

if TYPE_CHECKING:
    from .assessment import Assessment

# Any: the results as JSON-ready data and the examples' expectations (YAML data)


def _as_of(regime: Regime, value: object) -> Moment:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date) or (isinstance(value, str) and len(value) == 10):
        return moment(value, "day", "as_of")
    return moment(value, "minute", "as_of")


def _compare(res: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    diffs: list[str] = []
    for key, want in expect.items():
        if key == "violations":
            got, want = sorted(v["code"] for v in res["violations"]), sorted(want or [])
            if got != want:
                diffs.append(f"violations: expected {want}, got {got}")
        elif key == "stages":
            diffs.extend(_compare_stages(res["stages"], want or {}))
        elif key not in res:
            diffs.append(f"unknown result field '{key}'")
        elif res[key] != want:
            diffs.append(f"{key}: expected {want}, got {res[key]}")
    return diffs


def _compare_stages(stages: list[dict[str, Any]], want: dict[str, Any]) -> list[str]:
    """The differences of the stages an example expects (stage -> fields) from the result's."""
    diffs: list[str] = []
    by = {s["stage"]: s for s in stages}
    for stage, fields in want.items():
        if stage not in by:
            diffs.append(f"stage {stage}: expected, not in the result")
            continue
        for f, w in fields.items():
            w = w.isoformat() if isinstance(w, dt.date) else w
            if by[stage].get(f) != w:
                diffs.append(f"stage {stage} {f}: expected {w}, got {by[stage].get(f)}")
    return diffs


def run_regime_examples(rules_dir: str | Path | None = None,
                        hours_search_path: SearchPath = None) -> list[ExampleOutcome]:
    """Load every regime under ``rules_dir`` (default: bundled) and run its examples
    (office hours from ``hours_search_path`` first, then the bundled ones)."""
    from ..rulebook import bundled_rules_dir
    from . import evaluate
    root = rules_dir or bundled_rules_dir()
    check_hours(hours_search_path)
    out: list[ExampleOutcome] = []
    for regime in check_ids(root):
        for ex in regime.examples:
            try:
                res = evaluate(dict(ex.order, regime=regime.id), _as_of(regime, ex.as_of), params=ex.params,
                               search_path=root, hours_search_path=hours_search_path).to_dict()
                diffs = _compare(res, {k: v for k, v in ex.expect.items() if k != "error"})
                if "error" in ex.expect:
                    diffs.append(f"expected an error of kind {ex.expect['error']}, got a result")
            except DisclosureRulesError as exc:
                diffs = [] if ex.expect.get("error") == exc.kind else [f"error: {exc.message}"]
            out.append(ExampleOutcome(regime.id, ex.name, ex.path, ex.line, not diffs, tuple(diffs)))
    return out


def check_hours(search_path: SearchPath = None) -> list[str]:
    """Load and index every office-hours file (a mistake is a RuleFileError with file and line)."""
    from ..calendar.worktime import available_hours, working_time
    names = available_hours(search_path)
    for name in names:
        working_time(name, search_path=search_path)
    return names


def regime_file_loaders() -> dict[str, Callable[[Path], Regime | Assessment | None]]:
    """File name -> loader, for the registry of rule files (``rule_files.OTHER_LOADERS``)."""
    from .assessment import load_assessment_file
    from .files import load_regime_folder
    return {"regime.yaml": lambda p: load_regime_folder(p.parent),
            "assessment.yaml": lambda p: load_assessment_file(p, p.parent.parent),
            "stages.yaml": lambda p: None,              # read with its folder's regime.yaml
            "regime-examples.yaml": lambda p: None}     # run by run_regime_examples
