"""The text against the tables: numbers of sections 一 and 六 that name a table
figure (``phrases.yaml``), stated rates and growth rates recomputed, itemised totals
added up."""

from __future__ import annotations

import re
from itertools import pairwise

from ..report import TableLayout
from .findings import make
from .model import Finding, Number, PublishedReport, Sentence
from .narrative import Stated, named_numbers, numbers, units_of
from .rulefiles import Figure, Reading, ReportRules
from .values import cell

# ``rules.words`` holds the parsed words of phrases.yaml: arbitrary parsed data, typed Any.

Named = tuple[Stated, Figure, list[tuple[Reading, Number]]]    # a stated number, its figure, the known readings


def text_findings(report: PublishedReport, previous: PublishedReport | None, rules: ReportRules,
                  lay: TableLayout) -> list[Finding]:
    out = []
    named: list[Named] = []                  # (stated, figure, reading values) in text order
    units = units_of(rules)
    for sentence in report.sentences:
        stated_all = numbers(sentence, units)
        marker = rules.words["itemised"]["marker"]
        for st, fig in named_numbers([s for s in stated_all if s.unit != "%"], rules.figures, rules.topics, marker):
            values = [(r, cell(report, lay, rules.aliases, r.cells)) for r in fig.readings]
            known = [(r, v) for r, v in values if v is not None]
            named.append((st, fig, known))
            if not known or any(_same(st.value, v) for _, v in known):
                continue
            r, v = known[0]
            out.append(make(rules, "text_vs_table", row=fig.id, column=r.cells, expected=v, actual=st.value,
                            evidence=st.evidence, section=sentence.section,
                            labels=((fig.id, r.zh), (fig.id, r.en))))
        out += _itemised(sentence, stated_all, rules)
    out += _rates(report, previous, named, rules, lay)
    return out


def _same(a: Number, b: Number) -> bool:
    return abs(a - b) < 1e-6


def _rates(report: PublishedReport, previous: PublishedReport | None, named: list[Named], rules: ReportRules,
           lay: TableLayout) -> list[Finding]:
    out = []
    by_sentence: dict[int, list[Named]] = {}
    for st, fig, known in named:
        by_sentence.setdefault(id(st.sentence), []).append((st, fig, known))
    for sentence in report.sentences:
        for st in numbers(sentence, ("%",)):
            if st.unit != "%" or st.approximate:
                continue
            before = [x for x in by_sentence.get(id(sentence), []) if x[0].end <= st.start]
            words = rules.words
            if st.before.endswith(tuple(words["rates"]["before"])) and before:
                out += _rate(st, before, rules)
            elif st.before.endswith(tuple(words["growth"]["rise"] + words["growth"]["fall"])) and before \
                    and previous is not None:
                out += _growth(st, before[-1], previous, rules, lay)
    return out


def _decimals(x: Number) -> int:
    s = repr(x)
    return len(s.split(".")[1]) if "." in s and not s.endswith(".0") else 0


def _judge(rules: ReportRules, rule_id: str, st: Stated, computed: float, *, row: str | None = None,
           column: str | None = None) -> list[Finding]:
    d = _decimals(st.value)
    if round(computed, d) == round(st.value, d):
        return []
    check = rules.check(rule_id)
    severity = "info" if check.info_within is not None and abs(computed - st.value) <= check.info_within + 1e-9 else None
    return [make(rules, rule_id, expected=round(computed, max(d, 2)), actual=st.value, evidence=st.evidence,
                 severity=severity, section=st.sentence.section, row=row, column=column)]


def _rate(st: Stated, before: list[Named], rules: ReportRules) -> list[Finding]:
    """“占X%”: the count just before, over the largest figure stated before it in the sentence."""
    count = before[-1][0]
    bases = [x[0].value for x in before[:-1] if x[0].value >= count.value and x[0].value > 0]
    if not bases:
        return []
    options = [count.value / b * 100 for b in bases]
    best = min(options, key=lambda c: abs(c - st.value))
    return _judge(rules, "stated_rate", st, best, row=before[-1][1].id)


def _growth(st: Stated, subject: Named, previous: PublishedReport, rules: ReportRules,
            lay: TableLayout) -> list[Finding]:
    """“同比增长X%”: this year's figure against the same reading in last year's report."""
    this, fig, known = subject
    for r, v in known:
        if _same(this.value, v):
            last = cell(previous, lay, rules.aliases, r.cells)
            if not last:
                return []
            g = (this.value - last) / last * 100
            if any(w in st.before for w in rules.words["growth"]["fall"]):
                g = -g
            return _judge(rules, "growth_rate", st, g, row=fig.id, column=r.cells)
    return []


def _itemised(sentence: Sentence, stated: list[Stated], rules: ReportRules) -> list[Finding]:
    """A total followed by 其中 and its items: the items (up to a semicolon, or to the full stop) add up to it.
    Items introduced by 含 or 包含 are a part of an item, not items; two items that add up to less than
    the total may name only a part of it (其中市政府承办124件) and are not a finding."""
    text = sentence.text
    spec = rules.words["itemised"]
    marks = [m.start() for m in re.finditer(re.escape(spec["marker"]), text)] + [len(text)]
    out = []
    for at, nxt in pairwise(marks):
        prev = max([m for m in marks if m < at] + [0])
        stops = [i for i, ch in enumerate(text) if ch in ";。" and at < i < nxt]
        end = stops[0] if stops and nxt < len(text) else nxt    # another 其中 follows: the list ends at ;
        stops = [i for i in stops if i <= end] + [end]
        for unit in spec["units"]:
            totals = [s for s in stated if s.unit == unit and prev <= s.start and s.end <= at
                      and not _in_paren(text, s.start)]
            items = [s for s in stated if s.unit == unit and at < s.start < end and not _in_paren(text, s.start)
                     and not s.before.startswith(tuple(spec["part_of_an_item"]))]
            if not totals or len(items) < 2 or any(s.approximate for s in items + totals[-1:]):
                continue
            total = totals[-1]
            sums = [sum(s.value for s in items if s.end <= stop) for stop in stops]
            full = sum(s.value for s in items)
            if any(_same(total.value, x) for x in sums) or (len(items) == 2 and full < total.value):
                continue                        # two items short of the total may be a part, not a breakdown
            out.append(make(rules, "itemised_sum", row=unit, expected=total.value, actual=full,
                            evidence=total.evidence + "……" + text[at:at + 60], section=sentence.section))
    return out


def _in_paren(text: str, pos: int) -> bool:
    return text.rfind("(", 0, pos) > text.rfind(")", 0, pos)
