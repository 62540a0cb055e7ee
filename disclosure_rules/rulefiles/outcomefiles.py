"""Read an outcome catalogue (``rules/<version>/outcomes.yaml``).

The catalogue lists the facts an officer establishes, the conflicts between
them, the outcomes (tried in order, each with business-rules conditions, its
basis, what the answer must state and its report row), the closures
(abandonment, withdrawal) and the refusal reasons with their rows.
business-rules has no "not equal" for strings, so ``not_equal_to`` is
compiled into a negative look-ahead ``matches_regex``: the file keeps reading
like the law.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import attrs

from ..basis import Basis
from ..data import data_dir
from ..errors import RuleFileError, UnknownNameError
from ..messages import message
from ..reprs import SharedRepr
from .cache import read_checked
from .common import Text, parse_basis, text_of
from .reportfiles import load_table_layout
from .vocabulary import OUTCOME_OPERATORS, did_you_mean
from .yamldoc import Map


def result_rows(path: Path) -> tuple[str, ...]:
    """The result rows of section three an outcome file may name: those of the
    report layout (``table.yaml``) of the rule tree the file belongs to, else
    of the bundled rules (国办公开办函〔2021〕30号 三(一)-(六))."""
    bundled = data_dir("rules")
    for root in (path.parent.parent, bundled):
        for table in _bundled_tables() if root == bundled else _tables(root):
            return load_table_layout(table).result_rows
    raise RuleFileError(path, None, message("outcomes.no_table"))


def _tables(root: Path) -> tuple[Path, ...]:
    """The report layouts one folder below ``root``."""
    return tuple(sorted(root.glob("*/table.yaml")))


@functools.cache
def _bundled_tables() -> tuple[Path, ...]:
    # the bundled tree is read-only package data: its layouts are found once per process
    return _tables(data_dir("rules"))

_BOOL_OPS = OUTCOME_OPERATORS["boolean"]
_STR_OPS = OUTCOME_OPERATORS["select"]


@attrs.frozen(repr=False)
class Element(SharedRepr):
    """Something an answer letter must state; ``when`` names a fact that makes it required."""

    id: str
    zh: str
    en: str
    when: str | None = None

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"id": self.id, "text": self.text(lang), "when": self.when}


@attrs.frozen(repr=False)
class Outcome(SharedRepr):
    code: str
    title: Text
    basis: tuple[Basis, ...]
    must_state: tuple[Element, ...]
    report_row: str | None           # None when it depends on the reason (36-3)
    by_reason: bool
    conditions: dict[str, Any] | None  # business-rules conditions (None for closures)
    states_reason: bool = False      # the answer gives a reason for what it withholds (Art. 37 partial disclosure)

    @property
    def takes_reason(self) -> bool:
        """Whether a case's answer with this code records the reason for what is withheld."""
        return self.by_reason or self.states_reason

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "title": self.title.get(lang), "report_row": self.report_row,
                "basis": [b.to_dict() for b in self.basis],
                "must_state": [e.to_dict(lang) for e in self.must_state]}


@attrs.frozen(repr=False)
class Reason(SharedRepr):
    code: str
    row: str
    title: Text
    basis: tuple[Basis, ...]


@attrs.frozen(repr=False)
class Conflict(SharedRepr):
    conditions: dict[str, Any]
    message: Text


@attrs.frozen(repr=False)
class OutcomeCatalogue(SharedRepr):
    version: str
    path: str
    facts: dict[str, tuple[str, Any, tuple[str, ...] | None, Text]]   # name -> (kind, default, choices, title)
    conflicts: tuple[Conflict, ...]
    outcomes: dict[str, Outcome]     # decisions, in order
    closures: dict[str, Outcome]     # abandonment, withdrawal
    reasons: dict[str, Reason]
    remedies_to_state: tuple[Element, ...]

    def get(self, code: str) -> Outcome:
        o = self.outcomes.get(code) or self.closures.get(code)
        if o is None:
            known = ", ".join(list(self.outcomes) + list(self.closures))
            raise UnknownNameError(message("outcomes.unknown", code=code, version=self.version, known=known))
        return o

    def codes(self) -> list[str]:
        return list(self.outcomes) + list(self.closures)

    def report_row(self, code: str, reason: str | None = None) -> str:
        """The section-three row of an outcome (and, for refusals, its reason)."""
        o = self.get(code)
        if not o.by_reason and o.report_row is not None:
            return o.report_row
        if reason not in self.reasons:
            known = ", ".join(self.reasons)
            raise UnknownNameError(message("outcomes.needs_reason", code=code, known=known, reason=str(reason)))
        return self.reasons[reason].row


def load_outcome_file(path: str | Path, version: str | None = None) -> OutcomeCatalogue:
    """The outcome catalogue in ``path`` (``version``: the rule set id, default the folder name)."""
    path = Path(path)
    doc = read_checked(path, "outcomes")
    r = _Reader(path, doc)
    outcomes = {str(code): r.outcome(str(code), o) for code, o in doc["outcomes"].items()}
    closures = {}
    for code, o in (doc.get("closures") or {}).items():
        if str(code) in outcomes:
            raise RuleFileError(path, doc["closures"].line_of(code), message("outcomes.code_twice", code=code))
        row, by_reason = r.row_of(str(code), o)
        closures[str(code)] = Outcome(str(code), text_of(o["title"], o, "title"), parse_basis(o.get("basis"), o),
                                      (), row, by_reason, None)
    conflicts = tuple(Conflict(r.conditions(c["when"], c, "conflict"), text_of(c["message"], c, "message"))
                      for c in doc.get("conflicts") or [])
    return OutcomeCatalogue(version or path.parent.name, str(path), r.facts, conflicts, outcomes, closures,
                            r.reasons, r.elements(doc.get("remedies_to_state"), "remedies_to_state"))


class _Reader:
    """Reads the parts of one outcome file; every check names file and line."""

    def __init__(self, path: Path, doc: Map):
        self.path = path
        self.rows = result_rows(path)
        self.facts = {name: self._fact(name, f) for name, f in doc["facts"].items()}
        self.mapping = {k: self._mapping(k, m) for k, m in (doc.get("report_mapping") or {}).items()}
        self.reasons = {k: self._reason(k, r) for k, r in (doc.get("reasons") or {}).items()}
        exemption = self.facts.get("exemption")
        missing = [c for c in (exemption[2] or ()) if c != "none" and c not in self.reasons] if exemption else []
        if missing:
            raise RuleFileError(path, doc.line_of("reasons"), message("outcomes.reason_row", reason=missing[0]))

    def fail(self, where: Any, key: str, en: str, zh: str) -> None:
        line = where.line_of(key) if isinstance(where, Map) else getattr(where, "line", None)
        raise RuleFileError(self.path, line, en, zh)

    def _fact(self, name: str, f: Map) -> tuple[str, Any, tuple[str, ...] | None, Text]:
        choices = tuple(f["choices"]) if "choices" in f else None
        kind = "select" if choices else "boolean"
        if kind == "boolean" and not isinstance(f["default"], bool):
            self.fail(f, "default", *message("outcomes.default_flag", name=name))
        if choices and f["default"] not in choices:
            self.fail(f, "default", *message("outcomes.default_choice", name=name, choices=str(list(choices))))
        return kind, f["default"], choices, text_of(f["title"], f, "title")

    def _mapping(self, k: str, m: Map) -> str:
        if m["value"] not in m["choices"]:
            self.fail(m, "value", *message("outcomes.mapping_value", key=k, choices=str(m["choices"])))
        parse_basis(m.get("basis"), m)
        return str(m["value"])

    def _reason(self, k: str, r: Map) -> Reason:
        if r["row"] not in self.rows:
            self.fail(r, "row", *message("outcomes.reason_unknown_row", reason=k, row=str(r["row"])))
        return Reason(k, r["row"], text_of(r["title"], r, "title"), parse_basis(r.get("basis"), r))

    def conditions(self, node: Any, where: Map, code: str) -> dict[str, Any]:
        """The business-rules conditions of ``node``, checked (a new structure: the file is left as read)."""
        if not isinstance(node, dict):
            self.fail(where, "when", *message("outcomes.condition", code=code))
        if "all" in node or "any" in node:
            key = "all" if "all" in node else "any"
            if not isinstance(node[key], list) or not node[key]:
                self.fail(node, key, *message("outcomes.conditions_list", code=code, key=key))
            return {key: [self.conditions(c, node, code) for c in node[key]]}
        name, op = node.get("name"), node.get("operator")
        if not isinstance(name, str) or name not in self.facts:
            self.fail(node if isinstance(node, Map) else where, "name",
                      *message("outcomes.unknown_fact", code=code, name=str(name), hint=did_you_mean(name, self.facts)))
        kind, _, choices, _ = self.facts[name]
        ops = _BOOL_OPS if kind == "boolean" else _STR_OPS
        if not isinstance(op, str) or op not in ops:
            self.fail(node if isinstance(node, Map) else where, "operator",
                      *message("outcomes.operator", code=code, operator=str(op), name=name, known=sorted(ops)))
        if kind == "select" and node.get("value") not in (choices or ()):
            self.fail(node if isinstance(node, Map) else where, "value",
                      *message("outcomes.not_a_value", code=code, value=str(node.get("value")), name=name,
                               choices=list(choices or ())))
        out = dict(node)
        if op == "not_equal_to":
            # business-rules has no "not equal" for strings: compile it to a negative look-ahead
            out["operator"], out["value"] = "matches_regex", f"^(?!{re.escape(node['value'])}$)"
        return out

    def row_of(self, code: str, entry: Map) -> tuple[str | None, bool]:
        r = entry["report_row"]
        if isinstance(r, dict) and "mapping" in r:
            if r["mapping"] not in self.mapping:
                self.fail(entry, "report_row", *message("outcomes.unknown_mapping", code=code, mapping=str(r["mapping"])))
            r = self.mapping[r["mapping"]]
        elif isinstance(r, dict) and r.get("reason"):
            return None, True
        elif not isinstance(r, str):
            self.fail(entry, "report_row", *message("outcomes.report_row_form", code=code))
        if r not in self.rows:
            self.fail(entry, "report_row", *message("outcomes.unknown_row", code=code, row=r))
        return r, False

    def elements(self, items: Any, code: str) -> tuple[Element, ...]:
        out = []
        for e in items or []:
            if e.get("when") is not None and e["when"] not in self.facts:
                self.fail(e, "when", *message("outcomes.element_fact", code=code, element=str(e["id"]),
                                              fact=str(e["when"]), hint=did_you_mean(e["when"], self.facts)))
            out.append(Element(e["id"], e["zh"], e["en"], e.get("when")))
        return tuple(out)

    def outcome(self, code: str, o: Map) -> Outcome:
        conditions = self.conditions(o["when"], o, code)
        row, by_reason = self.row_of(code, o)
        return Outcome(code, text_of(o["title"], o, "title"), parse_basis(o.get("basis"), o),
                       self.elements(o.get("must_state"), code), row, by_reason, conditions,
                       bool(o.get("states_reason", False)))
