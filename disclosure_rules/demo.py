"""The main job on the bundled examples (``make demo``).

Shows working-day answers around the 2026 holidays with the reason for each
skipped day, then evaluates every case in ``examples/`` when run from a
checkout that has them.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .cli import main

WORKDAY_QUESTIONS = [
    ["workdays", "is", "2026-02-14"],                          # a make-up Saturday before the Spring Festival
    ["workdays", "add", "2026-02-12", "3", "--explain"],       # across the nine-day Spring Festival
    ["workdays", "add", "2026-09-30", "20", "--explain"],      # 20 working days across National Day
    ["workdays", "count", "2026-09-30", "2026-11-03"],
    ["workdays", "add", "2025-03-28", "3", "--explain", "--calendar", "cn-gx"],   # Guangxi 壮族三月三
    ["fee", "--nth-request", "35"],
    ["fee", "--pages", "250", "--explain"],
]


def run(argv: Sequence[str] | None = None) -> int:
    status = 0
    for q in WORKDAY_QUESTIONS:
        print("$ disclosure-rules " + " ".join(q))
        rc = main(q)
        status = status or rc
        print()
    examples = Path("examples")
    if examples.is_dir():
        for case in sorted(examples.glob("*.yaml")):
            q = ["timeline", str(case), "--as-of", "2026-11-24"]
            print("$ disclosure-rules " + " ".join(q))
            status = status or main(q)
            print()
    notice = examples / "notices" / "2026-national.txt"
    if notice.is_file():
        status = status or _import_demo(notice)
    print("$ disclosure-rules check")
    status = status or main(["check"])
    return status


def _import_demo(notice: Path) -> int:
    """Import a real notice into an empty scratch folder, as legal staff will
    add next year's notice the day it is published."""
    scratch = Path(tempfile.mkdtemp(prefix="calendars-"))
    try:
        q = ["calendar", "import", str(notice), "--doc-no", "国办发明电〔2025〕7号", "--dir", str(scratch)]
        print("$ disclosure-rules " + " ".join(q))
        rc = main(q)
        print()
        return rc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(run())
