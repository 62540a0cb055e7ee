"""The text of a holiday notice as pasted by a person, made regular.

A notice (国务院办公厅关于YYYY年部分节假日安排的通知, or a regional notice
such as Guangxi's yearly 三月三 notice) reaches legal staff as a web page,
a Xinhua wire or a reprint: simplified or traditional characters, full- or
half-width digits and punctuation, pinyin glosses or spam characters that
some sites insert, and the page's navigation around it.  This module turns
such text into lines of simplified characters with half-width digits and
punctuation, keeping every line's number in the original file so that an
error can point at it, and finds the dates written in it.

Nothing here knows the law: what a date means (a day off, a make-up working
day) is read by :mod:`.notices`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

import attrs

from ..chinese import to_simplified
from ..reprs import SharedRepr

_PINYIN = re.compile(r"\(\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s(?=[\u4e00-\u9fff])")
# an editor's note inserted by a reprinting site: （360常识网注：……）
_EDITOR_NOTE = re.compile(r"\([^()]{0,80}?(?:注|编者|编辑|小编)\s*:[^()]*\)")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")

# a written date: [YYYY年][M月]D日, with an optional annotation in brackets after it
DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
                  r"(?:\s*\((?P<note>[^()]{0,30})\))?")
WEEKDAY = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


@attrs.frozen(repr=False)
class Line(SharedRepr):
    """One line of the normalised text and its 1-based number in the file."""

    number: int
    text: str


@attrs.frozen(repr=False)
class WrittenDate(SharedRepr):
    """A date as written: the parts that were present, where, and its annotation."""

    year: int | None
    month: int | None
    day: int
    weekday: int | None          # 0 = Monday, from （星期X） / （周X）, when written
    weekdays: tuple[int, ...]    # every weekday of the annotation: （星期六、星期日） after 28日、29日
    start: int                   # offsets in the normalised line
    end: int
    line: int
    text: str


def normalise(text: str) -> list[Line]:
    """Simplified characters, half-width digits and punctuation (NFKC), no
    pinyin glosses, runs of blanks as one space; one :class:`Line` per line."""
    text = to_simplified(text)
    out = []
    for i, raw in enumerate(text.splitlines(), 1):
        s = unicodedata.normalize("NFKC", raw)
        s = s.replace("〔", "〔").replace("[", "〔").replace("]", "〕").replace("〖", "〔").replace("〗", "〕")
        s = _PINYIN.sub("", s)
        s = _EDITOR_NOTE.sub("", s)
        s = _SPACES.sub(" ", s).strip()
        s = _CJK_GAP.sub("", s)
        s = _chinese_numeral_dates(s)
        if s:
            out.append(Line(i, s))
    return out


def _chinese_numeral_dates(s: str) -> str:
    """二〇一一年十二月五日 -> 2011年12月5日 (signature dates)."""
    def number(t: str) -> int:
        if "十" in t:
            a, _, b = t.partition("十")
            return (_CN_DIGITS[a] if a else 1) * 10 + (_CN_DIGITS[b] if b else 0)
        return _CN_DIGITS[t]

    def repl(m: re.Match[str]) -> str:
        y = "".join(str(_CN_DIGITS[c]) for c in m.group(1))
        return f"{y}年{number(m.group(2))}月{number(m.group(3))}日"

    return _CN_DATE.sub(repl, s)


def written_dates(line: Line) -> Iterator[WrittenDate]:
    """Every date written on ``line``, in order."""
    for m in DATE.finditer(line.text):
        note = m.group("note") or ""
        days = tuple(WEEKDAY_NUMBER[w] for w in WEEKDAY.findall(note))
        yield WrittenDate(int(m.group("y")) if m.group("y") else None,
                          int(m.group("m")) if m.group("m") else None, int(m.group("d")),
                          days[0] if days else None, days, m.start(), m.end(), line.number, m.group(0))


def resolve(w: WrittenDate, year: int, month: int | None) -> dt.date | None:
    """The date ``w`` names, with the year and month carried from context; None
    when it names no real day (``2月30日``) or no month is known."""
    m = w.month or month
    if m is None:
        return None
    try:
        return dt.date(w.year or year, m, w.day)
    except ValueError:
        return None
