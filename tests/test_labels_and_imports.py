"""Issue 11: the Chinese timeline names channels, statuses and events in
Chinese, from the rule files; disclosure_rules.testing without hypothesis
says what to install."""

import importlib
import sys

import pytest

from disclosure_rules.cli import main
from disclosure_rules.labels import channel_label, status_label, step_label
from disclosure_rules.api import load_bundle


def test_names_come_from_the_rule_files():
    assert channel_label("online", "zh", ["ogi-2019"]) == "互联网渠道" and channel_label("online", "en", ["ogi-2019"]) == "online"
    assert channel_label("online", "zh", ["ogi-2008"]) == "互联网渠道（电子邮件）"
    assert step_label("extension_notified", "zh") == "告知延长答复期限"      # events.yaml title
    assert step_label("fee_notice_received", "zh") == "申请人收到收费通知"   # fees-2020/clock.yaml title
    assert step_label("receipt", "zh") == "收到申请" and status_label("overdue", "zh") == "已逾期未答复"
    assert status_label("something_new", "zh") == "something_new"          # no name: the id as it is
    assert "labels/statuses.yaml" in load_bundle().files and "labels/statuses.yaml" in load_bundle().extensions


def test_chinese_timeline_shows_chinese_names(tmp_path, capsys):
    p = tmp_path / "c.yaml"
    p.write_text("id: z\nreceipt: {channel: online, submitted: 2026-03-01, confirmed: 2026-03-02}\n"
                 "events: [{type: extension_notified, date: 2026-03-20, workdays: 10}]\n", encoding="utf-8")
    assert main(["timeline", str(p), "--as-of", "2026-06-30", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "收到（互联网渠道）" in out and "已逾期" in out
    assert "告知延长答复期限" in out.split("\n", 6)[-1] and "extension_notified" not in out and "online" not in out
    assert main(["timeline", str(p), "--as-of", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert "received 2026-03-02 (online)" in out and "extension_notified" in out


def test_testing_without_hypothesis_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "hypothesis", None)     # as if it were not installed
    monkeypatch.delitem(sys.modules, "disclosure_rules.testing", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'disclosure-rules\[test\]'"):
        importlib.import_module("disclosure_rules.testing")
    monkeypatch.undo()
    importlib.import_module("disclosure_rules.testing")
