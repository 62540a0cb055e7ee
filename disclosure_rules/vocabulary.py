"""What a case may say, per regime: its keys and the names its values use.

The keys of a request (the ``ogi`` regime) come from the rule files: the
receipt's dates from the channels of ``receipt.yaml`` (Art. 31), the event
types from ``events.yaml`` and each event's fields from what its effect reads
(``EFFECT_FIELDS``, the engine's vocabulary), the field its applicant period
names (``applicant_period.field``) and the fields it declares (``fields:``).
Other regimes (work orders...) register their own vocabulary in ``REGIMES``;
a case names its regime with ``regime:`` (default ``ogi``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, TypeAlias, cast

import attrs

from .errors import CaseError
from .hints import hint
from .messages import Text, message
from .reprs import SharedRepr

if TYPE_CHECKING:                    # rulebook reads cases' vocabulary: imported only for the types
    from .outcomes import OutcomeCatalogue
    from .rulebook import RuleBook, RuleSet

# field or key -> the kind of value it holds (text, name, date, integer, party, ...)
Fields: TypeAlias = dict[str, str]
# a name a value may take -> its title (zh, en), or None when it has none
Names: TypeAlias = dict[str, tuple[str, str] | None]

# the request's own format: these keys hold the case, everything else must be under `extra:`
CASE_KEYS = {"id": "text", "regime": "name", "receipt": "mapping", "events": "list", "applicant": "name",
             "calendar": "name", "local": "name", "extra": "mapping"}
EVENT_KEYS = {"type": "name", "date": "date", "note": "text", "extra": "mapping"}
# the fields each effect of the clock reads from an event (see clock.py)
EFFECT_FIELDS = {
    "suspend": {"received": "date"},
    "restart": {"justified": "any"},
    "pause": {"party": "party", "received": "date"},
    "resume": {"party": "party"},
    "extend": {"workdays": "integer"},
    "set": {"due": "date"},
    "close": {"outcome": "outcome", "reason": "reason"},
    "record": {},
}
EXTRA_KEYS = ("reject", "keep")


@attrs.frozen(repr=False)
class Vocabulary(SharedRepr):
    """The keys of a regime's cases and the names their values may take.

    ``events``: event type -> {field: kind}; ``names``: kind -> {name: (zh, en)}
    (kinds: channel, party, outcome, reason, applicant, calendar, local)."""

    regime: str
    top: Fields
    receipt: Fields
    events: dict[str, Fields]
    names: dict[str, Names]

    def titles(self, kind: str) -> Names:
        return self.names.get(kind, {})


def check_extra_keys(extra_keys: object) -> None:
    if extra_keys not in EXTRA_KEYS:
        raise CaseError(message("vocabulary.extra_keys", value=repr(extra_keys), hint=hint(extra_keys, EXTRA_KEYS)))


def unknown_key(key: object, allowed: Collection[str], where: Text, event: int | None = None) -> CaseError:
    """The error for a key the regime does not know, with a did-you-mean; ``where`` names the place."""
    return CaseError(message("vocabulary.unknown_key", where=where, key=str(key), hint=hint(key, sorted(allowed))),
                     event=event)


def unknown_name(kind: Text, value: object, names: Mapping[str, tuple[str, str] | None], where: Text,
                 event: int | None = None) -> CaseError:
    """The error for a name (channel, event type...) the rules do not define; ``kind`` names what it is."""
    found = hint(value, list(names), {k: v for k, v in names.items() if v})
    return CaseError(message("vocabulary.unknown_name", where=where, kind=kind, value=str(value), hint=found),
                     event=event)


def vocabulary(regime: object = None, rules: RuleBook | None = None) -> Vocabulary:
    """The vocabulary of ``regime`` (default ``ogi``) from ``rules`` (a RuleBook; default the bundled rules)."""
    regime = "ogi" if regime is None else regime
    make = REGIMES.get(regime) if isinstance(regime, str) else None
    if make is None:
        raise CaseError(message("vocabulary.unknown_regime", name=str(regime), hint=hint(regime, sorted(REGIMES))))
    if rules is None:
        from .rulebook import load_rules
        rules = load_rules()
    return make(rules)


def _add_channels(rs: RuleSet, channels: Names, receipt: Fields) -> None:
    """The channels of a rule set, and the receipt dates they read (Art. 31)."""
    for ch in rs.channels.values():
        channels[ch.key] = (ch.title.zh, ch.title.en)
        for f in (*ch.requires, ch.date_of_receipt, ch.confirm_on_day_of):
            if f:
                receipt[f] = "date"


def _add_events(rs: RuleSet, events: dict[str, Fields], parties: Names) -> None:
    """The event types of a rule set with the fields their effects read, and the parties they name."""
    for ev in rs.events.values():
        fields = events.setdefault(ev.type, dict(EVENT_KEYS))
        fields.update(EFFECT_FIELDS.get(ev.effect, {}))
        if ev.applicant_field:
            fields[ev.applicant_field] = "integer"
        fields.update(getattr(ev, "fields", None) or {})
        for p in ev.parties:
            parties[p] = None


def _add_answers(rs: RuleSet, outcomes: Names, reasons: Names) -> None:
    """The outcomes (answers and closures) and refusal reasons of a rule set's catalogue."""
    # RuleSet.outcomes is typed object in rulebook.py; it holds the folder's OutcomeCatalogue or None
    cat = cast("OutcomeCatalogue | None", rs.outcomes)
    if cat is not None:
        for code, o in list(cat.outcomes.items()) + list(cat.closures.items()):
            outcomes.setdefault(code, (o.title.zh, o.title.en))
        for code, r in cat.reasons.items():
            reasons.setdefault(code, (r.title.zh, r.title.en))


@functools.lru_cache(maxsize=8)
def _request_vocabulary(book: RuleBook) -> Vocabulary:
    from .calendar import available_calendars
    from .rulefiles.bundle import bundled_only

    # the applicant types are the columns of the annual report table (国办公开办函〔2021〕30号), not a list here
    applicant_types = tuple(c.code for c in bundled_only("report").columns if c.sum_of is None)

    receipt: Fields = {"channel": "channel"}
    events: dict[str, Fields] = {}
    channels: Names = {}
    parties: Names = {}
    outcomes: Names = {}
    reasons: Names = {}
    for rs in book.rulesets.values():
        _add_channels(rs, channels, receipt)
        _add_events(rs, events, parties)
        _add_answers(rs, outcomes, reasons)
    names: dict[str, Names] = {"channel": channels, "party": parties, "outcome": outcomes, "reason": reasons,
             "applicant": dict.fromkeys(applicant_types), "calendar": dict.fromkeys(available_calendars()),
             "local": dict.fromkeys(sorted(book.rulesets)), "event": {k: None for k in events}}
    for rs in book.rulesets.values():
        for ev in rs.events.values():
            names["event"][ev.type] = (ev.title.zh, ev.title.en)
    return Vocabulary("ogi", dict(CASE_KEYS), receipt, events, names)


# regime id -> function(RuleBook) -> Vocabulary; another regime adds its entry here
REGIMES: dict[str, Callable[[RuleBook], Vocabulary]] = {"ogi": _request_vocabulary}
