"""The public entry points, with the bundled defaults.

The domain modules (:mod:`.clock`, :mod:`.outcomes`, :mod:`.fees`,
:mod:`.remedies`, :mod:`.report`) take rules and calendars as arguments;
this module supplies the bundled ones when none are given, so that
``classify(facts)`` or ``fee(nth_request=35)`` answer under the rules that
ship with the package.  Every function here is a thin call through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import disclosure_rules.remedies as _remedies  # (the package's own `remedies` is api.remedies, the function)

from . import clock, fees, filekinds, outcomes, report, report_render
from .calendar import Calendar, available_calendars, load_calendar
from .errors import UnknownNameError
from .examples import ExampleOutcome, run_examples
from .messages import message
from .result import Result
from .rulefiles import feefiles, outcomefiles, remedyfiles, reportfiles
from .rulefiles.bundle import RuleBundle, bundled_rules_dir, load_book, load_bundle
from .rulefiles.clockrules import RuleBook

# the rule files of the floors above the loader (labels, published reports, regimes)
filekinds.register_bundled_kinds()

__all__ = [
    "annual_table",
    "available_calendars",
    "bundled_rules_dir",
    "check_answer",
    "check_rules",
    "check_table",
    "classify",
    "evaluate",
    "evaluate_many",
    "fee",
    "fee_for_requests",
    "load_bundle",
    "load_calendar",
    "load_fee_schedule",
    "load_outcome_file",
    "load_outcomes",
    "load_remedy_rules",
    "load_rules",
    "load_table_layout",
    "read_table",
    "remedies",
    "remedies_for_result",
]


# ----------------------------------------------------------------------------- rules and calendars

def load_rules(path: str | Path | None = None) -> RuleBook:
    """Every rule set under ``path`` (default: the bundled ``rules/``), checked against the engine.

    Raises :class:`~disclosure_rules.errors.RuleFileError` (file, line, zh + en) for the first mistake.
    """
    return load_book(path)


def load_outcomes(version: str = "ogi-2019", rules_dir: str | Path | None = None) -> outcomes.OutcomeCatalogue:
    """The outcome catalogue of a rule version (``ogi-2019``, ``ogi-2008``)."""
    if not isinstance(version, str):
        raise UnknownNameError(message("api.version", value=repr(version)))
    if rules_dir is not None:
        return outcomefiles.load_outcome_file(Path(rules_dir) / version / "outcomes.yaml", version)
    cats = load_bundle().outcomes
    if version not in cats:
        from .hints import hint
        raise UnknownNameError(message("api.no_catalogue", version=version, hint=hint(version, sorted(cats))))
    return cats[version]


def load_outcome_file(path: str | Path, version: str | None = None) -> outcomes.OutcomeCatalogue:
    """An outcome catalogue read from ``path``."""
    return outcomefiles.load_outcome_file(path, version)


def load_fee_schedule(path: str | Path | None = None) -> fees.Schedule:
    """The fee schedule (default: the bundled 国办函〔2020〕109号 schedule)."""
    return feefiles.load_fee_schedule(path) if path is not None else load_bundle().only("fees")


def load_remedy_rules(path: str | Path | None = None) -> dict[str, Any]:
    """The review and litigation periods (default: the bundled ones)."""
    return remedyfiles.load_remedy_rules(path) if path is not None else load_bundle().only("remedies")


def load_table_layout(path: str | Path | None = None) -> report.TableLayout:
    """The layout of section three of the annual report (default: the bundled 2021 format)."""
    return reportfiles.load_table_layout(path) if path is not None else load_bundle().only("report")


# ----------------------------------------------------------------------------- the clock

def evaluate(case: Any, as_of: dt.date | None = None, *, rules: RuleBook | None = None,
             calendar: Calendar | None = None, estimate_until: int | None = None, trace: bool = True,
             extra_keys: str = "reject") -> Result:
    """Evaluate a case (see :func:`disclosure_rules.clock.evaluate`) under the bundled rules by default;
    without ``as_of``, as of today in Beijing time."""
    return clock.evaluate(case, as_of, rules=rules if rules is not None else load_rules(), calendar=calendar,
                          estimate_until=estimate_until, trace=trace, extra_keys=extra_keys)


def evaluate_iter(cases: Iterable[Any], as_of: dt.date | None = None, *, rules: RuleBook | None = None,
                  calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None,
                  errors: str = "raise", trace: bool = False) -> Iterator[Any]:
    """Evaluate cases one at a time (see :func:`disclosure_rules.clock.evaluate_iter`)."""
    return clock.evaluate_iter(cases, as_of, rules=rules if rules is not None else load_rules(),
                               calendars=calendars, estimate_until=estimate_until, errors=errors, trace=trace)


def evaluate_many(cases: Iterable[Any], as_of: dt.date | None = None, *, rules: RuleBook | None = None,
                  calendars: dict[str, Calendar] | None = None, estimate_until: int | None = None,
                  errors: str = "raise") -> list[Any]:
    """Evaluate many cases (see :func:`disclosure_rules.clock.evaluate_many`)."""
    results: list[Any] = clock.evaluate_many(cases, as_of, rules=rules if rules is not None else load_rules(),
                                             calendars=calendars, estimate_until=estimate_until, errors=errors)
    return results


# ----------------------------------------------------------------------------- outcomes, fees, remedies

def classify(facts: dict[str, Any], version: str = "ogi-2019", *,
             catalogue: outcomes.OutcomeCatalogue | None = None) -> outcomes.Classification:
    """The one lawful answer for the facts an officer established (see :func:`.outcomes.classify`)."""
    return outcomes.classify(facts, catalogue if catalogue is not None else load_outcomes(version))


def check_answer(outcome: str, given: Any, *, facts: dict[str, Any] | None = None, version: str = "ogi-2019",
                 catalogue: outcomes.OutcomeCatalogue | None = None) -> dict[str, Any]:
    """What an answer letter for ``outcome`` is missing (see :func:`.outcomes.check_answer`)."""
    cat = catalogue if catalogue is not None else load_outcomes(version)
    return outcomes.check_answer(outcome, given, cat, facts=facts)


def fee(*, nth_request: int | None = None, pages: int | None = None, on: dt.date | None = None,
        schedule: fees.Schedule | None = None) -> fees.Fee:
    """The information processing fee (see :func:`.fees.fee`)."""
    return fees.fee(schedule if schedule is not None else load_fee_schedule(), nth_request=nth_request,
                    pages=pages, on=on)


def fee_for_requests(first: int, last: int, *, on: dt.date | None = None,
                     schedule: fees.Schedule | None = None) -> fees.Fee:
    """The fees of an applicant's requests number ``first`` to ``last`` of a month, together."""
    return fees.fee_for_requests(schedule if schedule is not None else load_fee_schedule(), first, last, on=on)


def remedies(*, answered: dt.date | None = None, outcome: str | None = None, rights_stated: bool = True,
             no_answer_since: dt.date | None = None, review_decided: dt.date | None = None,
             calendar: Calendar | None = None, rules: dict[str, Any] | None = None,
             start_bounds: tuple[dt.date, dt.date] | None = None) -> _remedies.Remedies:
    """Review and litigation deadlines (see :func:`.remedies.remedies`), on the national calendar by default."""
    return _remedies.remedies(answered=answered, outcome=outcome, rights_stated=rights_stated,
                              no_answer_since=no_answer_since, review_decided=review_decided,
                              calendar=calendar if calendar is not None else load_calendar("cn"),
                              rules=rules if rules is not None else load_remedy_rules(), start_bounds=start_bounds)


def remedies_for_result(result: Result, *, rights_stated: bool = True, calendar: Calendar | None = None,
                        rules: dict[str, Any] | None = None) -> _remedies.Remedies:
    """Remedies for an evaluated case (see :func:`.remedies.remedies_for_result`)."""
    return _remedies.remedies_for_result(result, rights_stated=rights_stated,
                                         calendar=calendar if calendar is not None else load_calendar("cn"),
                                         rules=rules if rules is not None else load_remedy_rules())


# ----------------------------------------------------------------------------- the annual report

def annual_table(records: Iterable[Any], year: int, layout: report.TableLayout | None = None) -> report.AnnualTable:
    """Section three of the annual report for ``year`` (see :func:`.report.annual_table`)."""
    return report.annual_table(records, year, layout if layout is not None else load_table_layout())


def check_table(table: Any, layout: report.TableLayout | None = None) -> list[report.Finding]:
    """Every way a section-three table breaks the format's rules (see :func:`.report.check_table`)."""
    if layout is None and not isinstance(table, report.AnnualTable):
        layout = load_table_layout()
    return report.check_table(table, layout)


def read_table(path: str | Path, layout: report.TableLayout | None = None) -> dict[str, Any]:
    """A published table from JSON or CSV (see :func:`.report_render.read_table`)."""
    return report_render.read_table(path, layout if layout is not None else load_table_layout())


# ----------------------------------------------------------------------------- checking rule trees

def check_rules(rules_dir: str | Path | None = None, calendars_dir: str | Path | None = None
                ) -> tuple[RuleBundle, dict[str, Calendar], list[ExampleOutcome]]:
    """Load a rule tree and the calendars and run every example beside the rules.

    Returns the bundle, the calendars by id and one outcome per example;
    a malformed file raises :class:`~disclosure_rules.errors.RuleFileError`.
    """
    search = [Path(calendars_dir)] if calendars_dir is not None else None
    cals = {cid: load_calendar(cid, search_path=search) for cid in available_calendars(search)}
    bundle = load_bundle(rules_dir)
    return bundle, cals, run_examples(bundle.book, (lambda cid: cals[cid]) if search else None)

