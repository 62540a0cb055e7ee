"""Load a whole rule tree into one checked, typed bundle.

:func:`load_bundle` walks a rules folder once: every rule-set folder (one
with ``ruleset.yaml``) becomes a :class:`~.clockrules.RuleSet` with its
outcome catalogue; every other YAML file is read by the loader its name
selects in :data:`.registry.FILE_KINDS`; then the book is checked as a whole
against the engine's vocabulary.  The bundled tree is read-only package data
and is loaded once per process (the one cache of loaded rule files).
Calendars are loaded by :mod:`disclosure_rules.calendar`; the bundle only
names the folder of calendars that ships beside the rules.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..data import data_dir
from ..data.digest import sha256
from ..errors import RuleFileError, UnknownNameError
from ..messages import message
from ..reprs import SharedRepr
from .clockcheck import check_book
from .clockfiles import load_ruleset
from .clockrules import RuleBook, RuleSet
from .outcomefiles import OutcomeCatalogue, load_outcome_file
from .registry import BY_NAME, kind_of

if TYPE_CHECKING:                    # a whole bundle's parts: their loaders are imported when a bundle is read
    from .feefiles import Schedule
    from .reportfiles import TableLayout


@attrs.frozen(eq=False, repr=False)
class RuleBundle(SharedRepr):
    """Everything a rules folder holds, loaded and checked.

    ``book``: the clock's rule sets; ``outcomes``: catalogue per rule-set id;
    ``fees``, ``remedies``, ``report``: per folder (relative to ``root``);
    ``files``: every file read; ``calendars``: the folder of calendars that
    ships beside these rules, when there is one.
    """

    root: str
    book: RuleBook
    outcomes: dict[str, OutcomeCatalogue]
    fees: dict[str, Schedule]
    remedies: dict[str, dict[str, Any]]
    report: dict[str, TableLayout]
    files: tuple[str, ...]
    calendars: str | None = None
    extensions: dict[str, Any] = attrs.field(factory=dict)   # file -> what a registered kind loaded

    def only(self, part: str) -> Any:
        """The one fee schedule, remedy file or report layout of the tree."""
        items: dict[str, Any] = getattr(self, part)
        if len(items) != 1:
            raise UnknownNameError(message("bundle.not_one", root=str(self.root), n=len(items), part=part))
        return next(iter(items.values()))


def bundled_rules_dir() -> Path:
    return data_dir("rules")


_CACHE: dict[Path, RuleBundle] = {}
_BOOKS: dict[Path, RuleBook] = {}


def load_book(root: str | Path | None = None) -> RuleBook:
    """The clock's rule sets under ``root``, checked against the engine: what evaluating a case needs.

    For the bundled tree (``root`` None) only the rule-set folders are read (once per process; the
    other bundled files are checked when the whole bundle is loaded, and by the tests); for any other
    tree the whole bundle is loaded and checked, as :func:`load_bundle` does.
    """
    if root is not None:
        return load_bundle(root).book
    bundled = bundled_rules_dir()
    if bundled in _CACHE:
        return _CACHE[bundled].book
    if bundled not in _BOOKS:
        _BOOKS[bundled] = _book(bundled, _rulesets(bundled))
    return _BOOKS[bundled]


def load_bundle(root: str | Path | None = None) -> RuleBundle:
    """Load and check the rule tree at ``root`` (default: the bundled ``rules/``).

    Raises :class:`RuleFileError` (file, line, zh + en) for the first mistake.
    """
    if root is None:
        bundled = bundled_rules_dir()
        if bundled not in _CACHE:
            _CACHE[bundled] = _load(bundled, data_dir("calendars"))
        return _CACHE[bundled]
    return _load(Path(root), None)


def bundled_only(part: str) -> Any:
    """The one fee schedule, remedy file or report layout (``part``) of the bundled tree,
    read without loading the rest of the tree (as ``load_bundle().only(part)``)."""
    if bundled_rules_dir() not in _CACHE:
        found = [p for p in _bundled_files() if p.name in BY_NAME and BY_NAME[p.name].part == part]
        loader = BY_NAME[found[0].name].loader if len(found) == 1 else None
        if loader is not None:
            return loader(found[0])
    return load_bundle().only(part)


@functools.cache
def _bundled_files() -> tuple[Path, ...]:
    """Every YAML file of the bundled tree, sorted: listed once per process (read-only package data;
    os.walk, not Path.rglob, as for the rule sets: the same files, without a pattern to match)."""
    return tuple(sorted(Path(d) / n for d, _, names in os.walk(bundled_rules_dir()) for n in names
                        if n.endswith(".yaml")))


def _load(root: Path, calendars: Path | None) -> RuleBundle:
    if not root.is_dir():
        raise UnknownNameError(message("bundle.no_folder", root=str(root)))
    known = _BOOKS.get(root) if calendars is not None else None      # the bundled book, already read
    rulesets = (dict(known.rulesets), known.digest) if known is not None else _rulesets(root)
    sets = rulesets[0]
    parts: dict[str, dict[str, Any]] = {"outcomes": {}, "fees": {}, "remedies": {}, "report": {}, "extensions": {}}
    files = []
    for rs in sets.values():
        if rs.outcomes is not None:
            parts["outcomes"][rs.id] = rs.outcomes
    for p in sorted(root.rglob("*.yaml")):
        kind = kind_of(p)
        files.append(str(p.relative_to(root)))
        in_set = p.parent / "ruleset.yaml" in _ruleset_files(sets)
        if kind.loader is None and not in_set:
            raise RuleFileError(p, None, message("bundle.no_ruleset", name=p.name))
        if kind.loader is None or kind.part == "outcomes" and in_set:
            continue
        key = str(p.parent.relative_to(root))
        parts[kind.part][key if kind.part != "extensions" else str(p.relative_to(root))] = kind.loader(p)
    book = known if known is not None else _book(root, rulesets)
    return RuleBundle(str(root), book, parts["outcomes"], parts["fees"], parts["remedies"], parts["report"],
                      tuple(files), None if calendars is None else str(calendars), parts["extensions"])


def _rulesets(root: Path) -> tuple[dict[str, RuleSet], str]:
    """Every rule set under ``root`` by id, and the digest of their files."""
    if not root.is_dir():
        raise UnknownNameError(message("bundle.no_folder", root=str(root)))
    sets: dict[str, RuleSet] = {}
    digest = sha256()
    # (os.walk, not Path.rglob: the same folders, links to folders not followed, without a pattern to compile)
    for folder in sorted(Path(d) for d, _, names in os.walk(root) if "ruleset.yaml" in names):
        rs = _ruleset(folder, digest)
        if rs.id in sets:
            raise RuleFileError(folder / "ruleset.yaml", 1, message("bundle.id_twice", id=rs.id))
        sets[rs.id] = rs
    return sets, digest.hexdigest()[:16]


def _book(root: Path, rulesets: tuple[dict[str, RuleSet], str]) -> RuleBook:
    return RuleBook(check_book(rulesets[0]), rulesets[1])


def _ruleset_files(sets: dict[str, RuleSet]) -> set[Path]:
    return {Path(r.folder) / "ruleset.yaml" for r in sets.values()}


def _ruleset(folder: Path, digest: Any) -> RuleSet:
    rs = load_ruleset(folder)
    outcomes = folder / "outcomes.yaml"
    if outcomes.is_file():
        rs = attrs.evolve(rs, outcomes=load_outcome_file(outcomes, rs.id))
        digest.update(outcomes.read_bytes())
    digest.update(rs.digest.encode())
    return rs
