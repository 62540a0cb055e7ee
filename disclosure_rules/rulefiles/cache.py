"""The one cache of rule files: each file parsed and checked once per content.

A file is keyed by its path, the schema it is checked against and the digest
of its bytes, so an edited file is always read again and an unchanged one
never twice (a whole rule tree re-checked after one edit reads one file).
Loaders must not change what they get: the parsed document is shared.
Across processes, a bundled file whose bytes passed its schema before is
not checked against the schema again (:mod:`.validated`), nor parsed again
(:mod:`.parsed`); every other file is.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from ..data.digest import sha256
from ..errors import RuleFileError
from ..messages import message
from . import parsed, validated
from .schemas import validate
from .yamldoc import Map, read_text

_SIZE = 512
_PARSED: OrderedDict[tuple[str, str, str], Map] = OrderedDict()


def read_checked(path: Path, schema: str, before: Callable[[Map], None] | None = None) -> Map:
    """The file at ``path`` parsed with positions and checked against ``schema``
    (``before(doc)``: a check with a plainer message, run before the schema's)."""
    text = read_text(path)
    digest = sha256(text.encode("utf-8")).hexdigest()
    key = (str(path), schema, digest)
    doc = _PARSED.get(key)
    if doc is not None:
        _PARSED.move_to_end(key)
        return doc
    doc = parsed.parse(text, path, digest)      # a bundled file's document from the store (.parsed)
    if not isinstance(doc, Map):
        raise RuleFileError(path, 1, message("registry.not_a_block"))
    if before is not None:
        before(doc)
    if not validated.already_checked(path, schema, digest):   # a bundled file checked before, unchanged
        validate(doc, schema, path)
        validated.checked(path, schema, digest)
    _PARSED[key] = doc
    if len(_PARSED) > _SIZE:
        _PARSED.popitem(last=False)
    return doc


def clear() -> None:
    """Forget every file read (for tests that measure a cold start)."""
    _PARSED.clear()


def cache_size() -> int:
    return len(_PARSED)
