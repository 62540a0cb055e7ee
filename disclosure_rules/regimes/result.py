"""The result of a regime's case, frozen, as plain JSON (``to_dict``) or text."""

from __future__ import annotations

from typing import Any

import attrs

from ..basis import Basis, cite_all
from ..reprs import SharedRepr
from ..rulebook import Text

# Any: JSON-ready values; facts and parameters are the rule files' and the case's YAML data


@attrs.frozen(repr=False)
class StageResult(SharedRepr):
    stage: str
    start: str
    due: str
    done: str | None
    late: bool
    status: str                         # done | closed | open | overdue
    title: Text | None = None           # the stage's title in the rule files (text output only)

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "due": self.due, "done": self.done, "late": self.late,
                "start": self.start, "status": self.status}


@attrs.frozen(repr=False)
class Violation(SharedRepr):
    code: str
    stage: str
    at: str
    severity: str                       # breach | warning
    title: Text
    basis: tuple[Basis, ...]
    facts: dict[str, Any] = attrs.field(factory=dict)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "stage": self.stage, "at": self.at, "severity": self.severity,
                "title": self.title.get(lang), "title_en": self.title.en, "title_zh": self.title.zh,
                "facts": dict(self.facts), "basis": [b.to_dict() for b in self.basis],
                "citation": cite_all(self.basis, lang)}


@attrs.frozen(repr=False)
class Step(SharedRepr):
    at: str
    stage: str
    step: str                           # start | extension | done | closed | violation
    due: str | None
    text_en: str
    text_zh: str
    basis: tuple[Basis, ...] = ()

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"at": self.at, "stage": self.stage, "step": self.step, "due": self.due,
                "text": self.text_zh if lang == "zh" else self.text_en, "text_en": self.text_en,
                "text_zh": self.text_zh, "basis": [b.to_dict() for b in self.basis],
                "citation": cite_all(self.basis, lang)}


@attrs.frozen(repr=False)
class RegimeResult(SharedRepr):
    id: str
    regime: str
    unit: str | None
    as_of: str
    status: str
    stages: tuple[StageResult, ...]
    violations: tuple[Violation, ...]
    trace: tuple[Step, ...]
    provisional: bool
    rules_version: str
    notes: tuple[dict[str, str], ...] = ()          # {code, en, zh}
    parameters: dict[str, Any] = attrs.field(factory=dict)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"id": self.id, "regime": self.regime, "unit": self.unit, "as_of": self.as_of, "status": self.status,
                "stages": [s.to_dict() for s in self.stages],
                "violations": [v.to_dict(lang) for v in self.violations],
                "trace": [s.to_dict(lang) for s in self.trace], "provisional": self.provisional,
                "rules_version": self.rules_version, "parameters": dict(self.parameters),
                "notes": [{"code": n["code"], "message": n["zh" if lang == "zh" else "en"]} for n in self.notes]}


def _word(kind: str, value: str, lang: str) -> str:
    """A status or a severity as the text of ``lang`` names it (its id if the catalogue has none)."""
    from ..messages import catalogue, render
    key = f"regime_text.{kind}.{value}"
    return render(key, lang, {}) if key in catalogue(lang) else value


# the catalogue's words for the statuses and severities a regime's result holds
WORDS = ("regime_text.status.done", "regime_text.status.closed", "regime_text.status.open",
         "regime_text.status.overdue", "regime_text.severity.breach", "regime_text.severity.warning")


def render_text(r: RegimeResult, lang: str = "en") -> str:
    """The result as text: the stages (by their titles in Chinese), violations, notes and trace."""
    from ..messages import render
    zh = lang == "zh"
    lines = [f"{r.id} ({r.regime})" + (f" {r.unit}" if r.unit else "")
             + render("regime_text.as_of", lang, {"day": r.as_of, "status": _word("status", r.status, lang)})]
    for s in r.stages:
        mark = render("regime_text.late", lang, {}) if s.late else ""
        name = s.title.zh if zh and s.title is not None else f"{s.stage:<10}"
        lines.append(f"  {name} " + render("regime_text.stage", lang, {"due": s.due, "done": s.done or "-"})
                     + f"  {_word('status', s.status, lang)} {mark}".rstrip())
    for v in r.violations:
        lines.append(f"  ! {v.code} [{_word('severity', v.severity, lang)}] {v.title.get(lang)} — "
                     f"{cite_all(v.basis, lang)}")
    for n in r.notes:
        lines.append(f"  * {n['zh' if zh else 'en']}")
    lines.append(render("regime_text.trace", lang, {}))
    for step in r.trace:
        c = cite_all(step.basis, lang)
        lines.append(f"  {step.at}  {step.text_zh if zh else step.text_en}" + (f"  [{c}]" if c else ""))
    return "\n".join(lines)
