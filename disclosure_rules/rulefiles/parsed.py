"""The bundled rule files parsed once: their documents kept as JSON, not parsed in every process.

Parsing the bundled YAML files is, after the imports, the largest part of a
short command's start-up, and the bundled files do not change between
processes.  So the document a bundled file parses into is kept, beside the
record of :mod:`.validated`, in the store ``parsed-rules.txt``: one line per
document, ``KEY CHECKSUM JSON``, where KEY is the record's key of the file's
bytes (with the digest of the parsing code: a file edited, or a new loader,
gives another key), CHECKSUM the sha256 of the JSON text that follows, and
JSON the document with every position a :class:`~.yamldoc.Map` or
:class:`~.yamldoc.Seq` records, so that an error names the same line and a
result the same ``where`` as after a fresh parse.

The store holds data only (JSON, read with the standard json module), never
code.  An entry whose checksum or shape is wrong is ignored and the file
parsed again; a file outside the bundled data (a user's own rules) is always
parsed, and every file is then checked as :mod:`.cache` says.  The store is
written with the record (by ``python -m disclosure_rules.rulefiles.precheck``
or at the end of a process that parsed a bundled file not yet kept there),
and ``DISCLOSURE_RULES_CACHE_DIR=`` (empty) switches both off.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..data.digest import sha256
from . import validated
from .yamldoc import Map, Seq, parse_yaml, read_text

STORE = "parsed-rules.txt"
_LIMIT = 256                         # documents kept (the newest): a size bound, as for the record
_SCALARS = (str, int, float, bool, type(None))
_KEYS = frozenset(_SCALARS)
_VALUES = frozenset((*_SCALARS, list))
_INT = frozenset((int,))


class Unstorable(ValueError):
    """A document holding a value JSON cannot keep exactly (it is then simply not stored)."""


def encode(value: Any) -> Any:
    """``value`` (a parsed document) as JSON data: ``["m", line, keys, key lines, values]`` for a
    Map, ``["s", line, item lines, items]`` for a Seq, ``["d", iso]`` / ``["t", iso]`` for a date
    or a timestamp; strings, numbers, booleans and null as themselves."""
    if isinstance(value, Map):
        keys = list(value)
        return ["m", value.line, keys, [value.lines[k] for k in keys], [encode(value[k]) for k in keys]]
    if isinstance(value, Seq):
        return ["s", value.line, list(value.lines), [encode(v) for v in value]]
    if isinstance(value, dt.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, _SCALARS):
        return value
    raise Unstorable(type(value).__name__)


def decode(node: Any, path: str) -> Any:
    """The document :func:`encode` gave, with ``path`` as every container's path;
    ValueError, TypeError or IndexError when ``node`` is not such data."""
    cls = node.__class__
    if cls is not list:
        if cls in _SCALARS:
            return node
        raise ValueError(f"not a stored value: {cls.__name__}")
    tag = node[0]
    if tag == "m":
        return _map(node, path)
    if tag == "s":
        return _seq(node, path)
    if tag == "d":
        _, iso = node
        return dt.date.fromisoformat(iso)
    if tag == "t":
        _, iso = node
        return dt.datetime.fromisoformat(iso)
    raise ValueError(f"not a stored value: {tag!r}")


# (the walk that rebuilds every bundled document in every process: each container's parts are
# checked as whole lists, and only the lists among its values decoded)
def _map(node: list[Any], path: str) -> Map:
    _, line, keys, lines, values = node
    n = len(keys)
    if len(lines) != n or len(values) != n or not set(map(type, keys)) <= _KEYS:
        raise ValueError("a stored mapping's keys, lines and values differ")
    m = Map(zip(keys, _parts(line, lines, values, path), strict=True))
    if len(m) != n:
        raise ValueError("a stored mapping repeats a key")
    m.line, m.lines, m.path = line, dict(zip(keys, lines, strict=True)), path
    return m


def _seq(node: list[Any], path: str) -> Seq:
    _, line, lines, items = node
    if len(lines) != len(items):
        raise ValueError("a stored sequence's lines and items differ")
    s = Seq(_parts(line, lines, items, path))
    s.line, s.lines, s.path = line, lines, path
    return s


def _parts(line: Any, lines: list[Any], values: list[Any], path: str) -> list[Any]:
    """A stored container's values, decoded, once its line and its items' lines are whole numbers and
    each value a scalar or a stored container."""
    if line.__class__ is not int or not set(map(type, lines)) <= _INT:
        raise ValueError("a stored line is not a whole number")
    if not set(map(type, values)) <= _VALUES:
        raise ValueError("a stored value is neither a scalar nor a stored container")
    return [decode(v, path) if v.__class__ is list else v for v in values]


def _checksum(data: bytes) -> str:
    return sha256(data).hexdigest()


class _Store:
    def __init__(self) -> None:
        self.lines: dict[str, bytes] = {}       # key -> the whole line as read (kept when rewritten)
        self.new: dict[str, bytes] = {}
        self.loaded = False

    def load(self) -> None:
        self.loaded = True
        for folder in reversed(validated.record_dirs()):     # the preferred folder's entries win
            try:
                data = (folder / STORE).read_bytes()
            except OSError:
                continue
            for line in data.splitlines():
                self.lines[line.partition(b" ")[0].decode("ascii", "replace")] = line

    def get(self, key: str, path: str) -> Any | None:
        """The stored document of ``key`` (None when absent or damaged)."""
        line = self.lines.get(key)
        if line is None:
            return None
        try:
            _, rest = line.split(b" ", 1)
            checksum, body = rest.split(b" ", 1)
            if checksum.decode("ascii") != _checksum(body):
                raise ValueError("the checksum differs")
            return decode(json.loads(body), path)
        except (ValueError, TypeError, IndexError, UnicodeDecodeError):
            del self.lines[key]                 # damaged: parsed again, and replaced at the next write
            return None

    def put(self, key: str, doc: Any) -> None:
        try:
            body = json.dumps(encode(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except Unstorable:
            return
        line = f"{key} {_checksum(body)} ".encode("ascii") + body
        self.lines[key] = self.new[key] = line

    def save(self) -> Path | None:
        """Write the store (the newest documents) to the first writable folder; the folder, or None."""
        if not self.new:
            return None
        kept = {k: v for k, v in self.lines.items() if k not in self.new}
        kept.update(self.new)
        folder = validated.write(STORE, b"\n".join(list(kept.values())[-_LIMIT:]) + b"\n")
        if folder is not None:
            self.new.clear()
        return folder


_STORE = _Store()
atexit.register(_STORE.save)


def parse(text: str, path: str | Path, digest: str | None = None) -> Any:
    """The document of the YAML ``text`` read from ``path`` (``digest``: the sha256 of its
    UTF-8 bytes, when known): from the store for an unchanged bundled file, else parsed."""
    name = str(path)
    if not validated.record_dirs() or not validated.is_bundled(path):
        return parse_yaml(text, name)
    if digest is None:
        digest = sha256(text.encode("utf-8")).hexdigest()
    key = validated.key("parsed", digest)
    if not _STORE.loaded:
        _STORE.load()
    doc = _STORE.get(key, name)
    if doc is None:
        doc = parse_yaml(text, name)
        _STORE.put(key, doc)
    return doc


def load_yaml(path: str | Path) -> Any:
    """:func:`.yamldoc.load_yaml`, with the bundled files' documents taken from the store."""
    return parse(read_text(path), path)


def forget() -> None:
    """Forget what this process read of the store (for tests)."""
    _STORE.lines.clear()
    _STORE.new.clear()
    _STORE.loaded = False


def trust_nothing() -> None:
    """Parse every bundled file in this process, whatever the store holds (then stored anew)."""
    forget()
    _STORE.loaded = True


def save() -> Path | None:
    """Write what this process parsed now (else at exit); the folder written, or None."""
    return _STORE.save()
