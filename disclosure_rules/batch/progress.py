"""A progress bar for long runs: cases done, cases per second, time left.

Shown on standard error only when standard error is a terminal and not ``quiet``; the
bar is tqdm's (imported only then, so piped runs never pay for it).
"""

from __future__ import annotations

import sys


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total=None, quiet: bool = False, stream=None, unit: str = "case"):
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


def with_progress(outs, bar):
    """Pass ``outs`` through, counting each on ``bar``; the bar closes at the end."""
    try:
        for out in outs:
            bar.update(1)
            yield out
    finally:
        bar.close()
