"""Outcomes: the lawful answers (Art. 36 and related), what each must tell
the applicant, and its row in the annual report.

* :func:`load_outcomes` reads ``rules/<version>/outcomes.yaml``;
* :func:`classify` turns the facts an officer establishes into exactly one
  outcome, with business-rules evaluating the conditions of the rule file;
  conflicting facts raise :class:`FactsConflictError`;
* :func:`check_answer` lists what an answer letter is missing and the
  remedies it must state.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

from .basis import Basis, cite_all, parse_basis
from .conditions import holding, variables_class
from .errors import InputError, RuleFileError, UnknownNameError
from .rulebook import Text, _text, bundled_rules_dir
from .schema import validate
from .yamlfile import Map, load_yaml

ROWS = ("3.1", "3.2", *(f"3.3.{i}" for i in range(1, 9)), *(f"3.4.{i}" for i in range(1, 4)),
        *(f"3.5.{i}" for i in range(1, 6)), *(f"3.6.{i}" for i in range(1, 4)))
_BOOL_OPS = {"is_true", "is_false"}
_STR_OPS = {"equal_to", "not_equal_to"}


class FactsConflictError(InputError):
    """The facts given to :func:`classify` contradict each other."""

    kind = "facts"


@attrs.frozen
class Element:
    """Something an answer letter must state; ``when`` names a fact that makes it required."""

    id: str
    zh: str
    en: str
    when: str | None = None

    def text(self, lang="en"):
        return self.zh if lang == "zh" else self.en

    def to_dict(self, lang="en"):
        return {"id": self.id, "text": self.text(lang), "when": self.when}


@attrs.frozen
class Outcome:
    code: str
    title: Text
    basis: tuple[Basis, ...]
    must_state: tuple[Element, ...]
    report_row: str | None           # None when it depends on the reason (36-3)
    by_reason: bool
    conditions: dict | None           # business-rules conditions (None for closures)

    def to_dict(self, lang="en"):
        return {"code": self.code, "title": self.title.get(lang), "report_row": self.report_row,
                "basis": [b.to_dict() for b in self.basis],
                "must_state": [e.to_dict(lang) for e in self.must_state]}


@attrs.frozen
class Reason:
    code: str
    row: str
    title: Text
    basis: tuple[Basis, ...]


@attrs.frozen
class Conflict:
    conditions: dict
    message: Text


@attrs.frozen
class Classification:
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

    def to_dict(self, lang="en") -> dict:
        return {"outcome": self.outcome, "reason": self.reason, "title": self.title.get(lang),
                "basis": [b.to_dict() for b in self.basis],
                "citation": cite_all(self.basis, lang),
                "must_state": [e.to_dict(lang) for e in self.must_state],
                "remedies_to_state": [e.to_dict(lang) for e in self.remedies_to_state],
                "report_row": self.report_row, "rule_fired": self.rule_fired, "version": self.version}


@attrs.frozen
class OutcomeCatalogue:
    version: str
    path: str
    facts: dict                      # name -> (kind, default, choices, title)
    conflicts: tuple[Conflict, ...]
    outcomes: dict                   # code -> Outcome (decisions, in order)
    closures: dict                   # code -> Outcome (abandonment, withdrawal)
    reasons: dict                    # code -> Reason
    remedies_to_state: tuple[Element, ...]

    def get(self, code: str) -> Outcome:
        o = self.outcomes.get(code) or self.closures.get(code)
        if o is None:
            known = ", ".join(list(self.outcomes) + list(self.closures))
            raise UnknownNameError(f"unknown outcome '{code}' for {self.version} (known: {known})",
                                   f"{self.version}中没有答复类型“{code}”（可用：{known}）")
        return o

    def codes(self) -> list[str]:
        return list(self.outcomes) + list(self.closures)

    def report_row(self, code: str, reason: str | None = None) -> str:
        """The section-three row of an outcome (and, for refusals, its reason)."""
        o = self.get(code)
        if not o.by_reason:
            return o.report_row
        if reason not in self.reasons:
            known = ", ".join(self.reasons)
            raise UnknownNameError(f"outcome {code} needs a reason (one of {known}), not '{reason}'",
                                   f"答复类型{code}需要写明理由（{known}之一），而不是“{reason}”")
        return self.reasons[reason].row


# ----------------------------------------------------------------------------- loading

def load_outcomes(version: str = "ogi-2019", rules_dir=None) -> OutcomeCatalogue:
    """The outcome catalogue of a rule version (``ogi-2019``, ``ogi-2008``)."""
    if not isinstance(version, str):
        raise UnknownNameError(f"version must be the name of a rule set (ogi-2019, ogi-2008), not {version!r}",
                               f"version必须是规则集名称（ogi-2019、ogi-2008），而不是{version!r}")
    if rules_dir is None:
        return _bundled(version)
    return load_outcome_file(Path(rules_dir) / version / "outcomes.yaml", version)


@functools.lru_cache(maxsize=8)
def _bundled(version):
    p = bundled_rules_dir() / version / "outcomes.yaml"
    if not p.is_file():
        from .hints import hint
        en, zh = hint(version, sorted(p.parent.name for p in bundled_rules_dir().glob("*/outcomes.yaml")))
        raise UnknownNameError(f"version: no outcome catalogue for '{version}'{en}",
                               f"version：“{version}”没有答复类型目录{zh}")
    return load_outcome_file(p, version)


def load_outcome_file(path, version: str | None = None) -> OutcomeCatalogue:
    path = Path(path)
    doc = load_yaml(path)
    if not isinstance(doc, Map):
        raise RuleFileError(path, 1, "an outcome file must be a block of 'key: value' lines",
                            "答复类型文件必须由“键: 值”行组成")
    validate(doc, "outcomes", path)
    facts = {}
    for name, f in doc["facts"].items():
        choices = tuple(f["choices"]) if "choices" in f else None
        kind = "select" if choices else "boolean"
        if kind == "boolean" and not isinstance(f["default"], bool):
            raise RuleFileError(path, f.line_of("default"), f"fact '{name}': the default must be true or false",
                                f"事实“{name}”：默认值必须是true或false")
        if choices and f["default"] not in choices:
            raise RuleFileError(path, f.line_of("default"), f"fact '{name}': the default must be one of {list(choices)}",
                                f"事实“{name}”：默认值必须是{list(choices)}之一")
        facts[name] = (kind, f["default"], choices, _text(f["title"], f, "title"))

    def check_conditions(node, where, code):
        if "all" in node or "any" in node:
            for c in node.get("all", node.get("any")):
                check_conditions(c, where, code)
            return
        name, op = node.get("name"), node.get("operator")
        if name not in facts:
            raise RuleFileError(path, node.line_of("name") if isinstance(node, Map) else where.line,
                                f"{code}: unknown fact '{name}' (known: {', '.join(facts)})",
                                f"{code}：未知的事实“{name}”（可用：{'、'.join(facts)}）")
        kind, _, choices, _ = facts[name]
        ops = _BOOL_OPS if kind == "boolean" else _STR_OPS
        if op not in ops:
            raise RuleFileError(path, node.line_of("operator") if isinstance(node, Map) else where.line,
                                f"{code}: operator '{op}' does not apply to {name} (use {', '.join(sorted(ops))})",
                                f"{code}：运算符“{op}”不适用于{name}（可用：{'、'.join(sorted(ops))}）")
        if kind == "select" and node.get("value") not in choices:
            raise RuleFileError(path, node.line_of("value") if isinstance(node, Map) else where.line,
                                f"{code}: '{node.get('value')}' is not a value of {name} ({', '.join(choices)})",
                                f"{code}：“{node.get('value')}”不是{name}的取值（{'、'.join(choices)}）")
        if op == "not_equal_to":
            # business-rules has no "not equal" for strings: compile it to a negative look-ahead
            node["operator"], node["value"] = "matches_regex", f"^(?!{re.escape(node['value'])}$)"

    mapping = {}
    for k, m in (doc.get("report_mapping") or {}).items():
        if m["value"] not in m["choices"]:
            raise RuleFileError(path, m.line_of("value"), f"report mapping '{k}' must be one of {m['choices']}",
                                f"报表映射“{k}”的取值必须是{m['choices']}之一")
        parse_basis(m.get("basis"), m)
        mapping[k] = m["value"]
    reasons = {}
    for k, r in (doc.get("reasons") or {}).items():
        if r["row"] not in ROWS:
            raise RuleFileError(path, r.line_of("row"), f"reason '{k}': unknown report row '{r['row']}'",
                                f"理由“{k}”：未知的报表行“{r['row']}”")
        reasons[k] = Reason(k, r["row"], _text(r["title"], r, "title"), parse_basis(r.get("basis"), r))
    exemption = facts.get("exemption")
    if exemption:
        missing = [c for c in exemption[2] if c != "none" and c not in reasons]
        if missing:
            raise RuleFileError(path, doc.line_of("reasons"), f"the reason '{missing[0]}' has no report row under reasons",
                                f"理由“{missing[0]}”在reasons中没有对应的报表行")

    def row_of(code, entry):
        r = entry["report_row"]
        if isinstance(r, str):
            row = r
        elif isinstance(r, dict) and "mapping" in r:
            if r["mapping"] not in mapping:
                raise RuleFileError(path, entry.line_of("report_row"), f"{code}: unknown report mapping '{r['mapping']}'",
                                    f"{code}：未知的报表映射“{r['mapping']}”")
            row = mapping[r["mapping"]]
        elif isinstance(r, dict) and r.get("reason"):
            return None, True
        else:
            raise RuleFileError(path, entry.line_of("report_row"), f"{code}: report_row must be a row, "
                                "{mapping: NAME} or {reason: true}", f"{code}：report_row写法不对")
        if row not in ROWS:
            raise RuleFileError(path, entry.line_of("report_row"), f"{code}: unknown report row '{row}'",
                                f"{code}：未知的报表行“{row}”")
        return row, False

    def elements(items, code):
        out = []
        for e in items or []:
            if e.get("when") is not None and e["when"] not in facts:
                raise RuleFileError(path, e.line, f"{code}: element '{e['id']}' depends on unknown fact '{e['when']}'",
                                    f"{code}：要素“{e['id']}”所依赖的事实“{e['when']}”不存在")
            out.append(Element(e["id"], e["zh"], e["en"], e.get("when")))
        return tuple(out)

    outcomes, closures = {}, {}
    for code, o in doc["outcomes"].items():
        code = str(code)
        check_conditions(o["when"], o, code)
        row, by_reason = row_of(code, o)
        outcomes[code] = Outcome(code, _text(o["title"], o, "title"), parse_basis(o.get("basis"), o),
                                 elements(o.get("must_state"), code), row, by_reason, o["when"])
    for code, o in (doc.get("closures") or {}).items():
        code = str(code)
        if code in outcomes:
            raise RuleFileError(path, doc["closures"].line_of(code), f"the code '{code}' is used twice",
                                f"编号“{code}”重复")
        row, by_reason = row_of(code, o)
        closures[code] = Outcome(code, _text(o["title"], o, "title"), parse_basis(o.get("basis"), o), (),
                                 row, by_reason, None)
    conflicts = []
    for c in doc.get("conflicts") or []:
        check_conditions(c["when"], c, "conflict")
        conflicts.append(Conflict(c["when"], _text(c["message"], c, "message")))
    return OutcomeCatalogue(version or path.parent.name, str(path), facts, tuple(conflicts), outcomes, closures,
                            reasons, elements(doc.get("remedies_to_state"), "remedies_to_state"))


# ----------------------------------------------------------------------------- classify

def _variables(catalogue: OutcomeCatalogue, facts: dict):
    kinds = {name: kind for name, (kind, _, _, _) in catalogue.facts.items()}
    return variables_class("OfficerFacts", kinds)(facts)


def _normalise(catalogue: OutcomeCatalogue, given: dict) -> dict:
    if not isinstance(given, dict):
        raise InputError(f"facts must be a mapping of fact names to values, not {given!r}",
                         f"事实（facts）必须是“名称: 取值”的映射，而不是{given!r}")
    unknown = [k for k in given if k not in catalogue.facts]
    if unknown:
        from .hints import hint
        en, zh = hint(unknown[0], list(catalogue.facts))
        raise InputError(f"unknown fact '{unknown[0]}' under version {catalogue.version}{en}",
                         f"版本（version）{catalogue.version}中没有事实“{unknown[0]}”{zh}")
    facts = {}
    for name, (kind, default, choices, _) in catalogue.facts.items():
        v = given.get(name, default)
        if kind == "boolean" and not isinstance(v, bool):
            raise InputError(f"fact '{name}' must be true or false, not {v!r}", f"事实“{name}”必须是true或false")
        if kind == "select" and v not in choices:
            raise InputError(f"fact '{name}' must be one of {', '.join(choices)}, not {v!r}",
                             f"事实“{name}”必须是{'、'.join(choices)}之一")
        facts[name] = v
    return facts


def _names(node) -> list[str]:
    """The fact names a business-rules condition reads, in order."""
    if isinstance(node, dict) and ("all" in node or "any" in node):
        return list(dict.fromkeys(n for c in node.get("all", node.get("any")) for n in _names(c)))
    return [node["name"]] if isinstance(node, dict) and "name" in node else []


def classify(facts: dict, version: str = "ogi-2019", *, catalogue: OutcomeCatalogue | None = None) -> Classification:
    """The one lawful answer for the facts an officer established.

    Facts not given take the defaults of the rule file.  Conflicting facts
    raise :class:`FactsConflictError` naming the conflict.
    """
    cat = catalogue or load_outcomes(version)
    values = _normalise(cat, facts)
    variables = _variables(cat, values)
    for c in cat.conflicts:
        if holding([("conflict", c.conditions)], variables):
            names = ", ".join(_names(c.conditions))
            raise FactsConflictError(f"conflicting facts ({names}): {c.message.en}",
                                     f"事实相互矛盾（{names}）：{c.message.zh}")
    fired = holding([(code, o.conditions) for code, o in cat.outcomes.items()], variables, first_only=True)
    if not fired:
        raise InputError("the facts do not determine an answer: say whether the information exists",
                         "根据所给事实无法确定答复类型：请说明该信息是否存在")
    code = fired[0]
    o = cat.outcomes[code]
    reason = values.get("exemption") if o.by_reason or code in ("37", "2008-22") else None
    row = cat.report_row(code, reason)
    basis = o.basis + (cat.reasons[reason].basis if reason in cat.reasons else ())
    must = tuple(e for e in o.must_state if e.when is None or values.get(e.when))
    return Classification(code, reason, o.title, basis, must, row, code, cat.version, cat.remedies_to_state)


def check_answer(outcome: str, given, *, facts: dict | None = None, version: str = "ogi-2019") -> dict:
    """What an answer letter for ``outcome`` is missing.

    ``given``: the ids of the elements the letter states.  Returns
    ``{"missing": [...], "remedies_missing": [...], "complete": bool}`` with
    the texts of what is missing, including the remedies to state.
    """
    cat = load_outcomes(version)
    o = cat.get(outcome)
    values = _normalise(cat, facts or {})
    given = set(given or ())
    required = [e for e in o.must_state if e.when is None or values.get(e.when)]
    missing = [e for e in required if e.id not in given]
    remedies = [e for e in cat.remedies_to_state if e.id not in given]
    return {"outcome": o.code, "missing": missing, "remedies_missing": remedies,
            "complete": not missing and not remedies}


def unknown_answer(code: str, catalogue: OutcomeCatalogue, others=()) -> tuple[str, str]:
    """Why ``code`` is no answer under ``catalogue`` (en, zh): a did-you-mean,
    or, for a code of another version (``others``), the code of this version
    with the same report row; then this version's answers with their titles."""
    from .hints import closest

    v = catalogue.version
    listing_en = "; ".join(f"{c} ({o.title.en})" for c, o in catalogue.outcomes.items())
    listing_zh = "；".join(f"{c}（{o.title.zh}）" for c, o in catalogue.outcomes.items())
    for other in others:
        o = other.outcomes.get(code)
        if o is None or other.version == v:
            continue
        same = [c for c, x in catalogue.outcomes.items() if x.report_row == o.report_row and x.by_reason == o.by_reason]
        if same:
            alt = catalogue.outcomes[same[0]]
            return (f"'{code}' is not an answer under {v}: a code of {other.version}; under {v} use {alt.code} "
                    f"({alt.title.en}, {alt.title.zh}) (answers under {v}: {listing_en})",
                    f"“{code}”不是{v}规定的答复类型：这是{other.version}的编号；{v}下应使用{alt.code}（{alt.title.zh}）"
                    f"（{v}的答复类型：{listing_zh}）")
        return (f"'{code}' is not an answer under {v}: a code of {other.version} (answers under {v}: {listing_en})",
                f"“{code}”不是{v}规定的答复类型：这是{other.version}的编号（{v}的答复类型：{listing_zh}）")
    best = closest(code, catalogue.outcomes)
    if best is not None:
        t = catalogue.outcomes[best].title
        return (f"'{code}' is not an answer under {v} (did you mean '{best}' ({t.en}, {t.zh})?)",
                f"“{code}”不是{v}规定的答复类型（是否应为“{best}”（{t.zh}）？）")
    return (f"'{code}' is not an answer under {v} (use one of: {listing_en})",
            f"“{code}”不是{v}规定的答复类型（可用：{listing_zh}）")
