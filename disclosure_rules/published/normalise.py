"""Text as a checker compares it: NFKC (full-width digits and brackets, the Kangxi
radicals of some PDF text layers), simplified characters, no pinyin annotations.

``compact`` also drops every space, which PDF extraction scatters inside words
(“本年制发件 数”, “情 形”).
"""

from __future__ import annotations

import re
import unicodedata

from ..chinese import to_simplified

# some converted pages carry the pinyin of rare characters: 制發(fā), 規(guī)章
_PINYIN = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)")


# CJK Radicals Supplement code points that some PDF text layers use for whole characters
# (⻔ for 门); NFKC leaves them alone. Equivalents from Unicode's EquivalentUnifiedIdeograph.txt.
_RADICALS = str.maketrans(
    "⺟⺠⻄⻅⻆⻈⻉⻋⻐⻓⻔⻘⻙⻚⻛⻜⻝⻠⻢⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⺰",
    "母民西见角讠贝车钅长门青韦页风飞食饣马鬼鱼鸟卤麦黄黾齐齿龙龟纟")


def _simplified(text: str) -> str:
    return to_simplified(text)


def normalise(text: str) -> str:
    """One line or a whole text, in the form every rule file's words are written in."""
    text = unicodedata.normalize("NFKC", text).translate(_RADICALS)
    text = _PINYIN.sub("", text)
    text = _simplified(text)
    return text.replace("\u00a0", " ").replace("\u3000", " ")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
