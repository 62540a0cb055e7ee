"""``python -m disclosure_rules.rulefiles.precheck``: parse every bundled rule and
calendar file and check the rule files in full against their schemas, writing
the record of :mod:`.validated` and the store of parsed documents of
:mod:`.parsed`, so that later processes neither parse the unchanged bundled files
nor check them against a schema again, and the message catalogues as JSON (run at
build or test time; a process that
finds no record or store parses, checks and records the files it reads itself).
"""

from __future__ import annotations

from ..data import data_dir
from ..messages import LANGS, catalogue
from . import cache, parsed, validated
from .bundle import load_bundle
from .yamldoc import read_text


def main() -> int:
    cache.clear()
    validated.trust_nothing()
    parsed.trust_nothing()
    load_bundle()
    for kind in ("rules", "calendars"):
        for path in sorted(data_dir(kind).rglob("*.yaml")):
            parsed.parse(read_text(path), path)
    catalogue.cache_clear()
    for lang in LANGS:                   # the message catalogues kept as JSON too (if not yet)
        catalogue(lang)
    folder = validated.save()
    stored = parsed.save()
    where = folder / validated.RECORD if folder is not None else "not written (no writable folder)"
    print(f"checked every bundled rule file; record: {where}")
    if stored is not None:
        print(f"parsed every bundled file; store: {stored / parsed.STORE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
