"""Splitting a table line into its label and its numbers: cells separated by ``|``,
tabs, or (in extracted text) runs of spaces."""

from __future__ import annotations

import re
from typing import Literal, overload

from .model import Number

_INT = re.compile(r"^\d+$|^\d{1,3}(?:,\d{3})+$")
_DEC = re.compile(r"^\d+(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
BLANK = ("", "-", "—", "/", "无")


@overload
def number(cell: object, decimals: Literal[False] = False) -> int | None: ...


@overload
def number(cell: object, decimals: bool) -> Number | None: ...


def number(cell: object, decimals: bool = False) -> Number | None:
    """The number a cell holds, or None."""
    if not isinstance(cell, str):
        return None
    c = cell.strip()
    if (_DEC if decimals else _INT).match(c):
        c = c.replace(",", "")
        return float(c) if "." in c else int(c)
    return None


def split_line(line: str) -> tuple[list[str], bool]:
    """The cells of a line, and whether they were separated explicitly (| or tab)."""
    s = line.strip()
    if "|" in s:
        cells = [c.strip() for c in s.strip("|").split("|")]
        while cells and cells[-1] == "":
            cells.pop()
        return cells, True
    if "\t" in s:
        return [c.strip() for c in s.split("\t")], True
    return s.split(), False


def trailing(line: str, decimals: bool = False, width: int | None = None) -> tuple[str, list[str]]:
    """The label and the trailing run of numeric (or, between | or tabs, blank) cells.

    With ``width``, a line of explicit cells whose last ``width`` cells are mostly numbers
    gives those cells, so that a cell such as “-1” or “3件” is kept (and later reported
    as unreadable) instead of cutting the row short."""
    cells, explicit = split_line(line)
    if width and explicit and len(cells) > width:
        last = cells[-width:]
        if sum(number(c, decimals) is not None for c in last) > width // 2 and number(cells[-width - 1]) is None:
            return " ".join(cells[:-width]), last
    run: list[str] = []
    while cells:
        c = cells[-1]
        if number(c, decimals) is not None or (explicit and c in BLANK):
            run.insert(0, cells.pop())
        else:
            break
    while run and number(run[0], decimals) is None:      # blanks before the first number belong to the label
        cells.append(run.pop(0))
    return " ".join(cells), run


def numeric_line(line: str) -> list[int] | None:
    """The numbers of a line that holds nothing but numbers (blank cells allowed between |)."""
    cells, explicit = split_line(line)
    nums: list[int] = []
    for c in cells:
        n = number(c)
        if n is not None:
            nums.append(n)
        elif not (explicit and c in BLANK):
            return None
    return nums or None
