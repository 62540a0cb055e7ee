"""Former home of the positioned YAML loader, now :mod:`disclosure_rules.rulefiles.yamldoc`."""

from .rulefiles.yamldoc import Map, Seq, line_of, load_yaml, parse_yaml, path_of, read_text

__all__ = ["Map", "Seq", "line_of", "load_yaml", "parse_yaml", "path_of", "read_text"]
