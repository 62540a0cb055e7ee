"""Writing many results: JSON Lines as they come, one JSON array, the summary.

Under ``--errors raise`` the array goes through a temporary file (in
memory while small) so that a bad case still leaves stdout with exactly one
JSON document, the error, as for a single case.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, TypeAlias

from ..errors import DisclosureRulesError
from ..jsondata import JSONDict

if TYPE_CHECKING:
    from ..batch import Failure, Tally
    from ..regimes import RegimeResult
    from ..result import Result

#: one answer of a run of many cases: a result (of the request clock or a regime's) or an error line
Output: TypeAlias = "Result | RegimeResult | Failure"


def _obj(out: Output, lang: str) -> JSONDict:
    return out.to_dict(lang)


def write_jsonl(outs: Iterable[Output], lang: str, stream: IO[str] | None = None) -> None:
    """One compact JSON object per line: a result or an error line."""
    stream = stream or sys.stdout
    try:
        for out in outs:
            stream.write(json.dumps(_obj(out, lang), ensure_ascii=False) + "\n")
    except DisclosureRulesError as exc:        # the stream ends with the error that stopped it
        stream.write(json.dumps({"error": exc.to_dict(lang)}, ensure_ascii=False) + "\n")
        raise


def write_json(outs: Iterable[Output], lang: str, errors: str) -> None:
    """One object for one case, else one array (as ``json.dumps(list, indent=2)`` prints it)."""
    if errors == "collect":
        _array(outs, lang, sys.stdout)
        return
    import shutil  # only for an array (start-up, issue 13)
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+", encoding="utf-8") as spool:
        _array(outs, lang, spool)
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout)


def _array(outs: Iterable[Output], lang: str, stream: IO[str]) -> None:
    it = iter(outs)
    first = next(it, None)
    if first is None:
        stream.write("[]\n")
        return
    second = next(it, None)
    if second is None:
        stream.write(json.dumps(_obj(first, lang), ensure_ascii=False, indent=2) + "\n")
        return
    stream.write("[")
    sep = "\n  "
    for out in (first, second):
        stream.write(sep + _indented(out, lang))
        sep = ",\n  "
    for out in it:
        stream.write(sep + _indented(out, lang))
    stream.write("\n]\n")


def _indented(out: Output, lang: str) -> str:
    return json.dumps(_obj(out, lang), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def finish(tally: Tally, lang: str) -> int:
    """Exit 0 when every case succeeded; else the summary on stderr and exit 2."""
    if not tally.failed:
        return 0
    sys.stderr.write(f"disclosure-rules: {tally.summary(lang)}\n")
    return 2
