"""Chinese script conversion, for text pasted or extracted from published
documents (holiday notices, annual reports) that may be in traditional
characters.  One maintained converter for the whole library: OpenCC.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc  # the OpenCC project's own Python binding

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (and mixed) text in simplified characters."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Simplified text in traditional characters (tests of the readers)."""
    return str(_converter("s2t").convert(text))
