"""``disclosure-rules rulebook --out DIR``: the rule files as a static site.

Every page in Chinese (the default) and English, generated from the same
loaded rule bundle the engine uses; the examples run while the site is
built.  Exit 0 when every example passes, 1 when one fails (the site is
written all the same, with the failing example shown as failing).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import common_options, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rulebook", help="write the rule files as a static, offline, bilingual site")
    p.add_argument("--out", type=Path, required=True, help="the folder to write the site into")
    p.add_argument("--rules", type=Path, help="a rules folder to publish instead of the bundled one")
    p.add_argument("--calendars", type=Path, help="a folder of calendars to use before the bundled ones")
    p.add_argument("--estimate-until", type=int, metavar="YEAR",
                   help="draw estimated years up to YEAR (marked provisional)")
    common_options(p)
    p.set_defaults(func=run, lang="zh")          # the site is Chinese first; --lang en makes English the default
    for action in p._actions:
        if action.dest == "lang":
            action.help = "the language index.html opens in (default: zh); every page is written in both"


def run(args: argparse.Namespace) -> int:
    from ..site import build_site

    site = build_site(args.out, args.rules, default_lang=args.lang, calendars_dir=args.calendars,
                      estimate_until=args.estimate_until)
    n = sum(len(r["examples"]) for r in site["rulesets"])
    index = args.out / "index.html"
    if args.json:
        print_json({"ok": not site["failed"], "index": str(index), "rulesets": [r["id"] for r in site["rulesets"]],
                    "examples": n, "failed": site["failed"]})
    else:
        from ..messages import render
        print(render("rulebook.wrote", args.lang, {"index": str(index), "rulesets": len(site["rulesets"]),
                                                   "passed": n - site["failed"], "examples": n}))
    return 1 if site["failed"] else 0
