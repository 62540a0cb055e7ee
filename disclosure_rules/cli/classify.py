"""``disclosure-rules classify FACTS.yaml``: the lawful answer for the facts an officer established."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..api import check_answer, classify
from ..basis import cite_all
from ..errors import InputError, RuleFileError
from ..jsondata import JSONDict
from ..messages import message, render
from ..rulefiles.yamldoc import parse_yaml, read_text
from .common import common_options, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("classify", help="which lawful answer (Art. 36 ...) the facts lead to")
    p.add_argument("facts", help="a YAML or JSON file of facts, e.g. {exists: true, exemption: third_party}")
    p.add_argument("--version", default="ogi-2019", help="rule version: ogi-2019 (default) or ogi-2008")
    p.add_argument("--given", default="", help="comma-separated ids of the elements an answer letter states: "
                   "report which required ones are missing")
    common_options(p)
    p.set_defaults(func=run)


def read_mapping(path: str) -> JSONDict:
    p = Path(path)
    text = read_text(p, InputError)
    try:
        data = parse_yaml(text, str(p))
    except RuleFileError as exc:
        raise InputError(exc.message, exc.message_zh) from None
    if not isinstance(data, dict):
        raise InputError(message("cli.facts_mapping", path=str(p)))
    return {k: v for k, v in data.items()}


def run(args: argparse.Namespace) -> int:
    facts = read_mapping(args.facts)
    c = classify(facts, args.version)
    check = None
    if args.given:
        given = [g.strip() for g in args.given.split(",") if g.strip()]
        check = check_answer(c.outcome, given, facts=facts, version=args.version)
    if args.json:
        out = c.to_dict(args.lang)
        if check is not None:
            out["missing"] = [e.to_dict(args.lang) for e in check["missing"]]
            out["remedies_missing"] = [e.to_dict(args.lang) for e in check["remedies_missing"]]
        print_json(out)
        return 0
    lang = args.lang
    print(f"{c.outcome}  {c.title.get(lang)}" + (f" ({c.reason})" if c.reason else ""))
    print(render("classify.basis", lang, {"basis": cite_all(c.basis, lang)}))
    print(render("classify.report_row", lang, {"row": c.report_row}))
    print(render("classify.must_state", lang, {}))
    for e in c.must_state + c.remedies_to_state:
        flag = ""
        if check is not None:
            missing_ids = {m.id for m in check["missing"] + check["remedies_missing"]}
            flag = render("classify.missing", lang, {}) if e.id in missing_ids else ""
        print(f"  - [{e.id}] {e.text(args.lang)}{flag}")
    return 0
