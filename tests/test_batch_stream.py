"""Many cases: JSON Lines streams, --errors collect, stdin, progress (issue 13)."""

import datetime as dt
import io
import itertools
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_rules import evaluate
from disclosure_rules.batch import Failure, evaluate_items, iter_items, progress_bar
from disclosure_rules.cli import main
from disclosure_rules.errors import InputError
from disclosure_rules.testing import cases

AS_OF = "2026-10-10"
GOOD = {"id": "a", "receipt": {"channel": "in_person", "date": "2026-09-30"}}
LINES = [
    json.dumps(GOOD),
    json.dumps({"id": "b", "receipt": {"channel": "carrier_pigeon", "date": "2026-09-30"}}),
    "",
    "not json",
    json.dumps({"id": "d", "receipt": {"channel": "in_person", "date": "2026-09-31"}}),
    json.dumps({"id": "e", "receipt": {"channel": "in_person", "date": "2026-10-09"}}),
]


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def mixed(tmp_path):
    p = tmp_path / "cases.jsonl"
    p.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return p


def test_collect_gives_one_line_per_case_and_names_the_failures(capsys, mixed):
    rc, out, err = run(capsys, "timeline", mixed, "--as-of", AS_OF, "--format", "jsonl", "--errors", "collect")
    lines = [json.loads(x) for x in out.splitlines()]
    assert rc == 2 and len(lines) == 5
    assert [x["id"] for x in lines] == ["a", "b", None, "d", "e"]
    assert lines[0]["due"] == "2026-11-03" and lines[4]["due"] == "2026-11-05"
    assert lines[1]["error"]["kind"] == "case" and "carrier_pigeon" in lines[1]["error"]["message"]
    assert lines[2]["line"] == 4 and "not valid JSON" in lines[2]["error"]["message"]
    assert "'2026-09-31' is not a date" in lines[3]["error"]["message"]
    assert err.count("\n") == 1 and "3 of 5 cases failed: b, line 4, d" in err


def test_collect_all_good_exits_0(capsys, tmp_path):
    p = tmp_path / "ok.jsonl"
    p.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "z"}) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "timeline", p, "--as-of", AS_OF, "--format", "jsonl", "--errors", "collect")
    assert rc == 0 and err == "" and [json.loads(x)["id"] for x in out.splitlines()] == ["a", "z"]


def test_default_stops_at_the_first_bad_case(capsys, mixed):
    rc, out, err = run(capsys, "timeline", mixed, "--as-of", AS_OF, "--format", "jsonl")
    lines = [json.loads(x) for x in out.splitlines()]
    assert rc == 2 and lines[0]["id"] == "a" and len(lines) == 2
    assert lines[1]["error"]["kind"] == "case" and "carrier_pigeon" in err and err.count("\n") == 1


def test_date_outside_the_calendar_exits_3(capsys, tmp_path):
    p = tmp_path / "future.jsonl"
    p.write_text(json.dumps({"id": "f", "receipt": {"channel": "in_person", "date": "2031-03-02"}}) + "\n")
    rc, out, err = run(capsys, "timeline", p, "--as-of", "2031-03-05", "--format", "jsonl")
    assert rc == 3 and json.loads(out)["error"]["kind"] == "calendar_coverage"
    rc, out, err = run(capsys, "timeline", p, "--as-of", "2031-03-05", "--format", "jsonl", "--errors", "collect")
    assert rc == 2 and json.loads(out)["error"]["kind"] == "calendar_coverage" and "f" in err


def test_json_array_is_unchanged_and_an_error_is_the_only_document(capsys, tmp_path, mixed):
    p = tmp_path / "two.jsonl"
    p.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "id": "z"}) + "\n", encoding="utf-8")
    rc, out, _ = run(capsys, "timeline", p, "--as-of", AS_OF, "--json")
    want = [evaluate({**GOOD, "id": i}, dt.date(2026, 10, 10)).to_dict() for i in ("a", "z")]
    assert rc == 0 and out == json.dumps(want, ensure_ascii=False, indent=2) + "\n"
    rc, out, _ = run(capsys, "timeline", mixed, "--as-of", AS_OF, "--json")
    assert rc == 2 and list(json.loads(out)) == ["error"]
    rc, out, _ = run(capsys, "timeline", mixed, "--as-of", AS_OF, "--json", "--errors", "collect")
    assert rc == 2 and [x["id"] for x in json.loads(out)] == ["a", "b", None, "d", "e"]


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_json_lines_and_yaml(capsys, monkeypatch):
    _stdin(monkeypatch, b"\n" + json.dumps(GOOD).encode() + b"\n" + json.dumps({**GOOD, "id": "z"}).encode())
    rc, out, _ = run(capsys, "timeline", "-", "--as-of", AS_OF, "--format", "jsonl")
    assert rc == 0 and [json.loads(x)["due"] for x in out.splitlines()] == ["2026-11-03"] * 2
    _stdin(monkeypatch, b"id: y\nreceipt: {channel: in_person, date: 2026-09-30}\n")
    rc, out, _ = run(capsys, "timeline", "-", "--as-of", AS_OF, "--json")
    assert rc == 0 and json.loads(out)["id"] == "y" and json.loads(out)["due"] == "2026-11-03"
    _stdin(monkeypatch, b"id: [unclosed\n")
    rc, out, err = run(capsys, "timeline", "-", "--as-of", AS_OF)
    assert rc == 2 and out == "" and "<stdin>" in err and err.count("\n") == 1


def test_text_output_marks_the_failures(capsys, mixed):
    rc, out, err = run(capsys, "timeline", mixed, "--as-of", AS_OF, "--errors", "collect")
    assert rc == 2 and out.count("error: ") == 3 and out.count("due: ") == 2


def test_reading_is_lazy():
    """The stream is consumed a chunk at a time: an endless input still gives its first results."""
    def endless():
        for i in itertools.count():
            yield json.dumps({**GOOD, "id": f"c{i}"}).encode() + b"\n"

    outs = evaluate_items(iter_items("-", stdin=endless()), dt.date(2026, 10, 10))
    assert [r.id for r in itertools.islice(outs, 3)] == ["c0", "c1", "c2"]


def test_unknown_errors_mode_is_refused():
    with pytest.raises(InputError, match="errors must be one of raise, collect"):
        list(evaluate_items([], None, errors="ignore"))


JUNK = st.sampled_from([b"not json", b"[1, 2", b"42", b'"text"', b"{}", b'{"id": "x"}', b"\xff\xfe",
                        b'{"id": "q", "receipt": {"channel": "fax", "submitted": "2026-02-30"}}',
                        b'{"id": "w", "receipt": {"channel": "in_person", "date": "2026-09-30"}, "events": 3}'])


def _line(item):
    if isinstance(item, bytes):
        return item
    return json.dumps(item, default=str).encode()


@settings(max_examples=40)
@given(st.lists(st.one_of(cases(), JUNK), max_size=12))
def test_results_plus_errors_equal_the_input_cases(items):
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "cases.jsonl"
        p.write_bytes(b"\n".join(_line(x) for x in items) + b"\n")
        outs = list(evaluate_items(iter_items(p), dt.date(2026, 4, 30), errors="collect"))
    assert len(outs) == len(items)
    for item, out in zip(items, outs):
        if isinstance(item, dict):            # a generated case is valid: a result with its id
            assert not isinstance(out, Failure) and out.id == item["id"]
        else:
            assert isinstance(out, Failure) and out.error.message


def test_report_collect_counts_the_good_records_only(capsys, tmp_path):
    recs = [{"id": "r1", "received": "2025-03-01", "closed_on": "2025-03-20", "row": "3.1"},
            {"id": "r2", "received": "2025-03-01", "applicant": "martian"},
            {"id": "a", "receipt": {"channel": "in_person", "date": "2025-09-30"},
             "events": [{"type": "answered", "date": "2025-10-10", "outcome": "36-2"}]},
            {"id": "b", "receipt": {"channel": "in_person", "date": "2025-09-30"},
             "events": [{"type": "answered", "date": "2025-10-10"}]}]
    p = tmp_path / "mixed.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(recs[i]) + "\n" for i in (0, 2)), encoding="utf-8")
    rc, out, err = run(capsys, "report", p, "--year", "2025", "--errors", "collect", "--json")
    errors = [json.loads(x) for x in err.splitlines()[:-1]]
    assert rc == 2 and [e["id"] for e in errors] == ["r2", "b"] and errors[0]["error"]["kind"] == "report"
    assert "另有2条因出错未计入" in err.splitlines()[-1]   # the report speaks Chinese by default
    rc2, want, _ = run(capsys, "report", good, "--year", "2025", "--json")
    assert rc2 == 0 and json.loads(out) == json.loads(want) and json.loads(out)["rows"]["1"]["total"] == 2
    rc, out, _ = run(capsys, "report", p, "--year", "2025", "--errors", "collect", "--lang", "en")
    assert rc == 2 and "the table counts the 2 good records only; 2 were left out" in out
    rc, out, err = run(capsys, "report", p, "--year", "2025")
    assert rc == 2 and out == "" and "martian" in err


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal():
    off = io.StringIO()
    bar = progress_bar(10, stream=off)
    bar.update(10)
    bar.close()
    assert off.getvalue() == ""
    on = _Tty()
    bar = progress_bar(10, stream=on)
    bar.update(10)
    bar.close()
    assert "10/10" in on.getvalue() and "case" in on.getvalue()
    quiet = _Tty()
    bar = progress_bar(10, quiet=True, stream=quiet)
    bar.update(10)
    bar.close()
    assert quiet.getvalue() == ""


def test_total_is_counted_only_for_a_shown_bar():
    calls = []

    def total():
        calls.append(1)
        return 5
    progress_bar(total, stream=io.StringIO()).close()
    assert calls == []
    on = _Tty()
    bar = progress_bar(total, stream=on)
    bar.update(5)
    bar.close()
    assert calls == [1] and "5/5" in on.getvalue()


def test_a_byte_order_mark_is_not_an_error(tmp_path):
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\r\n")
    assert [r.due for r in evaluate_items(iter_items(p), dt.date(2026, 10, 10))] == [dt.date(2026, 11, 3)]


def test_a_regime_case_without_as_of_is_evaluated_now_as_a_request_is(monkeypatch):
    # found by the type check: as_of=None reached the regime's stage clock (a TypeError traceback); like the
    # request clock (and the command line), the default is now, Beijing time
    from disclosure_rules import regimes
    from disclosure_rules.batch.source import Item

    now = dt.datetime(2026, 11, 20, 9, 30)
    monkeypatch.setattr(regimes, "now_in_beijing", lambda: now)
    data = {"id": "P-9", "regime": "proactive", "formed": "2026-11-10"}
    [out] = list(evaluate_items([Item(1, None, data)], None, errors="collect"))
    [given] = list(evaluate_items([Item(1, None, data)], now, errors="collect"))
    assert isinstance(out, regimes.RegimeResult) and out.to_dict() == given.to_dict()


def test_evaluate_iter_with_the_trace_reads_one_case_at_a_time():
    # the columnar evaluator reads ahead (without the trace); with it, each case is evaluated as it comes
    from disclosure_rules.clock import evaluate_iter

    read = []

    def cases():
        for i in range(3):
            read.append(i)
            yield {"id": f"c{i}", "receipt": {"channel": "in_person", "date": "2026-03-02"}}

    it = evaluate_iter(cases(), "2026-03-20", trace=True)
    first = next(it)
    assert first.id == "c0" and first.trace and read == [0]
