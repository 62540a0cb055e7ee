"""Issue 11: unknown keys and names in a case are errors with a did-you-mean,
never silently dropped; `extra:` holds a system's own data; `extra_keys="keep"`
and `--keep-unknown-keys` restore the old reading on request."""

import datetime as dt
import json

import pytest

from disclosure_rules import CaseError, evaluate, load_cases, parse_case
from disclosure_rules.cli import main
from disclosure_rules import vocabulary as V

AS_OF = dt.date(2026, 6, 30)
GX = {"id": "gx", "calendar": "cn-gx", "receipt": {"channel": "in_person", "date": "2026-04-14"}}


def case(**kw):
    base = {"id": "t", "receipt": {"channel": "in_person", "date": "2026-03-02"}, "events": []}
    base.update(kw)
    return base


def test_the_calendar_key_is_read():
    # the Guangxi 三月三 holidays move the due date: a typo must not fall back to the national calendar
    assert evaluate(GX, AS_OF).due == dt.date(2026, 5, 18)
    assert evaluate({**GX, "calendar": "cn"}, AS_OF).due == dt.date(2026, 5, 14)


@pytest.mark.parametrize("bad, key, meant", [
    ({k if k != "calendar" else "calender": v for k, v in GX.items()}, "calender", "calendar"),
    (case(locale="gansu-jinchang"), "locale", "local"),
    (case(recipt={"channel": "in_person", "date": "2026-03-02"}), "recipt", "receipt"),
    (case(receipt={"channel": "online", "sumbitted": "2026-03-01", "confirmed": "2026-03-02"}), "sumbitted",
     "submitted"),
    (case(events=[{"type": "correction_requested", "date": "2026-03-03", "perid_workdays": 10}]),
     "perid_workdays", "period_workdays"),
    (case(events=[{"type": "extension_notified", "date": "2026-03-20", "workday": 10}]), "workday", "workdays"),
    (case(events=[{"type": "delay_notified", "date": "2026-03-20", "deu": "2026-04-30"}]), "deu", "due"),
])
def test_unknown_keys_are_errors_with_a_did_you_mean(bad, key, meant):
    with pytest.raises(CaseError) as e:
        evaluate(bad, AS_OF)
    assert f"unknown key '{key}'" in e.value.message and f"did you mean '{meant}'" in e.value.message
    assert f"“{key}”" in e.value.message_zh and f"“{meant}”" in e.value.message_zh
    with pytest.raises(CaseError):
        parse_case(bad)


def test_an_unknown_key_names_its_event():
    bad = case(events=[{"type": "answered", "date": "2026-03-20", "outcome": "36-2", "outcom": "x"}])
    with pytest.raises(CaseError, match=r"event 1 \(answered\): unknown key 'outcom'") as e:
        parse_case(bad)
    assert e.value.event == 0


def test_extra_is_kept_and_written_back():
    c = parse_case(case(extra={"crm": "A-17", "nested": {"x": 1}},
                        events=[{"type": "withdrawn", "date": "2026-03-05", "extra": {"by": "phone"}}]))
    d = c.to_dict()
    assert d["extra"] == {"crm": "A-17", "nested": {"x": 1}}
    assert d["events"][0]["extra"] == {"by": "phone"}
    assert parse_case(d).to_dict() == d
    with pytest.raises(CaseError, match="'extra' must be a mapping"):
        parse_case(case(extra="A-17"))


def test_keep_restores_the_old_reading(tmp_path):
    bad = case(crm_ticket="A-17", events=[{"type": "withdrawn", "date": "2026-03-05", "by": "phone"}])
    c = parse_case(bad, extra_keys="keep")
    assert c.extra == {"crm_ticket": "A-17"} and c.to_dict()["crm_ticket"] == "A-17"
    assert c.events[0].get("by") == "phone"
    assert evaluate(bad, AS_OF, extra_keys="keep").status == "withdrawn"
    p = tmp_path / "c.yaml"
    p.write_text(json.dumps(bad), encoding="utf-8")
    assert load_cases(p, extra_keys="keep")[0].extra == {"crm_ticket": "A-17"}
    with pytest.raises(CaseError, match="crm_ticket"):
        load_cases(p)


def test_an_unknown_option_is_an_error():
    with pytest.raises(CaseError, match="extra_keys='kep' is not an option .did you mean 'keep'"):
        parse_case(case(), extra_keys="kep")
    with pytest.raises(CaseError, match="not an option"):
        evaluate(case(), AS_OF, extra_keys=True)


def test_the_keys_come_from_the_rule_files():
    voc = V.vocabulary()
    assert set(voc.receipt) == {"channel", "date", "signed", "arrived", "confirmed", "submitted"}
    assert "period_workdays" in voc.events["correction_requested"]    # applicant_period.field in events.yaml
    assert voc.events["fee_notice_received"]["amount"] == "text"       # fields: in fees-2020/clock.yaml
    assert "amount" not in voc.events["answered"]


def test_a_regime_names_its_vocabulary(monkeypatch):
    with pytest.raises(CaseError, match="unknown regime 'ogl' .did you mean 'ogi'"):
        parse_case(case(regime="ogl"))
    assert parse_case(case(regime="ogi")).to_dict()["regime"] == "ogi"
    # another regime's format (a work order's `unit`) is known when the file names that regime
    base = V._request_vocabulary

    def orders(book):
        v = base(book)
        return V.Vocabulary("orders", {**v.top, "unit": "text"}, v.receipt, v.events, v.names)

    monkeypatch.setitem(V.REGIMES, "orders", orders)
    assert parse_case(case(regime="orders", unit="12345")).to_dict()["unit"] == "12345"
    with pytest.raises(CaseError, match="unknown key 'unit'"):
        parse_case(case(unit="12345"))


@pytest.mark.parametrize("bad, what, meant", [
    (case(receipt={"channel": "onlin", "submitted": "2026-03-01", "confirmed": "2026-03-02"}), "channel", "online"),
    (case(events=[{"type": "answerd", "date": "2026-03-20"}]), "event type", "answered"),
    (case(events=[{"type": "consultation_sent", "date": "2026-03-05", "party": "agency"}]), "party", "other_agency"),
    (case(calendar="cn-gz"), "calendar", "cn-gx"),
    (case(local="gansu-jincang"), "rule set", "gansu-jinchang"),
    (case(applicant="natural_persn"), "applicant type", "natural_person"),
])
def test_unknown_names_get_a_did_you_mean(bad, what, meant):
    with pytest.raises(CaseError) as e:
        evaluate(bad, AS_OF)
    assert f"unknown {what}" in e.value.message and f"did you mean '{meant}'" in e.value.message
    assert f"“{meant}”" in e.value.message_zh


def test_event_type_hint_gives_titles():
    with pytest.raises(CaseError) as e:
        parse_case(case(events=[{"type": "answerd", "date": "2026-03-20"}]))
    assert "answer given" in e.value.message and "作出答复" in e.value.message_zh


def test_a_2019_code_under_the_2008_rules_says_which_code_to_use():
    bad = {"id": "o", "receipt": {"channel": "in_person", "date": "2018-03-02"},
           "events": [{"type": "answered", "date": "2018-03-05", "outcome": "36-2"}]}
    with pytest.raises(CaseError) as e:
        evaluate(bad, dt.date(2018, 4, 1))
    assert "a code of ogi-2019; under ogi-2008 use 2008-21-1 (within the scope of disclosure, 属于公开范围)" \
        in e.value.message
    assert "2008-22 (partial disclosure)" in e.value.message          # the titles of the allowed codes
    assert "ogi-2008下应使用2008-21-1（属于公开范围）" in e.value.message_zh and "2008-22（部分公开" in e.value.message_zh
    near = {**bad, "events": [{"type": "answered", "date": "2018-03-05", "outcome": "2008-22x"}]}
    with pytest.raises(CaseError, match="did you mean '2008-22'"):
        evaluate(near, dt.date(2018, 4, 1))


def test_a_list_says_which_item_is_wrong(tmp_path):
    p = tmp_path / "cases.yaml"
    p.write_text("- {id: a, receipt: {channel: in_person, date: 2026-03-02}}\n- just a line\n", encoding="utf-8")
    with pytest.raises(CaseError) as e:
        load_cases(p)
    assert "item 2" in e.value.message and "not a text" in e.value.message and "第2项" in e.value.message_zh


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, en, zh", [
    (lambda d: _write(d / "gbk.yaml", "id: 申请\n".encode("gbk")), "not UTF-8 text",
     "不是UTF-8编码的文本"),
    (lambda d: d, "it is a directory", "这是一个文件夹"),
    (lambda d: d / "missing.yaml", "no such file", "文件不存在"),
])
def test_unreadable_files_say_why_in_words(tmp_path, capsys, make, en, zh):
    path = make(tmp_path)
    with pytest.raises(CaseError) as e:
        load_cases(path)
    assert en in e.value.message and zh in e.value.message_zh and "Errno" not in e.value.message
    assert main(["timeline", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert en in json.loads(out)["error"]["message"] and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["timeline"], ["remedies"], ["report", "--year", "2026", "--format", "json"]])
def test_keep_unknown_keys_on_the_command_line(tmp_path, capsys, command):
    p = tmp_path / "c.yaml"
    p.write_text("id: k\ncrm_ticket: A-17\nreceipt: {channel: in_person, date: 2026-03-02}\n"
                 "events: [{type: answered, date: 2026-03-10, outcome: '36-2'}]\n", encoding="utf-8")
    argv = [command[0], str(p), *command[1:], "--json"]
    if command[0] != "report":
        argv += ["--as-of", "2026-06-30"]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "unknown key 'crm_ticket'" in json.loads(out)["error"]["message"]
    assert main(argv + ["--keep-unknown-keys"]) == 0
    json.loads(capsys.readouterr().out)


def test_report_says_which_item_is_wrong(tmp_path, capsys):
    p = tmp_path / "cases.yaml"
    p.write_text("- {id: a, receipt: {channel: in_person, date: 2026-03-02}}\n"
                 "- {id: b, receipt: {channel: in_person, date: 2026-03-02}, calender: cn}\n", encoding="utf-8")
    assert main(["report", str(p), "--year", "2026", "--json"]) == 2
    assert "item 2: case b: unknown key 'calender'" in json.loads(capsys.readouterr().out)["error"]["message"]


def test_a_calendar_of_the_callers_own_is_left_to_the_loader():
    # only a near miss of a bundled calendar is a typo; another id may be on the caller's search path
    assert parse_case(case(calendar="shenzhen-municipal")).calendar == "shenzhen-municipal"
    with pytest.raises(CaseError, match="unknown calendar 'shenzhen-municipal'"):
        evaluate(case(calendar="shenzhen-municipal"), AS_OF)
