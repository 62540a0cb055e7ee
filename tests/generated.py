"""Many unique cases drawn by ``disclosure_rules.testing.cases``, for the batch tests.

Drawing is slow (about 7 ms a case), so the draw is split over the machine's
cores and kept in the temporary directory, keyed by the strategy's source,
the count and the seed: a clean machine draws once.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import inspect
import json
import os
import pickle
import tempfile
from pathlib import Path

CHUNK = 500                      # cases per hypothesis run (one seed each)


def _draw(n: int, seed_: int) -> list[dict]:
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from disclosure_rules.testing import cases

    out = []

    @seed(seed_)
    @settings(max_examples=n, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(cases(delays=True))
    def collect(c):
        out.append(c)
    collect()
    return out


def generated_cases(n: int, seed: int = 2026) -> list[dict]:
    """n unique cases (no two alike apart from the id), ids g0, g1, ..."""
    import disclosure_rules.testing as testing

    key = hashlib.sha256(inspect.getsource(testing).encode() + f"{n}/{seed}".encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"disclosure-rules-cases-{key}.pickle"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    seen, out, round_ = set(), [], 0
    workers = max(1, min(4, os.cpu_count() or 1))
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        while len(out) < n:
            want = (n - len(out)) * 21 // 20 + 1
            jobs = [pool.submit(_draw, CHUNK, seed * 100_000 + round_ * 1000 + j) for j in range(-(-want // CHUNK))]
            round_ += 1
            for job in jobs:
                for c in job.result():
                    k = json.dumps({**c, "id": ""}, sort_keys=True, default=str)
                    if k not in seen and len(out) < n:
                        seen.add(k)
                        out.append({**c, "id": f"g{len(out)}"})
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(out))
    tmp.replace(cache)
    return out
