"""pandas and Spark give the plain clock's answers, case for case (issue 13).

Skipped only where the extra is not installed (pip install -e '.[test]'
installs pandas, pyarrow and pyspark; Spark needs Java, which .ci/run
installs when missing).
"""

import datetime as dt
import json
import os
import sys

import pytest

from disclosure_rules import evaluate
from disclosure_rules.batch.columns import NAMES, row_of
from disclosure_rules.errors import CaseError, InputError
from disclosure_rules.api import annual_table
from disclosure_rules.report import record_from_result
from generated import generated_cases

pd = pytest.importorskip("pandas", reason="the [frame] extra is not installed")
pytest.importorskip("pyarrow", reason="the [frame] extra is not installed")

AS_OF = dt.date(2026, 3, 31)          # explicit: the answers never depend on the day the tests run
N = 10_000


@pytest.fixture(scope="module")
def sample():
    return generated_cases(N)


@pytest.fixture(scope="module")
def plain(sample):
    return [row_of(evaluate(c, AS_OF)) for c in sample]


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("disclosure-rules-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "Asia/Shanghai").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _records(df) -> list[dict]:
    """Rows as plain Python values (pd.NA -> None, Arrow lists -> lists)."""
    out = []
    for r in df.to_dict("records"):
        out.append({k: (None if v is pd.NA else (list(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist")
                                                 and not isinstance(v, str) else v)) for k, v in r.items()})
    return out


def _json_cases(cases):
    return [json.dumps(c, default=str, ensure_ascii=False) for c in cases]


def test_the_sample_is_the_full_mix(sample):
    channels = {c["receipt"]["channel"] for c in sample}
    events = {e["type"] for c in sample for e in c["events"]}
    assert len(sample) == N and len({c["id"] for c in sample}) == N
    assert channels == {"in_person", "post_registered", "post_ordinary", "online", "fax"}
    assert events >= {"correction_requested", "consultation_sent", "extension_notified", "fee_notice_received",
                      "delay_notified", "answered", "withdrawn"}


def test_pandas_gives_the_plain_answers(sample, plain):
    from disclosure_rules.frame import evaluate_frame

    df = pd.DataFrame({"case": _json_cases(sample)}, index=[f"r{i}" for i in range(N)])
    out = evaluate_frame(df, as_of=AS_OF)
    assert list(out.columns) == list(NAMES) and list(out.index) == list(df.index)
    assert _records(out) == plain
    assert {r["status"] for r in plain} >= {"overdue", "answered", "withdrawn"}
    assert any(r["violations"] for r in plain)


def test_spark_gives_the_plain_answers(spark, sample, plain):
    from disclosure_rules import spark as drs

    df = spark.createDataFrame([(c,) for c in _json_cases(sample)], "case string").repartition(4)
    got = {r["id"]: r.asDict() for r in drs.evaluate(df, as_of=AS_OF).collect()}
    assert len(got) == N and [got[r["id"]] for r in plain] == plain


TYPED = ("id string, applicant string, receipt struct<channel string, date date, signed date, arrived date, "
         "confirmed date, submitted date>, events array<struct<type string, date date, period_workdays int, "
         "party string, received date, workdays int, amount string, due date, outcome string, reason string>>")


def test_spark_typed_columns(spark, sample, plain):
    from disclosure_rules import spark as drs

    rows = [{"id": c["id"], "applicant": c.get("applicant"), "receipt": c["receipt"], "events": c["events"]}
            for c in sample[:1000]]
    df = spark.createDataFrame(rows, TYPED)
    got = {r["id"]: r.asDict() for r in drs.evaluate(df, as_of=AS_OF).collect()}
    assert [got[r["id"]] for r in plain[:1000]] == plain[:1000]


BAD = ["not json", json.dumps({"id": "x1", "receipt": {"channel": "carrier_pigeon", "date": "2026-01-05"}}),
       json.dumps({"id": "x2", "receipt": {"channel": "in_person", "date": "2026-02-30"}}),
       json.dumps({"id": "x3", "receipt": {"channel": "in_person", "date": "2031-03-03"}}), json.dumps([1])]


def test_errors_collect_accounts_for_every_row(spark, sample):
    from disclosure_rules import spark as drs
    from disclosure_rules.frame import evaluate_frame

    cases = _json_cases(sample[:200]) + BAD
    frame = evaluate_frame(pd.DataFrame({"case": cases}), as_of=dt.date(2031, 3, 5), errors="collect")
    df = spark.createDataFrame([(c,) for c in cases], "case string").repartition(3)
    sp = drs.evaluate(df, as_of=dt.date(2031, 3, 5), errors="collect").collect()
    for rows in (_records(frame), [r.asDict() for r in sp]):
        assert len(rows) == len(cases)
        failed = [r for r in rows if r["error_kind"] is not None]
        assert len(failed) == 200 + len(BAD) - sum(r["error_kind"] is None for r in rows)
        assert {r["id"] for r in failed} >= {"x1", "x2", "x3"} and None in {r["id"] for r in failed}
        kinds = {r["id"]: r["error_kind"] for r in failed}
        assert kinds["x1"] == "case" and kinds["x3"] == "calendar_coverage"
        assert all(r["error_message"] and r["status"] is None for r in failed)


def test_errors_raise_gives_the_documented_error(spark):
    from disclosure_rules import spark as drs
    from disclosure_rules.frame import evaluate_frame

    with pytest.raises(CaseError, match="unknown channel 'carrier_pigeon'"):
        evaluate_frame(pd.DataFrame({"case": BAD[1:2]}), as_of=AS_OF)
    df = spark.createDataFrame([(c,) for c in BAD[1:2]], "case string")
    with pytest.raises(Exception, match="CaseError: case x1: receipt channel: unknown channel 'carrier_pigeon'"):
        drs.evaluate(df, as_of=AS_OF).collect()


def test_bad_arguments_are_refused():
    from disclosure_rules.frame import evaluate_frame

    df = pd.DataFrame({"case": BAD[1:2]})
    with pytest.raises(InputError, match="as_of must be a date"):
        evaluate_frame(df, as_of=None)
    with pytest.raises(InputError, match="errors must be one of"):
        evaluate_frame(df, as_of=AS_OF, errors="skip")
    with pytest.raises(InputError, match="a 'case' column"):
        evaluate_frame(pd.DataFrame({"x": [1]}), as_of=AS_OF)


def test_spark_report_is_the_plain_table(spark, sample):
    from disclosure_rules import spark as drs
    from disclosure_rules.errors import DisclosureRulesError

    year, end = 2025, dt.date(2025, 12, 31)
    records, failed = [], 0
    for c in sample:
        if max(dt.date.fromisoformat(str(v)) for k, v in c["receipt"].items() if k != "channel") > end:
            continue                                   # received after the year: not in its table
        try:
            records.append(record_from_result(evaluate(c, end, estimate_until=year + 1)))
        except DisclosureRulesError:
            failed += 1
    want = annual_table(records, year)
    df = spark.createDataFrame([(c,) for c in _json_cases(sample) + [BAD[0], BAD[2]]], "case string").repartition(4)
    got = drs.report(df, year, errors="collect")
    assert got.table.cells == want.cells and want.cells["1"]["total"] > N // 40
    assert got.left_out == failed + 2 and got.failures.count() == failed + 2


def test_zoned_timestamps_are_refused_not_shifted():
    from disclosure_rules.frame import evaluate_frame

    stamp = dt.datetime(2026, 9, 30, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    df = pd.DataFrame({"id": ["t"], "receipt": [{"channel": "in_person", "date": stamp}]})
    with pytest.raises(CaseError, match="timestamp with a time zone"):
        evaluate_frame(df, as_of=AS_OF)
    naive = pd.DataFrame({"id": ["t"], "receipt": [{"channel": "in_person", "date": dt.date(2026, 9, 30)}]})
    assert str(evaluate_frame(naive, as_of=dt.date(2026, 10, 10))["due"][0]) == "2026-11-03"


def test_spark_report_counts_plain_records(spark):
    from disclosure_rules import spark as drs

    rows = [("r1", dt.date(2025, 3, 1), "natural_person", dt.date(2025, 3, 20), "3.1"),
            ("r2", dt.date(2025, 3, 1), "martian", None, None),
            ("r3", dt.date(2024, 12, 1), None, None, None)]
    df = spark.createDataFrame(rows, "id string, received date, applicant string, closed_on date, row string")
    got = drs.report(df, 2025, errors="collect")
    want = annual_table([{"id": "r1", "received": "2025-03-01", "closed_on": "2025-03-20", "row": "3.1"},
                         {"id": "r3", "received": "2024-12-01"}], 2025)
    assert got.table.cells == want.cells and got.left_out == 1
    assert [r["id"] for r in got.failures.collect()] == ["r2"]


def test_a_regime_case_has_no_row_it_is_a_case_error():
    # found by the type check: a regime's result has none of the request columns (was an AttributeError traceback)
    from disclosure_rules.frame import evaluate_frame

    regime = json.dumps({"id": "P-9", "regime": "proactive", "formed": "2026-11-10"})
    df = pd.DataFrame({"case": [regime]})
    with pytest.raises(CaseError, match="case P-9: a case of the time-limit regime 'proactive'"):
        evaluate_frame(df, as_of=AS_OF)
    good = json.dumps({"id": "a", "receipt": {"channel": "in_person", "date": "2026-03-02"}})
    out = evaluate_frame(pd.DataFrame({"case": [good, regime]}), as_of=AS_OF, errors="collect")
    assert out["id"][0] == "a" and str(out["due"][0]) == str(evaluate(json.loads(good), AS_OF).due)
    assert list(out["error_kind"].isna()) == [True, False] and "P-9" in out["error_message"][1]


def _typed_frame(cases, index=None):
    return pd.DataFrame({"id": [c["id"] for c in cases], "applicant": [c.get("applicant") for c in cases],
                         "receipt": [c["receipt"] for c in cases], "events": [c["events"] or None for c in cases]},
                        index=index)


def test_pandas_typed_columns_give_the_plain_answers(sample, plain):
    # typed columns go through the columnar evaluator (disclosure_rules.columnar) and the row path behind it
    from disclosure_rules.columnar.clock import columnar_clock
    from disclosure_rules.frame import evaluate_frame
    from disclosure_rules.rulebook import load_rules
    from disclosure_rules import load_calendar

    df = _typed_frame(sample, index=[f"r{i}" for i in range(N)])
    out = evaluate_frame(df, as_of=AS_OF)
    assert list(out.columns) == list(NAMES) and list(out.index) == list(df.index)
    assert _records(out) == plain
    taken = columnar_clock(load_rules(), {"cn": load_calendar("cn")}).evaluate(sample, AS_OF)
    assert sum(r is not None for r in taken) >= 0.95 * N          # (else the columnar path proves nothing)


TYPED_BAD = [
    {"id": "y1", "receipt": {"channel": "carrier_pigeon", "date": dt.date(2026, 1, 5)}, "events": None},
    {"id": "y2", "receipt": {"channel": "in_person", "date": dt.date(2031, 3, 3)}, "events": None},
    {"id": "y3", "receipt": {"channel": "in_person", "date": dt.date(2026, 1, 5)},
     "events": [{"type": "teleported", "date": dt.date(2026, 1, 6)}]},
    {"id": "y4", "receipt": {"channel": "in_person", "date": dt.date(2026, 1, 5)},
     "events": [{"type": "answered", "date": dt.date(2026, 1, 6), "outcome": "no-such-outcome"}]},
    {"id": "y5", "receipt": {"channel": "in_person", "date": dt.date(2026, 1, 5)},
     "events": [{"type": "extension_notified", "date": dt.date(2026, 1, 6), "workdays": 0}]},
]


def test_pandas_typed_bad_rows_are_collected_in_place(sample):
    from disclosure_rules.frame import evaluate_frame

    good = sample[:300]
    cases = good[:100] + TYPED_BAD[:2] + good[100:200] + TYPED_BAD[2:] + good[200:]
    as_of = AS_OF
    out = _records(evaluate_frame(_typed_frame(cases), as_of=as_of, errors="collect"))
    assert [r["id"] for r in out] == [c["id"] for c in cases]
    kinds = {r["id"]: r["error_kind"] for r in out if r["error_kind"] is not None}
    assert kinds.keys() >= {"y1", "y2", "y3", "y4", "y5"} and kinds["y1"] == "case"
    for case, row in zip(cases, out):
        if case["id"] not in kinds:
            assert row == row_of(evaluate(case, as_of))
    with pytest.raises(CaseError, match="unknown channel 'carrier_pigeon'"):
        evaluate_frame(_typed_frame(good[:50] + TYPED_BAD), as_of=as_of)
