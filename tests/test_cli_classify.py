import json

from disclosure_rules.cli import main


def test_classify_cli(capsys, tmp_path):
    p = tmp_path / "facts.yaml"
    p.write_text("held_by_agency: false\nresponsible_agency_known: true\n", encoding="utf-8")
    assert main(["classify", str(p), "--given", "not_responsible"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("36-5") and "3.4.1" in out and "missing" in out
    assert main(["classify", str(p), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "36-5"


def test_classify_conflict_exits_2(capsys, tmp_path):
    p = tmp_path / "facts.yaml"
    p.write_text("already_public: true\nexists: false\n", encoding="utf-8")
    assert main(["classify", str(p), "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["kind"] == "facts" and err.count("\n") == 1
