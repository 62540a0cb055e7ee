"""Read the review and litigation periods (``rules/remedies/remedies.yaml``).

Each remedy has an id, a title, the dates between which it applies, its
period (days, months, years), the longer period when the agency did not
state the rights, and its basis; ``roll`` cites the rule that moves a last
day off a rest day, ``review_first`` the outcomes that go to review first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import read_checked
from .common import parse_basis, text_of


def load_remedy_rules(path: str | Path) -> dict[str, Any]:
    """The review and litigation periods in ``path`` (``rules/remedies/remedies.yaml``), as a mapping."""
    path = Path(path)
    doc = read_checked(Path(path), "remedies")
    r = doc["remedies"]
    out: dict[str, Any] = {"roll": parse_basis(r["roll"].get("basis"), r["roll"])}
    for key in ("after_answer", "after_review", "after_no_answer"):
        items = []
        for e in r[key]:
            items.append({"id": e["id"], "title": text_of(e["title"], e, "title"), "from": e.get("from"),
                          "to": e.get("to"), "period": dict(e["period"]),
                          "if_rights_not_stated": dict(e["if_rights_not_stated"]) if e.get("if_rights_not_stated") else None,
                          "not_after_refusal_from": e.get("not_after_refusal_from"),
                          "basis": parse_basis(e.get("basis"), e)})
        out[key] = items
    rf = r["review_first"]
    out["review_first"] = {"from": rf["from"], "outcomes": tuple(str(o) for o in rf["outcomes"]),
                           "note": text_of(rf["note"], rf, "note"), "basis": parse_basis(rf.get("basis"), rf)}
    return out
