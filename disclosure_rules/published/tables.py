"""Reading the tables of sections 二, 三 and 四 from the lines of a report.

Section three: every line ending in seven numbers is a row; a row is named by the
words of ``sections.yaml``; a row whose label was lost is placed by its position
between named rows when the count fits exactly, and is otherwise unreadable (never
guessed).  Section four: the fifteen numbers of its table, in the format's order.
"""

from __future__ import annotations

from .cells import BLANK, number, numeric_line, trailing
from .model import Value, unreadable
from .normalise import compact


def read_section_two(lines, spec) -> tuple[dict, list]:
    items, problems = {}, []
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
                vals = {}
                for c, raw in zip(cells, run):
                    n = number(raw, decimals=bool(item.get("decimals")))
                    if n is None or (isinstance(n, float) and not item.get("decimals")):
                        vals[c] = unreadable(line.strip(), f"'{raw}' is not a number")
                        problems.append(("二", item["code"], c, line.strip(), f"'{raw}' is not a number"))
                    else:
                        vals[c] = Value(n, line.strip())
                items[item["code"]] = vals
    return items, problems


SHORT = object()          # a cell of a named row that lost cells


def _name(label: str, spec) -> tuple[str | None, str | None]:
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


def read_section_three(lines, spec, layout, columns) -> tuple[dict, dict, list, list]:
    """(rows, groups printed as one row, missing rows, problems)."""
    parsed = []
    problems = []
    for line in lines:
        label, run = trailing(line, width=len(columns))
        if len(run) == len(columns):
            kind, code = _name(label, spec)
            parsed.append([kind, code, run, line.strip()])
        elif 0 < len(run) < len(columns) and _name(label, spec)[0] == "row":
            # a named row that lost cells (a blank last cell, a merged cell): there, but not readable
            parsed.append(["row", _name(label, spec)[1], [SHORT] * len(columns),
                           f"{line.strip()} ({len(run)} numbers for {len(columns)} cells)"])
        elif len(run) > len(columns) and not label:
            problems.append(("三", None, None, line.strip(), f"{len(run)} numbers on one line: cannot tell the row"))
    order = [r.code for r in layout.rows]
    index = {c: i for i, c in enumerate(order)}
    last = -1
    for p in parsed:                                   # named rows must come in the table's order
        if p[0] == "row":
            if index[p[1]] <= last:
                p[0] = p[1] = None
            else:
                last = index[p[1]]
    rows, groups, missing = {}, {}, []
    anchors = [i for i, p in enumerate(parsed) if p[0] == "row"]
    bounds = [-1] + anchors + [len(parsed)]
    for a, b in zip(bounds, bounds[1:]):
        lo = index[parsed[a][1]] + 1 if a >= 0 else 0
        hi = index[parsed[b][1]] if b < len(parsed) else len(order)
        _place(parsed[a + 1:b], order[lo:hi], rows, groups, missing, problems)
        if b < len(parsed):
            rows[parsed[b][1]] = parsed[b][2:]
    cells = {r: _values(run, ev, columns, r, problems) for r, (run, ev) in rows.items()}
    gcells = {g: _values(run, ev, columns, g, problems) for g, (run, ev) in groups.items()}
    return cells, gcells, missing, problems


def _place(items, gap, rows, groups, missing, problems):
    if not items:
        missing.extend(gap)
        return
    if not gap:
        problems.append(("三", None, None, " / ".join(i[3] for i in items), "rows of numbers with no place in the table"))
        return
    slots = list(gap)
    if len(items) != len(slots):          # a row printed for a whole group (the 2019 layout of （六）)
        for kind, code, _, _ in items:
            if kind == "group":
                members = [s for s in slots if s.startswith(code + ".")]
                if members:
                    at = slots.index(members[0])
                    slots[at:at + len(members)] = [code]
    fits = len(items) == len(slots) and all(
        kind != "group" or slot == code or slot.startswith(code + ".") for (kind, code, _, _), slot in zip(items, slots))
    if not fits:
        for slot in gap:
            problems.append(("三", slot, None, " / ".join(i[3] for i in items),
                             f"{len(items)} unnamed rows of numbers for {len(gap)} rows of the table: cannot tell which is which"))
        return
    for (kind, code, run, ev), slot in zip(items, slots):
        if slot in gap:
            rows[slot] = [run, ev]
        else:
            groups[slot] = [run, ev]
            missing.extend(s for s in gap if s.startswith(slot + "."))


def _values(run, evidence, columns, row, problems):
    out = {}
    for col, raw in zip(columns, run):
        n = number(raw)
        if n is None:
            why = "the row lost cells" if raw is SHORT else "blank cell" if raw.strip() in BLANK \
                else f"'{raw}' is not a count"
            out[col] = unreadable(evidence, why)
            problems.append(("三", row, col, evidence, why))
        else:
            out[col] = Value(n, evidence)
    return out


def read_section_four(lines, spec) -> tuple[dict, list]:
    groups = [g["code"] for g in spec["section_four"]["groups"]]
    cells = [c["code"] for c in spec["section_four"]["cells"]]
    want = len(groups) * len(cells)
    numeric = [(numeric_line(line), line.strip()) for line in lines]
    numeric = [(n, ev) for n, ev in numeric if n]
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
