"""Shared by the tests of published reports: where the reference reports are, and
how the numbers a person wrote down compare with what the parser read."""

import json
import os
from pathlib import Path

import pytest

from disclosure_rules.published.values import cell
from disclosure_rules.published import load_report_rules
from disclosure_rules.report import load_table_layout

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "reports"
RULES = load_report_rules()
LAYOUT = load_table_layout()


def reference_dir() -> Path | None:
    """``../shared/reference/reports/`` beside the checkout (or its worktree folder)."""
    env = os.environ.get("DISCLOSURE_RULES_REFERENCE")
    for base in ([Path(env)] if env else []) + [ROOT.parent / "shared", ROOT.parent.parent / "shared"]:
        p = base / "reference" / "reports" if (base / "reference").is_dir() else base
        if (p / "truth.json").is_file():
            return p
    return None


REF = reference_dir()
needs_reference = pytest.mark.skipif(REF is None, reason="../shared/reference/reports not beside the checkout")


def truth() -> list:
    return json.loads((REF / "truth.json").read_text(encoding="utf-8")) if REF else []


S3 = {"new": "1", "carried_over": "2", "total_handled": "3.7", "carried_forward": "4"}
RESULTS = {"disclosed": "3.1", "partial": "3.2", "refused": "3.3", "unable": "3.4", "not_processed": "3.5",
           "other": "3.6"}
S2 = {"made": "made", "repealed": "repealed", "valid": "valid"}


def read_numbers(report) -> dict:
    """What the parser read, in the shape of the hand-written numbers (truth.json)."""
    def v(ref):
        return cell(report, LAYOUT, RULES.aliases, ref)
    s2 = {k: {c: v(f"s2:{k}.{c}") for c in S2} for k in ("regulations", "normative_documents")}
    s2.update({k: v(f"s2:{k}.decisions") for k in ("licensing", "punishment", "coercion")})
    s2["fees_10k_yuan"] = v("s2:fees.amount")
    s3 = {k: v(f"s3:{r}.total") for k, r in S3.items()}
    s3["results"] = {k: v(f"s3:{r}.total") for k, r in RESULTS.items()}
    s4 = {g: {c: v(f"s4:{g}.{c}") for c in ("maintained", "corrected", "other", "pending", "total")}
          for g in ("review", "litigation_direct", "litigation_after_review")}
    return {"section2": s2, "section3_totals": s3, "section4": s4}


def hand_numbers(entry) -> dict:
    s2 = {k: {c: entry["section2"][k][c] for c in S2} for k in ("regulations", "normative_documents")}
    s2.update({k: entry["section2"][k] for k in ("licensing", "punishment", "coercion", "fees_10k_yuan")})
    return {"section2": s2, "section3_totals": entry["section3_totals"], "section4": entry["section4"]}
