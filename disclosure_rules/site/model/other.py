"""The rule files of the other parts of the engine: fee tiers, remedy
periods, the annual report table; each found by its file name under the
rules folder (as ``disclosure-rules check`` finds them) and read by its loader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from ...jsondata import JSONDict
from ...rulefiles.feefiles import Tier, load_fee_schedule
from ...rulefiles.remedyfiles import load_remedy_rules
from ...rulefiles.reportfiles import load_table_layout
from .rules import Src, cites, pair


def _find(root: Path, name: str) -> list[Path]:
    return sorted(root.rglob(name))


def other_files(root: Path) -> JSONDict:
    fees = [_fees(p, root) for p in _find(root, "fees.yaml")]
    remedies = [_remedies(p, root) for p in _find(root, "remedies.yaml")]
    tables = [_table(p, root) for p in _find(root, "table.yaml")]
    rows = {r["code"]: r["title"] for t in tables[:1] for r in t["rows"]}
    return {"fees": fees, "remedies": remedies, "tables": tables, "report_rows": rows}


def _rel(p: Path, root: Path) -> str:
    return p.relative_to(root).as_posix()


def _fees(path: Path, root: Path) -> JSONDict:
    s = load_fee_schedule(path)
    file = _rel(path, root)

    def tiers(method: str, items: Iterable[Tier]) -> list[JSONDict]:
        return [{"first": t.first, "last": t.last, "yuan": t.yuan, "band": t.band, "first_yuan": t.first_yuan,
                 "step_yuan": t.step_yuan, "text": t.text, "src": Src(file, f"fees.{method}.tiers.{i}")}
                for i, t in enumerate(items)]

    return {"file": file, "effective_from": s.effective_from, "src_from": Src(file, "fees.effective_from"),
            "basis": cites(s.basis, file, "fees"),
            "methods": [{"key": "per_request", "tiers": tiers("per_request", s.per_request),
                         "basis": cites(s.per_request_basis, file, "fees.per_request")},
                        {"key": "per_page", "tiers": tiers("per_page", s.per_page),
                         "basis": cites(s.per_page_basis, file, "fees.per_page")}]}


def _remedies(path: Path, root: Path) -> JSONDict:
    r = load_remedy_rules(path)
    file = _rel(path, root)
    groups = []
    for key in ("after_answer", "after_review", "after_no_answer"):
        groups.append({"key": key, "items": [item for i, e in enumerate(r[key])
                                             for item in _dated_items(e, key, i, file)]})
    rf = r["review_first"]
    roll = tuple(b for d in r["roll"] for b in d.basis)
    return {"file": file, "groups": groups, "roll": cites(roll, file, "remedies.roll"),
            "review_first": {"from": rf["from"], "outcomes": list(rf["outcomes"]), "note": pair(rf["note"]),
                             "src": Src(file, "remedies.review_first.outcomes"),
                             "basis": cites(rf["basis"], file, "remedies.review_first")}}


def _dated_items(e: JSONDict, key: str, i: int, file: str) -> list[JSONDict]:
    """One row per version of a remedy's period (the law in force from each date)."""
    versions = e["period"]
    out: list[JSONDict] = []
    for k, d in enumerate(versions):
        to = versions[k + 1].since - dt.timedelta(days=1) if k + 1 < len(versions) else None
        caps = [c for c in e["if_rights_not_stated"] or () if c.since <= d.since]
        cap = caps[-1].value if caps else None
        out.append({"id": e["id"], "title": pair(e["title"]), "from": d.since, "to": to, "period": d.value or {},
                    "if_rights_not_stated": cap, "src": Src(file, f"remedies.{key}.{i}.period.{k}"),
                    "src_rights": Src(file, f"remedies.{key}.{i}.if_rights_not_stated"),
                    "basis": cites(d.basis, file, f"remedies.{key}.{i}.period.{k}")})
    return out


def _table(path: Path, root: Path) -> JSONDict:
    t = load_table_layout(path)
    file = _rel(path, root)
    return {"file": file, "title": pair(t.title), "balance": pair(t.balance), "basis": cites(t.basis, file, "table"),
            "rows": [{"code": r.code, "title": {"zh": r.zh, "en": r.en}, "group": r.group,
                      "src": Src(file, f"table.rows.{i}")} for i, r in enumerate(t.rows)],
            "columns": [{"code": c.code, "title": {"zh": c.zh, "en": c.en}, "group": c.group,
                         "src": Src(file, f"table.columns.{i}")} for i, c in enumerate(t.columns)]}
