"""What the columnar fold looks up by (version, event type code), as arrays built once per rule book:
the same-day order, the days a rule is in force, what a lapse gives, which types restart or pause."""

from __future__ import annotations

import attrs
import numpy as np

from ..reprs import SharedRepr
from .codes import NONE, Codes
from .vrules import VersionTable

NO_STATUS = -2                               # a suspending rule without an expiry status: the plain clock


@attrs.frozen(eq=False, repr=False)
class Lookups(SharedRepr):
    order: np.ndarray                        # (versions, types) same-day order (events.in_order)
    since: np.ndarray                        # first and last day (ordinals) the type's rule is in force:
    until: np.ndarray                        # never for a type the version does not define
    expiry_status: np.ndarray                # status and outcome codes of a lapse (fasteffects.lapse)
    expiry_outcome: np.ndarray
    restarts: np.ndarray                     # the type's effect is restart
    pauses: tuple[int, ...]                  # type codes whose effect is pause, in any version


def lookups(tables: list[VersionTable], codes: Codes) -> Lookups:
    shape = (len(tables), len(codes.types))
    since = np.full(shape, np.iinfo(np.int64).max, dtype=np.int64)
    until = np.full(shape, np.iinfo(np.int64).min, dtype=np.int64)
    status = np.full(shape, NO_STATUS, dtype=np.int64)
    outcome = np.full(shape, NONE, dtype=np.int64)
    restarts = np.zeros(shape, dtype=np.bool_)
    pauses: set[int] = set()
    for vi, vt in enumerate(tables):
        for code, et in vt.events.items():
            since[vi, code], until[vi, code] = et.since, et.until
            rule = et.rule
            if rule.expiry_status is not None:
                status[vi, code] = codes.status[rule.expiry_status]
            if rule.expiry_outcome is not None:
                outcome[vi, code] = codes.outcome[rule.expiry_outcome]
            restarts[vi, code] = rule.effect == "restart"
            if rule.effect == "pause":
                pauses.add(code)
    return Lookups(np.stack([vt.order for vt in tables]), since, until, status, outcome, restarts,
                   tuple(sorted(pauses)))
