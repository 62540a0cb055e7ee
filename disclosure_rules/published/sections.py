"""The six sections of a report, found by their headings (国办公开办函〔2021〕30号
附件), or by a landmark of the section's table where an extraction lost the heading."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..yamlfile import Map
from .normalise import compact

# ``spec`` is the parsed sections.yaml: arbitrary parsed data, its values typed Any.

_LEAD = re.compile(r"^[#*|>\s-]+")
_YEAR = [re.compile(p) for p in (r"(20\d\d)年度?政府信息公开工?作?年度?报告", r"(20\d\d)年度?报告",
                                  r"统计期限[^。]{0,12}?(20\d\d)年1月1日", r"(20\d\d)年1月1日(?:起)?至")]


def heading_line(line: str) -> str:
    return _LEAD.sub("", compact(line))


def find_sections(lines: list[str], spec: Map) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """``found`` (code -> "heading" | "landmark") and ``spans`` (code -> (first, end) line indices)."""
    max_chars = int(spec.get("heading_max_chars", 40))
    starts: dict[str, int] = {}
    found: dict[str, str] = {}
    pos = 0
    for sec in spec["sections"]:
        code = sec["code"]
        hit = _heading(lines, pos, code, sec.get("words", []), max_chars)
        kind = "heading"
        if hit is None and sec.get("landmarks"):
            hit, kind = _landmark(lines, pos, sec["landmarks"]), "landmark"
        if hit is not None:
            starts[code], found[code] = hit, kind
            pos = hit + 1
    order = sorted(starts.items(), key=lambda kv: kv[1])
    spans: dict[str, tuple[int, int]] = {}
    for i, (code, first) in enumerate(order):
        spans[code] = (first, order[i + 1][1] if i + 1 < len(order) else len(lines))
    if "一" not in spans:                     # the text before the first section found still reads as the overview
        spans["一"] = (0, order[0][1] if order else len(lines))
    return found, spans


def _heading(lines: list[str], pos: int, code: str, words: Sequence[str], max_chars: int) -> int | None:
    for i in range(pos, len(lines)):
        h = heading_line(lines[i])
        if h.startswith(code + "、") and len(h) <= max_chars and any(w in h for w in words):
            return i
    return None


def _landmark(lines: list[str], pos: int, landmarks: Sequence[str]) -> int | None:
    for i in range(pos, len(lines)):
        h = compact(lines[i])
        if any(m in h for m in landmarks):
            return i
    return None


def report_year(lines: list[str]) -> int | None:
    head = compact("".join(lines[:60]))
    for pat in _YEAR:
        m = pat.search(head)
        if m:
            return int(m.group(1))
    return None
