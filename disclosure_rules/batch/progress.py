"""A progress bar for long runs: cases done, cases per second, time left.

Shown on standard error only when standard error is a terminal and not ``quiet``; the
bar is tqdm's (imported only then, so piped runs never pay for it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Protocol, TypeVar

_T = TypeVar("_T")


class Bar(Protocol):
    """What a run needs of a progress bar (tqdm's, or a silent one)."""

    def update(self, n: int = 1) -> object: ...
    def close(self) -> None: ...


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int | Callable[[], int | None] | None = None, quiet: bool = False,
                 stream: IO[str] | None = None, unit: str = "case") -> Bar:
    """A bar with ``update(n)`` and ``close()``; a silent one off a terminal or when ``quiet``.
    ``total``: the count, or a function giving it (called only when the bar is shown)."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not getattr(stream, "isatty", lambda: False)():
        return _Silent()
    if callable(total):
        total = total()
    try:
        from tqdm import tqdm
    except ImportError:                   # tqdm is a dependency; a stripped install just gets no bar
        return _Silent()
    return tqdm(total=total, file=stream, unit=unit, dynamic_ncols=True, mininterval=0.5,
                smoothing=0.1)


def with_progress(outs: Iterable[_T], bar: Bar) -> Iterator[_T]:
    """Pass ``outs`` through, counting each on ``bar``; the bar closes at the end."""
    try:
        for out in outs:
            bar.update(1)
            yield out
    finally:
        bar.close()
