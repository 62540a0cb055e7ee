"""The one adapter between the engine and the pages.

Everything the site and the sheets show is read here, through the public
objects of the engine (:func:`load_rules`, :class:`RuleBook`, the outcome
catalogues, the fee, remedy and report-table loaders, the calendars,
:func:`run_examples`, ``Result.to_dict``), and turned into plain view
records that the templates render.  Each value carries ``src``: the rule
file (relative to the rules or calendars folder) and the key inside it,
which the pages write as ``data-file`` / ``data-key``.  Nothing here is law:
the law is in the files this package reads.
"""

from __future__ import annotations

from pathlib import Path

from ...calendar import available_calendars, load_calendar
from ...jsondata import JSONDict
from ...rulebook import bundled_rules_dir, load_rules
from .calendars import calendar_model, day_view
from .cases import case_view
from .other import other_files
from .rules import calendar_for, examples_view, order, outcomes_view, ruleset_view

__all__ = ["load_site_model", "calendar_for", "case_view", "day_view"]


def load_site_model(rules_dir: str | Path | None = None, calendars_dir: str | Path | None = None,
                    estimate_until: int | None = None) -> JSONDict:
    """Load the rule bundle (the one the engine uses) and the calendars, run the examples."""
    book = load_rules(rules_dir)
    root = Path(rules_dir) if rules_dir is not None else bundled_rules_dir()
    other = other_files(root)
    rows = other["report_rows"]
    examples = examples_view(book, root)
    sets = []
    for rs in sorted(book.rulesets.values(), key=order):
        view = ruleset_view(rs, root, book)
        view["examples"] = examples[rs.id]
        if rs.outcomes is not None:
            view["outcomes"] = outcomes_view(rs.outcomes, root, rows)
        sets.append(view)
    search = [calendars_dir] if calendars_dir else None
    cals = [calendar_model(load_calendar(c, search_path=search, estimate_until=estimate_until))
            for c in available_calendars(search)]
    return {"rulesets": sets, "calendars": cals, "other": other, "digest": book.digest,
            "failed": sum(not e["passed"] for items in examples.values() for e in items)}
