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
