"""Render a result as a dated table a person can read, in Chinese or English."""

from __future__ import annotations

import datetime as dt

from .basis import cite_all
from .labels import channel_label, status_label, step_label
from .result import Result


def _range(lo: dt.date | None, hi: dt.date | None, zh: bool) -> str:
    """The bounds of a provisional date, e.g. ' (provisional: between 2027-02-19 and 2027-02-25)'."""
    if lo is None or hi is None:
        return "（临时）" if zh else " (provisional)"
    if lo == hi:
        return "（临时，各种安排下相同）" if zh else " (provisional; the same under every arrangement)"
    return f"（临时：在{lo}至{hi}之间）" if zh else f" (provisional: between {lo} and {hi})"


def render_text(r: Result, lang: str = "en") -> str:
    zh = lang == "zh"
    lines = _head(r, lang) + _provisional_lines(r, zh)
    lines.append("")
    lines.append("日期        事件                     期限        说明 / 依据" if zh else
                 "date        event                    due         what happened / basis")
    for s in r.trace:
        due = s.due.isoformat() if s.due else "—"
        name = step_label(s.event, lang, r.rules_applied) if zh else s.event
        lines.append(f"{s.date}  {_pad(name, 24)} {due:<11} {s.text(lang)}")
        if s.basis:
            lines.append(" " * 48 + "[" + cite_all(s.basis, lang) + "]")
    if r.violations:
        lines.append("")
        lines.append("违法情形：" if zh else "violations:")
        for v in r.violations:
            msg = v.message_zh if zh else v.message_en
            lines.append(f"  {v.date}  {v.code}: {msg} [" + cite_all(v.basis, lang) + "]")
    return "\n".join(lines)


def _head(r: Result, lang: str) -> list[str]:
    """The case, its standing on ``as_of`` and its dates (with their bounds when provisional)."""
    zh = lang == "zh"
    head = (f"案件 {r.id}：{r.received} 收到（{channel_label(r.channel, lang, r.rules_applied)}），适用 {'、'.join(r.rules_applied)}，日历 {r.calendar}"
            if zh else f"case {r.id}: received {r.received} ({r.channel}), rules {', '.join(r.rules_applied)}, "
            f"calendar {r.calendar}")
    lines = [head, (f"截至 {r.as_of}：" if zh else f"as of {r.as_of}: ") + status_label(r.status, lang)]
    if r.due:
        lines.append(("答复期限：" if zh else "due: ") + r.due.isoformat()
                     + (_range(r.due_earliest, r.due_latest, zh) if r.provisional else ""))
    if r.due_at_latest:
        lines.append(("最迟答复期限（意见期限届满时）：" if zh else "due at the latest (if the consultee answers last): ")
                     + r.due_at_latest.isoformat()
                     + (_range(*r.bounds.get("due_at_latest", (None, None)), zh) if r.provisional else ""))
    if r.workdays_left is not None:
        lines.append(f"剩余工作日：{r.workdays_left}" if zh else f"working days left: {r.workdays_left}")
    if r.late_workdays:
        lines.append(f"逾期工作日：{r.late_workdays}" if zh else f"working days late: {r.late_workdays}")
    return lines + _answer_lines(r, zh)


def _answer_lines(r: Result, zh: bool) -> list[str]:
    """The applicant's last day and the outcome, when there are."""
    lines = []
    if r.applicant_due:
        lines.append(("申请人期限：" if zh else "applicant's last day: ") + r.applicant_due.isoformat()
                     + (_range(r.applicant_due_earliest, r.applicant_due_latest, zh) if r.provisional else ""))
    if r.outcome:
        lines.append(("答复类型：" if zh else "outcome: ") + r.outcome + (f" ({r.outcome_reason})" if r.outcome_reason else ""))
    return lines


def _provisional_lines(r: Result, zh: bool) -> list[str]:
    """The warning of a provisional result and the days not yet known."""
    if not r.provisional:
        return []
    lines = ["注意：使用了估计日历，结果为临时结果（官方通知公布后请用 timeline --recheck 复核）" if zh else
             "PROVISIONAL: uses an estimated calendar (no official notice yet); recheck with "
             "timeline --recheck once the notice is out"]
    if r.unknown_days:
        lines.append(("尚不确定的日期：" if zh else "days not yet known: ")
                     + ", ".join(u["date"] for u in r.unknown_days))
    return lines


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` columns, a Chinese character counting two."""
    cols = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(1, width - cols)
