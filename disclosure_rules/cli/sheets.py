"""``timeline --format html|svg [--out FILE|DIR]``: write deadline sheets.

One case: the sheet (or the SVG) on standard output or in ``--out FILE``.
Several cases: ``--out DIR`` gets one file per case and, for html, an
``index.html``; without ``--out`` that is an input error (exit 2).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..messages import message

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..result import Result


def write_sheets(results: list[Result], args: argparse.Namespace) -> int:
    from ..calendar import load_calendar
    from ..site import render_sheet, render_sheet_index, render_svg

    def cal(r: Result) -> Calendar:
        return load_calendar(r.calendar, estimate_until=args.estimate_until)

    out: Path | None = args.out
    many = len(results) > 1 or (out is not None and out.is_dir())
    if not many:
        r = results[0]
        text = render_svg(r, cal(r), args.lang) if args.format == "svg" else render_sheet(r, cal(r), args.lang)
        if out is None:
            sys.stdout.write(text)
        else:
            _write(out, text)
        return 0
    if out is None:
        raise InputError(message("cli.sheets_out", n=len(results), format=args.format))
    files: list[str] = []
    taken: set[str] = set()
    for r in results:
        name = _unique(_safe(r.id), args.format, taken)
        text = (render_svg(r, cal(r), args.lang) if args.format == "svg"
                else render_sheet(r, cal(r), args.lang, back="index.html"))
        _write(out / name, text)
        files.append(name)
    if args.format == "html":
        _write(out / "index.html", render_sheet_index(results, files, args.lang))
    return 0


def _safe(case_id: str) -> str:
    """A file name from a case id (ids are free text)."""
    return re.sub(r"[^0-9A-Za-z._-]+", "_", case_id).strip("._") or "case"


def _unique(stem: str, ext: str, taken: set[str]) -> str:
    """A file name not used yet in this run (two cases may share an id)."""
    name, n = f"{stem}.{ext}", 1
    while name.lower() in taken or name.lower() == f"index.{ext}":
        n += 1
        name = f"{stem}-{n}.{ext}"
    taken.add(name.lower())
    return name


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(message("cli.cannot_write", path=str(path), detail=str(exc.strerror))) from None
