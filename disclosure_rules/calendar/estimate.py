"""Calendars for the years whose notice is not yet published, with bounds.

From the statutory holidays of a year (:mod:`.statutory`) and the published
arrangement principles (:mod:`.principles`, ``calendars/principles.yaml``)
this module builds, for each festival, the *family*: every block of days off
and every choice of make-up working days (调休上班) the principles allow
(docs/calendar.md states the family in words).  From the family, three
calendars:

* ``likely``: the most likely arrangement (shortest block holding the
  statutory days, make-up days nearest the block, at most six working days
  in a row) -- it gives ``due``;
* ``earliest``: a day is off only if it is off in every arrangement of the
  family, and a make-up day if it is one in any -- the largest working-day
  set; ``latest``: a day is off if it is off in any arrangement, and no
  make-up days -- the smallest.  Every arrangement's working days lie
  between the two sets.

Why the bounds hold.  A due date "N working days after D" is the N-th
element after D of the working-day set W; if W ⊆ W' the N-th element of W'
comes no later than that of W.  So ``earliest.add(D, N) <= arrangement.add(D,
N) <= latest.add(D, N)`` for every arrangement.  The clock composes such
steps: pauses exclude working days between two event dates (a larger W
excludes more days but also reaches N sooner: the N-th working day outside
the paused interval is still monotone), consultation limits are themselves
"15 working days after" (monotone), restarts count from event dates (fixed).
Where an event's effect depends on the due date -- an extension or a fee
notice is void if it comes after the due date -- the calendar with more
working days makes more events void, and a void event only removes a delay,
so the order still holds for the due date.  An applicant's period (Art. 30
correction, fee payment) also ends sooner with more working days: on the
earliest calendar a correction may come late and the request be abandoned
(no due date) while on another arrangement it is in time and the case goes
on; that due date is bounded by the earliest calendar's with the late
answer taken as in time (justified), which the wrapper computes then.  The
order does not hold for the other
fields: with one calendar a fee notice may be valid (the clock stops, the
applicant has a payment period, ``applicant_due`` exists) and with another
void (no applicant period at all; a violation is reported instead), and the
status (running/overdue) can differ.  The wrapper
(:mod:`disclosure_rules.provisional`) therefore reports the bounds it
computed on both calendars and says when the two disagree on what happened.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias

import attrs

from ..errors import InputError
from ..messages import message
from ..reprs import SharedRepr
from .days import Calendar, DayInfo
from .principles import FestivalRule, Merge, Principles, principles_for
from .statutory import StatutoryDay, lunar_new_years_eve, statutory_days

_ONE = dt.timedelta(days=1)

Days: TypeAlias = frozenset[dt.date]
# one festival of a unit: its rule, its statutory days, the name of its block
Part: TypeAlias = tuple[FestivalRule, list[dt.date], str]
# the ways a unit may be arranged: the festivals apart (the likely one first), or merged
Alternatives: TypeAlias = list[list[Part]]


@attrs.frozen(repr=False)
class Arrangement(SharedRepr):
    """One festival's days off (the block) and make-up working days."""

    name: str
    days_off: Days
    make_up: Days = frozenset()

    def join(self, other: Arrangement) -> Arrangement:
        return Arrangement(self.name, self.days_off | other.days_off, self.make_up | other.make_up)


@attrs.frozen(repr=False)
class Unit(SharedRepr):
    """A festival (or a merged pair) of a year: the likely arrangement and the family."""

    name: str
    likely: Arrangement
    family: tuple[Arrangement, ...]

    @property
    def off_always(self) -> Days:
        return frozenset.intersection(*(a.days_off for a in self.family))

    @property
    def off_ever(self) -> Days:
        return frozenset.union(*(a.days_off for a in self.family))

    @property
    def make_up_ever(self) -> Days:
        return frozenset.union(*(a.make_up for a in self.family))


@attrs.frozen(repr=False)
class Bounds(SharedRepr):
    """What a provisional calendar carries: the two extreme calendars and where they come from."""

    earliest: Calendar                 # most working days: gives the earliest due date
    latest: Calendar                   # fewest working days: gives the latest due date
    years: tuple[int, ...]
    units: tuple[tuple[int, Unit], ...]    # (year, Unit), per estimated festival
    principles: str                    # path digest of the principles file
    basis: str
    layers_not_estimated: tuple[str, ...] = ()   # regional layers whose own days of these years are not estimated

    def unknown_days(self, a: dt.date, b: dt.date) -> tuple[dt.date, ...]:
        """The days in ``(a, b]`` whose status (working or not) differs between arrangements."""
        lo, hi = max(a + _ONE, self.earliest.first_day), min(b, self.earliest.last_day)
        out, d = [], lo
        while d <= hi:
            if self.earliest.is_workday(d) != self.latest.is_workday(d):
                out.append(d)
            d += _ONE
        return tuple(out)

    def to_dict(self) -> dict[str, object]:
        return {"years": list(self.years), "principles": self.principles, "basis": self.basis,
                "layers_not_estimated": list(self.layers_not_estimated),
                "earliest_data_version": self.earliest.data_version, "latest_data_version": self.latest.data_version}


class _Context:
    """Working days as known so far: the base deviations, then what is fixed."""

    def __init__(self, base: Mapping[dt.date, DayInfo], weekend: frozenset[int], off: Iterable[dt.date] = (),
                 work: Iterable[dt.date] = ()):
        self.base, self.weekend = base, weekend
        self.off, self.work = set(off), set(work)

    def is_work(self, d: dt.date) -> bool:
        if d in self.work:
            return True
        if d in self.off:
            return False
        info = self.base.get(d)
        return info.workday if info is not None else d.weekday() not in self.weekend


def estimate_year(year: int, base: Mapping[dt.date, DayInfo], weekend: frozenset[int] = frozenset({5, 6}),
                  principles: Principles | None = None,
                  statutory: Iterable[StatutoryDay] | None = None) -> tuple[Unit, ...]:
    """The units (festivals) of ``year`` with their likely arrangement and family.

    ``base``: the known deviations (date -> DayInfo) of the neighbouring
    years; ``statutory``: the year's statutory days (default: the text in
    force, :func:`.statutory.statutory_days`)."""
    p = principles or principles_for(year)
    stat = statutory if statutory is not None else statutory_days(year)
    groups = _groups(year, p, stat)
    # pass 1: in date order, each festival around the others' statutory days and the choices made so far
    chosen: dict[int, Arrangement] = {}
    stat_of = [{d for alt in g for _, days, _ in alt for d in days} for g in groups]
    for i, g in enumerate(groups):
        others: set[dt.date] = set().union(*(s for j, s in enumerate(stat_of) if j != i))
        ctx = _Context(base, weekend, off=others | {d for a in chosen.values() for d in a.days_off},
                       work={d for a in chosen.values() for d in a.make_up})
        chosen[i] = _unit(g, ctx, p).likely
    # pass 2: each festival again, around the others' likely arrangements
    units = []
    for i, g in enumerate(groups):
        neighbours = [a for j, a in chosen.items() if j != i]
        ctx = _Context(base, weekend, off={d for a in neighbours for d in a.days_off},
                       work={d for a in neighbours for d in a.make_up})
        units.append(_unit(g, ctx, p))
    return tuple(units)


def _groups(year: int, p: Principles, stat: Iterable[StatutoryDay]) -> list[Alternatives]:
    """Per unit, its alternatives; each alternative a list of (rule, statutory days, name)."""
    by: dict[str, list[dt.date]] = {}           # festival -> its statutory dates (a list: 中秋 may fall on 国庆)
    for s in stat:
        by.setdefault(s.festival, []).append(s.date)
    joins: dict[str, tuple[FestivalRule, Merge, str]] = {}   # festival -> (host rule, its merge, always or maybe)
    for r in p.festivals:
        m = r.merge
        if m is not None and r.festival in by and m.festival in by:
            day = min(by[m.festival])
            key = (day.month, day.day)
            if m.always[0] <= key <= m.always[1]:
                joins[m.festival] = (r, m, "always")
            elif m.maybe and m.maybe[0] <= key <= m.maybe[1]:
                joins[m.festival] = (r, m, "maybe")
    groups: list[Alternatives] = []
    for r in p.festivals:
        if r.festival not in by or r.festival in joins:
            continue
        alone: list[Part] = [(r, by[r.festival], r.festival)]
        joined = next(((f, mg, how) for f, (host, mg, how) in joins.items() if host is r), None)
        if joined is None:
            groups.append([alone])
            continue
        f, merge, how = joined
        merged: list[Part] = [(FestivalRule(merge.name, ((merge.length, (0,)),), "first"), by[r.festival] + by[f],
                               merge.name)]
        apart = alone + [(_own_rule(p, f, merge), by[f], f)] if how != "always" else []
        groups.append([merged] if how == "always" else [apart, merged])   # apart first: the likely one
    groups.sort(key=lambda g: min(min(s) for _, s, _ in g[0]))
    return groups


def _own_rule(p: Principles, festival: str, merge: Merge) -> FestivalRule:
    """The rule of a festival that may be kept apart from the block it merges into."""
    rule = p.rule(festival)
    if rule is None:
        raise InputError(message("estimate.no_rule", festival=festival, merged=merge.name))
    return rule


def _unit(alternatives: Alternatives, ctx: _Context, p: Principles) -> Unit:
    families = [[_family(rule, tuple(sorted(days)), name, ctx, p) for rule, days, name in alt]
                for alt in alternatives]
    fams = [_joined(c) for parts in families for c in itertools.product(*(f for f, _ in parts))]
    likely = _joined([lk for _, lk in families[0]])
    return Unit(likely.name, likely, tuple(dict.fromkeys(fams)))


def _joined(arrs: Sequence[Arrangement]) -> Arrangement:
    out = arrs[0]
    for a in arrs[1:]:
        out = out.join(a)
    return out


def _family(rule: FestivalRule, stat: tuple[dt.date, ...], name: str, ctx: _Context,
            p: Principles) -> tuple[list[Arrangement], Arrangement]:
    """All arrangements of one festival, and the likely one."""
    blocks = _blocks(rule, stat, ctx)
    fam: list[Arrangement] = []
    ranked: list[tuple[int, Arrangement]] = []
    for rank, (block, k) in enumerate(blocks):
        choices, best = _make_ups(block, k, ctx, p)
        for c in choices:
            fam.append(Arrangement(name, block, c))
        ranked.append((rank, Arrangement(name, block, best)))
    return fam, ranked[0][1]


def _anchor(rule: FestivalRule, stat: tuple[dt.date, ...]) -> dt.date:
    first = min(stat)
    if rule.anchor == "first":
        return first
    if rule.anchor == "除夕":
        return lunar_new_years_eve(first.year)
    return dt.date(first.year, int(rule.anchor[:2]), int(rule.anchor[3:]))


def _blocks(rule: FestivalRule, stat: tuple[dt.date, ...], ctx: _Context) -> list[tuple[Days, int]]:
    """The blocks of days off holding every statutory day, with their number of make-up days; only the
    blocks with the fewest make-up days are kept, in order of likelihood.  ``stat`` counts a day twice
    when two festivals fall on it (2020: 中秋 on 10月1日 gave 国庆 an eighth day)."""
    first, last = min(stat), max(stat)
    if len(stat) == 1 and first.weekday() in rule.alone_on:
        return [(frozenset(stat), 0)]
    anchor = _anchor(rule, stat)
    found: list[tuple[tuple[int, int, bool, int], Days, int]] = []
    for li, (n, offsets) in enumerate(rule.shapes):
        start = last - dt.timedelta(days=n - 1)
        while start <= first:
            off = (start - anchor).days
            block = frozenset(start + dt.timedelta(days=i) for i in range(n))
            ok = offsets is None or off in offsets
            if ok and rule.with_weekend and n > 1:
                ok = any(d.weekday() in ctx.weekend for d in block)
            if ok:
                k = sum(1 for d in block if d.weekday() not in ctx.weekend and ctx.is_work(d)) - len(stat)
                if k >= 0:
                    found.append(((k, li, off < 0, abs(off)), block, k))
            start += _ONE
    if not found:
        return [(frozenset(stat), 0)]           # nothing fits the principle: the statutory days alone
    least = min(f[0][0] for f in found)
    found = sorted((f for f in found if f[2] == least), key=lambda f: f[0])
    return [(b, k) for _, b, k in found]


def _candidates(block: Days, ctx: _Context, weekends: int) -> list[tuple[int, dt.date]]:
    """Free weekend days of the nearest ``weekends`` weekends before and after the block, with distance."""
    out: list[tuple[int, dt.date]] = []
    for edge, step in ((min(block), -1), (max(block), 1)):
        seen, d = 0, edge + dt.timedelta(days=step)
        last_week: tuple[int, int] | None = None
        for _ in range(7 * (weekends + 4)):
            free = d not in ctx.off and d not in ctx.work and ctx.base.get(d) is None
            if d.weekday() in ctx.weekend and d not in block and free:
                week = d.isocalendar()[:2]
                if week != last_week:
                    if seen == weekends:
                        break
                    seen, last_week = seen + 1, week
                out.append((abs((d - edge).days), d))
            d += dt.timedelta(days=step)
    return out


def _make_ups(block: Days, k: int, ctx: _Context, p: Principles) -> tuple[list[Days], Days]:
    """Every allowed choice of k make-up days for the block, and the likely one."""
    if k == 0:
        return [frozenset()], frozenset()
    for weekends in range(p.weekends_each_side, p.weekends_each_side + 3):
        cands = _candidates(block, ctx, weekends)
        if len(cands) >= k:
            break
    combos = list(itertools.combinations(cands, k))
    valid = [c for c in combos if _longest_run(block, {d for _, d in c}, ctx) <= p.max_consecutive_workdays]
    valid = valid or combos                      # "一般不超过6天": if nothing keeps it, keep them all
    valid.sort(key=lambda c: (_isolated(block, {d for _, d in c}, ctx), sum(x for x, _ in c), [d for _, d in c]))
    choices = [frozenset(d for _, d in c) for c in valid]
    return choices, choices[0]


def _isolated(block: Days, make_up: set[dt.date], ctx: _Context) -> int:
    """Make-up days with a day off on both sides (a lone working Sunday before the holiday):
    the notices avoid them (2026: 2月14日 worked and 2月15日 off rather than the reverse)."""
    def works(d: dt.date) -> bool:
        return d not in block and (d in make_up or ctx.is_work(d))
    return sum(1 for d in make_up if not works(d - _ONE) and not works(d + _ONE))


def _longest_run(block: Days, make_up: set[dt.date], ctx: _Context) -> int:
    lo, hi = min(block) - dt.timedelta(days=21), max(block) + dt.timedelta(days=21)
    best = run = 0
    d = lo
    while d <= hi:
        if d not in block and (d in make_up or ctx.is_work(d)):
            run += 1
            best = max(best, run)
        else:
            run = 0
        d += _ONE
    return best


# -- the three calendars ---------------------------------------------------------------
def estimated_calendars(official: Calendar, until: int, principles: Principles | None = None,
                        statutory: Callable[[int], Iterable[StatutoryDay]] | None = None) -> Calendar:
    """The likely calendar for the years after ``official`` up to ``until``, carrying
    :class:`Bounds` (``.estimate``).  ``principles`` / ``statutory(year)``: override the
    bundled data (the backtest uses them)."""
    base: dict[dt.date, DayInfo] = dict(official.deviations)
    years = tuple(range(official.official_last_day.year + 1, until + 1))
    likely, early, late = dict(base), dict(base), dict(base)
    units: list[tuple[int, Unit]] = []
    for y in years:
        stat = statutory(y) if statutory is not None else None
        for u in estimate_year(y, likely, official.weekend, principles, stat):
            units.append((y, u))
            _mark(likely, u.likely.days_off, u.likely.make_up, u.name, base)
            _mark(early, u.off_always, u.make_up_ever, u.name, base)
            _mark(late, u.off_ever, frozenset(), u.name, base)
    last = dt.date(until, 12, 31)

    def cal(dev: dict[dt.date, DayInfo], tag: str) -> Calendar:
        return attrs.evolve(official, last_day=last, deviations=dev,
                            data_version=f"{official.data_version}+{tag}{until}")
    bounds = None
    if years:
        p = principles or principles_for(years[0])
        bounds = Bounds(cal(early, "earliest"), cal(late, "latest"), years, tuple(units),
                        f"{p.path}#{p.digest}", p.citation(), tuple(official.layers[1:]))
    out = cal(likely, "likely")
    return attrs.evolve(out, estimate=bounds)


def _mark(dev: dict[dt.date, DayInfo], off: Iterable[dt.date], make_up: Iterable[dt.date], name: str,
          base: Mapping[dt.date, DayInfo]) -> None:
    for d in off:
        if d not in base:
            dev[d] = DayInfo(d, False, "estimated_day_off", name, None, "estimate", estimated=True)
    for d in make_up:
        if d not in base:
            dev[d] = DayInfo(d, True, "estimated_make_up_workday", name, None, "estimate", estimated=True)
