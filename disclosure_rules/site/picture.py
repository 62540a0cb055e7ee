"""The geometry of a case's clock picture: a strip of days in rows of four
weeks, from receipt to the later of the due date and the as-of date, with
each event, interval and due date placed on its day.  The SVG itself is
drawn by ``templates/clock.svg``; this module only computes positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..jsondata import JSONDict
from .model import day_view

if TYPE_CHECKING:
    from ..calendar import Calendar

# one row, from its top: month names (0-12), event markers (14-26), the day cells
# (CELL_Y..CELL_Y+CELL_H), the band lanes, the label of the due date
CELL_W, CELL_H = 30, 28
CELL_Y = 28
ROW_DAYS = 28
ROW_H = 108
LEFT, TOP = 8, 40
LANES = {"suspended": 60, "consultation": 70, "late": 80}      # y offsets of the band lanes inside a row


def strip_bounds(case: JSONDict) -> tuple[dt.date, dt.date]:
    """From receipt to the last date that matters; an open case runs to the as-of day."""
    dates = [case["received"]] + [s["date"] for s in case["steps"]]
    dates += [d for d in (case["due"], case["due_at_latest"], case["applicant_due"], case["closed_on"]) if d]
    dates += [d["due"] for d in case["dues"]] + [s["applicant_due"] for s in case["steps"] if s["applicant_due"]]
    if case["closed_on"] is None or case["as_of"] <= max(dates):
        dates.append(case["as_of"])
    return min(dates), max(dates)


def picture(case: JSONDict, calendar: Calendar) -> JSONDict:
    """Positions of every cell, band and marker, for the SVG template."""
    first, last = strip_bounds(case)
    origin = first - dt.timedelta(days=first.weekday())          # rows start on a Monday
    n_rows = (last - origin).days // ROW_DAYS + 1

    def xy(d: dt.date) -> tuple[int, int]:
        i = (d - origin).days
        return LEFT + (i % ROW_DAYS) * CELL_W, TOP + (i // ROW_DAYS) * ROW_H

    cells = []
    d = first
    while d <= last:
        x, y = xy(d)
        near_end = x + 3 * CELL_W > LEFT + ROW_DAYS * CELL_W           # a month name must not run off the right
        cells.append({"x": x, "y": y + CELL_Y, "month_y": y + 10, "month_x": x + CELL_W if near_end else x + 1,
                      "month_anchor": "end" if near_end else "start", "day": day_view(calendar, d), "label": d.day,
                      "month_start": d.day == 1 or (d == first and (d + dt.timedelta(days=4)).month == d.month)})
        d += dt.timedelta(days=1)
    bands = [seg | {"kind": iv["kind"], "open": iv["open"], "step": iv["step"]}
             for iv in case["intervals"] for seg in _segments(iv["start"], iv["end"], xy, LANES[iv["kind"]])]
    events: list[JSONDict] = []
    per_day: dict[dt.date, int] = {}
    for s in case["steps"]:
        x, y = xy(s["date"])
        k = per_day.get(s["date"], 0)
        per_day[s["date"]] = k + 1
        events.append({"x": x + 8 + 13 * (k % 2), "y": y + 20 - 12 * (k // 2), "n": s["n"], "event": s["event"],
                       "date": s["date"]})
    dues = []
    for i, due in enumerate(case["dues"]):
        x, y = xy(due["due"])
        dues.append({"x": x + CELL_W - 8, "y": y + CELL_Y + CELL_H - 8, "label_y": y + ROW_H - 8,
                     "date": due["due"], "step": due["step"],
                     "final": i == len(case["dues"]) - 1 and case["due"] == due["due"]})
    marks: dict[str, JSONDict] = {}
    for key in ("due_at_latest", "applicant_due"):
        if case[key]:
            x, y = xy(case[key])
            marks[key] = {"x": x + 8, "y": y + CELL_Y + CELL_H - 8, "date": case[key]}
    as_of = None
    if first <= case["as_of"] <= last:
        x, y = xy(case["as_of"])
        as_of = {"x": x, "y": y + CELL_Y, "date": case["as_of"]}
    height = TOP + n_rows * ROW_H
    return {"cells": cells, "bands": bands, "events": events, "dues": dues, "marks": marks, "as_of": as_of,
            "width": LEFT * 2 + ROW_DAYS * CELL_W, "height": height, "legend_y": height + 4,
            "cell_w": CELL_W, "cell_h": CELL_H, "first": first, "last": last, "left": LEFT}


def _segments(start: dt.date, end: dt.date, xy: Callable[[dt.date], tuple[int, int]],
              lane: int) -> list[JSONDict]:
    """An interval (start, end] cut at the row ends; from the day after its start to its end."""
    out = []
    d = start + dt.timedelta(days=1) if end > start else start
    while d <= end:
        x, y = xy(d)
        row_left = ROW_DAYS - (x - LEFT) // CELL_W
        n = min(row_left, (end - d).days + 1)
        out.append({"x": x, "y": y + lane, "w": n * CELL_W})
        d += dt.timedelta(days=n)
    return out
