"""SHA-256, from one place: the digests of the record, the store, the rule sets and the calendars.

``hashlib``'s, which loads OpenSSL (a few milliseconds of start-up, issue 13).
The interpreter's private ``_sha256`` module would avoid that, but a private
module of CPython is not an interface to build on, so the maintained one is
used.
"""

from __future__ import annotations

from hashlib import sha256

__all__ = ["sha256"]
