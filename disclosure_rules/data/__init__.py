"""Where the bundled calendar and rule data live.

In a source checkout they are the top-level ``calendars/`` and ``rules/``
folders; an installed wheel carries them as ``disclosure_rules/data/calendars``
and ``disclosure_rules/data/rules`` (see ``package_dir`` in setup.cfg).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(kind: str) -> Path:
    """The folder of bundled ``calendars`` or ``rules``."""
    installed = _HERE / kind
    if installed.is_dir():
        return installed
    source = _HERE.parent.parent / kind
    if source.is_dir():
        return source
    raise FileNotFoundError(f"bundled {kind} data not found beside {_HERE}")


def cache_dirs() -> list[Path]:
    """Where what is kept between processes (the record of checked rule files, the parsed
    documents, the message catalogues as JSON) is read from and written to, in order of
    preference: beside the package data, then ``$XDG_CACHE_HOME/disclosure-rules`` (or
    ``~/.cache/disclosure-rules``); ``DISCLOSURE_RULES_CACHE_DIR`` names another folder,
    empty: none (nothing kept, nothing trusted)."""
    env = os.environ
    return list(_cache_dirs(env.get("DISCLOSURE_RULES_CACHE_DIR"), env.get("XDG_CACHE_HOME"), env.get("HOME")))


@functools.cache
def _cache_dirs(chosen: str | None, xdg: str | None, home: str | None) -> tuple[Path, ...]:
    # (asked for every file read: the folders are made once for the settings of the environment)
    if chosen is not None:
        return (Path(chosen),) if chosen else ()
    cache = xdg or os.path.join(os.path.expanduser("~"), ".cache")
    return (_HERE / ".cache", Path(cache) / "disclosure-rules")


def write_cache(name: str, data: bytes) -> Path | None:
    """Write ``data`` as the file ``name`` in the first writable folder of :func:`cache_dirs`
    (whole or not at all: through a temporary file); the folder written, or None."""
    import tempfile

    for folder in cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)     # readable by every user of a shared installation
            os.replace(tmp, folder / name)
        except OSError:
            continue
        return folder
    return None
