"""Every rule file under ``rules/`` belongs to exactly one loader.  This
module knows which, so ``disclosure-rules check`` can load them all and
report a file nobody reads (usually a misspelt name)."""

from __future__ import annotations

from pathlib import Path

from .errors import RuleFileError
from .rulebook import CLOCK_FILES, bundled_rules_dir

def _outcomes(path):
    from .outcomes import load_outcome_file
    return load_outcome_file(path)


def _fees(path):
    from .fees import load_fee_schedule
    return load_fee_schedule(path)


def _remedies(path):
    from .remedies import load_remedy_rules
    return load_remedy_rules(path)


def _report_table(path):
    from .report import load_table_layout
    return load_table_layout(path)


def _published_report(path):
    from .published.rulefiles import load_report_rules
    return load_report_rules(Path(path).parent)


def _labels(path):
    from .labels import load_labels
    return load_labels(path)


# file name -> function(path) that loads and validates it
OTHER_LOADERS: dict = {"outcomes.yaml": _outcomes, "fees.yaml": _fees, "remedies.yaml": _remedies,
                       "table.yaml": _report_table, "statuses.yaml": _labels,
                       # checking a published annual report (disclosure_rules.published)
                       **dict.fromkeys(("sections.yaml", "phrases.yaml", "checks.yaml", "deadlines.yaml"),
                                       _published_report)}
OTHER_LOADERS.update(dict.fromkeys(("regime.yaml", "stages.yaml", "regime-examples.yaml", "assessment.yaml"),
                                   lambda p: _regime_file(p)))     # time-limit regimes and assessments (issue 12)


def _regime_file(path):
    from .regimes.examples import regime_file_loaders
    return regime_file_loaders()[Path(path).name](path)


def load_all_other(rules_dir=None) -> list[str]:
    root = Path(rules_dir) if rules_dir else bundled_rules_dir()
    loaded = []
    for p in sorted(root.rglob("*.yaml")):
        if p.name in CLOCK_FILES:
            continue
        loader = OTHER_LOADERS.get(p.name)
        if loader is None:
            raise RuleFileError(p, None, f"no part of the engine reads a file named '{p.name}' "
                                f"(known: {', '.join(sorted(set(CLOCK_FILES) | set(OTHER_LOADERS)))})",
                                f"引擎不读取名为“{p.name}”的文件（可用的文件名：{'、'.join(sorted(set(CLOCK_FILES) | set(OTHER_LOADERS)))}）")
        loader(p)
        loaded.append(str(p.relative_to(root)))
    return loaded
