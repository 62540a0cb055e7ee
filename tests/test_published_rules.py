"""The report-checking rule files: loaded by ``disclosure-rules check``, and a mistake in
one is reported with its file and line."""

import shutil
import sys

import pytest

from disclosure_rules.errors import RuleFileError
from disclosure_rules.published import check_report, load_report_rules, read_report
from disclosure_rules.report import ReportError
from disclosure_rules.rulebook import bundled_rules_dir
from published_helpers import DATA


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(bundled_rules_dir() / "annual-report-2021", tmp_path / "ar")
    return tmp_path / "ar"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if not new.strip():
        return None
    first = new.strip().splitlines()[0].strip()
    return next(i for i, line in enumerate(text.replace(old, new, 1).splitlines(), 1) if first in line)


def test_every_check_has_a_basis_and_a_severity():
    rules = load_report_rules()
    assert {"balance", "s4_total", "text_vs_table", "carried_over", "published_late"} <= set(rules.checks)
    for c in rules.checks.values():
        assert c.basis and c.severity in ("error", "warning", "info") and c.zh and c.en


def test_a_wrong_severity_names_file_and_line(folder):
    line = _edit(folder / "checks.yaml", "    severity: warning\n    basis: {instrument: 政府信息公开条例（2019）, article: \"50\"",
                 "    severity: fatal\n    basis: {instrument: 政府信息公开条例（2019）, article: \"50\"")
    with pytest.raises(RuleFileError) as err:
        load_report_rules(folder)
    assert "checks.yaml" in str(err.value.path) and err.value.line == line
    assert "严重程度" in err.value.message_zh


def test_a_check_without_basis_is_refused(folder):
    _edit(folder / "checks.yaml", "    basis: {instrument: 国办公开办函〔2021〕30号, section: 附件 四, text: 结果维持 结果纠正 其他结果 尚未审结 总计}\n", "")
    with pytest.raises(RuleFileError, match="legal basis"):
        load_report_rules(folder)


def test_a_phrase_file_without_figures_is_refused(folder):
    _edit(folder / "phrases.yaml", "figures:", "figurez:")
    with pytest.raises(RuleFileError, match="figures"):
        load_report_rules(folder)


def test_previous_must_be_last_year():
    this, other = read_report(DATA / "shuyang-county-2025.md"), read_report(DATA / "shuyang-drc-2023.html")
    with pytest.raises(ReportError, match="2023, not 2024"):
        check_report(this, other)


def test_progress_bar_on_a_terminal(monkeypatch):
    from disclosure_rules.cli import report_check
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = report_check._progress([1, 2])
    assert type(bar).__name__ == "tqdm" and list(bar) == [1, 2]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert report_check._progress([1]) == [1]
