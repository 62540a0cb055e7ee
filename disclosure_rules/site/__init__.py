"""What people read: the rulebook site and the deadline sheet of a case.

* :func:`build_site` writes a static, offline, bilingual site from the loaded
  rule bundle (``disclosure-rules rulebook``);
* :func:`render_sheet` / :func:`render_svg` draw one case
  (``disclosure-rules timeline CASE --format html|svg``).

All rule data is read through :mod:`.model`; the pages are Jinja2 templates
with autoescaping (``templates/``), the stylesheet and the search script are
in ``static/``.
"""

from .build import build_site
from .sheet import render_sheet, render_sheet_index, render_svg

__all__ = ["build_site", "render_sheet", "render_sheet_index", "render_svg"]
