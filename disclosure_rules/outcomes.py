"""Outcomes: the lawful answers (Art. 36 and related), what each must tell
the applicant, and its row in the annual report.

* the catalogue (``rules/<version>/outcomes.yaml``) is read by
  :mod:`disclosure_rules.rulefiles.outcomefiles` and passed in;
* :func:`classify` turns the facts an officer establishes into exactly one
  outcome, with business-rules evaluating the conditions of the rule file;
  conflicting facts raise :class:`FactsConflictError`;
* :func:`check_answer` lists what an answer letter is missing and the
  remedies it must state.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .basis import Basis, cite_all
from .conditions import holding, variables_class
from .errors import InputError
from .messages import Text as Words
from .messages import message
from .reprs import SharedRepr
from .rulefiles.common import Text
from .rulefiles.outcomefiles import Conflict, Element, Outcome, OutcomeCatalogue, Reason

__all__ = ["Classification", "Conflict", "Element", "FactsConflictError", "Outcome", "OutcomeCatalogue",
           "Reason", "check_answer", "classify"]


class FactsConflictError(InputError):
    """The facts given to :func:`classify` contradict each other."""

    kind = "facts"


@attrs.frozen(repr=False)
class Classification(SharedRepr):
    """The answer classify() found for a set of facts."""

    outcome: str
    reason: str | None
    title: Text
    basis: tuple[Basis, ...]
    must_state: tuple[Element, ...]
    report_row: str
    rule_fired: str
    version: str
    remedies_to_state: tuple[Element, ...]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"outcome": self.outcome, "reason": self.reason, "title": self.title.get(lang),
                "basis": [b.to_dict() for b in self.basis],
                "citation": cite_all(self.basis, lang),
                "must_state": [e.to_dict(lang) for e in self.must_state],
                "remedies_to_state": [e.to_dict(lang) for e in self.remedies_to_state],
                "report_row": self.report_row, "rule_fired": self.rule_fired, "version": self.version}


# ----------------------------------------------------------------------------- classify

def _variables(catalogue: OutcomeCatalogue, facts: dict[str, Any]) -> Any:   # a business-rules variables object
    kinds = {name: kind for name, (kind, _, _, _) in catalogue.facts.items()}
    return variables_class("OfficerFacts", kinds)(facts)


def _normalise(catalogue: OutcomeCatalogue, given: object) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise InputError(message("classify.facts_mapping", value=repr(given)))
    unknown = [k for k in given if k not in catalogue.facts]
    if unknown:
        from .hints import hint
        raise InputError(message("classify.unknown_fact", name=str(unknown[0]), version=catalogue.version,
                                 hint=hint(unknown[0], list(catalogue.facts))))
    facts: dict[str, Any] = {}
    for name, (kind, default, choices, _) in catalogue.facts.items():
        v = given.get(name, default)
        if kind == "boolean" and not isinstance(v, bool):
            raise InputError(message("classify.fact_flag", name=name, value=repr(v)))
        if kind == "select" and v not in (choices or ()):             # (a select fact lists its choices)
            raise InputError(message("classify.fact_choice", name=name, choices=list(choices or ()), value=repr(v)))
        facts[name] = v
    return facts


def _names(node: Any) -> list[str]:
    """The fact names a business-rules condition reads, in order."""
    if isinstance(node, dict) and ("all" in node or "any" in node):
        return list(dict.fromkeys(n for c in (node["all"] if "all" in node else node["any"]) for n in _names(c)))
    return [node["name"]] if isinstance(node, dict) and "name" in node else []


def _pair(text: Words) -> tuple[str, str]:
    return text.en, text.zh


def unknown_answer(code: str, catalogue: OutcomeCatalogue, others: Iterable[OutcomeCatalogue] = ()) -> tuple[str, str]:
    """Why ``code`` is no answer under ``catalogue`` (en, zh): a did-you-mean,
    or, for a code of another version (``others``), the code of this version
    with the same report row; then this version's answers with their titles."""
    from .hints import closest

    v = catalogue.version
    named = [message("hint.titled", name=c, title=o.title) for c, o in catalogue.outcomes.items()]
    listing = Words("; ".join(t.en for t in named), "；".join(t.zh for t in named))
    for other in others:
        o = other.outcomes.get(code)
        if o is None or other.version == v:
            continue
        same = [c for c, x in catalogue.outcomes.items() if x.report_row == o.report_row and x.by_reason == o.by_reason]
        if same:
            alt = catalogue.outcomes[same[0]]
            return _pair(message("classify.other_version_use", code=code, version=v, other=other.version,
                                 alt=alt.code, title=alt.title, zh_title=alt.title.zh, listing=listing))
        return _pair(message("classify.other_version", code=code, version=v, other=other.version, listing=listing))
    best = closest(code, catalogue.outcomes)
    if best is not None:
        t = catalogue.outcomes[best].title
        return _pair(message("classify.did_you_mean", code=code, version=v, best=best, title=t, zh_title=t.zh))
    return _pair(message("classify.use_one_of", code=code, version=v, listing=listing))


def classify(facts: dict[str, Any], catalogue: OutcomeCatalogue) -> Classification:
    """The one lawful answer for the facts an officer established, under the
    outcome catalogue of a rule version.

    Facts not given take the defaults of the rule file.  Conflicting facts
    raise :class:`FactsConflictError` naming the conflict.
    """
    cat = catalogue
    values = _normalise(cat, facts)
    variables = _variables(cat, values)
    for c in cat.conflicts:
        if holding([("conflict", c.conditions)], variables):
            names = ", ".join(_names(c.conditions))
            raise FactsConflictError(message("classify.conflict", names=names, why=c.message))
    fired = holding([(code, o.conditions) for code, o in cat.outcomes.items()], variables, first_only=True)
    if not fired:
        raise InputError(message("classify.undetermined"))
    code = fired[0]
    o = cat.outcomes[code]
    reason = values.get("exemption") if o.takes_reason else None
    row = cat.report_row(code, reason)
    basis = o.basis + (cat.reasons[reason].basis if reason in cat.reasons else ())
    must = tuple(e for e in o.must_state if e.when is None or values.get(e.when))
    return Classification(code, reason, o.title, basis, must, row, code, cat.version, cat.remedies_to_state)


def check_answer(outcome: str, given: Any, catalogue: OutcomeCatalogue, *,
                 facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """What an answer letter for ``outcome`` is missing.

    ``given``: the ids of the elements the letter states.  Returns
    ``{"missing": [...], "remedies_missing": [...], "complete": bool}`` with
    the texts of what is missing, including the remedies to state.
    """
    cat = catalogue
    o = cat.get(outcome)
    values = _normalise(cat, facts or {})
    given = set(given or ())
    required = [e for e in o.must_state if e.when is None or values.get(e.when)]
    missing = [e for e in required if e.id not in given]
    remedies = [e for e in cat.remedies_to_state if e.id not in given]
    return {"outcome": o.code, "missing": missing, "remedies_missing": remedies,
            "complete": not missing and not remedies}
