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


def register_bundled_kinds() -> None:
    register_kind(FileKind("statuses.yaml", "statuses", "extensions", _labels))
    for name in ("sections.yaml", "phrases.yaml", "checks.yaml", "deadlines.yaml"):
        register_kind(FileKind(name, "", "extensions", _published_report))
    for name in ("regime.yaml", "stages.yaml", "regime-examples.yaml", "assessment.yaml"):
        register_kind(FileKind(name, "", "extensions", _regime_file))

