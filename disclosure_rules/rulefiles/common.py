"""Parts every rule file shares: bilingual texts and the legal basis."""

from __future__ import annotations

from typing import Any

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from .yamldoc import Map, Seq, path_of


@attrs.frozen
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def text_of(v: Any, where: Map, key: str) -> Text:
    """The bilingual text ``where[key]`` (one string serves both languages)."""
    if isinstance(v, str):
        return Text(v, v)
    if isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str):
        return Text(v["zh"], v["en"])
    raise RuleFileError(path_of(where), where.line_of(key) if isinstance(where, Map) else None,
                        f"'{key}' needs a Chinese (zh) and an English (en) text",
                        f"“{key}”需要中文（zh）和英文（en）两种文字")


_KEYS = {"instrument", "article", "paragraph", "item", "section", "text", "note"}


def parse_basis(value: Any, where: Map, key: str = "basis") -> tuple[Basis, ...]:
    """Parse the ``basis`` of ``where`` (one mapping or a list); errors name file and line."""
    path = path_of(where)
    line = where.line_of(key) if isinstance(where, Map) else None
    if value is None:
        raise RuleFileError(path, line or getattr(where, "line", None),
                            "this entry does not cite its legal basis: add 'basis' with instrument and article",
                            "该条目没有写明法律依据：请添加basis，写明文件名称（instrument）和条款（article）")
    items = value if isinstance(value, list) else [value]
    return tuple(_one_basis(b, items.line_of(i) if isinstance(items, Seq) else line, path)
                 for i, b in enumerate(items))


def _one_basis(b: Any, bl: int | None, path: str) -> Basis:
    if not isinstance(b, dict):
        raise RuleFileError(path, bl, "a basis must be a block with instrument, article, ...",
                            "依据必须写成包含instrument、article等键的块")
    unknown = set(b) - _KEYS
    if unknown:
        k = min(map(str, unknown))
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
    return Basis(instrument=b["instrument"], article=None if b.get("article") is None else str(b["article"]),
                 paragraph=b.get("paragraph"), item=b.get("item"),
                 section=None if b.get("section") is None else str(b["section"]), text=b.get("text"))


def fail(where: Any, key: Any, en: str, zh: str) -> None:
    """Raise RuleFileError at ``where[key]`` (a Map or Seq), or at ``where`` itself."""
    line = where.line_of(key) if isinstance(where, (Map, Seq)) else None
    raise RuleFileError(path_of(where), line, en, zh)
