"""The one table of rule-file kinds: file name, schema, loader.

Every YAML file under a rules folder is one of these kinds, found by its
name; a file no kind claims is reported (usually a misspelt name).  The
topic files of a rule set (``ruleset.yaml``, ``periods.yaml`` ...) are read
together, as one rule set, by :func:`.clockfiles.load_ruleset`; every other
kind is read on its own by its loader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr

# the topic files of a rule set, read together by .clockfiles.load_ruleset
CLOCK_FILES = ("ruleset.yaml", "receipt.yaml", "periods.yaml", "events.yaml", "violations.yaml",
               "clock.yaml", "examples.yaml")


# each loader is imported when a file of its kind is read, so that knowing the kinds costs nothing
def _outcomes(path: Path) -> Any:
    from .outcomefiles import load_outcome_file
    return load_outcome_file(path)


def _fees(path: Path) -> Any:
    from .feefiles import load_fee_schedule
    return load_fee_schedule(path)


def _remedies(path: Path) -> Any:
    from .remedyfiles import load_remedy_rules
    return load_remedy_rules(path)


def _table(path: Path) -> Any:
    from .reportfiles import load_table_layout
    return load_table_layout(path)


@attrs.frozen(repr=False)
class FileKind(SharedRepr):
    """A kind of rule file: its ``name`` on disk, its ``schema`` and, for the
    files read on their own, its ``loader(path)``; ``part`` names the field
    of the :class:`~.bundle.RuleBundle` that holds what it loads."""

    name: str
    schema: str
    part: str
    loader: Callable[[Path], Any] | None = None


FILE_KINDS: tuple[FileKind, ...] = (
    *(FileKind(n, "clock-rules", "rulesets") for n in CLOCK_FILES),
    FileKind("outcomes.yaml", "outcomes", "outcomes", _outcomes),
    FileKind("fees.yaml", "fees", "fees", _fees),
    FileKind("remedies.yaml", "remedies", "remedies", _remedies),
    FileKind("table.yaml", "report-table", "report", _table),
)
BY_NAME: dict[str, FileKind] = {k.name: k for k in FILE_KINDS}
# kinds read by a higher floor (published reports, regimes, labels): each registers its own with
# register_kind when imported (disclosure_rules.filekinds does it for the bundled ones), so this
# floor never imports upward; what they load goes into the bundle's ``extensions``
_REGISTERED: dict[str, FileKind] = {}


def register_kind(kind: FileKind) -> None:
    """Make ``kind`` known to the loader (its ``part`` must be ``extensions``)."""
    if kind.part != "extensions" or kind.loader is None or kind.name in BY_NAME:
        raise ValueError(f"cannot register {kind.name}: a registered kind has part 'extensions' and a loader")
    _REGISTERED.setdefault(kind.name, kind)


def kind_of(path: Path) -> FileKind:
    """The kind of a rule file, by its name; an unknown name is a RuleFileError."""
    kind = BY_NAME.get(path.name) or _REGISTERED.get(path.name)
    if kind is None:
        from .vocabulary import did_you_mean
        raise RuleFileError(path, None, message("registry.unknown_file", name=path.name,
                                                hint=did_you_mean(path.name, [*BY_NAME, *_REGISTERED])))
    return kind
