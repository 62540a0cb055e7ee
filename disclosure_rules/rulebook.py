"""The clock's rules, as values: a stable name for what :mod:`disclosure_rules.rulefiles` loads.

The value classes live in :mod:`disclosure_rules.rulefiles.clockrules`, the
loader in :mod:`disclosure_rules.rulefiles.clockfiles` and the checks
against the engine's vocabulary in :mod:`disclosure_rules.rulefiles.clockcheck`.
:func:`load_rules` reads a rules folder (default: the bundled one, loaded
once per process) into a :class:`RuleBook`.
"""

from __future__ import annotations

from pathlib import Path

from .rulefiles.bundle import bundled_rules_dir, load_book
from .rulefiles.clockrules import (
    Channel,
    EventRule,
    Example,
    Parameter,
    PartyRule,
    Period,
    RuleBook,
    Rules,
    RuleSet,
    ViolationRule,
)
from .rulefiles.common import Text
from .rulefiles.registry import CLOCK_FILES
from .rulefiles.vocabulary import EFFECTS, FACTS, PSEUDO_EVENTS

__all__ = ["CLOCK_FILES", "Channel", "EFFECTS", "EventRule", "Example", "FACTS", "PSEUDO_EVENTS", "Parameter",
           "PartyRule", "Period", "RuleBook", "RuleSet", "Rules", "Text", "ViolationRule", "bundled_rules_dir",
           "load_rules"]


def load_rules(path: str | Path | None = None) -> RuleBook:
    """Every rule set under ``path`` (default: the bundled ``rules/``), checked.

    Raises :class:`~disclosure_rules.errors.RuleFileError` (file, line, zh + en) for the first mistake.
    Under another ``path`` every file of the tree is checked; the bundled tree's rule sets only are read
    (its other files are checked by the tests and by :func:`~.rulefiles.bundle.load_bundle`).
    """
    return load_book(path)
