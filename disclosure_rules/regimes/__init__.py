"""Time-limit regimes beyond the request clock (12345 work orders, proactive
disclosure, court filings, ...): rule files over one general engine.

``evaluate(data, as_of)`` reads the regime named by ``data["regime"]``, parses
the order against it and returns a :class:`RegimeResult`.  Layering: this
package uses the calendar, the rule-file helpers and business-rules
(through :mod:`disclosure_rules.conditions`); the command line uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import CaseError, InputError
from ..lazy import lazy_attribute
from ..messages import message

if TYPE_CHECKING:
    from ..calendar.days import Calendar
    from ..calendar.worktime import SearchPath
    from .files import find_regime, load_regime_folder
    from .model import Regime
    from .periods import Moment, TimeBase
    from .result import RegimeResult, render_text

# the engine is imported when a regime case is evaluated, not by every command
# that only asks whether a case belongs to a regime (start-up time, issue 13)
_LAZY = {"find_regime": ".files", "load_regime_folder": ".files", "Regime": ".model", "RegimeResult": ".result",
         "render_text": ".result", "Moment": ".periods", "TimeBase": ".periods"}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _LAZY, globals(), name)

__all__ = ["evaluate", "is_regime_case", "find_regime", "load_regime_folder", "RegimeResult", "render_text",
           "time_base"]

# Any: a case (YAML or JSON data, checked by parse_order) and parameter values (YAML data)


def is_regime_case(data: object) -> bool:
    """Whether a case file's item belongs to a regime (it has a ``regime:`` key)."""
    return isinstance(data, dict) and "regime" in data


def time_base(regime: Regime, params: Mapping[str, Any] | None = None, *, calendar: Calendar | None = None,
              hours_search_path: SearchPath = None, estimate_until: int | None = None) -> TimeBase:
    from ..calendar import load_calendar
    from ..calendar.worktime import working_time
    from .periods import TimeBase

    cal = calendar or load_calendar(regime.calendar, estimate_until=estimate_until)
    if regime.resolution == "day":
        return TimeBase("day", cal)
    name = regime.resolve(regime.hours, params)
    if regime.hours is not None and not (isinstance(name, str) and name):
        raise InputError(message("regimes.hours_name", regime=regime.id, value=repr(name)))
    return TimeBase("minute", cal, working_time(name, cal if calendar else None, search_path=hours_search_path,
                                                estimate_until=estimate_until) if name else None)


def as_of_moment(regime: Regime, as_of: dt.date) -> Moment:
    """A date means the end of that day for a minute regime; a moment means its date for a day regime."""
    if regime.resolution == "day":
        return as_of.date() if isinstance(as_of, dt.datetime) else as_of
    if isinstance(as_of, dt.datetime):
        return as_of
    return dt.datetime.combine(as_of, dt.time(23, 59))


def evaluate(data: dict[str, Any], as_of: dt.date, *, params: Mapping[str, Any] | None = None,
             search_path: SearchPath = None, calendar: Calendar | None = None, hours_search_path: SearchPath = None,
             estimate_until: int | None = None) -> RegimeResult:
    """Evaluate one regime case (a plain dict with ``regime:``) as of a date or moment."""
    if not is_regime_case(data) or not isinstance(data["regime"], str):
        raise CaseError(message("regimes.no_regime"))
    from .engine import evaluate_order
    from .files import find_regime
    from .order import parse_order

    regime = find_regime(data["regime"], search_path)
    order = parse_order(regime, data)
    tb = time_base(regime, params, calendar=calendar, hours_search_path=hours_search_path,
                   estimate_until=estimate_until)
    return evaluate_order(regime, order, tb, as_of_moment(regime, as_of), params)


def now_in_beijing() -> dt.datetime:
    """The current Beijing time, to the minute, on the day ``DISCLOSURE_RULES_TODAY`` pins when it is
    set (:func:`~disclosure_rules.calendar.today.today_in_beijing`: the day is pinned, not the time)."""
    from ..calendar.today import BEIJING, today_in_beijing

    now = dt.datetime.now(BEIJING).replace(tzinfo=None, second=0, microsecond=0)
    return dt.datetime.combine(today_in_beijing(), now.time())


def parse_as_of(text: str) -> dt.datetime:
    """An ``--as-of`` moment ``YYYY-MM-DDTHH:MM``."""
    from ..calendar.worktime import parse_moment
    return parse_moment(text, "--as-of")
