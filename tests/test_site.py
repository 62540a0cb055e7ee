"""`disclosure-rules rulebook`: every value of the rule files on its page, in
the element that names its file and key; pages that parse as HTML5; a
changed rule is a changed page; nothing fetched from outside the site."""

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from disclosure_rules.cli import main
from conftest import ROOT
from site_pages import assert_cites, at, bases, one, parse, plain, text

RULES = ROOT / "rules"
LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    assert main(["rulebook", "--out", str(out)]) == 0
    return out


def rule_folders():
    return sorted(p.parent for p in RULES.rglob("ruleset.yaml"))


def docs(folder):
    """Each YAML file of a rule folder, read here independently of the engine."""
    return {p.relative_to(RULES).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            for p in sorted(folder.glob("*.yaml"))}


def leaves(node):
    if "all" in node or "any" in node:
        return [c for sub in node.get("all", node.get("any")) for c in leaves(sub)]
    return [node]


def page(site, lang, rid):
    return parse(site / lang / "rules" / f"{rid}.html")


@pytest.mark.parametrize("folder", rule_folders(), ids=lambda p: p.name)
@pytest.mark.parametrize("lang", LANGS)
def test_every_period_parameter_and_citation_on_its_page(site, folder, lang):
    root = page(site, lang, folder.name)
    checked = 0
    for file, doc in docs(folder).items():
        for k, p in (doc.get("periods") or {}).items():
            assert text(one(root, file, f"periods.{k}.workdays")) == str(p["workdays"])
            checked += 1
        for k, p in (doc.get("parameters") or {}).items():
            els = at(root, file, f"parameters.{k}.value")
            if p["value"] is not None:       # a value, or a convention in words that carries it in data-value
                assert els and all(plain(p["value"]) in (text(e), e.get("data-value")) for e in els), (k, els)
                assert any(text(e) == plain(p["value"]) for e in els)
            else:
                assert els and text(els[0])
            if p.get("reason"):
                assert " ".join(str(p["reason"]).split()) in " ".join(text(one(root, file, f"parameters.{k}.reason")).split())
        for code, v in (doc.get("violations") or {}).items():
            shown = text(one(root, file, f"violations.{code}.when"))
            for c in leaves(v["when"]):
                value = c["value"]
                if isinstance(value, dict):                      # {period: KEY}: that period's working days
                    value = next(d["periods"][value["period"]]["workdays"] for d in docs(folder).values()
                                 if value["period"] in (d.get("periods") or {}))
                assert f"{c['name']} {c['operator']} {plain(value)}" in shown, (code, shown)
        sections = {s: doc.get(s) or {} for s in ("periods", "parameters", "receipt", "events", "violations")}
        if "ruleset" in doc:
            sections["ruleset"] = {None: doc["ruleset"]}
        for section, items in sections.items():
            for k, node in items.items():
                key = section if k is None else f"{section}.{k}"
                for i, b in enumerate(bases(node)):
                    assert_cites(root, file, f"{key}.basis.{i}", b)
                    checked += 1
                for pk, party in (node.get("parties") or {}).items() if section == "events" else ():
                    for i, b in enumerate(bases(party)):
                        assert_cites(root, file, f"{key}.parties.{pk}.basis.{i}", b)
    assert checked > 0


@pytest.mark.parametrize("folder", [f for f in rule_folders() if (f / "examples.yaml").is_file()], ids=lambda p: p.name)
def test_every_example_on_its_page_with_its_expected_values(site, folder):
    file = (folder / "examples.yaml").relative_to(RULES).as_posix()
    examples = yaml.safe_load((folder / "examples.yaml").read_text(encoding="utf-8"))["examples"]
    for lang in LANGS:
        for root in (page(site, lang, folder.name), parse(site / lang / "examples.html")):
            for i, ex in enumerate(examples):
                el = one(root, file, f"examples.{i}")
                assert ex["name"] in text(el) and el.get("data-passed") == "true"
                if ex.get("note"):                                # how it was counted by hand
                    assert text(one(el, file, f"examples.{i}.note")) == ex["note"]
                for j, b in enumerate(bases(ex)):
                    assert_cites(el, file, f"examples.{i}.basis.{j}", b)
                for k, v in ex["expect"].items():
                    assert text(one(root, file, f"examples.{i}.expect.{k}")) == plain(v)


@pytest.mark.parametrize("version", ["ogi-2019", "ogi-2008"])
def test_every_outcome_with_what_it_must_state_and_its_report_row(site, version):
    file = f"{version}/outcomes.yaml"
    doc = yaml.safe_load((RULES / file).read_text(encoding="utf-8"))
    for lang in LANGS:
        root = parse(site / lang / "outcomes" / f"{version}.html")
        for section in ("outcomes", "closures"):
            for code, o in doc[section].items():
                row = o["report_row"]
                el = one(root, file, f"{section}.{code}.report_row")
                if isinstance(row, str):
                    assert text(el) == row
                for i, e in enumerate(o.get("must_state") or []):
                    assert text(one(root, file, f"{section}.{code}.must_state.{i}")) == e[lang]
                if "when" in o:                                  # the conditions as the file writes them
                    shown = text(one(root, file, f"{section}.{code}.when"))
                    for c in leaves(o["when"]):
                        assert f"{c['name']} {c['operator']} {plain(c['value'])}" in shown
                for i, b in enumerate(bases(o)):
                    assert_cites(root, file, f"{section}.{code}.basis.{i}", b)
        for i, e in enumerate(doc.get("remedies_to_state") or []):
            assert text(one(root, file, f"remedies_to_state.{i}")) == e[lang]


def test_open_questions_include_the_report_mappings(site):
    for version in ("ogi-2019", "ogi-2008"):
        file = f"{version}/outcomes.yaml"
        doc = yaml.safe_load((RULES / file).read_text(encoding="utf-8"))
        for lang in LANGS:
            root = parse(site / lang / "questions.html")
            for k, mp in (doc.get("report_mapping") or {}).items():
                assert text(one(root, file, f"report_mapping.{k}.value")) == mp["value"]
                assert text(one(root, file, f"report_mapping.{k}.reason")) == " ".join(mp["reason"].split())
                for i, b in enumerate(bases(mp)):
                    assert_cites(root, file, f"report_mapping.{k}.basis.{i}", b)


def test_jinchang_correction_period_against_the_national_reasonable_period(site):
    """Done when: the correction period of Jinchang, 10 working days against the
    national "reasonable period", its article and the example that tests it."""
    root = page(site, "zh", "gansu-jinchang")
    change = next(e for e in root.iter() if e.get("id") == "change-correction_period")
    local = one(change, "local/gansu-jinchang/ruleset.yaml", "parameters.correction_period.value")
    national = one(change, "ogi-2019/periods.yaml", "parameters.correction_period.value")
    assert text(local) == "10" and "未规定" in text(national)
    assert "合理的补正期限" in text(one(change, "ogi-2019/periods.yaml", "parameters.correction_period.basis.0"))
    assert "10个工作日" in text(one(change, "local/gansu-jinchang/ruleset.yaml", "parameters.correction_period.basis.0"))
    ex = one(root, "local/gansu-jinchang/examples.yaml", "examples.0")
    assert text(one(ex, "local/gansu-jinchang/examples.yaml", "examples.0.expect.applicant_due")) == "2026-10-20"
    sheet = next(a.get("href") for a in ex.iter("a") if "sheets/" in (a.get("href") or ""))
    assert (site / "zh" / "rules" / sheet).resolve().is_file()


def test_versions_side_by_side(site):
    root = parse(site / "en" / "versions.html")
    row = next(e for e in root.iter() if e.get("id") == "periods-reply")
    assert text(one(row, "ogi-2019/periods.yaml", "periods.reply.workdays")) == "20"
    assert text(one(row, "ogi-2008/periods.yaml", "periods.reply.workdays")) == "15"


def test_index_lists_every_rule_set_with_its_dates(site):
    root = parse(site / "zh" / "index.html")
    for folder in rule_folders():
        file = (folder / "ruleset.yaml").relative_to(RULES).as_posix()
        head = yaml.safe_load((folder / "ruleset.yaml").read_text(encoding="utf-8"))["ruleset"]
        if head.get("effective_from"):
            assert text(one(root, file, "ruleset.effective_from")) == plain(head["effective_from"])


def test_calendar_year_grid(site):
    root = parse(site / "zh" / "calendars" / "cn-2026.html")
    assert one(root, "cn/2026.yaml", "2026-10-01").get("data-kind") == "day_off"
    assert one(root, "cn/2026.yaml", "2026-10-10").get("data-kind") == "make_up_workday"
    assert sum(1 for e in root.iter("td") if e.get("data-kind")) == 365
    gx = parse(site / "zh" / "calendars" / "cn-gx-2026.html")
    assert one(gx, "cn-gx/2026.yaml", "2026-04-17").get("data-kind") == "day_off"
    # 2021, imported from its notice, is drawn like any year
    gx21 = parse(site / "zh" / "calendars" / "cn-gx-2021.html")
    assert one(gx21, "cn-gx/2021.yaml", "2021-04-16").get("data-kind") == "day_off"


def test_a_year_without_data_is_listed_as_a_gap(tmp_path):
    import shutil
    from disclosure_rules.calendar import bundled_calendars_dir
    cals = tmp_path / "calendars"
    shutil.copytree(bundled_calendars_dir() / "cn-gx", cals / "cn-gx")
    (cals / "cn-gx" / "2021.yaml").unlink()
    out = tmp_path / "site"
    assert main(["rulebook", "--out", str(out), "--calendars", str(cals)]) == 0
    assert not (out / "zh" / "calendars" / "cn-gx-2021.html").exists()
    assert "2021" in text(next(e for e in parse(out / "zh" / "calendars" / "cn-gx.html").iter() if e.get("class") == "gap"))


def test_estimated_year_drawn_as_such(tmp_path):
    assert main(["rulebook", "--out", str(tmp_path), "--estimate-until", "2027"]) == 0
    root = parse(tmp_path / "en" / "calendars" / "cn-2027.html")
    assert any(e.get("class") == "estimated-note" for e in root.iter())
    assert any(e.get("data-kind") == "estimated_day_off" for e in root.iter("td"))


def test_every_page_parses_and_every_link_stays_in_the_site(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for p in pages:
        root = parse(p)
        for el in root.iter():
            for attr in ("href", "src"):
                url = el.get(attr)
                if url is None:
                    continue
                parts = urlsplit(url)
                assert not parts.scheme and not parts.netloc, f"{p}: {url}"
                if parts.path:
                    assert (p.parent / parts.path).resolve().is_file(), f"{p}: broken link {url}"
    assert not re.search(r"https?://", (site / "static" / "site.css").read_text(encoding="utf-8"))


def test_every_page_has_its_other_language(site):
    for lang, other in (("zh", "en"), ("en", "zh")):
        for p in (site / lang).rglob("*.html"):
            counterpart = site / other / p.relative_to(site / lang)
            assert counterpart.is_file()


def test_search_index_is_a_script_over_every_rule(site):
    js = (site / "static" / "search-zh.js").read_text(encoding="utf-8")
    m = re.match(r"/\*.*?\*/\s*window\.RULEBOOK_INDEX = (.*);\s*$", js, re.S)
    entries = json.loads(m.group(1))
    hit = [e for e in entries if "correction_period" in e["text"] and "gansu-jinchang" in e["text"]]
    assert hit and all((site / "zh" / e["url"].split("#")[0]).is_file() for e in entries)
    root = parse(site / "zh" / "index.html")
    search = next(e for e in root.iter() if e.get("id") == "search")
    assert search.get("hidden") is not None              # shown by the script; the page reads without it


def test_a_changed_value_in_a_copy_of_the_rules_shows_on_the_page(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    p = rules / "ogi-2019" / "periods.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    workdays: 7\n", "    workdays: 8\n"), encoding="utf-8")
    out = tmp_path / "site"
    assert main(["rulebook", "--out", str(out), "--rules", str(rules)]) == 0
    for lang in LANGS:
        assert text(one(page(out, lang, "ogi-2019"), "ogi-2019/periods.yaml", "periods.correction_notice.workdays")) == "8"


def test_a_failing_example_is_shown_failing_and_exits_1(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    p = rules / "ogi-2019" / "periods.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    workdays: 20\n", "    workdays: 21\n", 1), encoding="utf-8")
    out = tmp_path / "site"
    assert main(["rulebook", "--out", str(out), "--rules", str(rules), "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is False and summary["failed"] > 0
    ex = one(page(out, "en", "ogi-2019"), "ogi-2019/examples.yaml", "examples.0")
    assert ex.get("data-passed") == "false" and "due: expected 2026-11-03" in text(ex)


def test_text_from_a_rule_file_is_escaped(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    p = rules / "local" / "gansu-jinchang" / "ruleset.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("reason: The guide", "reason: <script>alert(1)</script> The guide"),
                 encoding="utf-8")
    out = tmp_path / "site"
    assert main(["rulebook", "--out", str(out), "--rules", str(rules)]) == 0
    root = page(out, "zh", "gansu-jinchang")
    assert not list(root.iter("script"))
    assert "<script>alert(1)</script>" in text(one(root, "local/gansu-jinchang/ruleset.yaml",
                                                   "parameters.correction_period.reason"))


def test_a_bad_rules_folder_is_one_line_exit_2(tmp_path, capsys):
    assert main(["rulebook", "--out", str(tmp_path / "s"), "--rules", str(tmp_path / "none")]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "rules" in err


@pytest.mark.parametrize("lang", LANGS)
def test_fees_remedies_and_report_table_with_their_citations(site, lang):
    root = parse(site / lang / "other.html")
    units = {"zh": {"days": "日", "months": "个月", "years": "年"}, "en": {"days": "days", "months": "months", "years": "years"}}
    file = "remedies/remedies.yaml"
    r = yaml.safe_load((RULES / file).read_text(encoding="utf-8"))["remedies"]
    for group in ("after_answer", "after_review", "after_no_answer"):
        for i, e in enumerate(r[group]):
            for k, v in enumerate(sorted(e["period"], key=lambda v: v["from"])):   # each version of the law
                if not v.get("value"):
                    continue
                (unit, n), = v["value"].items()
                assert text(one(root, file, f"remedies.{group}.{i}.period.{k}")) == f"{n} {units[lang][unit]}"
                for j, b in enumerate(bases(v)):
                    assert_cites(root, file, f"remedies.{group}.{i}.period.{k}.basis.{j}", b)
    for j, b in enumerate([b for v in r["roll"] for b in bases(v)]):
        assert_cites(root, file, f"remedies.roll.basis.{j}", b)
    file = "fees-2020/fees.yaml"
    f = yaml.safe_load((RULES / file).read_text(encoding="utf-8"))["fees"]
    for method in ("per_request", "per_page"):
        for i, t in enumerate(f[method]["tiers"]):
            row = text(one(root, file, f"fees.{method}.tiers.{i}"))
            assert t["text"] in row and str(t.get("yuan", t.get("first_yuan"))) in row
        for j, b in enumerate(bases(f[method])):
            assert_cites(root, file, f"fees.{method}.basis.{j}", b)
    file = "annual-report-2021/table.yaml"
    t = yaml.safe_load((RULES / file).read_text(encoding="utf-8"))["table"]
    for i, row in enumerate(t["rows"]):
        assert row[lang] in text(one(root, file, f"table.rows.{i}"))
    for j, b in enumerate(bases(t)):
        assert_cites(root, file, f"table.basis.{j}", b)


def test_every_label_of_the_pages_is_a_zh_en_pair():
    """labels.yaml: each word of the pages in Chinese and English, nothing else (an unquoted comma
    in a YAML flow mapping silently makes a second key)."""
    from disclosure_rules.site.render import HERE
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    bad = {k: v for k, v in labels.items() if set(v) != {"zh", "en"} or not all(v.values())}
    assert bad == {}
