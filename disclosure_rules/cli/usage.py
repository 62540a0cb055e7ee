"""The common mistakes of a command line, in the catalogue's words.

argparse says what is wrong with a command line in English only; the mistakes
people make most (an unknown argument, a missing one, a value not among the
choices, an option without its value, a value of the wrong form) are read from
its message and said again through the message catalogue, so that the Chinese
output holds no English sentence.  Any other message of argparse stays as it is.
"""

from __future__ import annotations

import re

from ..messages import Text, message

# argparse's message (Python 3.11 and later) -> the catalogue's id; the named groups are its values
_KNOWN = (
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli.usage_unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "cli.usage_required"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "cli.usage_one_of"),
    (re.compile(r"argument (?P<arg>\S+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "cli.usage_invalid_choice"),
    (re.compile(r"argument (?P<arg>\S+?): expected one argument"), "cli.usage_expected_one"),
    (re.compile(r"argument (?P<arg>\S+?): invalid (?P<value_type>\S+) value: (?P<value>.+)"), "cli.usage_invalid_value"),
    (re.compile(r"argument (?P<arg>\S+?): not allowed with argument (?P<other>.+)"), "cli.usage_not_allowed"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), "cli.usage_ambiguous"),
)


def usage_problem(problem: str) -> Text:
    """What argparse found wrong, in both languages (its own English where the catalogue has no words)."""
    for pattern, key in _KNOWN:
        m = pattern.fullmatch(problem)
        if m:
            return message(key, **m.groupdict())
    return Text(problem, problem)
