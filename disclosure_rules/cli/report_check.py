"""``report --check REPORT`` for a whole published report, or a folder of them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from ..published import PublishedReport

SUFFIXES = (".txt", ".md", ".html", ".htm", ".shtml", ".docx", ".pdf")


class _Options(TypedDict):
    """The keyword arguments of ``check_report`` that come from the command line."""

    published_on: dt.date | None
    agency_kind: str | None
    local: str | None


def _date(text: str) -> dt.date:
    from ..errors import InputError
    from ..messages import message
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(message("cli.published_on", text=text)) from None


def _options(args: argparse.Namespace) -> tuple[_Options, PublishedReport | None]:
    from ..published import read_report
    return {"published_on": _date(args.published_on) if args.published_on else None,
            "agency_kind": args.agency_kind, "local": args.local}, \
        (read_report(args.previous) if args.previous else None)


def run_check(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..published import check_report, read_report
    from ..published.output import is_failure, to_text
    if args.format == "xlsx":
        from ..messages import message
        raise InputError(message("cli.check_format"))
    options, previous = _options(args)
    path = Path(args.check)
    if path.is_dir():
        return _folder(path, args, options, previous)
    report = read_report(path)
    findings = check_report(report, previous, **options)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        import json
        text = json.dumps({"ok": not is_failure(findings), "report": report.to_dict(),
                           "findings": [f.to_dict(args.lang) for f in findings]}, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        from ..published.output import csv_rows, to_csv
        text = to_csv(csv_rows(path, findings, args.lang))
    else:
        text = to_text(findings, args.lang) + "\n"
    _write(text, args.out)
    return 1 if is_failure(findings) else 0


def _folder(folder: Path, args: argparse.Namespace, options: _Options, previous: PublishedReport | None) -> int:
    """One CSV of every finding of every report in the folder; an unreadable report is a row too."""
    from ..errors import DisclosureRulesError, InputError
    from ..published import check_report, read_report
    from ..published.output import csv_rows, is_failure, to_csv

    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        from ..messages import message
        raise InputError(message("cli.no_reports", folder=str(folder), suffixes=", ".join(SUFFIXES)))
    rows: list[dict[str, object]] = []
    failed, unread = False, 0
    for p in _progress(files):
        try:
            findings = check_report(read_report(p), previous, **options)
        except DisclosureRulesError as exc:
            unread += 1
            rows.append({"file": str(p), "section": "-", "severity": "error", "rule": "unreadable_report",
                         "message": exc.text(args.lang)})
            continue
        failed = failed or is_failure(findings)
        rows.extend(csv_rows(p, findings, args.lang))
    _write(to_csv(rows), args.out)
    if unread == len(files):
        return 2
    return 1 if failed or unread else 0


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _progress(files: list[Path]) -> Iterable[Path]:
    if not sys.stderr.isatty():
        return files
    from tqdm import tqdm
    bar: Iterable[Path] = tqdm(files, unit="report", file=sys.stderr)
    return bar
