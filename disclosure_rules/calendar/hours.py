"""Office hours as values: a day's opening periods (:class:`Schedule`) and an
office-hours file (:class:`OfficeHours`), read by :mod:`.hours_file` and
counted by :mod:`.worktime`."""

from __future__ import annotations

import datetime as dt

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr


def hm(m: int) -> str:
    """Minutes after midnight as HH:MM."""
    return f"{m // 60:02d}:{m % 60:02d}"


@attrs.frozen(repr=False)
class Schedule(SharedRepr):
    """The opening periods of a working day, in minutes after midnight."""

    periods: tuple[tuple[int, int], ...]
    basis: tuple[Basis, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    season: tuple[str, str] | None = None      # ("MM-DD", "MM-DD"), may wrap over the new year
    line: int = 0

    @property
    def minutes(self) -> int:
        return sum(e - s for s, e in self.periods)

    def applies(self, d: dt.date) -> bool:
        if (self.valid_from and d < self.valid_from) or (self.valid_to and d > self.valid_to):
            return False
        if self.season is None:
            return True
        md, (a, b) = d.strftime("%m-%d"), self.season
        return a <= md <= b if a <= b else (md >= a or md <= b)

    def to_dict(self) -> dict[str, object]:
        return {"periods": [f"{hm(s)}-{hm(e)}" for s, e in self.periods],
                "from": self.valid_from.isoformat() if self.valid_from else None,
                "to": self.valid_to.isoformat() if self.valid_to else None,
                "season": list(self.season) if self.season else None,
                "basis": [b.to_dict() for b in self.basis]}


@attrs.frozen(repr=False)
class OfficeHours(SharedRepr):
    """An office-hours file: which calendar, which schedules, and on what basis."""

    id: str
    title: str
    calendar: str
    schedules: tuple[Schedule, ...]
    basis: tuple[Basis, ...]
    assumption: str = ""
    path: str = ""

    def schedule_on(self, d: dt.date) -> Schedule | None:
        """The schedule in force on ``d`` (None when no schedule covers it)."""
        hits = [s for s in self.schedules if s.applies(d)]
        seasonal = [s for s in hits if s.season is not None]
        hits = seasonal or hits
        if len(hits) > 1:
            raise RuleFileError(self.path, hits[1].line,
                                message("hours.overlap", day=d))
        return hits[0] if hits else None
