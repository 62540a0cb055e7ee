"""The message catalogues: every id the code names exists in both languages
with the same placeholders, every entry renders in both, the Chinese words
hold no English other than codes and citations, the English no Chinese other
than instrument names."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from disclosure_rules.messages import LANGS, Text, catalogue, message, render

PACKAGE = Path(__file__).resolve().parent.parent / "disclosure_rules"

# English words a Chinese message may contain: codes the user writes or reads
# as they are (file keys and values, formats, commands), never a word of the
# text.  Each group gives its reason.
_CODE_GROUPS = {
    "a key or value of a rule file, spelled as the file must have it":
        "after all any assessment before breach cases check date day direction due_of en event examples expect "
        "false field grades hours late limits method minute month_of name number operator order param points "
        "rates regime requires resolution score_sheet severity stage stages text time true type unit value "
        "warning zh effective_from effective_to null period supplements mapping parameters periods reason reasons report_row "
        "ruleset article section role",
    "a key or value of a calendar or office-hours file, spelled as the file must have it":
        "adds_nothing_before basis dated days_off doc_no estimate_until extends from to note notice notices partial "
        "saturday sunday title warn_from weekend working_days year alone_on always anchor cn first instrument "
        "length lengths merge principles schedules shapes start_offsets wednesday",
    "a key or value of the statutory holidays file (calendars/statutory.yaml)":
        "days festival festivals in_force lunar lunar_eve solar solar_term texts version",
    "a key of a case or order file, spelled as the file must have it":
        "justified id receipt events regime at type date channel extra applicant calendar local party in_person due",
    "a key of a report record, or an argument of the Python interface, spelled as the caller writes it":
        "layout outcome received records row",
    "the name of a file format or text encoding": "JSON YAML UTF-8 csv json html svg xlsx text txt HTML PDF docx",
    "a placeholder of a command line (what the user writes there)": "DIR NAME FILE TABLE YYYY",
    "a command the user runs, or the package (extra) it installs": "pip install openpyxl pandas pyarrow frame test",
    "a name of the Python interface (a function, a class, an argument) as the caller writes it":
        "RuleBook load_rules evaluate_frame rules case",
    "the id of a bundled rule set, as the user writes it": "ogi-2008 ogi-2019",
    "the id of a bundled office-hours file, as the user writes it": "gansu-jinchang",
    "an option of the Python interface, spelled as the caller writes it": "extra_keys",
    "the command line the user types":
        "disclosure-rules calendar import NOTICE.txt --calendar --estimate-until --dir --doc-no --force --title "
        "timeline --recheck",
    "a key of an assessment's record of a unit (scores, bonus, deductions, vetoes)":
        "bonus deductions each_max each_min items vetoes assessment unit",
    "an argument of the Python interface, spelled as the caller writes it":
        "answered facts no_answer_since review_decided rights_stated as_of calendars errors trace dates nth_request "
        "on pages",
    "an environment variable the user sets": "DISCLOSURE_RULES_TODAY",
    "the missing-date value of numpy and pandas, as they print it": "NaT",
    "a key of a section-three table file (rows, applicant columns)": "rows natural_person",
}
ZH_ALLOWED = {word: reason for reason, words in _CODE_GROUPS.items() for word in words.split()}
# a file name is a code (and so the extension of a name written in Chinese: 名称.yaml)
_FILE_NAME = re.compile(r"[\w-]+\.(yaml|json|jsonl|txt|csv)|yaml")
_OPTION = re.compile(r"--[a-z][a-z-]*")                              # a command-line option is a code
# how a value is written (a date, a time, a duration), and examples of it: codes
_WRITTEN_FORM = re.compile(r"YYYY-MM(-DD(THH:MM)?)?|HH:MM(-HH:MM)?|MM-DD|\d{4}-\d\d-\d\d(T\d\d:\d\d)?|\d+h(\d+min)?|\d+min")

# placeholders only the English shows: the Chinese says the same without them
EN_ONLY = {
    "because": "why a last day moved, as the English reason of that day; the Chinese says it in words (为休息日)",
    "direction": "a period's direction (after, before): the Chinese says it with its verb (起算, 倒数)",
    "detail": "a library's or the system's own English explanation (json, the OS): the Chinese gives the "
              "position or the plain reason instead",
    # the English of a wrong outcome code quotes the answer's Chinese name beside its English one (a test
    # of test_case_keys.py asserts it); the Chinese shows that name once, as {title}
    "zh_title": "the Chinese name of an outcome, quoted in the English only",
}

# placeholders only the Chinese shows: the English already says it
ZH_ONLY = {
    "key_name": "the Chinese names a file key in words beside the key (缺少法律依据（basis）); the English key is "
            "already a word",
}

# messages whose English words contain Chinese: an instrument's official title
EN_ALLOWED = {
    "calendar.coverage.notice_title": "the State Council notice's official title, an instrument name",
}
# Chinese an English message may contain: instrument names, and values a file must have in Chinese
EN_CHINESE = {
    "全国年节及纪念日放假办法": "an instrument's name",
    "清明": "the solar term as the statutory holidays file writes it (solar_term: 清明)",
    "除夕": "an anchor as the principles file writes it (anchor: 除夕)",
    "国办发明电〔2025〕7号": "a notice's document number, a citation",
    "国办函〔2020〕109号": "the fee schedule's document number, a citation",
    "…关于YYYY年…的通知": "how a notice's title reads, quoted so the user can find it in the text",
}

_ENGLISH_WORD = re.compile(r"-{0,2}[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
SAMPLE = "〇"        # a placeholder's sample value: words of neither language


def _placeholders(template: str) -> set[str]:
    return {name for _, name, spec, conv in string.Formatter().parse(template) if name is not None}


def _ids_in_code() -> dict[str, list[tuple[str, int, frozenset[str] | None]]]:
    """Message ids named in the code -> (file, line, keyword names given or None if **values)."""
    found: dict[str, list[tuple[str, int, frozenset[str] | None]]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name == "render" and len(node.args) != 3:      # the site's template render, not a message
                continue
            if name not in ("message", "said", "render") or not isinstance(first, ast.Constant) \
                    or not isinstance(first.value, str):
                continue
            key = ("clock." if name == "said" else "") + first.value
            given = None if name == "render" or any(k.arg is None for k in node.keywords) \
                else frozenset(k.arg for k in node.keywords)
            found.setdefault(key, []).append((str(path.relative_to(PACKAGE)), node.lineno, given))
    return found


def _strings_in_code() -> set[str]:
    out = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
                out.add("clock." + node.value)
    return out


def test_both_catalogues_hold_the_same_ids_and_placeholders():
    en, zh = catalogue("en"), catalogue("zh")
    assert set(en) == set(zh), sorted(set(en) ^ set(zh))
    for key in en:
        one_sided = set(EN_ONLY) | set(ZH_ONLY)
        assert _placeholders(en[key]) - one_sided == _placeholders(zh[key]) - one_sided, key
        assert not _placeholders(en[key]) & set(ZH_ONLY) and not _placeholders(zh[key]) & set(EN_ONLY), key
        for lang in LANGS:
            specs = [(spec, conv) for _, name, spec, conv in string.Formatter().parse(catalogue(lang)[key])
                     if name is not None and (spec or conv)]
            assert not specs, f"{key} ({lang}): values are shown as text, no format spec {specs}"
            assert all(name.isidentifier() for name in _placeholders(catalogue(lang)[key])), key


def test_every_id_the_code_names_exists_with_its_placeholders():
    cat = catalogue("en")
    for key, uses in _ids_in_code().items():
        assert key in cat, f"{key} ({uses[0][0]}:{uses[0][1]}) is not in the catalogues"
        for where, line, given in uses:
            if given is not None:
                needs = _placeholders(cat[key]) | _placeholders(catalogue("zh")[key])
                assert given == needs, f"{where}:{line}: {key} given {sorted(given)}, " \
                                                         f"needs {sorted(needs)}"


def test_every_entry_is_used_by_the_code():
    used = _strings_in_code()
    unused = sorted(key for key in catalogue("en") if key not in used)
    assert not unused


@pytest.mark.parametrize("key", sorted(catalogue("zh")))
def test_chinese_words_hold_no_english_but_codes(key):
    text = _WRITTEN_FORM.sub(SAMPLE, render(key, "zh", {name: SAMPLE for name in _placeholders(catalogue("zh")[key])}))
    words = [w for w in _ENGLISH_WORD.findall(text)
             if w not in ZH_ALLOWED and not _FILE_NAME.fullmatch(w) and not _OPTION.fullmatch(w)]
    assert not words, f"{key}: {text}"


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_english_words_hold_no_chinese_but_instrument_names(key):
    text = render(key, "en", {name: SAMPLE for name in _placeholders(catalogue("en")[key])})
    for allowed in EN_CHINESE:
        text = text.replace(allowed, "")
    assert key in EN_ALLOWED or not _CHINESE.search(text), f"{key}: {text}"


def test_values_are_shown_in_the_language_of_the_text():
    import datetime as dt
    where = Text("case A-1, event 2", "案件A-1第2个事件")
    text = message("calendar.coverage.before", what=where, first=dt.date(2004, 1, 1), year=2003, calendar="cn")
    assert text.en.startswith("case A-1, event 2 is before 2004-01-01")
    assert text.zh.startswith("案件A-1第2个事件早于日历“cn”覆盖的第一天2004-01-01")
    en, zh = text
    assert (en, zh) == (text.text("en"), text.text("zh"))


EXAMPLES = sorted((PACKAGE.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_chinese_timeline_names_channels_statuses_events_and_outcomes_in_chinese(path):
    """Every bundled example case read in Chinese: the only English left is the ids of the case's own data
    (its id, the rule sets and calendar applied, the violation codes), never a channel, status, event,
    outcome or party id."""
    import datetime as dt

    from disclosure_rules import evaluate, load_cases
    from disclosure_rules.explain import render_text

    for case in load_cases(path):
        r = evaluate(case, as_of=dt.date(2026, 12, 1))
        codes = {r.id, r.calendar, *r.rules_applied, *(v.code for v in r.violations)}
        text = render_text(r, "zh")
        words = {w for w in _ENGLISH_WORD.findall(text) if w not in codes and not _WRITTEN_FORM.fullmatch(w)}
        assert not words, f"{path.name}: {sorted(words)}\n{text}"
