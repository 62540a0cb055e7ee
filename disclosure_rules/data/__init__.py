"""Where the bundled calendar and rule data live.

In a source checkout they are the top-level ``calendars/`` and ``rules/``
folders; an installed wheel carries them as ``disclosure_rules/data/calendars``
and ``disclosure_rules/data/rules`` (see ``package_dir`` in setup.cfg).
"""

from __future__ import annotations

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
