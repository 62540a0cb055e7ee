"""Read the review and litigation periods (``rules/remedies/remedies.yaml``).

Each remedy has an id, a title, its period as dated values (the law in
force on the day the period starts: ``{from, value: {days|months|years},
basis}``, or no value with a ``note`` when the law then set no period), the
cap when the agency did not state the rights, and ``roll``: the dated basis
that moves a last day off a rest day; ``review_first`` the outcomes that go
to review first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from .cache import read_checked
from .common import Text, parse_basis, text_of


@attrs.frozen(repr=False)
class Dated(SharedRepr):
    """One dated value of a period: in force for periods starting on or after ``since``."""

    since: dt.date
    value: dict[str, int] | None      # {days|months|years: n}, or None: no such period then
    basis: tuple[Basis, ...]
    note: Text | None


def _day(v: Any, where: Any) -> dt.date:
    if isinstance(v, dt.date):
        return v
    raise RuleFileError(where.path, where.line_of("from"), message("remedyfile.from", value=str(v)))


def _dated(items: Any, where: Any) -> tuple[Dated, ...]:
    out = []
    for v in items:
        note = text_of(v["note"], v, "note") if v.get("note") is not None else None
        out.append(Dated(_day(v["from"], v), dict(v["value"]) if v.get("value") else None,
                         parse_basis(v.get("basis"), v) if v.get("basis") else (), note))
    out.sort(key=lambda d: d.since)
    for a, b in zip(out, out[1:], strict=False):
        if a.since == b.since:
            raise RuleFileError(where.path, where.line, message("remedyfile.two_values", since=a.since))
    return tuple(out)


def load_remedy_rules(path: str | Path) -> dict[str, Any]:
    """The review and litigation periods in ``path`` (``rules/remedies/remedies.yaml``), as a mapping."""
    doc = read_checked(Path(path), "remedies")
    r = doc["remedies"]
    out: dict[str, Any] = {"roll": tuple(Dated(_day(v["from"], v), None, parse_basis(v["basis"], v), None)
                                         for v in r["roll"])}
    for key in ("after_answer", "after_review", "after_no_answer"):
        out[key] = [{"id": e["id"], "title": text_of(e["title"], e, "title"), "period": _dated(e["period"], e),
                     "if_rights_not_stated": _dated(e["if_rights_not_stated"], e) if e.get("if_rights_not_stated")
                     else None, "not_after_refusal_from": e.get("not_after_refusal_from")} for e in r[key]]
    out["rights_not_stated_note"] = text_of(r["rights_not_stated_note"], r, "rights_not_stated_note")
    rf = r["review_first"]
    out["review_first"] = {"from": rf["from"], "outcomes": tuple(str(o) for o in rf["outcomes"]),
                           "note": text_of(rf["note"], rf, "note"), "basis": parse_basis(rf.get("basis"), rf)}
    return out
