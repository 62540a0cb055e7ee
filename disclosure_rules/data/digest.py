"""SHA-256 without loading OpenSSL: the digests of the record, the store and the rule sets.

``hashlib`` loads the OpenSSL library when imported, a few milliseconds of
every command's start-up (issue 13).  The interpreter's own SHA-256 module
gives the same digests; the standard library's ``random`` takes its SHA-512
the same way.  Where that module is missing (another interpreter), hashlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython up to 3.11
    except ImportError:                                        # pragma: no cover - depends on the interpreter
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256

__all__ = ["sha256"]
