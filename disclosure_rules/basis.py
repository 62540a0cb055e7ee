"""The legal basis of a rule: instrument, article, paragraph, item, phrase.

Every period, parameter, event effect, violation and outcome in a rule file
carries one (or a list).  In YAML::

    basis:
      instrument: 政府信息公开条例（2019）
      article: "33"
      paragraph: 2
      text: 自收到申请之日起20个工作日内予以答复

``instrument`` and ``article`` (or ``section`` for documents without
articles, e.g. a city guide) are required; the files are read by
:func:`disclosure_rules.rulefiles.common.parse_basis`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .reprs import SharedRepr


@attrs.frozen(repr=False)
class Basis(SharedRepr):
    instrument: str
    article: str | None = None
    paragraph: int | str | None = None
    item: int | str | None = None
    section: str | None = None
    text: str | None = None

    def cite(self, lang: str = "zh") -> str:
        """A short citation: 政府信息公开条例（2019）第33条第2款 / ... Art. 33(2)."""
        if lang == "zh":
            s = self.instrument
            if self.article:
                s += f"第{self.article}条"
            if self.paragraph:
                s += f"第{self.paragraph}款"
            if self.item:
                s += f"第（{self.item}）项"
            if self.section:
                s += f" {self.section}"
            return s
        s = self.instrument
        if self.article:
            s += f" Art. {self.article}"
            if self.paragraph:
                s += f"({self.paragraph})"
            if self.item:
                s += f"({self.item})"
        if self.section:
            s += f" {self.section}"
        return s

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Basis:
        fields: dict[str, Any] = {k: d.get(k) for k in ("instrument", "article", "paragraph", "item", "section", "text")}
        return cls(**fields)


def cite_all(bases: Iterable[Basis], lang: str = "zh") -> str:
    """The citations of several bases, each once, joined with "; "."""
    return "; ".join(dict.fromkeys(b.cite(lang) for b in bases))
