"""What every handler of :mod:`.effects` works on: the state, the sorted event columns, the rules and the checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .checks import Checker
from .codes import Codes
from .lookups import Lookups
from .state import State
from .table import CaseTable
from .vrules import VersionTable

if TYPE_CHECKING:
    from numpy.typing import NDArray


class Step:
    """The batch being folded (the event columns of ``table`` sorted into the order of the fold)."""

    def __init__(self, st: State, table: CaseTable, codes: Codes, tables: list[VersionTable],
                 checker: Checker, lookups: Lookups) -> None:
        self.st, self.table, self.codes, self.tables, self.checker = st, table, codes, tables, checker
        self.lookups = lookups
        self.ev_date = table.ev_date.astype(np.int64)

    def dates(self, pos: NDArray[np.int64]) -> NDArray[np.int64]:
        return self.ev_date[pos]

    def facts_at(self, idx: NDArray[np.int64], t: NDArray[np.int64], due: NDArray[np.int64]) -> dict[str, Any]:
        return self.checker.facts_at(idx, t, due)

    def check(self, vi: int, event: str, idx: NDArray[np.int64], t: NDArray[np.int64],
              facts: dict[str, Any]) -> NDArray[np.bool_]:
        return self.checker.check(vi, self.tables[vi], event, idx, t, facts)
