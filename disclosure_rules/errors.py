"""Exceptions raised by disclosure-rules.

Every error a caller can act on is a subclass of :class:`DisclosureRulesError`
and carries a one-line message in English and in Chinese, plus the exit code
the command line uses for it:

* 2 -- invalid input: a case (:class:`CaseError`), a rule or calendar file
  (:class:`RuleFileError`), an unknown calendar or rule set, a bad argument;
* 3 -- a date the official calendar does not cover
  (:class:`CalendarCoverageError`).

Unlawful conduct by an agency is never an exception: it is a violation in
the result.
"""

from __future__ import annotations

import datetime as _dt
from os import PathLike
from typing import Any, TypeAlias

from .messages import Text, message

# the JSON form of an error (``{"error": ...}`` on the command line)
ErrorDict: TypeAlias = dict[str, Any]


class DisclosureRulesError(Exception):
    """Base class: ``message`` (English), ``message_zh`` (Chinese), ``exit_code``.

    Raise it with a catalogue message (``CaseError(message("case.no_id"))``) or,
    for text composed elsewhere, with the English and the Chinese words."""

    exit_code = 2
    kind = "input"
    #: the position of the bad entry of a batch question (``add_many``, ``count_many``), when there is one
    index: int | None = None

    def __init__(self, message: str | Text, message_zh: str | None = None):
        if isinstance(message, Text):          # a catalogue message (disclosure_rules.messages)
            message_zh = message.zh
            message = message.en
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message

    def text(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh" else self.message

    def to_dict(self, lang: str = "en") -> ErrorDict:
        return {"kind": self.kind, "message": self.text(lang),
                "message_en": self.message, "message_zh": self.message_zh}


class InputError(DisclosureRulesError):
    """Invalid input: a bad argument, an unknown name."""


class CaseError(InputError):
    """A case that cannot be evaluated: a missing receipt date, an unknown
    channel or event type, an impossible order of events.  ``event`` is the
    index of the offending event in the case's event list, when there is one."""

    kind = "case"

    def __init__(self, message: str | Text, message_zh: str | None = None, *, event: int | None = None):
        super().__init__(message, message_zh)
        self.event = event


class RuleFileError(InputError):
    """A rule or calendar file that is malformed or inconsistent.

    ``path``, ``line`` and ``column`` (1-based) point at the offending entry;
    the message says what is wrong in words a lawyer understands.
    """

    kind = "rules"

    def __init__(self, path: str | PathLike[str], line: int | None, message: str | Text,
                 message_zh: str | None = None, column: int | None = None):
        if isinstance(message, Text):
            message_zh = message.zh
            message = message.en
        self.path = str(path)
        self.line = line
        self.column = column
        where = self.path + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        self.detail = message
        self.detail_zh = message_zh or message
        super().__init__(f"{where}: {message}", f"{where}：{self.detail_zh}")

    def to_dict(self, lang: str = "en") -> ErrorDict:
        d = super().to_dict(lang)
        d.update(path=self.path, line=self.line, column=self.column)
        return d


class UnknownNameError(InputError):
    """An unknown calendar, rule set, local layer, outcome or parameter name."""


class CalendarCoverageError(DisclosureRulesError):
    """A question whose answer needs a day the calendar does not cover.

    ``date`` is the day asked about (or the first uncovered day the answer
    would need), ``calendar`` the calendar id, ``first_day`` / ``last_day``
    the covered range, ``missing_year`` the year whose data is missing,
    ``notice`` the title of the notice that would fill it and ``ways_out``
    the two commands that help (``calendar import``, ``--estimate-until``).
    Never answered by a silent weekday guess: pass ``estimate_until`` to
    :func:`disclosure_rules.load_calendar` for an explicitly provisional
    answer with bounds.
    """

    exit_code = 3
    kind = "calendar_coverage"

    def __init__(self, date: _dt.date, calendar: str, first_day: _dt.date, last_day: _dt.date,
                 what: str | None = None, what_zh: str | None = None,
                 gap: tuple[_dt.date, _dt.date] | None = None):
        self.date = date
        self.calendar = calendar
        self.first_day = first_day
        self.last_day = last_day
        self.gap = gap
        missing = date.year
        self.missing_year = missing
        self.notice: str | None = None
        self.ways_out: tuple[str, ...] = ()
        what_text = Text(what or date.isoformat(), what_zh or date.isoformat())
        if gap is not None:
            self.ways_out = (f"disclosure-rules calendar import NOTICE.txt --calendar {calendar}",)
            text = message("calendar.coverage.gap", what=what_text, date=date, year=missing, calendar=calendar,
                           command=self.ways_out[0])
        elif date > last_day:
            self.notice = message("calendar.coverage.notice_title", year=missing).zh
            self.ways_out = ("disclosure-rules calendar import NOTICE.txt", f"--estimate-until {missing}")
            text = message("calendar.coverage.after", what=what_text, last=last_day, year=missing,
                           calendar=calendar, notice=self.notice, command=self.ways_out[0], option=self.ways_out[1])
        else:
            text = message("calendar.coverage.before", what=what_text, first=first_day, year=missing,
                           calendar=calendar)
        super().__init__(text)

    def to_dict(self, lang: str = "en") -> ErrorDict:
        d = super().to_dict(lang)
        d.update(date=self.date.isoformat(), calendar=self.calendar,
                 first_day=self.first_day.isoformat(), last_day=self.last_day.isoformat(),
                 missing_year=self.date.year, notice=self.notice, ways_out=list(self.ways_out))
        return d
