"""What the engine knows: the one list the loader checks every rule set against.

The rule files say which event has which effect, with which period and
basis; the engine knows only the mechanism.  This module names that
mechanism: the effects and what each needs, the facts the clock computes for
violation conditions and the operators that fit them, the parameters and
periods the clock reads by name (with their types), the applicant's clocks,
and the case fields the clock reads.  A rule set that names something else,
or leaves out what the engine reads, is a :class:`~disclosure_rules.errors.RuleFileError`
with file, line and a did-you-mean, never a ``KeyError`` later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ..messages import Text, message, render
from ..reprs import SharedRepr

# effect -> the event fields it needs (``rules/*/events.yaml``)
EFFECTS: dict[str, tuple[str, ...]] = {
    "suspend": ("applicant", "on_expiry"),
    "restart": ("period", "answers"),
    "pause": ("parties",),
    "resume": (),
    "extend": ("cap",),
    "set": (),
    "close": ("status",),
    "record": (),
}

# facts the clock computes when an event happens (violations.yaml); name -> kind
FACTS: dict[str, str] = {
    "workdays_since_receipt": "numeric",
    "workdays_past_due": "numeric",
    "prior_correction_notices": "numeric",
    "prior_correction_notices_plus_one": "numeric",
    "extension_total": "numeric",
    "extension_cap": "numeric",
    "days_confirmation_late": "numeric",
    "extension_must_precede_due": "boolean",
}

# business-rules operators that fit each kind of fact
OPERATORS: dict[str, frozenset[str]] = {
    "numeric": frozenset({"equal_to", "greater_than", "less_than", "greater_than_or_equal_to",
                          "less_than_or_equal_to"}),
    "boolean": frozenset({"is_true", "is_false"}),
}

# officer's facts in an outcome catalogue: kind -> operators
OUTCOME_OPERATORS: dict[str, frozenset[str]] = {
    "boolean": frozenset({"is_true", "is_false"}),
    "select": frozenset({"equal_to", "not_equal_to"}),
}

# events a violation may be checked at besides the rule set's own
PSEUDO_EVENTS: tuple[str, ...] = ("receipt", "as_of")

# the applicant's clocks an event may start (``applicant:``)
APPLICANT_CLOCKS: tuple[str, ...] = ("correction", "payment")

# statuses an event may close a case with
CLOSING_STATUSES: tuple[str, ...] = ("answered", "withdrawn", "abandoned")

# case fields the clock reads by name on an event of a given effect
CASE_FIELDS: dict[str, tuple[str, ...]] = {"pause": ("party",), "resume": ("party",)}

# the keys of a case (top level); ``extra`` holds a system's own data
CASE_KEYS: tuple[str, ...] = ("id", "receipt", "events", "applicant", "calendar", "local", "extra")

# periods the clock reads by name: every national rule set defines them
PERIODS: dict[str, str] = {"reply": "the reply period, counted from the date of receipt"}

# how a restart counts, when an event names a ``parameter`` (fee payment)
RESTART_MODES: tuple[str, ...] = ("restart", "resume")


@attrs.frozen(repr=False)
class ParameterKind(SharedRepr):
    """The type of a parameter: ``boolean``, ``choice`` (one of ``choices``) or
    ``workdays`` (a whole number of working days, at least 1; null when
    ``nullable``: the case gives it).  ``by_name``: the clock reads it by
    name (otherwise only through an event that names it); ``required``:
    every national rule set defines it."""

    type: str
    choices: tuple[Any, ...] = ()
    nullable: bool = False
    required: bool = False
    by_name: bool = False

    def accepts(self, value: Any) -> bool:
        if self.type == "boolean":
            return isinstance(value, bool)
        if self.type == "choice":
            return isinstance(value, str) and value in self.choices
        if value is None:
            return self.nullable
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1

    def describe(self, lang: str = "en") -> str:
        if self.type == "boolean":
            return render("vocabulary.describe.boolean", lang, {})
        if self.type == "choice":
            return render("vocabulary.describe.choice", lang, {"choices": list(self.choices)})
        return render("vocabulary.describe.workdays_or_null" if self.nullable else "vocabulary.describe.workdays",
                      lang, {})

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the parameter's ``value`` (and of its ``choices``)."""
        if self.type == "boolean":
            value: dict[str, Any] = {"type": "boolean"}
        elif self.type == "choice":
            value = {"enum": list(self.choices)}
        else:
            value = {"type": ["integer", "null"] if self.nullable else "integer", "minimum": 1}
        return {"allOf": [{"$ref": "#/$defs/parameter"},
                          {"properties": {"value": value, "choices": {"type": "array", "items": value}}}]}


# parameters the clock reads by name, or through an event's ``parameter`` /
# ``applicant_period.parameter``; no other parameter has any effect
PARAMETERS: dict[str, ParameterKind] = {
    "start_day_counts": ParameterKind("boolean", required=True, by_name=True),
    "rest_day_receipt": ParameterKind("choice", ("as_received", "next_workday"), required=True, by_name=True),
    "late_confirmation": ParameterKind("choice", ("confirmation", "arrival"), required=True, by_name=True),
    "extension_must_precede_due": ParameterKind("boolean", required=True, by_name=True),
    "consultation_bound": ParameterKind("choice", ("until_answer_or_limit", "until_answer"), required=True,
                                        by_name=True),
    "correction_period": ParameterKind("workdays", nullable=True),
    "fee_payment_effect": ParameterKind("choice", RESTART_MODES),
}


def parameters_schema() -> dict[str, Any]:
    """The ``parameters`` section of ``clock-rules.schema.json``, as this module says it."""
    return {"type": "object", "additionalProperties": False,
            "properties": {name: kind.schema() for name, kind in PARAMETERS.items()}}


def did_you_mean(name: object, known: Iterable[object]) -> Text:
    """A hint for a misspelt name, in English and Chinese ("" when none is close);
    ``en, zh = did_you_mean(...)`` unpacks it."""
    import difflib  # only when a hint is needed (start-up, issue 13)

    names = [str(k) for k in known]
    close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
    if close:
        return message("hint.did_you_mean", name=close[0])
    if not names:
        return Text("", "")
    return message("hint.known", names=sorted(names))
