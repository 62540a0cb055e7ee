"""Findings as text, JSON-ready dicts and CSV (one CSV for a whole folder of reports)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping

from .model import Finding

CsvRow = Mapping[str, object]       # CSV field -> value (None is written as an empty cell)

CSV_FIELDS = ("file", "section", "severity", "rule", "row", "column", "expected", "actual", "difference",
              "evidence", "message", "basis")


def is_failure(findings: Iterable[Finding]) -> bool:
    """Exit 1: an error or a warning (info alone is not a failure)."""
    return any(f.severity in ("error", "warning") for f in findings)


# a finding's severity -> the message naming it in the output language (the JSON keeps the code)
_SEVERITY = {"error": "published.severity.error", "warning": "published.severity.warning",
             "info": "published.severity.info"}


def to_text(findings: list[Finding], lang: str = "en") -> str:
    from ..messages import render

    zh = lang == "zh"
    if not findings:
        return render("published.no_findings", lang, {})
    lines = []
    for f in findings:
        msg = f.message_zh if zh else f.message_en
        sev = render(_SEVERITY[f.severity], lang, {}) if f.severity in _SEVERITY else f.severity
        lines.append(f"[{sev}] {f.section} {f.rule}: {msg}  ({f.basis_zh if zh else f.basis_en})")
    return "\n".join(lines)


def csv_rows(path: object, findings: Iterable[Finding], lang: str = "en") -> Iterator[dict[str, object]]:
    for f in findings:
        d = f.to_dict(lang)
        yield {"file": str(path), **{k: d.get(k) for k in CSV_FIELDS if k != "file"}}


def to_csv(rows: Iterable[CsvRow]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.items()})
    return buf.getvalue()
