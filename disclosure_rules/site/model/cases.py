"""A case's result as the sheet reads it (through ``Result.to_dict``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...jsondata import JSON, JSONDict
from ...labels import status_label

if TYPE_CHECKING:
    from ...result import Result

_STOPS = {"suspend": ("restart", "close"), "pause": ("resume", "close")}


def case_view(result: Result) -> JSONDict:
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
    view.update(steps=steps, violations=violations, intervals=_intervals(steps, view), dues=_dues(steps),
                status_label={lang: status_label(en["status"], lang) for lang in ("zh", "en")})
    return view


_DATES = {"received", "as_of", "due", "due_at_latest", "applicant_due", "closed_on"}


def _d(s: JSON) -> JSON:
    return dt.date.fromisoformat(s) if isinstance(s, str) else s


def _intervals(steps: list[JSONDict], view: JSONDict) -> list[JSONDict]:
    """The suspended (applicant's clock) and consultation intervals, from the trace."""
    out: list[JSONDict] = []
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


def _dues(steps: list[JSONDict]) -> list[JSONDict]:
    """Every due date that was in force, with the step that set it, in order."""
    out: list[JSONDict] = []
    for s in steps:
        if s["due"] is not None and (not out or out[-1]["due"] != s["due"]):
            out.append({"due": s["due"], "step": s["n"], "since": s["date"]})
    return out
