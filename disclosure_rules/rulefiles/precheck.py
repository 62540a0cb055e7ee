"""``python -m disclosure_rules.rulefiles.precheck``: check every bundled rule file
in full against its schema and write the record of :mod:`.validated`, so that
later processes skip the schema check of the unchanged bundled files (run at
build or test time; a process that finds no record checks and records them itself).
"""

from __future__ import annotations

from . import cache, validated
from .bundle import load_bundle


def main() -> int:
    cache.clear()
    validated.trust_nothing()
    load_bundle()
    folder = validated.save()
    where = folder / validated.RECORD if folder is not None else "not written (no writable folder)"
    print(f"checked every bundled rule file; record: {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
