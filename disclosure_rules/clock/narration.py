"""The words of the trace, in Chinese and English, rendered only when read.

A trace step stores a message key and its values (:class:`Said`); the text
is built from the message catalogues (:mod:`disclosure_rules.messages`, ids
``clock.<key>``) when ``Step.text_en`` / ``text_zh`` is read or the result is
turned into JSON, never while the clock runs.
Values that are bilingual (a rule's title, a channel's name) are shown in the
language asked for.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from ..messages import render
from ..reprs import SharedRepr

# a key of the clock's messages (``clock.<key>`` in the catalogues) and the values its text needs
Message: TypeAlias = tuple[str, dict[str, object]]


@attrs.frozen(repr=False)
class Said(SharedRepr):
    """A trace text not yet rendered: a message key (``clock.<key>``) and its values."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        return render("clock." + self.key, lang, dict(self.values))


def said(key: str, **values: object) -> Message:
    """A message key and its values, turned into a :class:`Said` only when a trace is kept."""
    return key, values
