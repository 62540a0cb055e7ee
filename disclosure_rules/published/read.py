"""``read_report``: a published annual report, read section by section."""

from __future__ import annotations

import os
import re

from ..messages import message
from ..report import ReportError, TableLayout
from ..rulefiles.bundle import load_bundle
from ..yamlfile import Map
from .model import PublishedReport, Value, unreadable
from .narrative import sentences
from .normalise import compact, normalise
from .rulefiles import ReportRules, load_report_rules
from .sections import find_sections, report_year
from .source import read_lines
from .tables import read_section_four, read_section_three, read_section_two

_FEE = re.compile(r"(\d+(?:\.\d+)?)元")

# ``rules.sections`` is the parsed sections.yaml: arbitrary parsed data, its values typed Any.


def read_report(path: str | os.PathLike[str], rules: ReportRules | None = None,
                layout: TableLayout | None = None) -> PublishedReport:
    """Read ``path`` (text, HTML, .docx or PDF). Raises ReportError when it is not a report at all."""
    rules = rules or load_report_rules()
    layout = layout or load_bundle().only("report")
    lines = [normalise(line) for line in read_lines(path)]
    return read_lines_as_report(lines, str(path), rules, layout)


def read_lines_as_report(lines: list[str], path: str, rules: ReportRules, layout: TableLayout) -> PublishedReport:
    spec = rules.sections
    found, spans = find_sections(lines, spec)
    if not {"二", "三", "四"} & set(found):
        raise ReportError(message("published.no_section", path=str(path)))

    def part(code: str) -> list[str]:
        a, b = spans.get(code, (0, 0))
        return lines[a:b]
    problems = []
    s2, p2 = read_section_two(part("二"), spec) if "二" in found else ({}, [])
    columns = [c.code for c in layout.columns]
    if "三" in found:
        s3, groups, missing, p3 = read_section_three(part("三"), spec, layout, columns)
    else:
        s3, groups, missing, p3 = {}, {}, [], []
    s4, p4 = read_section_four(part("四")[1:], spec) if "四" in found else ({}, [])
    problems = p2 + p3 + p4
    one = part("一")
    prose_two = [line for line in part("二")[1:] if "|" not in line]     # its text, not its table rows
    text = sentences("一", one[1:] if "一" in found else one) + sentences("二", prose_two) \
        + sentences("六", part("六")[1:])
    overview = len(compact("".join(one[1:]))) if "一" in found else None
    return PublishedReport(path, report_year(lines), found, s2, s3, groups, tuple(missing), s4,
                           _fee(part("六"), spec) if "六" in found else None, tuple(text), overview, tuple(problems))


def _fee(lines: list[str], spec: Map) -> Value | None:
    """The information processing fee section six states, in yuan (0 where it says none was charged)."""
    for s in re.split(r"[。]", compact("".join(lines))):
        if not any(w in s for w in spec.get("fee_words", [])):
            continue
        word = next(w for w in spec["fee_words"] if w in s)
        m = _FEE.search(s, s.find(word))
        if m:
            return Value(float(m.group(1)) if "." in m.group(1) else int(m.group(1)), s)
        if any(w in s for w in spec.get("no_fee_words", [])):
            return Value(0, s)
        return unreadable(s, "the fee is mentioned but no amount in yuan")
    return None
