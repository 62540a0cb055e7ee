"""The numbers of the text (sections 一 and 六) and the figures they name.

A number with its unit (件, 元, %) is named by the nearest word of a figure in
``phrases.yaml`` within its clause; see that file for ``about``, ``not`` and ``topic``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

from ..reprs import SharedRepr
from .model import Number, Sentence
from .normalise import compact
from .rulefiles import Figure, ReportRules

Topics = Mapping[str, Sequence[str]]    # a topic of phrases.yaml -> its words

_UNITS = ("件", "条", "元", "期", "次", "个", "篇", "%")     # used when no rules are given


@functools.lru_cache(maxsize=8)
def _pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, sorted(set(units) | {"%"}, key=len, reverse=True)))
    return re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(余|多)?(万)?({alternatives})")


_BOUNDARY = re.compile(r"[,;:、(。]")
_PAREN = re.compile(r"\([^()]*\)")


@attrs.frozen(repr=False)
class Stated(SharedRepr):
    value: Number
    unit: str
    start: int
    end: int
    sentence: Sentence
    approximate: bool

    @property
    def before(self) -> str:
        """The clause before the number, complete parenthetical remarks left out."""
        s = self.sentence.text[: self.start]
        while _PAREN.search(s):
            s = _PAREN.sub("", s)
        return _BOUNDARY.split(s)[-1]

    @property
    def after(self) -> str:
        return _BOUNDARY.split(self.sentence.text[self.end:])[0]

    @property
    def evidence(self) -> str:
        return self.before + self.sentence.text[self.start:self.end] + self.after


def sentences(section: str, lines: Iterable[str]) -> list[Sentence]:
    text = compact("".join(lines))
    return [Sentence(section, s + "。") for s in re.split(r"[。!?]", text) if s]


def units_of(rules: ReportRules) -> tuple[str, ...]:
    """Every unit a rule compares: those of the figures, of itemised totals, and %."""
    return tuple({f.unit for f in rules.figures} | set(rules.words["itemised"]["units"]) | {"%"})


def numbers(sentence: Sentence, units: Iterable[str] = _UNITS) -> list[Stated]:
    """The numbers of a sentence followed by one of ``units`` (≈: 余, 多 or 万 make it approximate)."""
    out = []
    for m in _pattern(tuple(sorted(units))).finditer(sentence.text):
        raw = m.group(1)
        value = float(raw) if "." in raw else int(raw)
        out.append(Stated(value, m.group(4), m.start(), m.end(), sentence, bool(m.group(2) or m.group(3))))
    return out


def topic_of(stated: Stated, topics: Topics) -> str | None:
    prefix = stated.sentence.text[: stated.start]
    best: str | None = None
    at = -1
    for name, words in topics.items():
        for w in words:
            i = prefix.rfind(w)
            if i >= 0 and i + len(w) > at:
                best, at = name, i + len(w)
    return best


def _compared(fig: Figure, stated: Stated, clause: str, topic: str | None) -> bool:
    """Whether the figure may be the one a number names: its unit, its sections, ``not``, ``about``, ``topic``."""
    if fig.unit != stated.unit or stated.sentence.section not in fig.in_sections \
            or any(w in clause for w in fig.not_):
        return False
    if fig.about and not any(w in stated.sentence.text for w in fig.about):
        return False
    return not (fig.topic and fig.topic != topic)


def _distance(word: str, before: str, after: str) -> int | None:
    """How many characters lie between the number and the nearest ``word`` of its clause."""
    dist = None
    i = before.rfind(word)
    if i >= 0:
        dist = len(before) - (i + len(word))
    j = after.find(word)
    if j >= 0 and (dist is None or j < dist):
        dist = j
    return dist


def figure_of(stated: Stated, figures: Sequence[Figure], topics: Topics,
              excluded: Collection[str] = ()) -> tuple[Figure, str] | tuple[None, None]:
    """The figure the number names (nearest word; the longer word on a tie), with the word; or (None, None).
    ``excluded``: ids of figures the number cannot name (see ``named_numbers``)."""
    if stated.approximate:
        return None, None
    before, after = stated.before, stated.after
    clause = before + after
    topic = topic_of(stated, topics)
    best: tuple[tuple[int, int, int], Figure, str] | None = None
    for order, fig in enumerate(figures):
        if fig.id in excluded or not _compared(fig, stated, clause, topic):
            continue
        for w in fig.say:
            dist = _distance(w, before, after)
            if dist is not None:
                key = (dist, -len(w), order)
                if best is None or key < best[0]:
                    best = (key, fig, w)
    return (best[1], best[2]) if best else (None, None)


def named_numbers(stated: Sequence[Stated], figures: Sequence[Figure], topics: Topics,
                  marker: str) -> list[tuple[Stated, Figure]]:
    """The numbers of one sentence that a figure names, in order. A number after ``marker`` (其中, the
    itemised marker of phrases.yaml) is a part of the total before it: it does not name the figure that
    a number before the marker in the same sentence names (“办结依申请2件，其中公开答复1件”: the 1 is a part
    of the 2 handled, not the number handled)."""
    out: list[tuple[Stated, Figure]] = []
    for st in stated:
        at = st.sentence.text.rfind(marker, 0, st.start) if marker else -1
        excluded = {fig.id for prev, fig in out if at >= 0 and prev.end <= at}
        fig, _ = figure_of(st, figures, topics, excluded)
        if fig is not None:
            out.append((st, fig))
    return out
