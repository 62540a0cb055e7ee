"""The one ``__repr__`` of the package's attrs classes: attrs' text, not compiled for every class.

attrs writes the source of each class's methods and compiles it as the class
is made.  Of a one-case command (``disclosure-rules timeline FILE``, 49
classes made), compiling the ``__repr__`` alone was about 20 ms of a process
of some 190 ms (issue 13: start-up within 5 times ``python -c pass``;
``benchmarks/startup.py``).  So every attrs class of the package is made
with ``repr=False`` and derives from :class:`SharedRepr`, whose ``__repr__``
writes the text attrs writes (``Name(field=value, ...)``: each field's
``repr``, or the field's own repr callable; a field with ``repr=False``
left out; ``...`` for an object met again inside itself), from the class's
fields, when asked.  Equality and hashing stay attrs' own, compiled.
``tests/test_reprs.py`` holds every class of the package to attrs' text.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from typing import Any, cast

import attrs

_MISSING = object()


def _shown(value: Any, how: bool | Callable[[Any], str]) -> str:
    if value is _MISSING:
        return repr(attrs.NOTHING)
    return how(value) if callable(how) else repr(value)


class SharedRepr:
    """Base of the package's attrs classes (no state of its own): the ``__repr__`` above."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        cls = cast("type[attrs.AttrsInstance]", type(self))     # a subclass made by attrs
        fields = ", ".join(f"{a.name}={_shown(getattr(self, a.name, _MISSING), a.repr)}"
                           for a in attrs.fields(cls) if a.repr is not False)
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"
