"""What is read from a published report, and what the checks find in it."""

from __future__ import annotations

import attrs


@attrs.frozen
class Value:
    """One number as read: ``value`` is None when it cannot be read (``reason`` says why)."""

    value: int | float | None
    evidence: str
    reason: str | None = None

    @property
    def readable(self) -> bool:
        return self.value is not None


def unreadable(evidence: str, reason: str) -> Value:
    return Value(None, evidence, reason)


@attrs.frozen
class Sentence:
    section: str
    text: str                    # normalised, without spaces


@attrs.frozen
class PublishedReport:
    path: str
    year: int | None
    found: dict                  # section code -> "heading" | "landmark" (absent: not found)
    section_two: dict            # item -> cell -> Value
    section_three: dict          # row -> column -> Value (rows found)
    groups: dict                 # group (e.g. "3.6") -> column -> Value, when printed as one row (2019 layout)
    missing_rows: tuple          # rows of the 2021 layout not in the report
    section_four: dict           # group -> cell -> Value
    fee_yuan: Value | None       # section six: the information processing fee charged, in yuan
    sentences: tuple             # Sentence, of sections 一 and 六
    overview_chars: int | None
    problems: tuple = ()         # (section, row, column, evidence, reason): values that cannot be read

    def to_dict(self) -> dict:
        def cells(d):
            return {k: {c: v.value for c, v in row.items()} for k, row in d.items()}
        return {"path": self.path, "year": self.year, "sections": dict(self.found),
                "section_two": cells(self.section_two), "section_three": cells(self.section_three),
                "groups": cells(self.groups), "missing_rows": list(self.missing_rows),
                "section_four": cells(self.section_four),
                "fee_yuan": None if self.fee_yuan is None else self.fee_yuan.value,
                "overview_chars": self.overview_chars,
                "unreadable": [{"section": s, "row": r, "column": c, "evidence": e, "reason": why}
                               for s, r, c, e, why in self.problems]}


@attrs.frozen
class Finding:
    """One finding: the fields of ``report --check`` today, plus where, how bad, what was read, and why."""

    rule: str
    row: str | None
    column: str | None
    expected: int | float | None
    actual: int | float | None
    message_en: str
    message_zh: str
    section: str
    severity: str
    evidence: str | None
    basis_zh: str
    basis_en: str
    path: str | None = None

    @property
    def difference(self):
        if not all(isinstance(x, (int, float)) for x in (self.expected, self.actual)):
            return None
        d = self.actual - self.expected
        return round(d, 4) if isinstance(d, float) else d

    def to_dict(self, lang="en") -> dict:
        return {"rule": self.rule, "row": self.row, "column": self.column, "expected": self.expected,
                "actual": self.actual, "difference": self.difference,
                "message": self.message_zh if lang == "zh" else self.message_en,
                "section": self.section, "severity": self.severity, "evidence": self.evidence,
                "basis": self.basis_zh if lang == "zh" else self.basis_en}
