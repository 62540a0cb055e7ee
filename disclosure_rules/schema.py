"""Former home of the schema check, now :mod:`disclosure_rules.rulefiles.schemas`."""

from .rulefiles.schemas import load_schema, validate

__all__ = ["load_schema", "validate"]
