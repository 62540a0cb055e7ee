"""The applicant's deadlines for administrative review and litigation.

After an answer: review within 60 days (行政复议法 2023 Art. 20, in force
2024-01-01; before that the 2017 Act Art. 9), suit within 6 months
(行政诉讼法 Art. 46); one year at most when the agency did not state the
right and the period.  After a review decision: suit within 15 days
(Art. 45).  After no answer: from the end of the reply period (复议法实施条例
Art. 16; SPC 2018 interpretation Art. 66).  From 2024-01-01 a refusal to
disclose goes to review first (行政复议法 2023 Art. 23).

Day periods start the next day; month and year periods end on the
corresponding day (python-dateutil); a last day that is not a working day
moves to the next working day of the official calendar (民事诉讼法 Art. 85).
"""

from __future__ import annotations

import datetime as dt

import attrs
from dateutil.relativedelta import relativedelta

from .basis import Basis, cite_all
from .calendar import Calendar
from .errors import InputError
from .rulefiles.common import Text


@attrs.frozen
class Deadline:
    id: str
    title: Text
    starts: dt.date                   # the day the period runs from (not counted)
    nominal_last_day: dt.date
    last_day: dt.date                 # after moving off a rest day
    moved_because: str | None         # reason the last day moved, or None
    basis: tuple[Basis, ...]
    note: Text | None = None

    def to_dict(self, lang="en") -> dict:
        return {"id": self.id, "title": self.title.get(lang), "starts": self.starts.isoformat(),
                "nominal_last_day": self.nominal_last_day.isoformat(), "last_day": self.last_day.isoformat(),
                "moved_because": self.moved_because, "note": self.note.get(lang) if self.note else None,
                "basis": [b.to_dict() for b in self.basis], "citation": cite_all(self.basis, lang)}


@attrs.frozen
class Remedies:
    situation: str                    # after_answer | after_no_answer | after_review
    deadlines: tuple[Deadline, ...]
    review_first: bool
    review_first_note: Text | None
    review_first_basis: tuple[Basis, ...]
    provisional: bool

    def to_dict(self, lang="en") -> dict:
        return {"situation": self.situation, "deadlines": [d.to_dict(lang) for d in self.deadlines],
                "review_first": self.review_first,
                "review_first_note": self.review_first_note.get(lang) if self.review_first_note else None,
                "review_first_basis": [b.to_dict() for b in self.review_first_basis],
                "provisional": self.provisional}


def _end(start: dt.date, period: dict) -> dt.date:
    return start + relativedelta(days=period.get("days", 0), months=period.get("months", 0),
                                 years=period.get("years", 0))


def _roll(cal: Calendar, d: dt.date):
    if cal.is_workday(d):
        return d, None
    info = cal.day(d)
    return cal.next_workday(d), info.reason("en")


def remedies(*, answered: dt.date | None = None, outcome: str | None = None, rights_stated: bool = True,
             no_answer_since: dt.date | None = None, review_decided: dt.date | None = None,
             calendar: Calendar, rules: dict) -> Remedies:
    """Deadlines after an answer (``answered``, the day it was served, and
    its ``outcome``), after no answer (``no_answer_since``: the last day of
    the reply period) or after a review decision (``review_decided``)."""
    given = [x is not None for x in (answered, no_answer_since, review_decided)]
    if sum(given) != 1:
        raise InputError("give exactly one of: the answer date, the end of the reply period (no answer), "
                         "or the date of the review decision",
                         "请且仅请给出以下之一：答复送达日期、答复期限届满日（未答复）、复议决定收到日期")
    cal = calendar
    if answered is not None:
        situation, start, items = "after_answer", answered, rules["after_answer"]
    elif no_answer_since is not None:
        situation, start, items = "after_no_answer", no_answer_since, rules["after_no_answer"]
    else:
        situation, start, items = "after_review", review_decided, rules["after_review"]
    rf = rules["review_first"]
    review_first = (situation == "after_answer" and outcome in rf["outcomes"] and start >= rf["from"])
    deadlines = []
    provisional = False
    for e in items:
        if e["from"] and start < e["from"] or e["to"] and start > e["to"]:
            continue
        period, note = e["period"], None
        if not rights_stated and e["if_rights_not_stated"]:
            period = e["if_rights_not_stated"]
            note = Text("行政机关未告知救济权利或期限：自知道之日起计算，但最长不超过此日",
                        "the agency did not state the right or the period: it runs from when the applicant learns "
                        "them, but ends on this day at the latest")
        if review_first and e["not_after_refusal_from"] and start >= e["not_after_refusal_from"]:
            continue
        nominal = _end(start, period)
        last, why = _roll(cal, nominal)
        provisional = provisional or cal.is_estimated(last)
        basis = e["basis"] + (rules["roll"] if why else ())
        deadlines.append(Deadline(e["id"], e["title"], start, nominal, last, why, basis, note))
    return Remedies(situation, tuple(deadlines), review_first, rf["note"] if review_first else None,
                    rf["basis"] if review_first else (), provisional)


def remedies_for_result(result, *, calendar: Calendar, rules: dict, rights_stated: bool = True) -> Remedies:
    """Remedies for an evaluated case: after its answer, or, when it is
    overdue, from the end of its reply period."""
    if result.status == "answered":
        return remedies(answered=result.closed_on, outcome=result.outcome, rights_stated=rights_stated,
                        calendar=calendar, rules=rules)
    if result.status == "overdue":
        return remedies(no_answer_since=result.due, calendar=calendar, rules=rules)
    raise InputError(f"case {result.id} is {result.status}: remedies run from an answer or from the end of the "
                     "reply period", f"案件{result.id}的状态为{result.status}：救济期限自答复或答复期限届满之日起计算")
