"""The names a person reads for ids in a result: statuses and the clock's own
steps (``rules/labels/statuses.yaml``), channels and events (their titles in
the rule files).  An id with no name is shown as it is."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any, TypeAlias

from .errors import RuleFileError
from .messages import message
from .result import STATUSES
from .rulebook import Channel, EventRule, Text, bundled_rules_dir, load_rules
from .rulefiles.cache import read_checked
from .rulefiles.common import parse_basis
from .rulefiles.vocabulary import did_you_mean

SCHEMA = "statuses"                  # schemas/statuses.schema.json
# kind (statuses, steps) -> id -> its name
Labels: TypeAlias = dict[str, dict[str, Text]]


def load_labels(path: str | PathLike[str]) -> Labels:
    path = Path(path)
    doc: Any = read_checked(path, SCHEMA)
    parse_basis(doc.get("basis"), doc)  # where the names come from, cited like every rule file's values
    for status in doc["statuses"]:      # the names of the states the clock computes, no other
        if status not in STATUSES:
            raise RuleFileError(path, doc["statuses"].line_of(status),
                                message("labels.unknown_status", where="statuses", status=status, hint=did_you_mean(status, STATUSES)))
    missing = [s for s in STATUSES if s not in doc["statuses"]]
    if missing:
        raise RuleFileError(path, doc["statuses"].line, message("labels.missing_status", where="statuses", missing=missing))
    return {k: {n: Text(v["zh"], v["en"]) for n, v in doc[k].items()} for k in ("statuses", "steps")}


@functools.lru_cache(maxsize=1)
def _bundled() -> Labels:
    return load_labels(bundled_rules_dir() / "labels" / "statuses.yaml")


def _titles(kind: str, key: str, versions: Iterable[str] | None) -> Text | None:
    """The title of a channel or event in the rule sets ``versions`` (in order), else in any bundled set."""
    sets = load_rules().rulesets
    order = [sets[v] for v in versions or () if v in sets] + sorted(sets.values(), key=lambda r: r.id)
    for rs in order:
        item: Channel | EventRule | None = (rs.channels if kind == "channels" else rs.events).get(key)
        if item is not None:
            return item.title
    return None


def status_label(status: str, lang: str = "en") -> str:
    t = _bundled()["statuses"].get(status)
    return t.get(lang) if t is not None else status


def channel_label(channel: str, lang: str = "en", versions: Iterable[str] | None = ()) -> str:
    t = _titles("channels", channel, versions)
    return t.get(lang) if t is not None else channel


def step_label(kind: str, lang: str = "en", versions: Iterable[str] | None = ()) -> str:
    """The name of a trace step: an event's title, or one of the clock's own steps."""
    t = _titles("events", kind, versions) or _bundled()["steps"].get(kind)
    return t.get(lang) if t is not None else kind


def outcome_label(code: str, lang: str = "en", versions: Iterable[str] | None = ()) -> str:
    """The name of an outcome code (36-2, withdrawn) in the outcome catalogues of the rule sets ``versions``
    (in order), else of any bundled set; a code no catalogue names is shown as it is."""
    sets = load_rules().rulesets
    for rs in [sets[v] for v in versions or () if v in sets] + sorted(sets.values(), key=lambda r: r.id):
        cat: Any = rs.outcomes          # the folder's OutcomeCatalogue, or None
        found = cat and (cat.outcomes.get(code) or cat.closures.get(code))
        if found:
            return str(found.title.get(lang))
    return code
