"""The legal basis of a rule: instrument, article, paragraph, item, phrase.

Every period, parameter, event effect, violation and outcome in a rule file
carries one (or a list).  In YAML::

    basis:
      instrument: 政府信息公开条例（2019）
      article: "33"
      paragraph: 2
      text: 自收到申请之日起20个工作日内予以答复

``instrument`` and ``article`` (or ``section`` for documents without
articles, e.g. a city guide) are required.
"""

from __future__ import annotations

import attrs

from .errors import RuleFileError
from .yamlfile import Map, Seq, path_of


@attrs.frozen
class Basis:
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

    def to_dict(self) -> dict:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, d: dict) -> "Basis":
        return cls(**{k: d.get(k) for k in ("instrument", "article", "paragraph", "item", "section", "text")})


def cite_all(bases, lang: str = "zh") -> str:
    """The citations of several bases, each once, joined with "; "."""
    return "; ".join(dict.fromkeys(b.cite(lang) for b in bases))


_KEYS = {"instrument", "article", "paragraph", "item", "section", "text", "note"}


def parse_basis(value, where: Map, key: str = "basis") -> tuple[Basis, ...]:
    """Parse the ``basis`` of ``where`` (one mapping or a list); errors name file and line."""
    path = path_of(where)
    line = where.line_of(key) if isinstance(where, Map) else None
    if value is None:
        raise RuleFileError(path, line or getattr(where, "line", None),
                            "this entry does not cite its legal basis: add 'basis' with instrument and article",
                            "该条目没有写明法律依据：请添加basis，写明文件名称（instrument）和条款（article）")
    items = value if isinstance(value, list) else [value]
    out = []
    for i, b in enumerate(items):
        bl = items.line_of(i) if isinstance(items, Seq) else line
        if not isinstance(b, dict):
            raise RuleFileError(path, bl, "a basis must be a block with instrument, article, ...",
                                "依据必须写成包含instrument、article等键的块")
        unknown = set(b) - _KEYS
        if unknown:
            k = sorted(unknown)[0]
            raise RuleFileError(path, b.line_of(k) if isinstance(b, Map) else bl,
                                f"unknown key '{k}' in a basis (allowed: {', '.join(sorted(_KEYS))})",
                                f"依据中有未知的键“{k}”（允许：{'、'.join(sorted(_KEYS))}）")
        if not isinstance(b.get("instrument"), str) or not b.get("instrument"):
            raise RuleFileError(path, getattr(b, "line", bl), "a basis must name its instrument (文件名称)",
                                "依据必须写明文件名称（instrument）")
        if b.get("article") is None and b.get("section") is None:
            raise RuleFileError(path, getattr(b, "line", bl),
                                "a basis must give the article (or, for a document without articles, the section)",
                                "依据必须写明条（article），没有条的文件写明章节（section）")
        out.append(Basis(instrument=b["instrument"],
                         article=None if b.get("article") is None else str(b["article"]),
                         paragraph=b.get("paragraph"), item=b.get("item"),
                         section=None if b.get("section") is None else str(b["section"]),
                         text=b.get("text")))
    return tuple(out)
