"""Benchmark: the pandas and Spark entry points against the plain clock.

Run on demand (not in CI):  python benchmarks/spark.py [N]   (default 100,000)

* The cases: the unique mix drawn by ``disclosure_rules.testing.cases``
  (tests/generated.py, cached), repeated with fresh ids up to N.
* Contenders, each on the same N cases, best of ROUNDS: the plain clock
  (``evaluate_items``, one core), ``frame.evaluate_frame`` (one core), and
  ``spark.evaluate`` in local mode with every core of the machine at 1, 2
  and 4 partitions (a count forces the whole evaluation; the session and
  its Python workers are started and warmed before timing).
* The same for typed columns (``id``, ``applicant``, ``receipt`` struct,
  ``events`` list of structs): pandas and Spark then go through the
  columnar evaluator (``disclosure_rules.columnar``) with the row path
  behind it.
* Every Spark and pandas result is checked against the plain clock.
* Before each Spark row, the floor: the same frame through ``mapInArrow``
  with a function that hands every batch back unchanged (Spark's own cost
  of moving the rows to Python and back, nothing evaluated).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ROUNDS = 3
AS_OF = dt.date(2026, 3, 31)


def main():
    import pandas as pd
    from pyspark.sql import SparkSession

    from disclosure_rules import spark as drs
    from disclosure_rules.batch import evaluate_items
    from disclosure_rules.batch.columns import row_of
    from disclosure_rules.batch.source import Item
    from disclosure_rules.frame import evaluate_frame
    from generated import generated_cases

    base = generated_cases(10_000)
    cases = [{**base[i % len(base)], "id": f"s{i}"} for i in range(N)]
    texts = [json.dumps(c, default=str, ensure_ascii=False) for c in cases]
    cores = os.cpu_count() or 1

    def best(fn):
        t, out = float("inf"), None
        for _ in range(ROUNDS):
            t0 = time.perf_counter()
            out = fn()
            t = min(t, time.perf_counter() - t0)
        return t, out

    rows = []
    t_plain, plain = best(lambda: [row_of(o) for o in evaluate_items(
        (Item(i, None, json.loads(s)) for i, s in enumerate(texts, 1)), AS_OF)])
    rows.append(("plain clock, evaluate_items (1 core)", t_plain, "reference"))
    by_id = {r["id"]: r for r in plain}

    df = pd.DataFrame({"case": texts})
    t_frame, frame = best(lambda: evaluate_frame(df, as_of=AS_OF))
    same = all(a == b for a, b in zip(_plain_records(frame, pd), plain))
    rows.append(("pandas evaluate_frame (1 core)", t_frame, f"identical: {same}"))

    typed_rows = [{"id": c["id"], "applicant": c.get("applicant"), "receipt": c["receipt"],
                   "events": c["events"] or None} for c in cases]
    typed_df = pd.DataFrame(typed_rows)
    t_typed, frame = best(lambda: evaluate_frame(typed_df, as_of=AS_OF))
    same = all(a == b for a, b in zip(_plain_records(frame, pd), plain))
    rows.append(("pandas evaluate_frame, typed columns (1 core)", t_typed, f"identical: {same}"))

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", str(cores)).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    source = spark.createDataFrame([(s,) for s in texts], "case string").cache()
    source.count()
    drs.evaluate(source.repartition(cores), as_of=AS_OF).count()         # start and warm the Python workers
    typed = spark.createDataFrame(typed_rows, TYPED).cache()
    typed.count()
    drs.evaluate(typed.repartition(cores), as_of=AS_OF).count()
    for what, frame_of in (("JSON column", source), ("typed columns", typed)):
        for parts in (1, 2, 4):
            part = frame_of.repartition(parts).cache()
            part.count()
            t, _ = best(lambda: part.mapInArrow(_unchanged, part.schema).count())
            rows.append((f"  Spark's own round trip, nothing evaluated, {parts} partition{'s' if parts > 1 else ''}",
                         t, "floor"))
            t, _ = best(lambda: drs.evaluate(part, as_of=AS_OF).count())
            got = {r["id"]: r.asDict() for r in drs.evaluate(part, as_of=AS_OF).collect()}
            same = len(got) == N and all(got[k] == v for k, v in by_id.items())
            rows.append((f"Spark local[{cores}], {what}, {parts} partition{'s' if parts > 1 else ''}", t,
                         f"identical: {same}"))
            part.unpersist()
    spark.stop()

    print(f"{N:,} cases ({len(base):,} unique, repeated with fresh ids), as of {AS_OF}, best of {ROUNDS}; "
          f"{cores} cores; Python {sys.version.split()[0]}")
    print(f"{'contender':52} {'time':>8} {'cases/s':>10} {'vs plain':>9}  check")
    for name, t, check in rows:
        print(f"{name:52} {t:7.2f}s {N / t:10,.0f} {t_plain / t:8.2f}x  {check}")


def _unchanged(batches):
    """mapInArrow doing nothing: Spark's own cost of handing the rows to Python and taking them back
    (the floor under any evaluator run inside Spark)."""
    yield from batches


TYPED = ("id string, applicant string, receipt struct<channel string, date date, signed date, arrived date, "
         "confirmed date, submitted date>, events array<struct<type string, date date, period_workdays int, "
         "party string, received date, workdays int, amount string, due date, outcome string, reason string>>")


def _plain_records(frame, pd):
    for r in frame.to_dict("records"):
        yield {k: (None if v is pd.NA else (list(v) if hasattr(v, "tolist") and not isinstance(v, str) else v))
               for k, v in r.items()}


if __name__ == "__main__":
    main()
