"""The rule files read by the floors above the loader: labels, published
reports, time-limit regimes.  Each kind is registered with
:func:`disclosure_rules.rulefiles.registry.register_kind`, so the one loader
(``load_bundle``, ``disclosure-rules check``) reads and checks them too and a
misspelt file name still gets its did-you-mean.  Imported by :mod:`.api`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .rulefiles.registry import FileKind, register_kind


def _labels(path: Path) -> Any:
    from .labels import load_labels

    return load_labels(path)


def _published_report(path: Path) -> Any:
    from .published.rulefiles import load_report_rules

    return load_report_rules(Path(path).parent)


def _regime_file(path: Path) -> Any:
    from .regimes.examples import regime_file_loaders

    return regime_file_loaders()[Path(path).name](path)


# the schema of each kind (schemas/<name>.schema.json), the one its loader checks the file against
# (labels.SCHEMA, published.rulefiles.SCHEMAS, regimes.files.SCHEMAS, regimes.assessment.SCHEMA: a test
# keeps them equal; named here so that registering imports none of those modules)
LABEL_SCHEMAS = {"statuses.yaml": "statuses"}
REPORT_SCHEMAS = {"sections.yaml": "report-sections", "phrases.yaml": "report-phrases",
                  "checks.yaml": "report-checks", "deadlines.yaml": "report-deadlines"}
REGIME_SCHEMAS = {"regime.yaml": "regime", "stages.yaml": "regime-stages", "regime-examples.yaml": "regime-examples",
                  "assessment.yaml": "assessment"}


def register_bundled_kinds() -> None:
    for name, schema in LABEL_SCHEMAS.items():
        register_kind(FileKind(name, schema, "extensions", _labels))
    for name, schema in REPORT_SCHEMAS.items():
        register_kind(FileKind(name, schema, "extensions", _published_report))
    for name, schema in REGIME_SCHEMAS.items():
        register_kind(FileKind(name, schema, "extensions", _regime_file))
