"""Writing many results: JSON Lines as they come, one JSON array, the summary.

Under ``--errors raise`` the array goes through a temporary file (in
memory while small) so that a bad case still leaves stdout with exactly one
JSON document, the error, as for a single case.
"""

from __future__ import annotations

import json
import sys

from ..errors import DisclosureRulesError


def _obj(out, lang: str) -> dict:
    return out.to_dict(lang)


def write_jsonl(outs, lang: str, stream=None) -> None:
    """One compact JSON object per line: a result or an error line."""
    stream = stream or sys.stdout
    try:
        for out in outs:
            stream.write(json.dumps(_obj(out, lang), ensure_ascii=False) + "\n")
    except DisclosureRulesError as exc:        # the stream ends with the error that stopped it
        stream.write(json.dumps({"error": exc.to_dict(lang)}, ensure_ascii=False) + "\n")
        raise


def write_json(outs, lang: str, errors: str) -> None:
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


def _array(outs, lang: str, stream) -> None:
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


def _indented(out, lang: str) -> str:
    return json.dumps(_obj(out, lang), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def finish(tally, lang: str) -> int:
    """Exit 0 when every case succeeded; else the summary on stderr and exit 2."""
    if not tally.failed:
        return 0
    sys.stderr.write(f"disclosure-rules: {tally.summary(lang)}\n")
    return 2
