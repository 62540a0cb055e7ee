"""Everything about rule files: YAML with positions (:mod:`.yamldoc`), the
JSON Schemas (:mod:`.schemas`), the engine's vocabulary (:mod:`.vocabulary`),
one registry of file kinds (:mod:`.registry`), one loader per kind and the
checked, typed bundle of a whole rule tree (:mod:`.bundle`).

Floors: this package uses only :mod:`disclosure_rules.errors`,
:mod:`disclosure_rules.basis` and :mod:`disclosure_rules.data`; the domain
modules and :mod:`disclosure_rules.api` take what it loads as arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lazy import lazy_attribute

if TYPE_CHECKING:
    from .bundle import RuleBundle, bundled_rules_dir, load_bundle
    from .clockrules import (
                             Channel,
                             EventRule,
                             Example,
                             Parameter,
                             PartyRule,
                             Period,
                             RuleBook,
                             Rules,
                             RuleSet,
                             ViolationRule,
    )
    from .common import Text
    from .registry import FILE_KINDS, FileKind

# imported on first use: reading one YAML file (``rulefiles.yamldoc``) does not load every loader
_LAZY: dict[str, str] = {
    "RuleBundle": ".bundle", "bundled_rules_dir": ".bundle", "load_bundle": ".bundle",
    "Channel": ".clockrules", "EventRule": ".clockrules", "Example": ".clockrules", "Parameter": ".clockrules",
    "PartyRule": ".clockrules", "Period": ".clockrules", "RuleBook": ".clockrules", "Rules": ".clockrules",
    "RuleSet": ".clockrules", "ViolationRule": ".clockrules",
    "Text": ".common",
    "FILE_KINDS": ".registry", "FileKind": ".registry",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _LAZY, globals(), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
                         "FILE_KINDS",
                         "Channel",
                         "EventRule",
                         "Example",
                         "FileKind",
                         "Parameter",
                         "PartyRule",
                         "Period",
                         "RuleBook",
                         "RuleBundle",
                         "RuleSet",
                         "Rules",
                         "Text",
                         "ViolationRule",
                         "bundled_rules_dir",
                         "load_bundle",
]
