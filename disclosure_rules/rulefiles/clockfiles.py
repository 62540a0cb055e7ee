"""Read one rule-set folder into a :class:`~.clockrules.RuleSet`.

Each file is parsed with positions, checked against ``clock-rules.schema.json``
and then read section by section; the cross-file checks (references,
versions, layering, the engine's vocabulary) are in :mod:`.clockcheck`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..data.digest import sha256
from ..errors import RuleFileError
from ..messages import Text, message
from .cache import read_checked
from .clockrules import (
    Channel,
    EventRule,
    Example,
    Parameter,
    PartyRule,
    Period,
    RuleSet,
)
from .common import parse_basis, text_of
from .registry import CLOCK_FILES
from .vocabulary import PARAMETERS, did_you_mean
from .yamldoc import Map

_STORES = ("periods", "parameters", "receipt", "events")


def read_clock_file(path: Path, extends: str | None = None) -> Map:
    """One topic file of a rule set, parsed and checked against the schema
    (``extends``: the rule set a local layer overrides)."""
    doc: Map = read_checked(path, "clock-rules", lambda doc: _local_parameters(doc, path, extends))
    return doc


def _local_parameters(doc: Map, path: Path, extends: str | None) -> None:
    """A local layer can override only parameters the engine knows: say so in those words."""
    params = doc.get("parameters")
    if extends is None and isinstance(doc.get("ruleset"), Map):
        extends = doc["ruleset"].get("extends")
    if not extends or not isinstance(params, Map):
        return
    for k in params:
        if k not in PARAMETERS:
            raise RuleFileError(path, params.line_of(k), message("clockcheck.local_parameter", name=k, rules=extends,
                                                                 hint=did_you_mean(k, PARAMETERS)))


def load_ruleset(folder: Path) -> RuleSet:
    """The rule set in ``folder`` (its own files only; see :func:`.clockcheck.check_book`)."""
    docs: dict[str, Map] = {}
    h = sha256()
    extends = None
    for name in CLOCK_FILES:
        p = folder / name
        if p.exists():                        # a folder of that name is reported as one
            docs[name] = read_clock_file(p, extends)
            h.update(p.read_bytes())
            if name == "ruleset.yaml" and isinstance(docs[name].get("ruleset"), Map):
                extends = docs[name]["ruleset"].get("extends")
    head = _head(folder, docs)
    parts_where = {("ruleset", str(k)): (head.path, n) for k, n in head.lines.items()}
    rid = head["id"]
    kind = "local" if head.get("extends") else "supplement" if head.get("supplements") else "national"
    if kind == "national" and head.get("effective_from") is None:
        raise RuleFileError(head.path, head.line, message("rulesets.effective_from"))
    parts: dict[str, Any] = {"periods": {}, "parameters": {}, "receipt": {}, "events": {}, "violations": [],
                             "examples": [], "where": parts_where}
    for name, doc in docs.items():
        for key, sec in doc.items():
            _section(name, doc, key, sec, parts, rid)
    rs = RuleSet(id=rid, title=text_of(head["title"], head, "title"), instrument=head["instrument"], kind=kind,
                 effective_from=head.get("effective_from"), effective_to=head.get("effective_to"),
                 extends=head.get("extends"), supplements=tuple(head.get("supplements") or ()),
                 basis=parse_basis(head.get("basis"), head), periods=parts["periods"],
                 parameters=parts["parameters"], channels=parts["receipt"], events=parts["events"], violations={},
                 examples=tuple(parts["examples"]), folder=str(folder), digest=h.hexdigest()[:16],
                 raw_violations=tuple(parts["violations"]), where=parts["where"])
    _check_local(rs, head)
    return rs


def _head(folder: Path, docs: dict[str, Map]) -> Map:
    if "ruleset.yaml" not in docs:
        raise RuleFileError(folder / "ruleset.yaml", None, message("rulesets.no_head_file"))
    head: Map | None = docs["ruleset.yaml"].get("ruleset")
    if head is None:
        raise RuleFileError(folder / "ruleset.yaml", 1, message("rulesets.head_block"))
    if head["id"] != folder.name:
        raise RuleFileError(head.path, head.line_of("id"),
                            message("calendar.files.id_not_folder", id=head["id"], folder=folder.name))
    return head


def _section(name: str, doc: Map, key: str, sec: Any, parts: dict[str, Any], rid: str) -> None:
    if key == "ruleset":
        if name != "ruleset.yaml":
            raise RuleFileError(doc.path, doc.line_of(key), message("rulesets.head_elsewhere"))
        return
    parts["where"].setdefault(("section", key), (doc.path, doc.line_of(key)))
    if key in _STORES and isinstance(sec, Map):
        for k in sec:
            if k in parts[key]:
                raise RuleFileError(sec.path, sec.line_of(k), message("rulesets.twice", key=k, section=key))
            parts["where"][(key, k)] = (sec.path, sec.line_of(k))
    if key == "violations":
        parts["violations"].extend(sec.items())
    elif key == "examples":
        parts["examples"].extend(_example(i, ex, sec) for i, ex in enumerate(sec))
    elif key in _READERS:
        parts[key].update({k: _READERS[key](k, v, rid) for k, v in sec.items()})


def _period(k: str, v: Map, rid: str) -> Period:
    return Period(k, text_of(v["title"], v, "title"), v["workdays"], parse_basis(v.get("basis"), v), rid)


def _parameter(k: str, v: Map, rid: str) -> Parameter:
    kind = PARAMETERS[k]                      # the schema admits only the parameters the engine knows
    if not kind.accepts(v.get("value")):
        raise RuleFileError(v.path, v.line_of("value"),
                            message("rulesets.parameter_value", key=k, value=repr(v.get("value")),
                                    kind=Text(kind.describe("en"), kind.describe("zh"))))
    choices = tuple(v["choices"]) if "choices" in v else None
    if choices is not None and v.get("value") not in choices:
        raise RuleFileError(v.path, v.line_of("value"), message("rulesets.parameter_choice", key=k,
                                                                choices=str(list(choices))))
    return Parameter(k, v.get("value"), choices, text_of(v["title"], v, "title") if "title" in v else None,
                     str(v.get("reason", "")).strip(), parse_basis(v.get("basis"), v), rid)


def _channel(k: str, v: Map, rid: str) -> Channel:
    if v["date_of_receipt"] not in v["requires"]:
        raise RuleFileError(v.path, v.line_of("date_of_receipt"),
                            message("rulesets.date_of_receipt", key=str(v["date_of_receipt"])))
    return Channel(k, text_of(v["title"], v, "title"), tuple(v["requires"]), v["date_of_receipt"],
                   v.get("confirm_on_day_of"), parse_basis(v.get("basis"), v))


def _event(k: str, v: Map, rid: str) -> EventRule:
    ap = v.get("applicant_period") or {}
    expiry = v.get("on_expiry") or {}
    parties = {pk: PartyRule(pk, pv.get("effect", "pause"), pv.get("period"), parse_basis(pv.get("basis"), pv),
                             text_of(pv["title"], pv, "title") if "title" in pv else None)
               for pk, pv in (v.get("parties") or {}).items()}
    return EventRule(type=k, title=text_of(v["title"], v, "title"), effect=v["effect"],
                     basis=parse_basis(v.get("basis"), v), source=rid, order=v["order"], period=v.get("period"),
                     cap=v.get("cap"),
                     status=v.get("status"), applicant=v.get("applicant"), applicant_field=ap.get("field"),
                     applicant_parameter=ap.get("parameter"), applicant_period=ap.get("period"),
                     expiry_status=expiry.get("status"), expiry_outcome=expiry.get("outcome"),
                     answers=v.get("answers"), parameter=v.get("parameter"), parties=parties,
                     fields={f: d.get("kind", "any") for f, d in (v.get("fields") or {}).items()},
                     path=v.path, line=v.line, lines=_field_lines(v))


def _field_lines(v: Map) -> dict[str, int]:
    lines = {str(k): n for k, n in v.lines.items()}
    for sub in ("applicant_period", "on_expiry"):
        if isinstance(v.get(sub), Map):
            lines.update({f"{sub}.{k}": n for k, n in v[sub].lines.items()})
    for pk, pv in (v.get("parties") or {}).items():
        if isinstance(pv, Map):
            lines.update({f"parties.{pk}.{k}": n for k, n in pv.lines.items()})
    return lines


def _example(i: int, ex: Map, sec: Any) -> Example:
    if "basis" in ex:
        parse_basis(ex["basis"], ex)
    return Example(ex["name"], ex["case"], ex.get("as_of"), ex["expect"], sec.path, sec.line_of(i))


_READERS: dict[str, Callable[[str, Map, str], Any]] = {
    "periods": _period, "parameters": _parameter, "receipt": _channel, "events": _event}


def _check_local(rs: RuleSet, head: Map) -> None:
    if rs.kind != "local":
        return
    if not (rs.parameters or rs.periods):
        raise RuleFileError(head.path, head.line,
                            message("rulesets.local_empty"))
    if rs.channels or rs.events or rs.raw_violations:
        raise RuleFileError(head.path, head.line, message("rulesets.local_only"))
