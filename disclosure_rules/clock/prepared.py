"""What the clock needs from a rule book, prepared once per (book, version, local layer).

Merging a version with its supplements and local layer, compiling the
violation conditions, the same-day order of events and the provenance of
the result are the same for every case under those rules, so they are done
once and kept beside the rule book (which is immutable).
"""

from __future__ import annotations

import weakref

import attrs

from ..calendar import Calendar
from ..reprs import SharedRepr
from ..result import Provenance
from ..rulebook import FACTS, RuleBook, Rules, RuleSet, ViolationRule
from .compiled import Fact, Predicate, compile_condition


@attrs.frozen(repr=False)
class CheckedViolation(SharedRepr):
    rule: ViolationRule
    holds: Predicate


@attrs.frozen(eq=False, repr=False)
class Prepared(SharedRepr):
    book: RuleBook
    rules: Rules
    versions: tuple[str, ...]      # the rule sets applied, main version first
    order: dict[str, int]          # event type -> same-day order (events.yaml `order`)
    checks: dict[str, tuple[CheckedViolation, ...]]     # event type -> the violations it may commit
    base_facts: dict[str, Fact]    # every fact at its neutral value, with the parameters facts read
    period_values: dict[str, int]  # period_KEY -> working days (for violation messages)
    start_day_counts: bool
    rest_day_next_workday: bool
    # id(calendar) -> (calendar, provenance)
    _provenance: dict[int, tuple[Calendar, Provenance]] = attrs.field(factory=dict)

    def provenance(self, cal: Calendar) -> Provenance:
        """The provenance block of a result (one dict per calendar, shared by its results: read-only)."""
        got = self._provenance.get(id(cal))
        if got is None or got[0] is not cal:
            prov: Provenance = {"rules": {r: self.book.rulesets[r].digest for r in self.rules.versions},
                   "rules_digest": self.book.digest,
                   "calendar": {"id": cal.id, "layers": list(cal.layers), "data_version": cal.data_version,
                                "official_last_day": cal.official_last_day.isoformat(),
                                "notices": len(cal.notices)}}
            got = self._provenance[id(cal)] = (cal, prov)
        return got[1]


@attrs.define(slots=True, repr=False)
class _BookCache(SharedRepr):
    """What is kept beside one rule book."""

    national: list[RuleSet] | None = None                               # newest first
    prepared: dict[tuple[str, str | None], Prepared] = attrs.field(factory=dict)   # (version, local layer)


_CACHE: weakref.WeakKeyDictionary[RuleBook, _BookCache] = weakref.WeakKeyDictionary()


def _kept(book: RuleBook) -> _BookCache:
    per_book = _CACHE.get(book)
    if per_book is None:
        per_book = _CACHE[book] = _BookCache()
    return per_book


def nationals(book: RuleBook) -> list[RuleSet]:
    """The national versions, newest first (``RuleBook.national``, sorted once per book)."""
    per_book = _kept(book)
    got = per_book.national
    if got is None:
        got = per_book.national = book.national
    return got


def prepared(book: RuleBook, main_id: str, local: str | None) -> Prepared:
    """The prepared rules for a version and local layer (raises what ``RuleBook.rules`` raises)."""
    per_book = _kept(book).prepared
    key = (main_id, local)
    got = per_book.get(key)
    if got is None:
        got = per_book[key] = _prepare(book, book.rules(main_id, local))
    return got


def _prepare(book: RuleBook, rules: Rules) -> Prepared:
    checks: dict[str, list[CheckedViolation]] = {}
    for v in rules.violations:
        checks.setdefault(v.event, []).append(CheckedViolation(v, compile_condition(v.conditions)))
    base: dict[str, Fact] = {name: 0 for name, kind in FACTS.items() if kind == "numeric"}
    must = rules.parameters.get("extension_must_precede_due")
    base["extension_must_precede_due"] = bool(must.value) if must is not None else True
    params = rules.parameters
    return Prepared(
        book=book, rules=rules, versions=tuple(rules.versions), order={t: e.order for t, e in rules.events.items()},
        checks={k: tuple(v) for k, v in checks.items()}, base_facts=base,
        period_values={f"period_{k}": p.workdays for k, p in rules.periods.items()},
        start_day_counts=bool(params["start_day_counts"].value),
        rest_day_next_workday=params["rest_day_receipt"].value == "next_workday")
