"""The one adapter between the rule bundle and the pages.

Everything the site shows is read here, through the public objects of the
engine (:func:`load_rules`, :class:`RuleBook`, the outcome catalogues, the
calendars, :func:`run_examples`), and turned into plain view records that
the templates render.  Each value carries ``src``: the rule file (relative
to the rules or calendars folder) and the key inside it, which the pages
write as ``data-file`` / ``data-key`` attributes.  Nothing here is law: the
law is in the files this module reads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import yaml

from ..calendar import available_calendars, load_calendar
from ..clock import evaluate
from ..errors import DisclosureRulesError
from ..examples import run_examples
from ..rulebook import CLOCK_FILES, load_rules


@attrs.frozen
class Src:
    file: str
    key: str


@attrs.frozen
class Cite:
    """One basis: the short citation in both languages, the quoted text."""
    zh: str
    en: str
    text: str | None
    note: str | None
    src: Src


def _t(text) -> dict:
    return {"zh": text.zh, "en": text.en} if text is not None else None


def _cites(bases, file: str, key: str) -> list[Cite]:
    return [Cite(b.cite("zh"), b.cite("en"), b.text, None, Src(file, f"{key}.basis.{i}")) for i, b in enumerate(bases)]


def _section_files(folder: Path, root: Path) -> dict:
    """Which file of a rule folder holds each top-level section (periods, events ...)."""
    out = {}
    for name in CLOCK_FILES:
        p = folder / name
        if p.is_file():
            doc = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            for section in doc:
                out[section] = p.relative_to(root).as_posix()
    return out


def _when(node) -> list[dict]:
    """business-rules conditions flattened to (fact, operator, value) rows."""
    if "all" in node or "any" in node:
        return [c for sub in node.get("all", node.get("any")) for c in _when(sub)]
    return [{"name": node["name"], "operator": node["operator"], "value": node["value"]}]


def _ruleset(rs, root: Path, book) -> dict:
    files = _section_files(Path(rs.folder), root)
    head = files["ruleset"]
    start_key = "start_day_counts"
    merged = book.rules(rs.extends, rs.id) if rs.kind == "local" else \
        book.rules(rs.supplements[0]) if rs.kind == "supplement" else book.rules(rs.id)
    start = merged.parameters.get(start_key)
    convention = None
    if start is not None:
        sfile = _section_files(Path(book.get(start.source).folder), root)["parameters"]
        convention = {"value": start.value, "src": Src(sfile, f"parameters.{start_key}.value")}
    periods = [{"key": k, "title": _t(p.title), "workdays": p.workdays, "convention": convention,
                "src": Src(files["periods"], f"periods.{k}.workdays"),
                "basis": _cites(p.basis, files["periods"], f"periods.{k}")} for k, p in rs.periods.items()]
    base_params = book.get(rs.extends).parameters if rs.kind == "local" else {}
    params = [_parameter(p, files["parameters"], base_params.get(p.key)) for p in rs.parameters.values()]
    channels = [{"key": k, "title": _t(c.title), "requires": c.requires, "date_of_receipt": c.date_of_receipt,
                 "src": Src(files["receipt"], f"receipt.{k}.date_of_receipt"),
                 "basis": _cites(c.basis, files["receipt"], f"receipt.{k}")} for k, c in rs.channels.items()]
    events = [_event(e, files["events"]) for e in rs.events.values()]
    violations = [{"code": c, "event": v.event, "title": _t(v.title), "when": _when(v.conditions),
                   "voids_effect": v.voids_effect, "message": _t(v.message),
                   "src": Src(files["violations"], f"violations.{c}.when"),
                   "basis": _cites(v.basis, files["violations"], f"violations.{c}")}
                  for c, v in rs.violations.items()]
    changes = []
    if rs.kind == "local":
        base = book.get(rs.extends)
        bfiles = _section_files(Path(base.folder), root)
        for p in rs.parameters.values():
            national = base.parameters[p.key]
            changes.append({"key": p.key, "title": _t(p.title or national.title),
                            "national": _parameter(national, bfiles["parameters"]),
                            "local": _parameter(p, files["parameters"], national)})
        for k, p in rs.periods.items():
            changes.append({"key": k, "title": _t(p.title), "national": _period_as_value(base.periods[k], bfiles),
                            "local": _period_as_value(p, files)})
    return {"id": rs.id, "kind": rs.kind, "title": _t(rs.title), "instrument": rs.instrument,
            "effective_from": rs.effective_from, "effective_to": rs.effective_to, "extends": rs.extends,
            "supplements": list(rs.supplements), "file": head,
            "src_from": Src(head, "ruleset.effective_from"), "src_to": Src(head, "ruleset.effective_to"),
            "basis": _cites(rs.basis, head, "ruleset"), "periods": periods, "parameters": params,
            "channels": channels, "events": events, "violations": violations, "changes": changes,
            "examples": [], "outcomes": None}


def _period_as_value(p, files) -> dict:
    return {"value": p.workdays, "unit": "workdays", "reason": "", "src": Src(files["periods"], f"periods.{p.key}.workdays"),
            "basis": _cites(p.basis, files["periods"], f"periods.{p.key}")}


def _parameter(p, file: str, base=None) -> dict:
    """A named parameter; a local one without a title takes the title of the one it overrides."""
    title = p.title if p.title is not None or base is None else base.title
    return {"key": p.key, "title": _t(title), "value": p.value, "choices": list(p.choices or ()),
            "reason": p.reason, "source": p.source, "unit": None, "src": Src(file, f"parameters.{p.key}.value"),
            "src_reason": Src(file, f"parameters.{p.key}.reason"),
            "basis": _cites(p.basis, file, f"parameters.{p.key}")}


def _event(e, file: str) -> dict:
    parties = [{"key": k, "period": p.period, "effect": p.effect,
                "basis": _cites(p.basis, file, f"events.{e.type}.parties.{k}")} for k, p in e.parties.items()]
    return {"type": e.type, "title": _t(e.title), "effect": e.effect, "period": e.period, "cap": e.cap,
            "status": e.status, "applicant_period": e.applicant_period, "applicant_parameter": e.applicant_parameter,
            "parameter": e.parameter, "expiry_status": e.expiry_status, "expiry_outcome": e.expiry_outcome,
            "src": Src(file, f"events.{e.type}.effect"), "basis": _cites(e.basis, file, f"events.{e.type}"),
            "parties": parties}


def _outcomes(cat, root: Path, rows: dict) -> dict:
    file = Path(cat.path).resolve().relative_to(root.resolve()).as_posix()

    def one(o, section):
        return {"code": o.code, "title": _t(o.title), "report_row": o.report_row, "by_reason": o.by_reason,
                "row_label": rows.get(o.report_row), "src": Src(file, f"{section}.{o.code}.report_row"),
                "must_state": [{"id": e.id, "text": {"zh": e.zh, "en": e.en},
                                "src": Src(file, f"{section}.{o.code}.must_state.{i}")}
                               for i, e in enumerate(o.must_state)],
                "when": _when(o.conditions) if o.conditions else [],
                "basis": _cites(o.basis, file, f"{section}.{o.code}")}

    return {"version": cat.version, "file": file,
            "outcomes": [one(o, "outcomes") for o in cat.outcomes.values()],
            "closures": [one(o, "closures") for o in cat.closures.values()],
            "reasons": [{"code": r.code, "row": r.row, "title": _t(r.title), "row_label": rows.get(r.row),
                         "src": Src(file, f"reasons.{r.code}.row"), "basis": _cites(r.basis, file, f"reasons.{r.code}")}
                        for r in cat.reasons.values()],
            "remedies_to_state": [{"id": e.id, "text": {"zh": e.zh, "en": e.en},
                                   "src": Src(file, f"remedies_to_state.{i}")}
                                  for i, e in enumerate(cat.remedies_to_state)]}


def _examples(book, root: Path) -> dict:
    """Every example of every rule file, run now: rule set id -> [example view]."""
    by_place = {(o.path, o.line): o for o in run_examples(book)}
    out = {}
    for rs in book.rulesets.values():
        items = []
        for i, ex in enumerate(rs.examples):
            o = by_place[(ex.path, ex.line)]
            file = Path(ex.path).resolve().relative_to(root.resolve()).as_posix()
            expect = [{"key": k, "value": v, "src": Src(file, f"examples.{i}.expect.{k}")} for k, v in ex.expect.items()]
            items.append({"index": i, "name": ex.name, "ruleset": rs.id, "as_of": ex.as_of, "case": ex.case,
                          "expect": expect, "passed": o.passed, "differences": list(o.differences),
                          "src": Src(file, f"examples.{i}"), "anchor": f"{rs.id}-example-{i}",
                          "result": _result(ex, book)})
        out[rs.id] = items
    return out


def _result(ex, book):
    """The example evaluated for its sheet (None when it is expected to be an error)."""
    try:
        return evaluate(ex.case, ex.as_of, rules=book)
    except DisclosureRulesError:
        return None


def calendar_for(result):
    """The calendar a result was computed on (bundled calendars)."""
    return load_calendar(result.calendar)


def _report_rows() -> dict:
    from ..report import load_table_layout
    return {r.code: {"zh": r.zh, "en": r.en} for r in load_table_layout().rows}


def load_site_model(rules_dir=None, calendars_dir=None, estimate_until: int | None = None) -> dict:
    """Load the rule bundle (the one the engine uses) and the calendars, run the examples."""
    book = load_rules(rules_dir)
    root = Path(rules_dir) if rules_dir is not None else _bundled_root()
    rows = _report_rows()
    examples = _examples(book, root)
    sets = []
    for rs in sorted(book.rulesets.values(), key=_order):
        view = _ruleset(rs, root, book)
        view["examples"] = examples[rs.id]
        if rs.outcomes is not None:
            view["outcomes"] = _outcomes(rs.outcomes, root, rows)
        sets.append(view)
    search = [calendars_dir] if calendars_dir else None
    cals = [calendar_model(load_calendar(c, search_path=search, estimate_until=estimate_until))
            for c in available_calendars(search)]
    return {"rulesets": sets, "calendars": cals, "digest": book.digest,
            "failed": sum(not e["passed"] for items in examples.values() for e in items)}


def _bundled_root() -> Path:
    from ..rulebook import bundled_rules_dir
    return bundled_rules_dir()


def _order(rs):
    rank = {"national": 0, "supplement": 1, "local": 2}[rs.kind]
    return (rank, -(rs.effective_from or dt.date.min).toordinal(), rs.id)


# ----------------------------------------------------------------------------- calendars

def calendar_model(cal) -> dict:
    """A calendar's years as twelve-month grids of day views."""
    notices = {n.doc_no: n for n in cal.notices}
    years = []
    for year in range(cal.first_day.year, cal.last_day.year + 1):
        first = max(dt.date(year, 1, 1), cal.first_day)
        if not cal.covers(first) and not cal.covers(dt.date(year, 12, 31)):
            years.append({"year": year, "gap": True, "months": [], "notices": [], "estimated": False})
            continue
        months, used = [], {}
        for m in range(1, 13):
            months.append(_month(cal, year, m, used, notices))
        years.append({"year": year, "gap": False, "months": months, "estimated": cal.is_estimated(dt.date(year, 1, 1)),
                      "notices": [_notice(notices[d]) for d in sorted(used) if d in notices]})
    return {"id": cal.id, "title": cal.title, "layers": list(cal.layers), "first_day": cal.first_day,
            "last_day": cal.last_day, "official_last_day": cal.official_last_day, "years": years}


def _notice(n) -> dict:
    return {"doc_no": n.doc_no, "title": n.title, "dated": n.dated, "layer": n.layer, "note": n.note,
            "sources": n.sources}


def day_view(cal, d: dt.date, notices_used: dict | None = None) -> dict:
    """What a day is (kind, festival, notice), with the calendar file it comes from."""
    if not cal.covers(d):
        return {"date": d, "kind": "uncovered", "workday": None, "name": None, "notice": None, "src": None}
    info = cal.day(d)
    src = Src(f"{info.layer}/{d.year}.yaml", d.isoformat()) if info.layer else None
    if notices_used is not None and info.notice:
        notices_used[info.notice] = True
    return {"date": d, "kind": info.kind, "workday": info.workday, "name": info.name, "notice": info.notice,
            "estimated": info.estimated, "src": src}


def _month(cal, year: int, month: int, used: dict, notices) -> dict:
    d = dt.date(year, month, 1)
    weeks, week = [], [None] * d.weekday()
    while d.month == month:
        week.append(day_view(cal, d, used))
        if len(week) == 7:
            weeks.append(week)
            week = []
        d += dt.timedelta(days=1)
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return {"month": month, "weeks": weeks}


# ----------------------------------------------------------------------------- a case

_STOPS = {"suspend": ("restart", "close"), "pause": ("resume", "close")}


def case_view(result) -> dict:
    """A result (``Result.to_dict`` in both languages) as the sheet reads it."""
    zh, en = result.to_dict("zh"), result.to_dict("en")
    steps = [{"n": i + 1, "date": _d(s["date"]), "event": s["event"], "effect": s["effect"], "due": _d(s["due"]),
              "applicant_due": _d(s["applicant_due"]), "text": {"zh": s["text_zh"], "en": s["text_en"]},
              "citation": {"zh": s["citation"], "en": en["trace"][i]["citation"]}}
             for i, s in enumerate(zh["trace"])]
    violations = [{"code": v["code"], "date": _d(v["date"]), "title": {"zh": v["title_zh"], "en": v["title_en"]},
                   "message": {"zh": v["message_zh"], "en": v["message_en"]},
                   "citation": {"zh": v["citation"], "en": en["violations"][i]["citation"]}}
                  for i, v in enumerate(zh["violations"])]
    fields = ("id", "received", "channel", "rules_applied", "local", "calendar", "as_of", "status", "due",
              "due_at_latest", "workdays_left", "late_workdays", "applicant_due", "closed_on", "outcome",
              "outcome_reason", "report_row", "period_workdays", "extension_workdays", "excluded_workdays",
              "provisional")
    view = {k: _d(en[k]) if k in _DATES else en[k] for k in fields}
    view.update(steps=steps, violations=violations, intervals=_intervals(steps, view), dues=_dues(steps))
    return view


_DATES = {"received", "as_of", "due", "due_at_latest", "applicant_due", "closed_on"}


def _d(s):
    return dt.date.fromisoformat(s) if isinstance(s, str) else s


def _intervals(steps, view) -> list[dict]:
    """The suspended (applicant's clock) and consultation intervals, from the trace."""
    out = []
    for i, s in enumerate(steps):
        stops = _STOPS.get(s["effect"])
        if stops is None:
            continue
        end = next((t["date"] for t in steps[i + 1:] if t["effect"] in stops), None)
        open_ = end is None
        if open_:
            end = view["closed_on"] or view["as_of"]
        kind = "suspended" if s["effect"] == "suspend" else "consultation"
        out.append({"kind": kind, "start": s["date"], "end": max(end, s["date"]), "open": open_, "step": s["n"]})
    if view["late_workdays"] and view["due"]:
        end = view["closed_on"] or view["as_of"]
        out.append({"kind": "late", "start": view["due"], "end": end, "open": view["closed_on"] is None, "step": None})
    return out


def _dues(steps) -> list[dict]:
    """Every due date that was in force, with the step that set it, in order."""
    out = []
    for s in steps:
        if s["due"] is not None and (not out or out[-1]["due"] != s["due"]):
            out.append({"due": s["due"], "step": s["n"], "since": s["date"]})
    return out
