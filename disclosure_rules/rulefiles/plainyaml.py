"""The plain shape of most case files, read without PyYAML.

A case file is usually a few lines of block mappings and sequences holding
one-line flow mappings, words, whole numbers, dates and quoted strings
(``examples/*.yaml``).  Importing PyYAML is a tenth of a short command's
start-up (issue 13), so :func:`read` reads that shape itself and gives
exactly what :func:`.yamldoc.parse_yaml` would: the same :class:`~.positioned.Map`
and :class:`~.positioned.Seq` with the same lines, the same scalars (YAML 1.1
as PyYAML resolves them: ``yes`` is true, ``2026-09-26`` a date, ``2026-0001``
text).  Anything else it declines, returning :data:`DECLINED`, and the file
goes to PyYAML: other characters (a tab, a carriage return, a byte-order
mark, a character YAML does not print), anchors, tags, block scalars,
multi-line or escaped strings, floats, octal or grouped numbers, a flow
collection over several lines, a key written twice, an impossible date,
anything PyYAML would reject.  So every mistake is still reported by PyYAML,
with its line and column; a property test (``tests/test_plainyaml.py``)
checks on generated documents and on every bundled file that the two agree
whenever this reader answers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .positioned import Map, Seq

#: what :func:`read` returns for a document it leaves to PyYAML
DECLINED: Any = object()

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?= |$)")
# plain scalars of a flow collection (which end at , ] } and ": "): words, whole numbers, dates, ids like 2026-0001
_FLOW_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*|[0-9]+(?:-[0-9]+)+|-?(?:0|[1-9][0-9]*)|~")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# YAML 1.1's booleans and nulls written as words (PyYAML's resolver and constructor)
_WORDS: dict[str, Any] = {**dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
                          **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
                          **dict.fromkeys(("null", "Null", "NULL", "~"), None)}
# characters left to PyYAML: other line breaks (\r, NEL, LS, PS), tabs, the byte-order mark, non-printable ones
_ODD = frozenset("\x85\u2028\u2029\ufeff\ufffe\uffff")


class _Decline(Exception):
    """The document is not of the plain shape."""


class _Line:
    """A line that holds something: its number (1-based), where its text starts, the text (trailing
    spaces removed).  A plain class: a NamedTuple or an attrs class compiles code when defined,
    which is what reading without PyYAML saves."""

    __slots__ = ("number", "col", "text")

    def __init__(self, number: int, col: int, text: str) -> None:
        self.number, self.col, self.text = number, col, text

    def tail(self, text: str) -> _Line:
        """The same line from where ``text``, the end of its text, starts."""
        return _Line(self.number, self.col + len(self.text) - len(text), text)


def read(text: str, name: str) -> Any:
    """The document of ``text`` (read from ``name``) as PyYAML reads it, or :data:`DECLINED`."""
    if not _plain_characters(text):
        return DECLINED
    lines = [_Line(n, len(raw) - len(raw.lstrip(" ")), raw.strip(" "))
             for n, raw in enumerate(text.split("\n"), 1) if raw.strip(" ") and not raw.lstrip(" ").startswith("#")]
    if not lines:
        return DECLINED
    try:
        doc, i = _Reader(lines, name).block(0)
    except _Decline:
        return DECLINED
    return doc if i == len(lines) else DECLINED


def _plain_characters(text: str) -> bool:
    for ch in set(text):
        if ch < " " and ch != "\n" or "\x7f" <= ch <= "\x9f" or "\ud800" <= ch <= "\udfff" or ch in _ODD:
            return False
    return True


class _Reader:
    def __init__(self, lines: list[_Line], name: str) -> None:
        self.lines = lines
        self.name = name

    def block(self, i: int) -> tuple[Any, int]:
        """The node starting at line ``i`` (a mapping, a sequence or one value) and the line after it."""
        line = self.lines[i]
        if line.text == "-" or line.text.startswith("- "):
            return self.sequence(i)
        if _KEY.match(line.text):
            return self.mapping(i)
        value = self.inline(line)
        return value, self.after_value(i + 1, line.col)

    def after_value(self, i: int, col: int) -> int:
        """A value ends its line: a deeper line after it would continue it (left to PyYAML)."""
        if i < len(self.lines) and self.lines[i].col > col:
            raise _Decline
        return i

    def mapping(self, i: int) -> tuple[Map, int]:
        first = self.lines[i]
        m = self.new_map(first.number)
        while i < len(self.lines) and self.lines[i].col == first.col:
            line = self.lines[i]
            key = _KEY.match(line.text)
            if key is None or key.group(1) in m or key.group(1) in _WORDS:
                raise _Decline
            rest = line.text[key.end():].lstrip(" ")
            if rest and not rest.startswith("#"):
                value, i = self.inline(line.tail(rest)), i + 1
                i = self.after_value(i, line.col)
            else:
                value, i = self.nested(i + 1, line.col)
            m[key.group(1)] = value
            m.lines[key.group(1)] = line.number
        return m, self.after_value(i, first.col)

    def nested(self, i: int, col: int) -> tuple[Any, int]:
        """The value of a key written on the lines below it (deeper, or a sequence at the key's column)."""
        if i < len(self.lines):
            line = self.lines[i]
            if line.col > col or line.col == col and (line.text == "-" or line.text.startswith("- ")):
                return self.block(i)
        return None, i

    def sequence(self, i: int) -> tuple[Seq, int]:
        first = self.lines[i]
        s = self.new_seq(first.number)
        while i < len(self.lines) and self.lines[i].col == first.col:
            line = self.lines[i]
            if not (line.text == "-" or line.text.startswith("- ")):
                break
            rest = line.text[1:].lstrip(" ")
            if rest and not rest.startswith("#"):
                self.lines[i] = line.tail(rest)
                item, j = self.block(i)
                s.lines.append(line.number)
            elif i + 1 < len(self.lines) and self.lines[i + 1].col > first.col:
                s.lines.append(self.lines[i + 1].number)
                item, j = self.block(i + 1)
            else:
                item, j = None, i + 1
                s.lines.append(line.number)
            s.append(item)
            i = j
        return s, self.after_value(i, first.col)

    def inline(self, line: _Line) -> Any:
        """A value written on the rest of a line: a flow collection, a quoted string or a plain scalar."""
        text = line.text
        if text[0] in "{[":
            value, end = _Flow(text, line.number, self).value(0)
            _line_ends(text, end)
            return value
        if text[0] in "\"'":
            end = _quoted_end(text, 0)
            _line_ends(text, end)
            return text[1:end - 1]
        return _block_plain(text)

    def new_map(self, number: int) -> Map:
        m = Map()
        m.line, m.lines, m.path = number, {}, self.name
        return m

    def new_seq(self, number: int) -> Seq:
        s = Seq()
        s.line, s.lines, s.path = number, [], self.name
        return s


def _line_ends(text: str, end: int) -> None:
    """Nothing but a comment may follow a value on its line."""
    rest = text[end:]
    if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")):
        raise _Decline


def _quoted_end(text: str, start: int) -> int:
    """Where the string quoted at ``start`` ends (after its closing quote): one line, no escape."""
    quote = text[start]
    end = text.find(quote, start + 1)
    if end < 0 or quote == '"' and "\\" in text[start:end] or quote == "'" and text.startswith("'", end + 1):
        raise _Decline
    return end + 1


def _block_plain(text: str) -> Any:
    """A plain scalar ending its line (a comment after it is left out): text that starts with a
    letter (or ``_``), or one of :data:`_FLOW_PLAIN`."""
    cut = text.find(" #")
    value = (text[:cut] if cut >= 0 else text).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise _Decline                 # a mapping where a value is expected: PyYAML says what is wrong
    first = value[0]
    if not first.isascii() or first.isalpha() or first == "_":
        return _WORDS[value] if value in _WORDS else value
    if not _FLOW_PLAIN.fullmatch(value):
        raise _Decline
    return _scalar(value)


def _scalar(word: str) -> Any:
    """A plain scalar of :data:`_FLOW_PLAIN` or a date, as YAML 1.1 resolves it."""
    if word in _WORDS:
        return _WORDS[word]
    if _INT.fullmatch(word):
        return int(word)
    date = _DATE.fullmatch(word)
    if date:
        try:
            return dt.date(*map(int, date.groups()))
        except ValueError:
            raise _Decline from None          # PyYAML says the date is impossible, with its column
    return word


class _Flow:
    """A flow collection on one line: ``{key: value, ...}`` or ``[value, ...]``."""

    def __init__(self, text: str, number: int, reader: _Reader) -> None:
        self.text, self.number, self.reader = text, number, reader

    def skip(self, i: int) -> int:
        while i < len(self.text) and self.text[i] == " ":
            i += 1
        return i

    def value(self, i: int) -> tuple[Any, int]:
        ch = self.text[i] if i < len(self.text) else ""
        if ch == "{":
            return self.mapping(i + 1)
        if ch == "[":
            return self.sequence(i + 1)
        if ch in ("'", '"'):
            end = _quoted_end(self.text, i)
            return self.text[i + 1:end - 1], end
        word = _FLOW_PLAIN.match(self.text, i)
        if word is None or self.text[word.end():word.end() + 1] not in ("", " ", ",", "]", "}"):
            raise _Decline
        return _scalar(word.group()), word.end()

    def mapping(self, i: int) -> tuple[Map, int]:
        m = self.reader.new_map(self.number)
        i = self.skip(i)
        while not self.text.startswith("}", i):
            key = _KEY.match(self.text, i)
            if key is None or key.group(1) in m or key.group(1) in _WORDS:
                raise _Decline
            m[key.group(1)], i = self.value(self.skip(key.end()))
            m.lines[key.group(1)] = self.number
            i = self.separator(i, "}")
        return m, i + 1

    def sequence(self, i: int) -> tuple[Seq, int]:
        s = self.reader.new_seq(self.number)
        i = self.skip(i)
        while not self.text.startswith("]", i):
            item, i = self.value(i)
            s.append(item)
            s.lines.append(self.number)
            i = self.separator(i, "]")
        return s, i + 1

    def separator(self, i: int, close: str) -> int:
        """After an entry: ``, `` and the next entry, or the closing bracket (no trailing comma)."""
        i = self.skip(i)
        if self.text.startswith(",", i):
            i = self.skip(i + 1)
            if i >= len(self.text) or self.text[i] in ",]}":
                raise _Decline
            return i
        if not self.text.startswith(close, i):
            raise _Decline
        return i
