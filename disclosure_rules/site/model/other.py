"""The rule files of the other parts of the engine: fee tiers, remedy
periods, the annual report table; each found by its file name under the
rules folder (as ``disclosure-rules check`` finds them) and read by its loader."""

from __future__ import annotations

from pathlib import Path

from ...fees import load_fee_schedule
from ...remedies import load_remedy_rules
from ...report import load_table_layout
from .rules import Src, cites, pair


def _find(root: Path, name: str) -> list[Path]:
    return sorted(root.rglob(name))


def other_files(root: Path) -> dict:
    fees = [_fees(p, root) for p in _find(root, "fees.yaml")]
    remedies = [_remedies(p, root) for p in _find(root, "remedies.yaml")]
    tables = [_table(p, root) for p in _find(root, "table.yaml")]
    rows = {r["code"]: r["title"] for t in tables[:1] for r in t["rows"]}
    return {"fees": fees, "remedies": remedies, "tables": tables, "report_rows": rows}


def _rel(p: Path, root: Path) -> str:
    return p.relative_to(root).as_posix()


def _fees(path: Path, root: Path) -> dict:
    s = load_fee_schedule(path)
    file = _rel(path, root)

    def tiers(method, items):
        return [{"first": t.first, "last": t.last, "yuan": t.yuan, "band": t.band, "first_yuan": t.first_yuan,
                 "step_yuan": t.step_yuan, "text": t.text, "src": Src(file, f"fees.{method}.tiers.{i}")}
                for i, t in enumerate(items)]

    return {"file": file, "effective_from": s.effective_from, "src_from": Src(file, "fees.effective_from"),
            "basis": cites(s.basis, file, "fees"),
            "methods": [{"key": "per_request", "tiers": tiers("per_request", s.per_request),
                         "basis": cites(s.per_request_basis, file, "fees.per_request")},
                        {"key": "per_page", "tiers": tiers("per_page", s.per_page),
                         "basis": cites(s.per_page_basis, file, "fees.per_page")}]}


def _remedies(path: Path, root: Path) -> dict:
    r = load_remedy_rules(path)
    file = _rel(path, root)
    groups = []
    for key in ("after_answer", "after_review", "after_no_answer"):
        groups.append({"key": key, "items": [
            {"id": e["id"], "title": pair(e["title"]), "from": e["from"], "to": e["to"], "period": e["period"],
             "if_rights_not_stated": e["if_rights_not_stated"], "src": Src(file, f"remedies.{key}.{i}.period"),
             "src_rights": Src(file, f"remedies.{key}.{i}.if_rights_not_stated"),
             "basis": cites(e["basis"], file, f"remedies.{key}.{i}")} for i, e in enumerate(r[key])]})
    rf = r["review_first"]
    return {"file": file, "groups": groups, "roll": cites(r["roll"], file, "remedies.roll"),
            "review_first": {"from": rf["from"], "outcomes": list(rf["outcomes"]), "note": pair(rf["note"]),
                             "src": Src(file, "remedies.review_first.outcomes"),
                             "basis": cites(rf["basis"], file, "remedies.review_first")}}


def _table(path: Path, root: Path) -> dict:
    t = load_table_layout(path)
    file = _rel(path, root)
    return {"file": file, "title": pair(t.title), "balance": pair(t.balance), "basis": cites(t.basis, file, "table"),
            "rows": [{"code": r.code, "title": {"zh": r.zh, "en": r.en}, "group": r.group,
                      "src": Src(file, f"table.rows.{i}")} for i, r in enumerate(t.rows)],
            "columns": [{"code": c.code, "title": {"zh": c.zh, "en": c.en}, "group": c.group,
                         "src": Src(file, f"table.columns.{i}")} for i, c in enumerate(t.columns)]}
