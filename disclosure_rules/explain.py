"""Render a result as a dated table a person can read, in Chinese or English."""

from __future__ import annotations

import datetime as dt

from .basis import cite_all
from .labels import channel_label, outcome_label, status_label, step_label
from .messages import render
from .result import Result


def _range(lo: dt.date | None, hi: dt.date | None, zh: bool) -> str:
    """The bounds of a provisional date, e.g. ' (provisional: between 2027-02-19 and 2027-02-25)'."""
    lang = "zh" if zh else "en"
    if lo is None or hi is None:
        return render("explain.provisional", lang, {})
    if lo == hi:
        return render("explain.provisional_same", lang, {})
    return render("explain.provisional_between", lang, {"low": lo, "high": hi})


def render_text(r: Result, lang: str = "en") -> str:
    zh = lang == "zh"
    lines = _head(r, lang) + _provisional_lines(r, zh)
    lines.append("")
    lines.append(render("explain.trace_head", lang, {}))
    for s in r.trace:
        due = s.due.isoformat() if s.due else "—"
        name = step_label(s.event, lang, r.rules_applied) if zh else s.event
        lines.append(f"{s.date}  {_pad(name, 24)} {due:<11} {s.text(lang)}")
        if s.basis:
            lines.append(" " * 48 + "[" + cite_all(s.basis, lang) + "]")
    if r.violations:
        lines.append("")
        lines.append(render("explain.violations", lang, {}))
        for v in r.violations:
            msg = v.message_zh if zh else v.message_en
            lines.append(f"  {v.date}  {v.code}: {msg} [" + cite_all(v.basis, lang) + "]")
    return "\n".join(lines)


def _head(r: Result, lang: str) -> list[str]:
    """The case, its standing on ``as_of`` and its dates (with their bounds when provisional)."""
    zh = lang == "zh"
    channel = channel_label(r.channel, lang, r.rules_applied) if zh else r.channel
    head = render("explain.head", lang, {"id": r.id, "received": r.received, "channel": channel,
                                         "rules": list(r.rules_applied), "calendar": r.calendar})
    lines = [head, render("explain.as_of", lang, {"day": r.as_of, "status": status_label(r.status, lang)})]
    if r.due:
        lines.append(render("explain.due", lang, {"day": r.due})
                     + (_range(r.due_earliest, r.due_latest, zh) if r.provisional else ""))
    if r.due_at_latest:
        lines.append(render("explain.due_at_latest", lang, {"day": r.due_at_latest})
                     + (_range(*r.bounds.get("due_at_latest", (None, None)), zh) if r.provisional else ""))
    if r.workdays_left is not None:
        lines.append(render("explain.workdays_left", lang, {"n": r.workdays_left}))
    if r.late_workdays:
        lines.append(render("explain.late_workdays", lang, {"n": r.late_workdays}))
    return lines + _answer_lines(r, zh)


def _answer_lines(r: Result, zh: bool) -> list[str]:
    """The applicant's last day and the outcome, when there are."""
    lines = []
    lang = "zh" if zh else "en"
    if r.applicant_due:
        lines.append(render("explain.applicant_due", lang, {"day": r.applicant_due})
                     + (_range(r.applicant_due_earliest, r.applicant_due_latest, zh) if r.provisional else ""))
    if r.outcome:
        outcome = _outcome_zh(r) if zh else r.outcome
        if r.outcome_reason:
            lines.append(render("explain.outcome_reason", lang, {"outcome": outcome, "reason": r.outcome_reason}))
        else:
            lines.append(render("explain.outcome", lang, {"outcome": outcome}))
    return lines


def _outcome_zh(r: Result) -> str:
    """The outcome's Chinese name, with its code when the code is a number (36-2), not an English word."""
    assert r.outcome is not None
    title = outcome_label(r.outcome, "zh", r.rules_applied)
    if title != r.outcome and not any(c.isascii() and c.isalpha() for c in r.outcome):
        return render("explain.outcome_coded", "zh", {"title": title, "code": r.outcome})
    return title


def _provisional_lines(r: Result, zh: bool) -> list[str]:
    """The warning of a provisional result and the days not yet known."""
    if not r.provisional:
        return []
    lang = "zh" if zh else "en"
    lines = [render("explain.provisional_warning", lang, {})]
    if r.unknown_days:
        lines.append(render("explain.unknown_days", lang, {"days": ", ".join(u["date"] for u in r.unknown_days)}))
    return lines


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` columns, a Chinese character counting two."""
    cols = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(1, width - cols)
