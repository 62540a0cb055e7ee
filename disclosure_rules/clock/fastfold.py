"""The fold of the fast batch path (see :mod:`.fast`): one case, no trace, days as ranks.

Each step mirrors its plain counterpart (``fold.run``, ``effects.HANDLERS``,
``consultations``, ``assemble.result_of``) and raises :class:`Bail` where
the plain clock would raise or where it would take a path this module does
not follow.
"""

from __future__ import annotations

import datetime as dt

from ..result import Result
from .fasteffects import EFFECTS_FAST, lapse
from .fastresult import result_of
from .fastrules import EFFECTS, Rulebook
from .fastspan import Bail, Ranks
from .faststate import Fold
from .lean import LeanCase, LeanEvent

_INF = float("inf")
assert set(EFFECTS_FAST) == EFFECTS        # the effects fastrules lets through are the ones handled here


def _in_order(f: Fold) -> list[LeanEvent]:
    """events.in_order: by date, then same-day order (two of one type on one day: the plain clock)."""
    order = f.v.order
    ranked = sorted(f.events, key=lambda e: (e[1], order.get(e[0], _INF)))
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a[1] == b[1] and a[0] == b[0]:
            raise Bail
    return ranked


def run(rules: Rulebook, rk: Ranks, case: LeanCase, as_of: dt.date) -> Result:
    """The result of one case (raises Bail where the plain clock must take it)."""
    f = Fold(rules, rk, case, as_of)
    v, as_of, received = f.v, f.as_of, f.received
    table, base, n = v.events, f.rk.base, f.rk.n
    for ev in _in_order(f):
        t = ev[1]
        if t > as_of:
            continue
        if t < received or not 0 <= t.toordinal() - base < n:
            raise Bail                               # before receipt, or outside the calendar: the plain clock raises
        got = table.get(ev[0])
        if got is None:
            raise Bail
        rule, sup = got
        if sup is not None and not sup.in_force(t):
            raise Bail
        if f.susp is not None and f.closed is None:
            lapse(f, t)
        if f.closed is not None:
            if f.closed[0] != "abandoned" or (ev[2].get("justified") and rule.effect == "restart"):
                raise Bail                           # an error, or a justified late correction reopening
            continue                                 # ignored: after the request was deemed abandoned
        EFFECTS_FAST[rule.effect](f, ev, rule)
    lapse(f, as_of)
    return result_of(f)
