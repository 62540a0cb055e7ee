"""The violation checks of the columnar fold (``checks.check`` for many cases at once), and their record.

A check evaluates the compiled conditions of the violations an event may
commit on the facts of every case at that event; each violation that holds
is recorded with the facts its message is filled with, and the cases where
one that ``voids_effect`` holds are returned (the event then leaves the
clock as it was).  The record keeps the order of the plain clock: the calls
are numbered in the order of the fold, the candidates in the order of the
rule file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .codes import Codes
from .state import State
from .vrules import VersionTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

_PLUS_ONE = ("prior_correction_notices", "prior_correction_notices_plus_one")   # (fact, fact + 1 for messages)


class Found(NamedTuple):
    """One violation found in many cases at one check: the cases, the check's place in the fold, the
    version, the violation (its index in VersionTable.violations), the days and the facts of the message."""

    rows: NDArray[np.int64]
    order: int
    version: int
    code: int
    dates: NDArray[np.int64]
    facts: dict[str, Any]


class Record:
    """The violations found so far."""

    def __init__(self) -> None:
        self.chunks: list[Found] = []
        self.calls = 0

    def add(self, rows: NDArray[np.int64], version: int, code: int, dates: NDArray[np.int64],
            facts: dict[str, Any], order: int) -> None:
        self.chunks.append(Found(rows, order, version, code, dates, facts))

    def flat(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """(case row, place of the check in the fold, rule, version) of every violation found, chunk after
        chunk: ``np.lexsort((rule, place, row))`` puts them in the order the plain clock finds them."""
        if not self.chunks:
            none = np.zeros(0, dtype=np.int64)
            return none, none, none, none
        per = np.array([(c.order, c.code, c.version) for c in self.chunks], dtype=np.int64)
        order, code, version = np.repeat(per, [len(c.rows) for c in self.chunks], axis=0).T   # one per violation
        return np.concatenate([c.rows for c in self.chunks]), order, code, version


class Checker:
    """Checks for one batch: the state, the codes and the record."""

    def __init__(self, st: State, codes: Codes, record: Record) -> None:
        self.st, self.codes, self.record = st, codes, record

    def facts_at(self, idx: NDArray[np.int64], t: NDArray[np.int64], due: NDArray[np.int64]) -> dict[str, Any]:
        """faststate.Fold.facts_at: working days since receipt and past the due date, prior corrections."""
        st = self.st
        rt = st.rank(idx, t)
        past = (due != 0) & (t > due)
        rd = st.rank(idx, np.where(past, due, t))
        return {"workdays_since_receipt": rt - st.r_received[idx], "workdays_past_due": np.where(past, rt - rd, 0),
                "prior_correction_notices": st.corrections[idx].copy()}

    def check(self, vi: int, vt: VersionTable, event: str, idx: NDArray[np.int64], t: NDArray[np.int64],
              facts: dict[str, Any]) -> NDArray[np.bool_]:
        """The cases of idx where a violation that voids the event's effect holds."""
        voided = np.zeros(len(idx), dtype=np.bool_)
        candidates = vt.checks.get(event)
        if not candidates or not len(idx):
            return voided
        full: dict[str, Any] = dict(vt.version.base_facts)
        full.update(facts)
        full[_PLUS_ONE[1]] = np.asarray(full[_PLUS_ONE[0]]) + 1
        self.record.calls += 1
        order = self.record.calls
        bit = self.codes.type.get(event)
        for c in candidates:
            holds = c.holds(full, len(idx))
            if not holds.any():
                continue
            kept = {k: (v[holds] if isinstance(v, np.ndarray) and v.shape == (len(idx),) else v)
                    for k, v in full.items()}
            self.record.add(idx[holds], vi, c.code, t[holds], kept, order)
            if c.rule.voids_effect:
                voided |= holds
                if bit is not None:
                    self.st.voided[idx[holds]] |= np.int64(1) << bit
        return voided
