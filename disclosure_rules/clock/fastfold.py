"""The fold of the fast batch path (see :mod:`.fast`): one case, no trace, days as ranks.

Each step mirrors its plain counterpart (``fold.run``, ``effects.HANDLERS``,
``consultations``, ``assemble.result_of``) and raises :class:`Bail` where
the plain clock would raise or where it would take a path this module does
not follow.
"""

from __future__ import annotations

import datetime as dt
from string import Formatter
from typing import Any, cast

from ..outcomes import OutcomeCatalogue
from ..result import Result, Violation
from ..rulebook import EventRule, RuleBook, ViolationRule
from .checks import fill
from .compiled import Fact
from .fasteffects import EFFECTS_FAST, lapse
from .fastresult import result_of
from .fastspan import Bail, Ranks, Spans
from .lean import LeanCase
from .prepared import Prepared, nationals, prepared

_INF = float("inf")
_KEEP = 50_000                  # violations kept for reuse (then forgotten: the memory stays bounded)
_ONE_DAY = dt.timedelta(days=1)
_EFFECTS = frozenset({"suspend", "restart", "pause", "resume", "extend", "set", "close", "record"})


class Version:
    """What the fold reads of one prepared version (no local layer), looked up once."""

    def __init__(self, prep: Prepared) -> None:
        rules = prep.rules
        self.prep, self.rules, self.main = prep, rules, rules.main
        self.order = prep.order
        self.reply = rules.period("reply").workdays
        self.checks = prep.checks
        self.base_facts = prep.base_facts
        self.periods = {k: p.workdays for k, p in rules.periods.items()}
        self.bound = rules.parameters.get("consultation_bound")
        # event type -> (rule, supplement whose effective date limits it, or None)
        self.events: dict[str, tuple[EventRule, Any]] = {}
        for t, rule in rules.events.items():
            sup = rules.supplement_for(t)
            self.events[t] = (rule, sup if sup is not None and rule.source == sup.id else None)
        self.catalogue = cast("OutcomeCatalogue | None", rules.main.outcomes)
        self.rows: dict[tuple[str, Any], str | None] = {}
        self.named: dict[str, tuple[str, ...]] = {}           # violation code -> the facts its messages name
        self.made: dict[tuple[Any, ...], Violation] = {}

    def violation(self, r: ViolationRule, date: dt.date, event_type: str, facts: dict[str, Fact]) -> Violation:
        """The Violation ``checks.check`` builds, shared between results (it is frozen): the same rule, day
        and values of the facts its messages name give the same violation."""
        names = self.named.get(r.code)
        if names is None:
            names = self.named[r.code] = tuple(sorted({f for m in (r.message.en, r.message.zh)
                                                       for _lit, f, _s, _c in Formatter().parse(m) if f}))
        key = (r.code, date, event_type, tuple(facts.get(k) for k in names))
        got = self.made.get(key)
        if got is None:
            if len(self.made) > _KEEP:
                self.made.clear()
            values = {**facts, **self.prep.period_values}
            got = self.made[key] = Violation(r.code, date, event_type, r.title.en, r.title.zh,
                                             fill(r.message.en, values), fill(r.message.zh, values), r.basis,
                                             r.voids_effect, r.source)
        return got

    def report_row(self, outcome: str | None, reason: Any) -> str | None:
        """As ``assemble._report_row``, remembered per (outcome, reason)."""
        key = (outcome, reason)
        if key not in self.rows:
            cat = self.catalogue
            if outcome is None or cat is None or outcome not in cat.codes():
                row = None
            elif cat.get(outcome).by_reason and reason not in cat.reasons:
                row = None
            else:
                row = cat.report_row(outcome, reason)
            self.rows[key] = row
        return self.rows[key]


class Rulebook:
    """The national versions of a book, newest first, each with its channels and prepared rules."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.versions = []
        for main in nationals(book):
            v = Version(prepared(book, main.id, None))
            if any(r.effect not in _EFFECTS for r in v.rules.events.values()):
                raise Bail                                   # an effect this path does not know
            self.versions.append((main, v))


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

    __slots__ = ("v", "rk", "cid", "channel", "applicant", "as_of", "received", "start", "n", "ext", "fixed",
                 "susp", "app_due", "closed", "closing_due", "corrections", "remaining", "outcome", "reason",
                 "violations", "cons", "spans", "stamp", "events", "memo", "ver",
                 "nopen", "pausing", "r_received")

    def __init__(self, rules: Rulebook, rk: Ranks, case: LeanCase, as_of: dt.date) -> None:
        self.cid, self.channel, dates, self.events, self.applicant, _cal = case
        self.rk, self.as_of = rk, as_of
        self.ext, self.fixed, self.susp, self.app_due, self.closed = 0, None, None, None, None
        self.closing_due, self.corrections, self.remaining = None, 0, None
        self.outcome, self.reason = None, None
        self.violations: list[Violation] = []
        self.cons: list[list[Any]] = []       # [party, sent, limit, pauses, answered]
        self.spans: Spans | None = None
        self.stamp: Any = None
        self.memo: tuple[Any, dt.date | None] = ((), None)
        self.ver = self.nopen = self.pausing = 0    # consultation changes, open ones that pause, all that pause
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
        full = dict(self.v.base_facts)
        full.update(facts)
        full["prior_correction_notices_plus_one"] = full["prior_correction_notices"] + 1
        fired = [c.rule for c in candidates if c.holds(full)]
        if not fired:
            return False
        for r in fired:
            self.violations.append(self.v.violation(r, date, event_type, full))
        return any(r.voids_effect for r in fired)

    # -- the fold (fold.run) -----------------------------------------------------------------------
    def result(self) -> Result:
        v, as_of = self.v, self.as_of
        order = v.order
        ranked = sorted(self.events, key=lambda e: (e[1], order.get(e[0], _INF)))
        for a, b in zip(ranked, ranked[1:], strict=False):
            if a[1] == b[1] and a[0] == b[0]:
                raise Bail                               # same type, same day: ordered by content (plain clock)
        for ev in ranked:
            t = ev[1]
            if t > as_of:
                continue
            if t < self.received:
                raise Bail
            self.rk.rank(t)                              # a day outside the calendar: the plain clock raises
            got = v.events.get(ev[0])
            if got is None:
                raise Bail
            rule, sup = got
            if sup is not None and not sup.in_force(t):
                raise Bail
            lapse(self, t)
            if self.closed is not None:
                if self.closed[0] != "abandoned" or (ev[2].get("justified") and rule.effect == "restart"):
                    raise Bail                           # an error, or a justified late correction reopening
                continue                                 # ignored: after the request was deemed abandoned
            EFFECTS_FAST[rule.effect](self, ev, rule)
        lapse(self, as_of)
        return result_of(self)
