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

from ..report import TableLayout
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
                items[item["code"]] = {c: unreadable(line.strip(), f"{len(run)} numbers for {len(cells)} cells")
                                       for c in cells}
                problems.append(("二", item["code"], None, line.strip(), f"{len(run)} numbers for {len(cells)} cells"))
            else:
                vals: dict[str, Value] = {}
                for c, raw in zip(cells, run, strict=True):
                    n = number(raw, decimals=bool(item.get("decimals")))
                    if n is None or (isinstance(n, float) and not item.get("decimals")):
                        vals[c] = unreadable(line.strip(), f"'{raw}' is not a number")
                        problems.append(("二", item["code"], c, line.strip(), f"'{raw}' is not a number"))
                    else:
                        vals[c] = Value(n, line.strip())
                items[item["code"]] = vals
    return items, problems


class _Short(enum.Enum):
    CELL = "a cell of a named row that lost cells"


SHORT = _Short.CELL
Run = list[str | _Short]        # the cells of a printed row


@attrs.define
class _Printed:
    """A line of the table's width: the row or group its label names (if any), its cells, the line."""

    row: str | None
    group: str | None
    run: Run
    evidence: str


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


def _printed(kind: str | None, code: str | None, run: Run, evidence: str) -> _Printed:
    return _Printed(code if kind == "row" else None, code if kind == "group" else None, run, evidence)


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
            parsed.append(_printed("row", _name(label, spec)[1], [SHORT] * width,
                                   f"{line.strip()} ({len(run)} numbers for {width} cells)"))
        elif len(run) > width and not label:
            problems.append(("三", None, None, line.strip(), f"{len(run)} numbers on one line: cannot tell the row"))
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
    rows: dict[str, tuple[Run, str]] = {}
    groups: dict[str, tuple[Run, str]] = {}
    missing: list[str] = []
    anchors = [(i, p.row) for i, p in enumerate(parsed) if p.row is not None]
    bounds: list[tuple[int, str | None]] = [(-1, None), *anchors, (len(parsed), None)]
    for (a, first), (b, row) in pairwise(bounds):
        lo = index[first] + 1 if first is not None else 0
        hi = index[row] if row is not None else len(order)
        _place(parsed[a + 1:b], order[lo:hi], rows, groups, missing, problems)
        if row is not None:
            rows[row] = (parsed[b].run, parsed[b].evidence)
    cells = {r: _values(run, ev, columns, r, problems) for r, (run, ev) in rows.items()}
    gcells = {g: _values(run, ev, columns, g, problems) for g, (run, ev) in groups.items()}
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


def _place(items: list[_Printed], gap: list[str], rows: dict[str, tuple[Run, str]],
           groups: dict[str, tuple[Run, str]], missing: list[str], problems: list[Problem]) -> None:
    if not items:
        missing.extend(gap)
        return
    if not gap:
        problems.append(("三", None, None, " / ".join(i.evidence for i in items),
                         "rows of numbers with no place in the table"))
        return
    slots = _slots(items, gap)
    if not _fits(items, slots):
        for slot in gap:
            problems.append(("三", slot, None, " / ".join(i.evidence for i in items),
                             f"{len(items)} unnamed rows of numbers for {len(gap)} rows of the table: cannot tell which is which"))
        return
    for p, slot in zip(items, slots, strict=True):
        if slot in gap:
            rows[slot] = (p.run, p.evidence)
        else:
            groups[slot] = (p.run, p.evidence)
            missing.extend(s for s in gap if s.startswith(slot + "."))


def _values(run: Run, evidence: str, columns: Sequence[str], row: str, problems: list[Problem]) -> dict[str, Value]:
    out = {}
    for col, raw in zip(columns, run, strict=True):
        n = number(raw)
        if n is None:
            why = "the row lost cells" if raw is _Short.CELL else "blank cell" if raw.strip() in BLANK \
                else f"'{raw}' is not a count"
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
            why = f"found {len(nums)} numbers where the table has {want}"
            return ({g: {c: unreadable(evidence, why) for c in cells} for g in groups},
                    [("四", None, None, evidence or "-", why)])
    it = iter(nums)
    return {g: {c: Value(next(it), evidence) for c in cells} for g in groups}, []
