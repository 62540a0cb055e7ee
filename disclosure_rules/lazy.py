"""Names a package exports but imports only when first asked for (start-up
time, issue 13): the one ``__getattr__`` body the lazy packages share."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any


def lazy_attribute(package: str, table: Mapping[str, str], namespace: dict[str, Any], name: str) -> Any:
    """``name`` from the module ``table`` gives it (relative to ``package``), kept in
    ``namespace`` so later look-ups are plain; AttributeError for a name not in ``table``."""
    module = table.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, package), name)
    namespace[name] = value
    return value
