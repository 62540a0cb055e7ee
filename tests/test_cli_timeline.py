"""`disclosure-rules timeline`: output and exit codes are contracts."""

import json

import pytest

from disclosure_rules.cli import main
from conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_runs(capsys, path):
    rc, out, err = run(capsys, "timeline", path, "--as-of", "2026-11-24")
    assert rc == 0 and err == "" and "as of 2026-11-24" in out
    rc, out, _ = run(capsys, "timeline", path, "--as-of", "2026-11-24", "--json", "--lang", "zh")
    data = json.loads(out)
    assert rc == 0 and data["as_of"] == "2026-11-24" and data["trace"][0]["event"] == "receipt"


def test_examples_cover_every_event_type():
    import yaml
    seen = set()
    for p in EXAMPLES:
        seen.update(e["type"] for e in yaml.safe_load(p.read_text(encoding="utf-8")).get("events", []))
    assert seen >= {"correction_requested", "correction_received", "consultation_sent", "consultation_answered",
                    "extension_notified", "fee_notice_received", "fee_paid", "delay_notified", "answered",
                    "withdrawn"}


def test_text_output_in_chinese(capsys):
    rc, out, _ = run(capsys, "timeline", ROOT / "examples" / "2026-0002-late-extension.yaml", "--as-of",
                     "2026-11-24", "--lang", "zh")
    assert rc == 0 and "已逾期未答复" in out and "第33条第2款" in out and "late_extension" in out


def write(tmp_path, text, name="case.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_case_error_exits_2(capsys, tmp_path):
    p = write(tmp_path, "id: x\nreceipt: {channel: pigeon, date: 2026-09-30}\n")
    rc, out, err = run(capsys, "timeline", p, "--json")
    assert rc == 2 and err.count("\n") == 1 and "pigeon" in err
    assert json.loads(out)["error"]["kind"] == "case"


def test_malformed_case_file_exits_2(capsys, tmp_path):
    p = write(tmp_path, "id: x\nreceipt: [unclosed\n")
    rc, out, err = run(capsys, "timeline", p)
    assert rc == 2 and err.count("\n") == 1
    rc, out, err = run(capsys, "timeline", tmp_path / "missing.yaml")
    assert rc == 2 and "cannot read" in err


def test_coverage_exits_3(capsys, tmp_path):
    p = write(tmp_path, "id: x\nreceipt: {channel: in_person, date: 2026-12-10}\n")
    rc, out, err = run(capsys, "timeline", p, "--as-of", "2026-12-11", "--json")
    assert rc == 3 and json.loads(out)["error"]["kind"] == "calendar_coverage" and "2027" in err
    rc, out, err = run(capsys, "timeline", p, "--as-of", "2026-12-11", "--estimate-until", "2027", "--json")
    assert rc == 0 and json.loads(out)["provisional"] is True


def test_jsonl_batch(capsys, tmp_path):
    lines = [json.dumps({"id": str(i), "receipt": {"channel": "in_person", "date": "2026-09-30"}}) for i in range(3)]
    p = write(tmp_path, "\n".join(lines) + "\n", "cases.jsonl")
    rc, out, _ = run(capsys, "timeline", p, "--as-of", "2026-10-20", "--json")
    data = json.loads(out)
    assert rc == 0 and [d["due"] for d in data] == ["2026-11-03"] * 3
