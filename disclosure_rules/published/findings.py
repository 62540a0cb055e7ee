"""Building a finding from its check in ``checks.yaml``: message, severity, basis."""

from __future__ import annotations

from ..basis import cite_all
from ..messages import Text
from .model import Compared, Finding
from .rulefiles import ReportRules

# (zh, en) display names of row and column: ((row_zh, column_zh), (row_en, column_en))
Labels = tuple[tuple[str | None, str | None], tuple[str | None, str | None]]


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return "" if v is None else str(v)


def _difference(expected: Compared, actual: Compared) -> str:
    if not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
        return ""
    diff = actual - expected
    return f"{diff:+d}" if isinstance(diff, int) else f"{diff:+.2f}"


def make(rules: ReportRules, rule_id: str, *, row: str | None = None, column: str | None = None,
         expected: Compared = None, actual: Compared = None, evidence: str | Text | None = None,
         labels: Labels | None = None, severity: str | None = None, section: str | None = None,
         **extra: object) -> Finding:
    """``labels``: (zh, en) display names of row and column for the messages, if not the codes;
    ``evidence`` a :class:`Text` where it holds words (a reason), each language's text showing its own."""
    check = rules.check(rule_id)
    ev_en, ev_zh = (evidence.en, evidence.zh) if isinstance(evidence, Text) else (evidence, None)
    fields = {"expected": _fmt(expected), "actual": _fmt(actual), "difference": _difference(expected, actual)}
    fields.update({k: _fmt(v) for k, v in extra.items()})
    (rz, cz), (re_, ce) = labels or ((row, column), (row, column))
    zh = check.zh.format_map(_Fields(fields, row=_fmt(rz), column=_fmt(cz), section=section or check.section,
                                     evidence=(ev_zh if ev_zh is not None else ev_en) or ""))
    en = check.en.format_map(_Fields(fields, row=_fmt(re_), column=_fmt(ce), section=section or check.section,
                                     evidence=ev_en or ""))
    return Finding(rule_id, row, column, expected, actual, en, zh, section or check.section, severity or check.severity,
                   ev_en, cite_all(check.basis, "zh"), cite_all(check.basis, "en"), evidence_zh=ev_zh)
