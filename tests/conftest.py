import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cn():
    from disclosure_rules import load_calendar
    return load_calendar("cn")


def D(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def last_day(case: dict) -> dt.date:
    """The last date a case gives (its receipt or its latest event)."""
    def day(v):
        return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    dates = [day(v) for k, v in case["receipt"].items() if k != "channel"]
    dates += [day(e["date"]) for e in case.get("events") or []]
    return max(dates)


def evaluate_on_last_day(case, **kwargs):
    """``evaluate`` as of the case's last date, passed explicitly (the library's default is today)."""
    from disclosure_rules.clock import evaluate
    return evaluate(case, last_day(case), **kwargs)


# ----------------------------------------------------------------------------- the rule examples
# Every example beside the rules (rules/**/examples.yaml) is its own test item,
# named by its file and its case id, the way OpenFisca runs its YAML tests:
# `pytest tests/rule_examples.yaml` runs them all, and
# `pytest "tests/rule_examples.yaml::ogi-2019/examples.yaml::ex-2019-4"` one.

class RuleExamples(pytest.File):
    """tests/rule_examples.yaml names the rule folders whose examples to collect."""

    def collect(self):
        from disclosure_rules.api import load_bundle
        from disclosure_rules.rulefiles.yamldoc import load_yaml
        for folder in load_yaml(self.path)["rules"]:
            root = (self.path.parent / folder).resolve()
            book = load_bundle(root).book
            for rs in sorted(book.rulesets.values(), key=lambda r: r.folder):
                for ex in rs.examples:
                    from disclosure_rules.examples import example_id
                    rel = Path(ex.path).resolve().relative_to(root).as_posix()
                    yield RuleExample.from_parent(self, name=f"{rel}::{example_id(ex)}", example=ex,
                                                  ruleset=rs.id, book=book)


class RuleExample(pytest.Item):
    def __init__(self, *, example, ruleset, book, **kwargs):
        super().__init__(**kwargs)
        self.example, self.ruleset, self.book = example, ruleset, book

    def runtest(self):
        from disclosure_rules.examples import run_example
        outcome = run_example(self.example, self.ruleset, self.book)
        if not outcome.passed:
            raise ExampleFailed(outcome)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ExampleFailed):
            o = excinfo.value.outcome
            return f"{o.path}:{o.line}: example '{o.name}' failed:\n  " + "\n  ".join(o.differences)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.example.path, self.example.line - 1, f"example {self.name}"


class ExampleFailed(Exception):
    def __init__(self, outcome):
        super().__init__(outcome.name)
        self.outcome = outcome


def pytest_collect_file(parent, file_path):
    if file_path.name == "rule_examples.yaml":
        return RuleExamples.from_parent(parent, path=file_path)
    return None
