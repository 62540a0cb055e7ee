"""Read a holiday notice: which days it gives off and which weekend days it
makes working days, festival by festival, with the line each comes from.

One reader for every year and every issuer (no code per year): the State
Council's yearly notice (``一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）上班。``),
its supplements (``关于调整2019年劳动节假期安排的通知``, ``关于延长2020年春节假期的通知``,
the 2015 纪念日 notice) and regional notices (广西 三月三).  The reading rules,
in the order they apply:

* the notice's year and subject come from its title or, when a reprint lost
  the title, from the sentence ``现将……通知如下``;
* each numbered item ``一、元旦：`` is one festival; a notice without such
  items (a supplement, a regional notice) is one item named by its subject;
* in each sentence a written date, or a range ``A至B``, takes the meaning of
  the first verb after it: ``放假``, ``休息``, ``调休``, ``补休``, ``公休`` make it a
  day off, ``上班`` a working day; ``放假时间为A至B`` puts the verb first;
  ``B起正常上班`` marks the end of a holiday, not a make-up day; a sentence that
  only encourages employers (``鼓励……``) fixes nothing (2024's 除夕);
* ``延长……假期至B`` extends the festival's days off to B, and any working day
  the earlier notice had set inside the extension is cancelled;
* a date without a year belongs to the year that puts it nearest to the
  item's first date (``12月31日（星期六）上班`` in the 2012 notice is 2011);
* when the same day is named twice the later statement holds (a regional
  notice quotes the national arrangement, then changes it);
* a notice for year Y fixes days of Y and of December of Y-1 (元旦 may start
  there); a date outside that window is history quoted by a reprint: it is
  kept aside (``Item.ignored``) and reported, never written.

The result, :class:`Notice`, keeps every statement with its line so that
:mod:`.notice_checks` can check it against itself and the law.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..errors import InputError
from ..messages import message, render
from ..reprs import SharedRepr
from .notice_identity import doc_number, identity, signature, subject_name
from .notice_text import Line, WrittenDate, normalise, resolve, written_dates

_ITEM = re.compile(r"^[^\u4e00-\u9fff]{0,40}?(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.]\s*(?P<name>[^:，,。()]{2,24}?)\s*:")

OFF_WORDS = ("放假", "休息", "调休", "补休", "公休", "休假", "连休")
WORK_WORDS = ("上班",)


@attrs.frozen(repr=False)
class Statement(SharedRepr):
    """One fact of the notice: ``date`` is a day off (``workday`` False) or a
    working day (True), written on ``line``; ``weekday`` is the annotation."""

    date: dt.date
    workday: bool
    line: int
    weekday: int | None = None
    written: str = ""


@attrs.frozen(repr=False)
class Range(SharedRepr):
    """A span of days off ``A至B`` and the number of days the text says (共N天)."""

    first: dt.date
    last: dt.date
    line: int
    stated_days: int | None


@attrs.frozen(repr=False)
class Item(SharedRepr):
    """The arrangement for one festival (or a combined 中秋节、国庆节)."""

    festival: str
    line: int
    statements: tuple[Statement, ...]
    ranges: tuple[Range, ...]
    extends_to: Statement | None = None      # 延长……假期至B
    ignored: tuple[Statement, ...] = ()      # dates outside the notice's year (quoted history)


@attrs.frozen(repr=False)
class Notice(SharedRepr):
    """A notice as read: its identity and its items."""

    year: int
    subject: str
    title: str | None
    doc_no: str | None
    doc_no_line: int | None
    dated: dt.date | None
    issuer: str | None
    items: tuple[Item, ...]
    amends: bool            # says it changes an arrangement (关于调整……, 关于延长……)
    yearly: bool            # the State Council's yearly notice (……部分节假日安排的通知)
    lines: tuple[Line, ...]

    def line_text(self, number: int) -> str:
        for ln in self.lines:
            if ln.number == number:
                return ln.text
        return ""


class NoticeError(InputError):
    """A notice that cannot be read, or that contradicts itself or the law.
    ``line`` is the line of the notice file (1-based) when there is one."""

    kind = "notice"

    def __init__(self, message: str, message_zh: str, *, line: int | None = None, path: str | None = None):
        where = (path or "") + (f":{line}" if line else "")
        prefix, prefix_zh = (render("notice.where", "en", {"where": where}),      # (``message`` is the argument)
                             render("notice.where", "zh", {"where": where})) if where else ("", "")
        super().__init__(prefix + message, prefix_zh + message_zh)
        self.line = line
        self.path = path

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        d = super().to_dict(lang)
        d.update(path=self.path, line=self.line)
        return d


def read_notice(text: str, *, path: str | None = None, title: str | None = None) -> Notice:
    """Read the notice in ``text`` (see the module docstring for the rules).
    ``title``: the notice's title, for a reprint that lost it (its year and
    subject are then read from it)."""
    lines = normalise(text)
    if not lines:
        raise NoticeError(*message("notice.empty"), path=path)
    found = identity(lines)
    if found is None and title:              # a reprint that lost its title: read the title given
        found = identity(normalise(title))
        found = None if found is None else (None, *found[1:])
    if found is None:
        raise NoticeError(*message("notice.no_title"), path=path)
    title_found, subject, year, yearly = found
    doc_no, doc_line = doc_number(lines, year)
    issuer, dated = signature(lines)
    items = tuple(_items(lines, year, subject_name(subject), path))
    if not items:
        raise NoticeError(*message("notice.no_days", year=year), path=path)
    return Notice(year, subject, title_found, doc_no, doc_line, dated, issuer, items,
                  subject.startswith(("调整", "延长")), yearly, tuple(lines))


def _items(lines: list[Line], year: int, subject: str, path: str | None) -> Iterator[Item]:
    """Group the statements by festival item."""
    current: tuple[str, int] | None = None
    buf: list[Line] = []
    groups: list[tuple[str, int, list[Line]]] = []
    for ln in lines:
        m = _ITEM.match(ln.text)
        if m and _is_festival(m.group("name")):
            if current:
                groups.append((current[0], current[1], buf))
            current, buf = (m.group("name").strip(), ln.number), [Line(ln.number, ln.text[m.end():])]
        elif current is not None and not _ITEM.match(ln.text):
            buf.append(ln)
        elif current is not None:
            groups.append((current[0], current[1], buf))
            current, buf = None, []
    if current:
        groups.append((current[0], current[1], buf))
    if not groups and subject:
        groups = [(subject, lines[0].number, list(lines))]
    for name, line, body in groups:
        item = _read_item(name, line, body, year)
        if item.statements or item.extends_to:
            yield item


def _is_festival(name: str) -> bool:
    """An item heading names a festival (元旦, 春节, 中秋节、国庆节), not a duty
    (各地区、各部门要……)."""
    return bool(re.search(r"(节|元旦|纪念日|三月三)$", name)) and "要" not in name


def _read_item(name: str, line: int, body: list[Line], year: int) -> Item:
    statements: list[Statement] = []
    ranges: list[Range] = []
    extends_to = None
    anchor: dt.date | None = None
    for ln in body:
        for sentence in _sentences(ln.text):
            dates = list(written_dates(Line(ln.number, sentence)))
            if not dates or "鼓励" in sentence:
                continue
            resolved, anchor = _resolve_all(dates, year, anchor)
            ext = re.search(r"延长.{0,20}?假期至", sentence)
            for group, verb in _groups(sentence, dates, resolved):
                if ext and extends_to is None and group[0].start >= ext.end() - 1 and verb not in ("work", "resume"):
                    extends_to = Statement(group[0].date, False, ln.number, group[0].w.weekday, group[0].w.text)
                elif verb in ("off", "work"):
                    statements.extend(_statements(group, verb == "work", ln.number))
                    if group[0].range_end is not None:
                        ranges.append(Range(group[0].date, group[0].range_end, ln.number,
                                            _stated_days(sentence, group[-1].end)))
    window = (dt.date(year - 1, 12, 1), dt.date(year, 12, 31))
    kept = tuple(s for s in statements if window[0] <= s.date <= window[1])
    ignored = tuple(s for s in statements if not window[0] <= s.date <= window[1])
    return Item(name, line, kept, tuple(r for r in ranges if window[0] <= r.first <= window[1]), extends_to, ignored)


def _statements(group: list[_Mention], workday: bool, line: int) -> list[Statement]:
    """The days a run of dates (or one span A至B) names, with their weekday notes."""
    first = group[0]
    if first.range_end is not None:
        out, d = [], first.date
        while d <= first.range_end:
            wd = first.w.weekday if d == first.date else (first.end_weekday if d == first.range_end else None)
            out.append(Statement(d, workday, line, wd, first.w.text))
            d += dt.timedelta(days=1)
        return out
    shared = group[-1].w.weekdays        # 28日、29日（星期六、星期日）: one note for the run
    return [Statement(g.date, workday, line, shared[k] if len(group) > 1 and len(shared) == len(group)
                      else g.w.weekday, g.w.text) for k, g in enumerate(group)]


@attrs.frozen(repr=False)
class _Mention(SharedRepr):
    w: WrittenDate
    date: dt.date
    start: int
    end: int
    range_end: dt.date | None = None
    end_weekday: int | None = None


def _sentences(text: str) -> list[str]:
    """Split a line at 。；; keep commas inside (a sentence may list several dates)."""
    return [part for part in re.split(r"(?<=[。;；])", text) if part.strip()]


def _resolve_all(dates: list[WrittenDate], year: int,
                 anchor: dt.date | None) -> tuple[list[dt.date | None], dt.date | None]:
    out: list[dt.date | None] = []
    month = None
    for w in dates:
        if w.year is not None:
            d = resolve(w, w.year, month)
        else:
            d = None
            best = None
            for y in (year - 1, year, year + 1):
                c = resolve(w, y, month)
                if c is None:
                    continue
                ref = anchor or dt.date(year, c.month, 1)
                dist = abs((c - ref).days) if anchor else abs(y - year) * 400
                if best is None or dist < best:
                    best, d = dist, c
        out.append(d)
        if d is not None:
            month = d.month
            if anchor is None:
                anchor = d
    return out, anchor


def _groups(sentence: str, dates: list[WrittenDate],
            resolved: list[dt.date | None]) -> Iterator[tuple[list[_Mention], str | None]]:
    """Yield (mentions, verb) for each run of dates joined by 、 or 至 and the verb
    that follows them (or, for 放假时间为……, precedes them)."""
    mentions: list[_Mention] = []
    i = 0
    while i < len(dates):
        w, d = dates[i], resolved[i]
        if d is None:
            i += 1
            continue
        if i + 1 < len(dates) and re.fullmatch(r"\s*(至|到|-|—|~|－)\s*", sentence[w.end:dates[i + 1].start]) \
                and resolved[i + 1] is not None:
            e = dates[i + 1]
            mentions.append(_Mention(w, d, w.start, e.end, resolved[i + 1], e.weekday))
            i += 2
            continue
        mentions.append(_Mention(w, d, w.start, w.end))
        i += 1
    group: list[_Mention] = []
    for k, m in enumerate(mentions):
        group.append(m)
        nxt = mentions[k + 1].start if k + 1 < len(mentions) else len(sentence)
        gap = sentence[m.end:nxt]
        if k + 1 < len(mentions) and m.range_end is None and re.fullmatch(r"\s*[、和及与]\s*", gap):
            continue
        yield group, _verb(sentence, group[0].start, m.end, nxt)
        group = []


_PUBLISHED = ("发布", "印发", "下发", "公布", "获悉", "出炉", "官宣", "发出", "电")


def _verb(sentence: str, start: int, end: int, nxt: int) -> str | None:
    """off, work, resume (no statement) or None for the dates in sentence[start:end]."""
    after = re.sub(r"《[^》]*》", lambda m: "　" * len(m.group(0)), sentence[end:nxt])   # a cited title fixes nothing
    words = [(after.find(w), "news") for w in _PUBLISHED if w in after]
    if re.match(r"\s*(起|开始)", after) or re.match(r"[^。;]{0,16}?(照常|正常)上班", after):
        return "resume"             # 2月3日起正常上班, 全区机关……照常上班: no make-up day
    hits = [(after.find(w), "work") for w in WORK_WORDS if w in after]
    hits += [(after.find(w), "off") for w in OFF_WORDS if w in after]
    if hits:
        first = min(hits)
        if words and min(words)[0] < first[0]:
            return "resume"             # 3月22日……发布……放假的通知: the day a notice came out
        return first[1]
    before = sentence[:start]
    if re.search(r"(放假|休息)(时间)?(为|是)\s*$", before):
        return "off"
    return None


def _stated_days(sentence: str, pos: int) -> int | None:
    m = re.search(r"共\s*(\d{1,2})\s*天", sentence[pos:pos + 24])
    return int(m.group(1)) if m else None
