"""The deadline sheet of a case (期限计算说明): one printable page with the
answer first, the picture of the clock and the trace; or the picture alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from markupsafe import Markup

from .model import case_view
from .picture import picture
from .render import render

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..result import Result


def render_svg(result: Result, calendar: Calendar, lang: str = "zh") -> str:
    """The clock of ``result`` on ``calendar`` as a standalone SVG document."""
    case = case_view(result)
    return render("clock.svg", lang, case=case, pic=picture(case, calendar), status=case["status_label"][lang])


def render_sheet(result: Result, calendar: Calendar, lang: str = "zh", *, back: str | None = None, back_label: str | None = None,
                 other: str | None = None) -> str:
    """The one-page HTML sheet; ``back``/``other``: links to the index (or the page it came from,
    ``back_label``) and to the sheet in the other language."""
    case = case_view(result)
    svg = Markup(render("clock.svg", lang, case=case, pic=picture(case, calendar),
                        status=case["status_label"][lang]))
    return render("sheet.html", lang, case=case, svg=svg, status=case["status_label"][lang], back=back,
                  back_label=back_label, other_url=other)


def render_sheet_index(results: Iterable[Result], files: Iterable[str], lang: str = "zh") -> str:
    """An index of sheets written side by side (``files``: each sheet's file name)."""
    cases = [case_view(r) for r in results]
    sheets = [{"case": c, "file": f, "status": c["status_label"][lang]} for c, f in zip(cases, files, strict=True)]
    return render("sheets.html", lang, sheets=sheets)
