"""Former home of the positioned YAML loader, now :mod:`disclosure_rules.rulefiles.yamldoc`;
its ``load_yaml`` takes the bundled files' documents from the store of :mod:`.rulefiles.parsed`."""

from .rulefiles.parsed import load_yaml
from .rulefiles.yamldoc import Map, Seq, line_of, parse_yaml, path_of, read_text

__all__ = ["Map", "Seq", "line_of", "load_yaml", "parse_yaml", "path_of", "read_text"]
