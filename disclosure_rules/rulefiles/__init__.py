"""Everything about rule files: YAML with positions (:mod:`.yamldoc`), the
JSON Schemas (:mod:`.schemas`), the engine's vocabulary (:mod:`.vocabulary`),
one registry of file kinds (:mod:`.registry`), one loader per kind and the
checked, typed bundle of a whole rule tree (:mod:`.bundle`).

Floors: this package uses only :mod:`disclosure_rules.errors`,
:mod:`disclosure_rules.basis` and :mod:`disclosure_rules.data`; the domain
modules and :mod:`disclosure_rules.api` take what it loads as arguments.
"""

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
