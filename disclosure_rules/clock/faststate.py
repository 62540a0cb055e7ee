"""The state of one case in the fast batch path (:mod:`.fast`): ``state.ClockState`` with days as ranks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..result import Violation
from ..rulefiles.clockrules import EventRule
from .compiled import Fact
from .fastrules import Rulebook, Version
from .fastspan import Bail, Ranks, Spans
from .lean import LeanCase


def _date_of_receipt(main: Any, v: Version, channel: str, dates: dict[str, dt.date]) -> tuple[dt.date, int]:
    """receipt._date_of_receipt: the date of receipt by the channel's rule, and the days a confirmation came late."""
    ch = main.channels.get(channel)
    if ch is None or any(f not in dates for f in ch.requires):
        raise Bail
    received = dates[ch.date_of_receipt]
    for f, d in dates.items():
        if f != ch.date_of_receipt and d > received and f in ch.requires:
            raise Bail
    late = 0
    if ch.confirm_on_day_of and ch.confirm_on_day_of in dates:
        late = (received - dates[ch.confirm_on_day_of]).days
        if late > 0 and v.rules.param("late_confirmation") == "arrival":
            received = dates[ch.confirm_on_day_of]
    return received, late


class Fold:
    """The state of one case while its events are folded (attributes as in ``state.ClockState``)."""

    # the state before the first event, as class attributes: an instance writes only what changes
    ext: int = 0
    fixed: dt.date | None = None
    susp: tuple[str, EventRule, dt.date] | None = None
    app_due: dt.date | None = None
    closed: tuple[str, dt.date, Any] | None = None
    closing_due: dt.date | None = None
    corrections: int = 0
    remaining: int | None = None
    outcome: str | None = None
    reason: Any = None
    spans: Spans | None = None
    stamp: Any = None
    memo: tuple[Any, dt.date | None] = ((), None)
    ver = nopen = pausing = 0                # consultation changes, open ones that pause, all that pause

    def __init__(self, rules: Rulebook, rk: Ranks, case: LeanCase, as_of: dt.date) -> None:
        self.cid, self.channel, dates, self.events, self.applicant, _cal = case
        self.rk, self.as_of = rk, as_of
        self.violations: list[Violation] = []
        self.cons: list[list[Any]] = []       # [party, sent, limit, pauses, answered]
        self._receive(rules, dates)

    # -- receipt (receipt.receive, fold._start) ---------------------------------------------------
    def _receive(self, rules: Rulebook, dates: dict[str, dt.date]) -> None:
        for main, v in rules.versions:
            received, late = _date_of_receipt(main, v, self.channel, dates)
            if main.in_force(received):
                break
        else:
            raise Bail
        self.v = v
        if v.prep.rest_day_next_workday and not self.rk.workday(received):
            received = self.rk.day(self.rk.rank(received) + 1)
        if self.as_of < received:
            raise Bail
        self.received = self.start = received
        self.r_received = self.rk.rank(received)
        self.n = v.reply
        self.due(received)
        self.check("receipt", received, {"days_confirmation_late": late})

    # -- the due date (state.ClockState.due, exclusions) -----------------------------------------
    def _spans(self, t: dt.date, at_limits: bool = False) -> Spans | None:
        """The merged intervals as known on day t (kept until a consultation changes or, while one that
        pauses is open, the day moves on)."""
        if not self.pausing:
            return None
        stamp = (self.ver, t if self.nopen else None)
        if not at_limits and stamp == self.stamp:
            return self.spans
        base, cum, n = self.rk.base, self.rk.cum, self.rk.n
        spans = []
        for _party, sent, limit, pauses, answered in self.cons:
            if not pauses:
                continue
            if at_limits and answered is None and limit is not None:
                end = limit
            else:
                end = answered if answered is not None else t
                if limit is not None and limit < end:
                    end = limit
            if end > sent:
                i, j = sent.toordinal() - base, end.toordinal() - base
                if not (0 <= i < n and 0 <= j < n):
                    raise Bail
                spans.append((cum[i], cum[j]))
        got = Spans(spans)
        if not at_limits:
            self.spans, self.stamp = got, stamp
        return got

    def due(self, t: dt.date, at_limits: bool = False) -> dt.date | None:
        """The due date in force as known on day t (computed wherever the plain clock computes it, so
        that a due date past the calendar bails out where the plain clock raises)."""
        if self.susp is not None:
            return None
        if self.fixed is not None:
            return self.fixed
        key = (self.start, self.n + self.ext, self.ver, t if self.nopen else None)
        if key == self.memo[0] and not at_limits:
            return self.memo[1]
        spans = self._spans(t, at_limits)
        rk, start = self.rk, self.start
        days = key[1]
        if self.v.prep.start_day_counts and rk.workday(start):
            days -= 1
        if days < 1:
            raise Bail
        s = rk.rank(start)
        due = rk.day(s + days if spans is None or not spans.lo else spans.due(s, days))
        if not at_limits:
            self.memo = (key, due)
        return due

    def excluded(self, t: dt.date) -> int:
        spans = self._spans(t)
        return 0 if spans is None else spans.excluded_after(self.rk.rank(self.start))

    # -- violations (checks.check) ---------------------------------------------------------------
    def facts_at(self, t: dt.date, due: dt.date | None) -> dict[str, Fact]:
        rank = self.rk.rank
        rt = rank(t)
        past = rt - rank(due) if due is not None and t > due else 0
        return {"workdays_since_receipt": rt - self.r_received, "workdays_past_due": past,
                "prior_correction_notices": self.corrections}

    def check(self, event_type: str, date: dt.date, facts: dict[str, Fact]) -> bool:
        candidates = self.v.checks.get(event_type)
        if not candidates:
            return False
        full = {**self.v.base_facts, **facts}
        full["prior_correction_notices_plus_one"] = full["prior_correction_notices"] + 1
        fired = [c.rule for c in candidates if c.holds(full)]
        if not fired:
            return False
        for r in fired:
            self.violations.append(self.v.violation(r, date, event_type, full))
        return any(r.voids_effect for r in fired)
