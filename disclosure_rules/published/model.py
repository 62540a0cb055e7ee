"""What is read from a published report, and what the checks find in it."""

from __future__ import annotations

from typing import TypedDict

import attrs

from ..messages import Text
from ..reprs import SharedRepr

Number = int | float

# (section, row, column, evidence, reason): a value that cannot be read, and why (in both languages)
Problem = tuple[str, str | None, str | None, str, Text]


@attrs.frozen(repr=False)
class Value(SharedRepr):
    """One number as read: ``value`` is None when it cannot be read (``reason`` says why)."""

    value: Number | None
    evidence: str
    reason: Text | None = None

    @property
    def readable(self) -> bool:
        return self.value is not None


def unreadable(evidence: str, reason: Text) -> Value:
    return Value(None, evidence, reason)


@attrs.frozen(repr=False)
class Sentence(SharedRepr):
    section: str
    text: str                    # normalised, without spaces


Cells = dict[str, dict[str, Value]]     # row, item or group -> column or cell -> Value


class ProblemDict(TypedDict):
    section: str
    row: str | None
    column: str | None
    evidence: str
    reason: str


class ReportDict(TypedDict):
    path: str
    year: int | None
    sections: dict[str, str]
    section_two: dict[str, dict[str, Number | None]]
    section_three: dict[str, dict[str, Number | None]]
    groups: dict[str, dict[str, Number | None]]
    missing_rows: list[str]
    section_four: dict[str, dict[str, Number | None]]
    fee_yuan: Number | None
    overview_chars: int | None
    unreadable: list[ProblemDict]


def _numbers(cells: Cells) -> dict[str, dict[str, Number | None]]:
    return {k: {c: v.value for c, v in row.items()} for k, row in cells.items()}


@attrs.frozen(repr=False)
class PublishedReport(SharedRepr):
    path: str
    year: int | None
    found: dict[str, str]        # section code -> "heading" | "landmark" (absent: not found)
    section_two: Cells           # item -> cell -> Value
    section_three: Cells         # row -> column -> Value (rows found)
    groups: Cells                # group (e.g. "3.6") -> column -> Value, when printed as one row (2019 layout)
    missing_rows: tuple[str, ...]    # rows of the 2021 layout not in the report
    section_four: Cells          # group -> cell -> Value
    fee_yuan: Value | None       # section six: the information processing fee charged, in yuan
    sentences: tuple[Sentence, ...]  # of sections 一, 二 (its prose) and 六
    overview_chars: int | None
    problems: tuple[Problem, ...] = ()   # values that cannot be read

    def to_dict(self, lang: str = "en") -> ReportDict:
        """The report as JSON data; each unreadable value's ``reason`` in ``lang``."""
        return {"path": self.path, "year": self.year, "sections": dict(self.found),
                "section_two": _numbers(self.section_two), "section_three": _numbers(self.section_three),
                "groups": _numbers(self.groups), "missing_rows": list(self.missing_rows),
                "section_four": _numbers(self.section_four),
                "fee_yuan": None if self.fee_yuan is None else self.fee_yuan.value,
                "overview_chars": self.overview_chars,
                "unreadable": [{"section": s, "row": r, "column": c, "evidence": e, "reason": why.text(lang)}
                               for s, r, c, e, why in self.problems]}


Compared = Number | str | None     # a number, or a date (ISO) for the publication deadline


class FindingDict(TypedDict):
    rule: str
    row: str | None
    column: str | None
    expected: Compared
    actual: Compared
    difference: Number | None
    message: str
    section: str
    severity: str
    evidence: str | None
    basis: str


@attrs.frozen(repr=False)
class Finding(SharedRepr):
    """One finding: the fields of ``report --check`` today, plus where, how bad, what was read, and why."""

    rule: str
    row: str | None
    column: str | None
    expected: Compared
    actual: Compared
    message_en: str
    message_zh: str
    section: str
    severity: str
    evidence: str | None
    basis_zh: str
    basis_en: str
    path: str | None = None
    evidence_zh: str | None = None    # the evidence as the Chinese text shows it, where it holds words

    def evidence_in(self, lang: str) -> str | None:
        """The evidence as a text of ``lang`` shows it."""
        return self.evidence_zh if lang == "zh" and self.evidence_zh is not None else self.evidence

    @property
    def difference(self) -> Number | None:
        expected, actual = self.expected, self.actual
        if not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
            return None
        d = actual - expected
        return round(d, 4) if isinstance(d, float) else d

    def to_dict(self, lang: str = "en") -> FindingDict:
        return {"rule": self.rule, "row": self.row, "column": self.column, "expected": self.expected,
                "actual": self.actual, "difference": self.difference,
                "message": self.message_zh if lang == "zh" else self.message_en,
                "section": self.section, "severity": self.severity, "evidence": self.evidence_in(lang),
                "basis": self.basis_zh if lang == "zh" else self.basis_en}
