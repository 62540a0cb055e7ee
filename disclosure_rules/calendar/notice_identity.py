"""Who issued a holiday notice, for which year and festival, under which
number and on which day: read from its title (or, in a reprint that lost
it, from the sentence ``现将……通知如下``), its document number on a line of its
own and the signature under it.  The days themselves are read by
:mod:`.notices`."""

from __future__ import annotations

import datetime as dt
import re

from .notice_text import Line

_DOC_NO = re.compile(r"([\u4e00-\u9fff]{2,8})\s*〔\s*(\d{4})\s*〕\s*(\d{1,3})\s*号")
_TITLE = re.compile(r"关于(?P<subject>.{2,60}?)(?:部分节假日安排|假期安排|放假安排|放假有关事项|放假|假期|调休放假|放假调休)"
                    r"(?:有关事项)?的?通知")
_ANNOUNCE = re.compile(r"现[将就](?P<subject>.{2,60}?)(?:放假调休日期的具体安排|放假有关事项|放假安排|放假|假期安排)"
                       r".{0,12}?通知如下")
_ISSUERS = re.compile(r"^(国务院办公厅|国务院|.{2,12}人民政府办公厅|.{2,12}人民政府)$")
_YEAR = re.compile(r"(\d{4})年")
_SIGNED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def identity(lines: list[Line]) -> tuple[str | None, str, int, bool] | None:
    """(title, subject, year, yearly): 关于2012年部分节假日安排的通知 -> subject
    2012年, yearly (the year's own arrangement, not a supplement or a regional notice);
    None when neither a title nor a 现将……通知如下 sentence gives them."""
    texts = _with_joined_titles([ln.text for ln in lines])
    for t in texts:
        for m in _TITLE.finditer(t):
            if "现将" in t or t.rfind("《", 0, m.start()) > t.rfind("》", 0, m.start()):
                continue                      # a sentence of the body, or a notice cited in 《》
            subject = m.group("subject").strip("“”\"'《》 ")
            year = _year_of(subject, lines)
            if year:
                yearly = "部分节假日" in m.group(0)
                return _title_text(t, m), subject, year, yearly
    for ln in lines:
        found = _ANNOUNCE.search(ln.text)
        if found:
            subject = found.group("subject").strip("“”\"' ")
            year = _year_of(subject, lines)
            if year:        # a reprint without its title: the yearly notice lists the festivals
                return None, subject, year, len(re.findall(r"元旦|春节|清明|劳动节|端午|中秋|国庆", subject)) >= 5
    return None


def _with_joined_titles(texts: list[str]) -> list[str]:
    """The lines, plus each title broken over two or three lines joined up
    (国务院办公厅关于2010年 / 部分节假日安排的通知)."""
    out = list(texts)
    for i, t in enumerate(texts):
        if "关于" in t and "通知" not in t:
            joined = next(("".join(texts[i:i + k]) for k in (2, 3) if "通知" in "".join(texts[i:i + k])), None)
            if joined:
                out.append(joined)
    return out


def _title_text(t: str, m: re.Match[str]) -> str:
    """The title from its issuer (国务院办公厅 / 国务院 / ……人民政府办公厅) to 通知."""
    head = t[:m.start()]
    k = max(head.rfind("国务院"), head.rfind("自治区"), head.rfind("人民政府"))
    issuer = re.search(r"(国务院办公厅|国务院|[\u4e00-\u9fff]{2,12}?人民政府办公厅|[\u4e00-\u9fff]{2,12}?人民政府)$", head)
    start = issuer.start() if issuer else (k if k >= 0 else m.start())
    kept = re.findall(r"\d{4}(?=年)|\d+(?=周年)|[\u4e00-\u9fff“”《》〔〕、]", t[start:m.end()])
    return "".join(kept)


def _year_of(subject: str, lines: list[Line]) -> int | None:
    m = _YEAR.search(subject)
    if m:
        return int(m.group(1))
    for ln in lines:                         # 国发明电〔2015〕1号: the year is in the body
        m = re.search(r"(\d{4})年\d{1,2}月\d{1,2}日", ln.text)
        if m:
            return int(m.group(1))
    return None


def subject_name(subject: str) -> str:
    """The festival a supplement or regional notice is about: 调整2019年劳动节 -> 劳动节."""
    s = re.sub(r"^(调整|延长)", "", subject)
    s = _YEAR.sub("", s, count=1).strip("“”\"' 的")
    return "" if s in ("部分节假日", "") else s.replace("“", "").replace("”", "")


def doc_number(lines: list[Line], year: int) -> tuple[str | None, int | None]:
    """The notice's own number: the first one written on a line of its own
    (a notice may cite others in its body, e.g. a regional notice citing the
    national one)."""
    for ln in lines:
        for m in _DOC_NO.finditer(ln.text):
            rest = ln.text[:m.start()] + ln.text[m.end():]
            if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 6 or "发文字号" in ln.text:
                return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号", ln.number
    return None, None


def signature(lines: list[Line]) -> tuple[str | None, dt.date | None]:
    """The issuer and the date under it (国务院办公厅 / 2011年12月5日)."""
    for ln in lines:                              # 国务院办公厅 2012年12月8日 on one line
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,16})\s*(\d{4})年(\d{1,2})月(\d{1,2})日", ln.text)
        if m and _ISSUERS.match(m.group(1)):
            try:
                return m.group(1), dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
            except ValueError:
                return m.group(1), None
    for a, b in zip(lines, lines[1:], strict=False):
        issuer = re.sub(r"[^\u4e00-\u9fff]", "", a.text)          # reprints add junk around lines
        m = _SIGNED.search(b.text)
        if _ISSUERS.match(issuer) and m and len(re.findall(r"[\u4e00-\u9fff]", b.text)) == 3:
            try:
                return issuer, dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return issuer, None
    return None, None
