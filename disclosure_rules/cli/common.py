"""What every subcommand shares: the --json and --lang options, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any


def common_options(p: argparse.ArgumentParser) -> None:
    """--json and --lang, shared by every subcommand."""
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--lang", choices=("zh", "en"), default=os.environ.get("DISCLOSURE_RULES_LANG", "en"),
                   help="language of text output and messages (default: en, or $DISCLOSURE_RULES_LANG)")


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
