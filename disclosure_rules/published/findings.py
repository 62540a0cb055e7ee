"""Building a finding from its check in ``checks.yaml``: message, severity, basis."""

from __future__ import annotations

from ..basis import cite_all
from .model import Finding


class _Fields(dict):
    def __missing__(self, key):
        return ""


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return "" if v is None else str(v)


def make(rules, rule_id, *, row=None, column=None, expected=None, actual=None, evidence=None,
         labels=None, severity=None, section=None, **extra) -> Finding:
    """``labels``: (zh, en) display names of row and column for the messages, if not the codes."""
    check = rules.check(rule_id)
    numeric = all(isinstance(x, (int, float)) for x in (expected, actual))
    diff = actual - expected if numeric else None
    fields = {"expected": _fmt(expected), "actual": _fmt(actual), "evidence": evidence or "",
              "difference": "" if diff is None else (f"{diff:+d}" if isinstance(diff, int) else f"{diff:+.2f}")}
    fields.update({k: _fmt(v) for k, v in extra.items()})
    (rz, cz), (re_, ce) = labels or ((row, column), (row, column))
    zh = check.zh.format_map(_Fields(fields, row=_fmt(rz), column=_fmt(cz), section=section or check.section))
    en = check.en.format_map(_Fields(fields, row=_fmt(re_), column=_fmt(ce), section=section or check.section))
    return Finding(rule_id, row, column, expected, actual, en, zh, section or check.section, severity or check.severity,
                   evidence, cite_all(check.basis, "zh"), cite_all(check.basis, "en"))
