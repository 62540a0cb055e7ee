"""Reading the tables of sections 二, 三 and 四 from the lines of a report.

Section three: every line ending in seven numbers is a row; a row is named by the
words of ``sections.yaml``; a row whose label was lost is placed by its position
between named rows when the count fits exactly, and is otherwise unreadable (never
guessed).  Section four: the fifteen numbers of its table, in the format's order.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from itertools import pairwise

import attrs

from ..messages import Text, message
from ..report import TableLayout
from ..reprs import SharedRepr
from ..yamlfile import Map
from .cells import BLANK, number, numeric_line, trailing
from .model import Cells, Problem, Value, unreadable
from .normalise import compact

# ``spec`` is the parsed sections.yaml: arbitrary parsed data, its values typed Any.


def read_section_two(lines: list[str], spec: Map) -> tuple[Cells, list[Problem]]:
    items: Cells = {}
    problems: list[Problem] = []
    for line in lines:
        label, run = trailing(line, decimals=True)
        lab = compact(label).strip("|")
        for item in spec["section_two"]:
            if item["code"] in items or lab not in item["labels"]:
                continue
            cells = item["cells"]
            if len(run) != len(cells):
                why = message("published.reason.cell_count", n=len(run), cells=len(cells))
                items[item["code"]] = {c: unreadable(line.strip(), why) for c in cells}
                problems.append(("二", item["code"], None, line.strip(), why))
            else:
                vals: dict[str, Value] = {}
                for c, raw in zip(cells, run, strict=True):
                    n = number(raw, decimals=bool(item.get("decimals")))
                    if n is None or (isinstance(n, float) and not item.get("decimals")):
                        why = message("published.reason.not_a_number", raw=raw)
                        vals[c] = unreadable(line.strip(), why)
                        problems.append(("二", item["code"], c, line.strip(), why))
                    else:
                        vals[c] = Value(n, line.strip())
                items[item["code"]] = vals
    return items, problems


class _Short(enum.Enum):
    CELL = "a cell of a named row that lost cells"


SHORT = _Short.CELL
Run = list[str | _Short]        # the cells of a printed row


@attrs.define(repr=False)
class _Printed(SharedRepr):
    """A line of the table's width: the row or group its label names (if any), its cells, the line;
    ``numbers``: how many numbers a named row that lost cells still holds."""

    row: str | None
    group: str | None
    run: Run
    evidence: str
    numbers: int | None = None


def _name(label: str, spec: Map) -> tuple[str | None, str | None]:
    """("row", code) or ("group", code) named by the label's words, or (None, None)."""
    lab = compact(label)
    for kind, table in (("row", spec["section_three_rows"]), ("group", spec["section_three_groups"])):
        best, size, tie = None, 0, False
        for code, words in table.items():
            for w in words:
                if w in lab and len(w) >= size:
                    tie = len(w) == size and best not in (None, str(code))
                    best, size = str(code), len(w)
        if best and not tie:
            return kind, best
    return None, None


def _printed(kind: str | None, code: str | None, run: Run, evidence: str, numbers: int | None = None) -> _Printed:
    return _Printed(code if kind == "row" else None, code if kind == "group" else None, run, evidence, numbers)


def _printed_lines(lines: list[str], spec: Map, width: int, problems: list[Problem]) -> list[_Printed]:
    """The lines of ``width`` cells (or a named row that lost cells), in the report's order."""
    parsed = []
    for line in lines:
        label, run = trailing(line, width=width)
        if len(run) == width:
            kind, code = _name(label, spec)
            parsed.append(_printed(kind, code, list(run), line.strip()))
        elif 0 < len(run) < width and _name(label, spec)[0] == "row":
            # a named row that lost cells (a blank last cell, a merged cell): there, but not readable
            parsed.append(_printed("row", _name(label, spec)[1], [SHORT] * width, line.strip(), len(run)))
        elif len(run) > width and not label:
            problems.append(("三", None, None, line.strip(), message("published.reason.one_line", n=len(run))))
    return parsed


def read_section_three(lines: list[str], spec: Map, layout: TableLayout,
                       columns: Sequence[str]) -> tuple[Cells, Cells, list[str], list[Problem]]:
    """(rows, groups printed as one row, missing rows, problems)."""
    problems: list[Problem] = []
    parsed = _printed_lines(lines, spec, len(columns), problems)
    order = [r.code for r in layout.rows]
    index = {c: i for i, c in enumerate(order)}
    last = -1
    for p in parsed:                                   # named rows must come in the table's order
        if p.row is not None:
            if index[p.row] <= last:
                p.row = None
            else:
                last = index[p.row]
    rows: dict[str, _Printed] = {}
    groups: dict[str, _Printed] = {}
    missing: list[str] = []
    anchors = [(i, p.row) for i, p in enumerate(parsed) if p.row is not None]
    bounds: list[tuple[int, str | None]] = [(-1, None), *anchors, (len(parsed), None)]
    for (a, first), (b, row) in pairwise(bounds):
        lo = index[first] + 1 if first is not None else 0
        hi = index[row] if row is not None else len(order)
        _place(parsed[a + 1:b], order[lo:hi], rows, groups, missing, problems)
        if row is not None:
            rows[row] = parsed[b]
    cells = {r: _values(p, columns, r, problems) for r, p in rows.items()}
    gcells = {g: _values(p, columns, g, problems) for g, p in groups.items()}
    return cells, gcells, missing, problems


def _slots(items: list[_Printed], gap: list[str]) -> list[str]:
    """The rows of the gap, where a row printed for a whole group (the 2019 layout of （六）) takes
    the place of the group's rows if the count does not fit otherwise."""
    slots = list(gap)
    if len(items) != len(slots):
        for p in items:
            if p.group is not None:
                code = p.group
                members = [s for s in slots if s.startswith(code + ".")]
                if members:
                    at = slots.index(members[0])
                    slots[at:at + len(members)] = [code]
    return slots


def _fits(items: list[_Printed], slots: list[str]) -> bool:
    return len(items) == len(slots) and all(
        p.group is None or slot == p.group or slot.startswith(p.group + ".")
        for p, slot in zip(items, slots, strict=True))


def _place(items: list[_Printed], gap: list[str], rows: dict[str, _Printed],
           groups: dict[str, _Printed], missing: list[str], problems: list[Problem]) -> None:
    if not items:
        missing.extend(gap)
        return
    if not gap:
        problems.append(("三", None, None, " / ".join(i.evidence for i in items),
                         message("published.reason.no_place")))
        return
    slots = _slots(items, gap)
    if not _fits(items, slots):
        for slot in gap:
            problems.append(("三", slot, None, " / ".join(i.evidence for i in items),
                             message("published.reason.unnamed_rows", n=len(items), rows=len(gap))))
        return
    for p, slot in zip(items, slots, strict=True):
        if slot in gap:
            rows[slot] = p
        else:
            groups[slot] = p
            missing.extend(s for s in gap if s.startswith(slot + "."))


def _why(raw: str | _Short, printed: _Printed) -> Text:
    """Why a cell of a printed row is not a count."""
    if raw is _Short.CELL:
        return message("published.reason.row_lost_cells", n=printed.numbers, cells=len(printed.run))
    if raw.strip() in BLANK:
        return message("published.reason.blank")
    return message("published.reason.not_a_count", raw=raw)


def _values(printed: _Printed, columns: Sequence[str], row: str, problems: list[Problem]) -> dict[str, Value]:
    out = {}
    evidence = printed.evidence
    for col, raw in zip(columns, printed.run, strict=True):
        n = number(raw)
        if n is None:
            why = _why(raw, printed)
            out[col] = unreadable(evidence, why)
            problems.append(("三", row, col, evidence, why))
        else:
            out[col] = Value(n, evidence)
    return out


def read_section_four(lines: list[str], spec: Map) -> tuple[Cells, list[Problem]]:
    groups = [g["code"] for g in spec["section_four"]["groups"]]
    cells = [c["code"] for c in spec["section_four"]["cells"]]
    want = len(groups) * len(cells)
    numeric: list[tuple[list[int], str]] = []
    for line in lines:
        n = numeric_line(line)
        if n:
            numeric.append((n, line.strip()))
    nums = [x for n, _ in numeric for x in n]
    evidence = " / ".join(ev for _, ev in numeric)
    if len(nums) != want:
        single = [(n, ev) for n, ev in numeric if len(n) == want]
        if len(single) == 1:
            nums, evidence = single[0]
        else:
            why = message("published.reason.numbers_found", n=len(nums), want=want)
            return ({g: {c: unreadable(evidence, why) for c in cells} for g in groups},
                    [("四", None, None, evidence or "-", why)])
    it = iter(nums)
    return {g: {c: Value(next(it), evidence) for c in cells} for g in groups}, []
