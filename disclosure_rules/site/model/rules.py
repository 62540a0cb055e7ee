"""Rule sets, outcomes and examples as the pages read them (see the package)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import yaml

from ...basis import Basis
from ...calendar import load_calendar
from ...clock import evaluate
from ...errors import DisclosureRulesError
from ...examples import run_examples
from ...jsondata import JSON, JSONDict
from ...reprs import SharedRepr
from ...rulebook import CLOCK_FILES

if TYPE_CHECKING:
    from ...calendar import Calendar
    from ...result import Result
    from ...rulefiles.clockrules import EventRule, Example, Parameter, Period, RuleBook, RuleSet
    from ...rulefiles.common import Text
    from ...rulefiles.outcomefiles import Outcome, OutcomeCatalogue


@attrs.frozen(repr=False)
class Src(SharedRepr):
    file: str
    key: str


@attrs.frozen(repr=False)
class Cite(SharedRepr):
    """One basis: the short citation in both languages, the quoted text."""
    zh: str
    en: str
    text: str | None
    note: str | None
    src: Src


def pair(text: Text | None) -> dict[str, str] | None:
    return {"zh": text.zh, "en": text.en} if text is not None else None


def cites(bases: Iterable[Basis], file: str, key: str) -> list[Cite]:
    return [Cite(b.cite("zh"), b.cite("en"), b.text, None, Src(file, f"{key}.basis.{i}")) for i, b in enumerate(bases)]


def _section_files(folder: Path, root: Path) -> dict[str, str]:
    """Which file of a rule folder holds each top-level section (periods, events ...)."""
    out: dict[str, str] = {}
    for name in CLOCK_FILES:
        p = folder / name
        if p.is_file():
            doc = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            for section in doc:
                out[section] = p.relative_to(root).as_posix()
    return out


_NOT_EQUAL = re.compile(r"\^\(\?!(.*)\$\)")


def _when(node: JSON) -> list[JSONDict]:
    """business-rules conditions flattened to (fact, operator, value) rows, as the file wrote them
    (the outcome loader compiles ``not_equal_to`` into a look-ahead regex: shown as written)."""
    if "all" in node or "any" in node:
        return [c for sub in node.get("all", node.get("any")) for c in _when(sub)]
    op, value = node["operator"], node["value"]
    m = _NOT_EQUAL.fullmatch(value) if op == "matches_regex" and isinstance(value, str) else None
    if m:
        op, value = "not_equal_to", re.sub(r"\\(.)", r"\1", m.group(1))
    return [{"name": node["name"], "operator": op, "value": value}]


def ruleset_view(rs: RuleSet, root: Path, book: RuleBook) -> JSONDict:
    files = _section_files(Path(rs.folder), root)
    head = files["ruleset"]
    start_key = "start_day_counts"
    base = book.get(rs.extends) if rs.kind == "local" and rs.extends is not None else None
    merged = book.rules(base.id, rs.id) if base is not None else \
        book.rules(rs.supplements[0]) if rs.kind == "supplement" else book.rules(rs.id)
    start = merged.parameters.get(start_key)
    convention = None
    if start is not None:
        sfile = _section_files(Path(book.get(start.source).folder), root)["parameters"]
        convention = {"value": start.value, "src": Src(sfile, f"parameters.{start_key}.value")}
    periods = [{"key": k, "title": pair(p.title), "workdays": p.workdays, "convention": convention,
                "src": Src(files["periods"], f"periods.{k}.workdays"),
                "basis": cites(p.basis, files["periods"], f"periods.{k}")} for k, p in rs.periods.items()]
    base_params = base.parameters if base is not None else {}
    params = [_parameter(p, files["parameters"], base_params.get(p.key)) for p in rs.parameters.values()]
    channels = [{"key": k, "title": pair(c.title), "requires": c.requires, "date_of_receipt": c.date_of_receipt,
                 "src": Src(files["receipt"], f"receipt.{k}.date_of_receipt"),
                 "basis": cites(c.basis, files["receipt"], f"receipt.{k}")} for k, c in rs.channels.items()]
    events = [_event(e, files["events"]) for e in rs.events.values()]
    violations = [{"code": c, "event": v.event, "title": pair(v.title), "when": _when(v.conditions),
                   "voids_effect": v.voids_effect, "message": pair(v.message),
                   "src": Src(files["violations"], f"violations.{c}.when"),
                   "basis": cites(v.basis, files["violations"], f"violations.{c}")}
                  for c, v in rs.violations.items()]
    changes: list[JSONDict] = []
    if base is not None:
        bfiles = _section_files(Path(base.folder), root)
        for p in rs.parameters.values():
            national = base.parameters[p.key]
            changes.append({"key": p.key, "title": pair(p.title or national.title),
                            "national": _parameter(national, bfiles["parameters"]),
                            "local": _parameter(p, files["parameters"], national)})
        for k, period in rs.periods.items():
            changes.append({"key": k, "title": pair(period.title),
                            "national": _period_as_value(base.periods[k], bfiles),
                            "local": _period_as_value(period, files)})
    return {"id": rs.id, "kind": rs.kind, "title": pair(rs.title), "instrument": rs.instrument,
            "effective_from": rs.effective_from, "effective_to": rs.effective_to, "extends": rs.extends,
            "supplements": list(rs.supplements), "file": head, "folder": head.rsplit("/", 1)[0] + "/",
            "src_from": Src(head, "ruleset.effective_from"), "src_to": Src(head, "ruleset.effective_to"),
            "basis": cites(rs.basis, head, "ruleset"), "periods": periods, "parameters": params,
            "channels": channels, "events": events, "violations": violations, "changes": changes,
            "examples": [], "outcomes": None}


def _period_as_value(p: Period, files: dict[str, str]) -> JSONDict:
    return {"value": p.workdays, "unit": "workdays", "reason": "", "src": Src(files["periods"], f"periods.{p.key}.workdays"),
            "basis": cites(p.basis, files["periods"], f"periods.{p.key}")}


def _parameter(p: Parameter, file: str, base: Parameter | None = None) -> JSONDict:
    """A named parameter; a local one without a title takes the title of the one it overrides."""
    title = p.title if p.title is not None or base is None else base.title
    return {"key": p.key, "title": pair(title), "value": p.value, "choices": list(p.choices or ()),
            "reason": p.reason, "source": p.source, "unit": None, "src": Src(file, f"parameters.{p.key}.value"),
            "src_reason": Src(file, f"parameters.{p.key}.reason"),
            "basis": cites(p.basis, file, f"parameters.{p.key}")}


def _event(e: EventRule, file: str) -> JSONDict:
    parties = [{"key": k, "period": p.period, "effect": p.effect,
                "basis": cites(p.basis, file, f"events.{e.type}.parties.{k}")} for k, p in e.parties.items()]
    return {"type": e.type, "title": pair(e.title), "effect": e.effect, "period": e.period, "cap": e.cap,
            "status": e.status, "applicant_period": e.applicant_period, "applicant_parameter": e.applicant_parameter,
            "parameter": e.parameter, "expiry_status": e.expiry_status, "expiry_outcome": e.expiry_outcome,
            "src": Src(file, f"events.{e.type}.effect"), "basis": cites(e.basis, file, f"events.{e.type}"),
            "parties": parties}


def outcomes_view(cat: OutcomeCatalogue, root: Path, rows: dict[str | None, JSON]) -> JSONDict:
    file = Path(cat.path).resolve().relative_to(root.resolve()).as_posix()

    def one(o: Outcome, section: str) -> JSONDict:
        return {"code": o.code, "title": pair(o.title), "report_row": o.report_row, "by_reason": o.by_reason,
                "row_label": rows.get(o.report_row), "src": Src(file, f"{section}.{o.code}.report_row"),
                "must_state": [{"id": e.id, "text": {"zh": e.zh, "en": e.en},
                                "src": Src(file, f"{section}.{o.code}.must_state.{i}")}
                               for i, e in enumerate(o.must_state)],
                "when": _when(o.conditions) if o.conditions else [], "src_when": Src(file, f"{section}.{o.code}.when"),
                "basis": cites(o.basis, file, f"{section}.{o.code}")}

    return {"version": cat.version, "file": file,
            "outcomes": [one(o, "outcomes") for o in cat.outcomes.values()],
            "closures": [one(o, "closures") for o in cat.closures.values()],
            "reasons": [{"code": r.code, "row": r.row, "title": pair(r.title), "row_label": rows.get(r.row),
                         "src": Src(file, f"reasons.{r.code}.row"), "basis": cites(r.basis, file, f"reasons.{r.code}")}
                        for r in cat.reasons.values()],
            "remedies_to_state": [{"id": e.id, "text": {"zh": e.zh, "en": e.en},
                                   "src": Src(file, f"remedies_to_state.{i}")}
                                  for i, e in enumerate(cat.remedies_to_state)],
            "mappings": _report_mappings(Path(cat.path), file, rows)}


def _report_mappings(path: Path, file: str, rows: dict[str | None, JSON]) -> list[JSONDict]:
    """The report rows the format leaves open (``report_mapping``), with value, reason and basis.

    The outcome catalogue keeps only the chosen rows; the reasons are read
    from the file it was loaded from (already validated by its loader)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[JSONDict] = []
    for k, m in (doc.get("report_mapping") or {}).items():
        bases = m["basis"] if isinstance(m["basis"], list) else [m["basis"]]
        out.append({"key": k, "value": m["value"], "choices": list(m.get("choices") or ()), "title": None,
                    "row_label": rows.get(m["value"]), "reason": " ".join(str(m.get("reason", "")).split()),
                    "src": Src(file, f"report_mapping.{k}.value"), "src_reason": Src(file, f"report_mapping.{k}.reason"),
                    "basis": cites([Basis.from_dict(b) for b in bases], file, f"report_mapping.{k}")})
    return out


def examples_view(book: RuleBook, root: Path) -> dict[str, list[JSONDict]]:
    """Every example of every rule file, run now: rule set id -> [example view]."""
    by_place = {(o.path, o.line): o for o in run_examples(book)}
    out: dict[str, list[JSONDict]] = {}
    for rs in book.rulesets.values():
        items: list[JSONDict] = []
        seen: dict[str, int] = {}
        raw: dict[str, list[JSON]] = {}
        for ex in rs.examples:
            i = seen[ex.path] = seen.get(ex.path, -1) + 1          # its index in its own file
            if ex.path not in raw:
                raw[ex.path] = _raw_examples(Path(ex.path))
            o = by_place[(ex.path, ex.line)]
            file = Path(ex.path).resolve().relative_to(root.resolve()).as_posix()
            extra = raw[ex.path][i] if i < len(raw[ex.path]) else {}
            expect = [{"key": k, "value": v, "src": Src(file, f"examples.{i}.expect.{k}")} for k, v in ex.expect.items()]
            items.append({"index": i, "name": ex.name, "ruleset": rs.id, "as_of": ex.as_of, "case": ex.case,
                          "expect": expect, "passed": o.passed, "differences": list(o.differences),
                          "note": extra.get("note"), "src_note": Src(file, f"examples.{i}.note"),
                          "basis": cites([Basis.from_dict(b) for b in _listed(extra.get("basis"))], file,
                                         f"examples.{i}"),
                          "src": Src(file, f"examples.{i}"), "anchor": _anchor(rs.id, file, i),
                          "result": _result(ex, book)})
        out[rs.id] = items
    return out


def _raw_examples(path: Path) -> list[JSON]:
    """The ``note`` and ``basis`` of each example (the loader checks them but does not keep them)."""
    examples: list[JSON] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("examples") or []
    return examples


def _listed(b: JSON) -> list[JSON]:
    return [] if b is None else b if isinstance(b, list) else [b]


def _anchor(rid: str, file: str, i: int) -> str:
    stem = Path(file).stem
    return f"{rid}-example-{i}" if stem == "examples" else f"{rid}-{stem}-example-{i}"


def _result(ex: Example, book: RuleBook) -> Result | None:
    """The example evaluated for its sheet (None when it is expected to be an error)."""
    try:
        return evaluate(ex.case, ex.as_of, rules=book)
    except DisclosureRulesError:
        return None


def calendar_for(result: Result) -> Calendar:
    """The calendar a result was computed on (bundled calendars)."""
    return load_calendar(result.calendar)


def order(rs: RuleSet) -> tuple[int, int, str]:
    rank = {"national": 0, "supplement": 1, "local": 2}[rs.kind]
    return (rank, -(rs.effective_from or dt.date.min).toordinal(), rs.id)
