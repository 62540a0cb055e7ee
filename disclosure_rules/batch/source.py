"""Cases read one at a time: JSON Lines (a file or ``-`` for standard input)
streams in constant memory; a YAML or JSON document is read whole.

Each input case becomes one :class:`Item` in input order: its position, the
line it starts on (JSON Lines), and either the parsed value or the
:class:`~disclosure_rules.errors.CaseError` that reading it raised (a line
that is not JSON, not UTF-8).  Nothing is skipped except blank lines, so a
reader of the items can account for every case.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import IO

import attrs

from ..errors import CaseError
from ..messages import message
from ..reprs import SharedRepr

STDIN = "-"
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


@attrs.frozen(repr=False)
class Item(SharedRepr):
    """One input case: ``number`` (1-based position), ``line`` (JSON Lines
    only), and ``data`` or the ``error`` that reading it raised."""

    number: int
    line: int | None
    data: object = None
    error: CaseError | None = None
    of: int | None = None           # how many items the document holds (a YAML or JSON list)
    source: str = ""                # the file, for messages

    @property
    def id(self) -> str | None:
        """The case's id as written, when it has one (for error lines)."""
        if isinstance(self.data, dict) and isinstance(self.data.get("id"), (str, int)):
            return str(self.data["id"])
        return None


def iter_items(path: str | PathLike[str], keys: tuple[str, ...] = ("cases",),
               stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """The items of ``path`` (``-`` reads standard input), lazily for JSON Lines.

    Standard input is JSON Lines when its first non-blank line is a JSON
    object, else one YAML or JSON document.  A file that cannot be opened
    raises :class:`CaseError` at once.
    """
    if str(path) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _from_stdin(stream, keys)
    p = Path(path)
    if p.suffix.lower() in JSON_LINES_SUFFIXES:
        try:
            f = p.open("rb")
        except OSError as exc:
            raise CaseError(message("table.cannot_read", path=str(p), detail=str(exc))) from None
        return _closing(f, _lines(f, str(p)))
    from ..case import read_items
    docs = read_items(p, keys)
    return (Item(n, None, d, of=len(docs), source=str(p)) for n, d in enumerate(docs, 1))


def count_items(path: str | PathLike[str]) -> int | None:
    """How many items a JSON Lines file holds (non-blank lines), for a
    progress bar's total; None for standard input and whole documents."""
    p = Path(str(path))
    if str(path) == STDIN or p.suffix.lower() not in JSON_LINES_SUFFIXES:
        return None
    n = 0
    try:
        with p.open("rb") as f:
            for line in f:
                if line.strip():
                    n += 1
    except OSError:
        return None
    return n


def _closing(f: IO[bytes], items: Iterable[Item]) -> Iterator[Item]:
    with f:
        yield from items


def _lines(lines: Iterable[bytes], name: str, first_number: int = 1, first_line: int = 1) -> Iterator[Item]:
    number = first_number
    for n, raw in enumerate(lines, first_line):
        if not raw.strip():
            continue
        yield _parse_line(raw, name, n, number)
        number += 1


def _parse_line(raw: bytes, name: str, n: int, number: int) -> Item:
    try:
        return Item(number, n, json.loads(raw.decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        return Item(number, n, error=CaseError(message("batch.line_not_utf8", name=name, line=n, detail=exc.reason)))
    except json.JSONDecodeError as exc:
        return Item(number, n, error=CaseError(message("batch.line_not_json", name=name, line=n, detail=exc.msg)))


def _from_stdin(stream: IO[bytes], keys: tuple[str, ...]) -> Iterator[Item]:
    name = "<stdin>"
    skipped = 0
    first = b""
    for first in stream:
        if first.strip():
            break
        skipped += 1
    if not first.strip():
        return
    try:
        head = json.loads(first.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        head = None
    if isinstance(head, dict):
        yield Item(1, skipped + 1, head)
        yield from _lines(stream, name, 2, skipped + 2)
        return
    yield from _document(first + stream.read(), name, keys)


def _document(raw: bytes, name: str, keys: tuple[str, ...]) -> Iterator[Item]:
    """One YAML or JSON document from standard input (read whole)."""
    from ..case import items_from_text

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(message("batch.not_utf8", name=name, detail=exc.reason)) from None
    for n, d in enumerate(items_from_text(text, name, keys), 1):
        yield Item(n, None, d)
