"""The names of a rule book as small integers: the codes the columns of :mod:`.table` hold.

Every name a column holds (channel, receipt field, event type, party,
outcome, reason, status) is the index of that name in a sorted tuple built
once from the rule book's vocabulary and outcome catalogues; ``-1`` is "no
name".  A name the rule book does not know has no code: the case it is in
goes to the plain clock, which reports it.
"""

from __future__ import annotations

from ..clock.fastrules import Rulebook
from ..clock.lean import Reader

NONE = -1                                   # no name: the field is absent or empty


def _index(names: tuple[str, ...]) -> dict[str, int]:
    return {n: i for i, n in enumerate(names)}


class Codes:
    """The names of one rule book, numbered (see the module docstring)."""

    def __init__(self, reader: Reader, rules: Rulebook) -> None:
        self.channels = tuple(sorted(reader.channels))
        self.receipt = tuple(sorted(reader.receipt))
        self.types = tuple(sorted(reader.events))
        self.parties = tuple(sorted(reader.parties))
        self.applicants = tuple(sorted(reader.applicants))
        outcomes: set[str] = set()
        reasons: set[str] = set()
        statuses: set[str] = set()
        for _main, v in rules.versions:
            cat = v.catalogue
            if cat is not None:
                outcomes.update(cat.outcomes)
                reasons.update(cat.reasons)
            for rule, _sup in v.events.values():
                outcomes.update(o for o in (rule.expiry_outcome,) if o is not None)
                statuses.update(s for s in (rule.status, rule.expiry_status) if s is not None)
        self.outcomes = tuple(sorted(outcomes | {_WITHDRAWN}))
        self.reasons = tuple(sorted(reasons))
        self.statuses = tuple(sorted(statuses | set(OPEN_STATUSES)))
        self.channel = _index(self.channels)
        self.field = _index(self.receipt)
        self.type = _index(self.types)
        self.party = _index(self.parties)
        self.applicant = _index(self.applicants)
        self.outcome = _index(self.outcomes)
        self.reason = _index(self.reasons)
        self.status = _index(self.statuses)


# the statuses the clock itself gives (assemble.result_of), beside the closing ones the rules name
OPEN_STATUSES = ("awaiting_correction", "awaiting_payment", "paused", "overdue", "running")
_WITHDRAWN = "withdrawn"                     # the outcome effects.close gives a withdrawal
