"""The bundled rule files checked once, not in every process.

Checking a rule file against its JSON Schema is most of the cost of loading
the bundled rules, and the bundled files do not change between processes.
So a bundled file that passed its schema is recorded under a key: the
schema's name, the digest of everything the check depends on (the JSON
Schemas, and this library's code that turns a file into the document that
is checked) and the digest of the file's bytes.  A later process that reads
the same bytes skips the schema check; anything else is checked in full:
an edited bundled file (its digest differs), a bundled file after a schema
or loader change, and every file outside the bundled data (a user's own
rules are always checked).  The plainer checks a loader runs itself, and
the checks of the whole book, run in every process.

The record is written by ``python -m disclosure_rules.rulefiles.precheck``
(at build or test time: it checks every bundled file), and by any process
that checked a bundled file: next to the package data when that folder is
writable, else in the user's cache folder (``$XDG_CACHE_HOME`` or
``~/.cache``, ``disclosure-rules/``).  ``DISCLOSURE_RULES_CACHE_DIR`` names
another folder; set to an empty value, nothing is recorded or trusted.
A record that cannot be read is ignored, one that cannot be written is not
an error: the files are then simply checked again.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
from pathlib import Path

from ..data import cache_dirs, data_dir, write_cache
from ..data.digest import sha256

RECORD = "validated-rules.json"
_LIMIT = 4096                        # keys kept (the newest), so edits do not grow the record without end
_HERE = Path(__file__).resolve().parent


@functools.cache
def _roots() -> tuple[Path, ...]:
    return tuple(p.resolve() for p in (data_dir("rules"), data_dir("calendars")))


def is_bundled(path: str | Path) -> bool:
    """Whether ``path`` is a file of the bundled rules or calendars (its links followed;
    the answer kept for the process: a file's store and record ask it for the same path)."""
    roots = _roots()
    k = (os.path.abspath(path), roots)      # a relative path means another file after a chdir
    found = _BUNDLED.get(k)
    if found is None:
        real = _real_path(os.fspath(path), k[0])
        found = _BUNDLED[k] = any(real == str(root) or real.startswith(os.path.join(str(root), "")) for root in roots)
    return found


def _real_path(path: str, absolute: str) -> str:
    """``os.path.realpath(path)`` (``absolute``: its ``os.path.abspath``), the folder's resolved once
    per process: the files of one folder share it."""
    folder, name = os.path.split(absolute)
    if ".." in path.split(os.sep) or os.path.islink(absolute):
        return os.path.realpath(path)
    real = _FOLDERS.get(folder)
    if real is None:
        real = _FOLDERS[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


_FOLDERS: dict[str, str] = {}
_BUNDLED: dict[tuple[str, tuple[Path, ...]], bool] = {}


@functools.cache
def _checker_digest() -> str:
    """The digest of what a schema check depends on: every JSON Schema and the parsing code
    (also the key of the parsed documents kept by :mod:`.parsed`)."""
    h = sha256()
    for p in sorted(data_dir("schemas").glob("*.json")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    for name in ("schemas.py", "positioned.py", "yamldoc.py", "cache.py", "parsed.py"):
        h.update((_HERE / name).read_bytes())
    return h.hexdigest()


def key(schema: str, digest: str) -> str:
    """The record's key for a file whose bytes have sha256 ``digest``, checked against ``schema``."""
    return sha256(f"{schema}\0{_checker_digest()}\0{digest}".encode()).hexdigest()


def record_dirs() -> list[Path]:
    """Where the record is read from and written to, in order of preference (:func:`..data.cache_dirs`)."""
    return cache_dirs()


class _Record:
    def __init__(self) -> None:
        self.keys: dict[str, None] = {}
        self.new: dict[str, None] = {}
        self.loaded = False

    def load(self) -> None:
        self.loaded = True
        for folder in record_dirs():
            try:
                data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and isinstance(data.get("validated"), list):
                self.keys.update(dict.fromkeys(k for k in data["validated"] if isinstance(k, str)))

    def save(self) -> Path | None:
        """Write the record to the first writable folder; the folder written, or None."""
        if not self.new:
            return None
        keys = list({**self.keys, **self.new})[-_LIMIT:]
        folder = write(RECORD, json.dumps({"validated": keys}, indent=0).encode("utf-8"))
        if folder is not None:
            self.keys.update(self.new)
            self.new.clear()
        return folder


def write(name: str, data: bytes) -> Path | None:
    """Write ``data`` as the file ``name`` beside the record (:func:`..data.write_cache`)."""
    return write_cache(name, data)


_RECORD = _Record()
atexit.register(_RECORD.save)


def already_checked(path: str | Path, schema: str, digest: str) -> bool:
    """Whether this bundled file, with these bytes, passed ``schema`` before (never for other files)."""
    if not is_bundled(path):
        return False
    if not _RECORD.loaded:
        _RECORD.load()
    return key(schema, digest) in _RECORD.keys


def checked(path: str | Path, schema: str, digest: str) -> None:
    """Record that a bundled file passed ``schema`` (written when the process ends)."""
    if is_bundled(path):
        k = key(schema, digest)
        if k not in _RECORD.keys:
            _RECORD.new[k] = None


def forget() -> None:
    """Forget what this process read of the record (for tests)."""
    _BUNDLED.clear()
    _FOLDERS.clear()
    _RECORD.keys.clear()
    _RECORD.new.clear()
    _RECORD.loaded = False


def trust_nothing() -> None:
    """Check every bundled file in this process, whatever the record says (its checks are then recorded)."""
    forget()
    _RECORD.loaded = True


def save() -> Path | None:
    """Write what this process checked now (else at exit); the folder written, or None."""
    return _RECORD.save()
