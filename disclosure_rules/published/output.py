"""Findings as text, JSON-ready dicts and CSV (one CSV for a whole folder of reports)."""

from __future__ import annotations

import csv
import io

CSV_FIELDS = ("file", "section", "severity", "rule", "row", "column", "expected", "actual", "difference",
              "evidence", "message", "basis")


def is_failure(findings) -> bool:
    """Exit 1: an error or a warning (info alone is not a failure)."""
    return any(f.severity in ("error", "warning") for f in findings)


def to_text(findings, lang="en") -> str:
    zh = lang == "zh"
    if not findings:
        return "未发现问题" if zh else "no findings"
    lines = []
    for f in findings:
        msg = f.message_zh if zh else f.message_en
        lines.append(f"[{f.severity}] {f.section} {f.rule}: {msg}  ({f.basis_zh if zh else f.basis_en})")
    return "\n".join(lines)


def csv_rows(path, findings, lang="en"):
    for f in findings:
        d = f.to_dict(lang)
        yield {"file": str(path), **{k: d.get(k) for k in CSV_FIELDS if k != "file"}}


def to_csv(rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.items()})
    return buf.getvalue()
