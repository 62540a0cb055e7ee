"""Parts every rule file shares: bilingual texts and the legal basis."""

from __future__ import annotations

from typing import Any

import attrs

from ..basis import Basis
from ..errors import RuleFileError
from ..messages import message
from ..reprs import SharedRepr
from .yamldoc import Map, Seq, path_of


@attrs.frozen(repr=False)
class Text(SharedRepr):
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
                        message("regimes.bilingual", key=key))


_KEYS = {"instrument", "article", "paragraph", "item", "section", "text", "note"}


def parse_basis(value: Any, where: Map, key: str = "basis") -> tuple[Basis, ...]:
    """Parse the ``basis`` of ``where`` (one mapping or a list); errors name file and line."""
    path = path_of(where)
    line = where.line_of(key) if isinstance(where, Map) else None
    if value is None:
        raise RuleFileError(path, line or getattr(where, "line", None),
                            message("basis.missing"))
    items = value if isinstance(value, list) else [value]
    return tuple(_one_basis(b, items.line_of(i) if isinstance(items, Seq) else line, path)
                 for i, b in enumerate(items))


def _one_basis(b: Any, bl: int | None, path: str) -> Basis:
    if not isinstance(b, dict):
        raise RuleFileError(path, bl, message("basis.not_a_block"))
    unknown = set(b) - _KEYS
    if unknown:
        k = min(map(str, unknown))
        raise RuleFileError(path, b.line_of(k) if isinstance(b, Map) else bl,
                            message("basis.unknown_key", key=str(k), allowed=sorted(_KEYS)))
    if not isinstance(b.get("instrument"), str) or not b.get("instrument"):
        raise RuleFileError(path, getattr(b, "line", bl), message("basis.instrument"))
    if b.get("article") is None and b.get("section") is None:
        raise RuleFileError(path, getattr(b, "line", bl),
                            message("basis.article"))
    return Basis(instrument=b["instrument"], article=None if b.get("article") is None else str(b["article"]),
                 paragraph=b.get("paragraph"), item=b.get("item"),
                 section=None if b.get("section") is None else str(b["section"]), text=b.get("text"))


def fail(where: Any, key: Any, en: str, zh: str) -> None:
    """Raise RuleFileError at ``where[key]`` (a Map or Seq), or at ``where`` itself."""
    line = where.line_of(key) if isinstance(where, (Map, Seq)) else None
    raise RuleFileError(path_of(where), line, en, zh)
