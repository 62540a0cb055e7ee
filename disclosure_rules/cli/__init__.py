"""The ``disclosure-rules`` command: JSON in, JSON or text out.

Exit codes (a contract for other systems):
  0  success
  2  invalid input: a bad argument, an unknown name, a malformed case or rule file
  3  the official calendar does not cover a day the answer needs

Errors are one line on stderr; with ``--json`` the same error is also printed
on stdout as ``{"error": {"kind": ..., "message": ...}}``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from .. import __version__
from ..errors import DisclosureRulesError, InputError
from ..messages import message as _message
from .common import common_options, print_json

__all__ = ["SUBCOMMANDS", "build_parser", "common_options", "main", "print_json", "run"]

# each module adds its subcommand: register(subparsers) and sets func(args) -> int;
# a command line that names one imports only that module (start-up time, issue 13)
COMMANDS = ("workdays", "worktime", "calendar", "timeline", "classify", "fee", "remedies", "report", "assess",
            "check", "rulebook")


def _module(command: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{command}")


def __getattr__(name: str) -> Any:
    if name == "SUBCOMMANDS":        # every subcommand module, in the order of --help
        return [_module(c) for c in COMMANDS]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``COLUMNS`` when a positive number, else the width of
    the terminal of ``sys.__stdout__``, else 80, found without importing shutil (and bz2, lzma and
    zlib with it), which argparse's formatter does for every option added (start-up, issue 13)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80   # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as argparse makes it (:func:`terminal_columns` less 2)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse prints usage + message)
        from .usage import usage_problem
        raise InputError(_message("cli.usage", problem=usage_problem(message), prog=self.prog))


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The subcommand ``argv`` names (its first word not starting with '-'), when it is one."""
    for word in argv or ():
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand; given ``argv`` that names one, of that one only
    (the same parse and the same messages, without importing the others)."""
    p = _Parser(prog="disclosure-rules",
                description="Deadlines and outcomes of Chinese open-government-information requests.")
    p.add_argument("--version", action="version", version=f"disclosure-rules {__version__}",
                   help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    named = _named_command(argv)
    for command in COMMANDS if named is None else (named,):
        _module(command).register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = os.environ.get("DISCLOSURE_RULES_LANG", "en")
    want_json = "--json" in argv
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            lang = argv[i + 1]
    try:
        args = build_parser(argv).parse_args(argv)
        return args.func(args) or 0
    except DisclosureRulesError as exc:
        if want_json:
            print_json({"error": exc.to_dict(lang)})
        sys.stderr.write(f"disclosure-rules: {exc.text(lang)}\n")
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


# Start-up makes some 35,000 objects that live as long as the process (modules, classes, the rule book,
# the calendar) and no garbage worth a collection; at the interpreter's threshold (700) the collector
# walks them some 40 times, about 5% of a short command (issue 13).  A command run from the console
# collects once 100,000 more objects are held than freed: never during start-up, and still regularly
# in a long run (a stream's memory stays bounded: benchmarks/stream.py).  When the command is done,
# its objects are frozen (gc.freeze): the interpreter's last collection at exit walks them all
# again to find nothing, another 5 to 10% of a short command; the exit handlers still run, the
# output is flushed and closed as before.
GC_THRESHOLD = 100_000


def run() -> None:  # pragma: no cover - console entry point
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    code = main()
    gc.freeze()
    sys.exit(code)
