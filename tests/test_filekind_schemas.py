"""Issue 12: the newer kinds of rule and calendar file have JSON Schemas too.

Regime folders (regime.yaml, stages.yaml, regime-examples.yaml), assessments,
the published-report rules (sections, phrases, checks, deadlines), labels,
office hours, the statutory holidays and the arrangement principles: every
bundled file names its schema on its first line (for editors), validates
against it, and its loader checks it with that schema (the one its registry
entry names) before its own checks of meaning, with file and line.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
import disclosure_rules.api  # noqa: F401  (registers the kinds of the floors above)
from disclosure_rules import filekinds, labels
from disclosure_rules.calendar import hours_file, principles, statutory
from disclosure_rules.calendar.worktime import load_hours
from disclosure_rules.errors import RuleFileError
from disclosure_rules.published import rulefiles as report_rules
from disclosure_rules.regimes import assessment, files as regime_files
from disclosure_rules.rulefiles import load_bundle
from disclosure_rules.rulefiles.registry import kind_of
from disclosure_rules.rulefiles.schemas import CALENDAR_SCHEMA_NAMES, SCHEMA_NAMES, validate
from disclosure_rules.rulefiles.yamldoc import load_yaml

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
NEWER = {"statuses.yaml", "sections.yaml", "phrases.yaml", "checks.yaml", "deadlines.yaml", "regime.yaml",
         "stages.yaml", "regime-examples.yaml", "assessment.yaml"}


def calendar_side_files():
    """The calendar files that are not calendar folders, with the schema of each."""
    out = [(p, hours_file.SCHEMA) for p in sorted((ROOT / "calendars" / "hours").glob("*.yaml"))]
    return out + [(ROOT / "calendars" / "statutory.yaml", statutory.SCHEMA),
                  (ROOT / "calendars" / "principles.yaml", principles.SCHEMA)]


BUNDLED = [(p, kind_of(p).schema) for p in sorted((ROOT / "rules").rglob("*.yaml")) if p.name in NEWER] \
    + calendar_side_files()


def test_every_newer_kind_has_bundled_files():
    assert {p.name for p, _ in BUNDLED} >= NEWER | {"gansu-jinchang.yaml", "statutory.yaml", "principles.yaml"}
    assert len(BUNDLED) >= 32


@pytest.mark.parametrize("path, schema", BUNDLED, ids=lambda x: str(x.relative_to(ROOT)) if isinstance(x, Path) else x)
def test_bundled_file_names_its_schema_and_validates(path, schema):
    assert schema in SCHEMA_NAMES + CALENDAR_SCHEMA_NAMES
    m = MODELINE.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert m, f"{path}: the first line should be '# yaml-language-server: $schema=...'"
    target = (path.parent / m.group(1)).resolve()
    assert target == (ROOT / "schemas" / f"{schema}.schema.json").resolve() and target.is_file()
    validate(load_yaml(path), schema, path)


def test_the_registry_names_the_schemas_the_loaders_use():
    assert filekinds.LABEL_SCHEMAS == {"statuses.yaml": labels.SCHEMA}
    assert filekinds.REPORT_SCHEMAS == report_rules.SCHEMAS
    assert filekinds.REGIME_SCHEMAS == {**regime_files.SCHEMAS, "assessment.yaml": assessment.SCHEMA}
    for name, schema in {**filekinds.LABEL_SCHEMAS, **filekinds.REPORT_SCHEMAS, **filekinds.REGIME_SCHEMAS}.items():
        assert kind_of(Path(name)).schema == schema


def _copy(tmp_path, rel):
    src = ROOT / rel
    dst = tmp_path / src.name
    shutil.copytree(src, dst) if src.is_dir() else shutil.copy(src, dst)
    return dst


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1     # the line edited


# a comma in an unquoted English text inside {...} splits it into a second key with no value: the
# schemas found ten such silently dropped words in the bundled files (and two in the test data)
COMMA_IN_TEXT = [
    ("rules/court-appearance-jinchang", "regime.yaml", 'en: "judgment, ruling or mediation received"',
     "en: judgment, ruling or mediation received", lambda f: regime_files.load_regime_folder(f)),
    ("rules/proactive", "assessment.yaml", 'en: "overdue, not published"', "en: overdue, not published",
     lambda f: assessment.load_assessment_file(f / "assessment.yaml", f.parent)),
    ("rules/annual-report-2021", "phrases.yaml", 'en: "reviews, other result"', "en: reviews, other result",
     lambda f: report_rules.load_report_rules(f)),
    ("rules/hotline-jinchang", "stages.yaml", "title: {zh: 逾期签收, en: late sign-for}",
     "title: {zh: 逾期签收, en: late, sign-for}", lambda f: regime_files.load_regime_folder(f)),
]


@pytest.mark.parametrize("folder, name, old, new, load", COMMA_IN_TEXT, ids=lambda x: x if isinstance(x, str) else "")
def test_a_comma_in_a_flow_text_is_an_unknown_key_with_its_line(tmp_path, folder, name, old, new, load):
    f = _copy(tmp_path, folder)
    if name == "assessment.yaml":                     # an assessment finds its regimes beside it
        shutil.copytree(ROOT / "rules" / "proactive", tmp_path / "rules" / "proactive")
        f = tmp_path / "rules" / "proactive"
    line = _edit(f / name, old, new)
    with pytest.raises(RuleFileError) as e:
        load(f)
    assert e.value.path.endswith(name) and e.value.line == line
    assert "unknown key" in e.value.message and "不认识的键" in e.value.message_zh


def test_office_hours_are_checked_by_their_schema(tmp_path):
    p = _copy(tmp_path, "calendars/hours/gansu-jinchang.yaml")
    line = _edit(p, 'periods: ["08:30-12:00", "14:30-18:00"]', 'periods: "08:30-12:00"')
    with pytest.raises(RuleFileError) as e:
        load_hours("gansu-jinchang", search_path=[tmp_path])
    assert e.value.line == line and "schedules.0.periods" in e.value.message and "a list" in e.value.message


def test_statutory_holidays_are_checked_by_their_schema(tmp_path):
    p = _copy(tmp_path, "calendars/statutory.yaml")
    line = _edit(p, "days: [{solar: {month: 1, day: 1}}]", "days: [{solar: {month: 1, dy: 1}}]")
    with pytest.raises(RuleFileError) as e:
        statutory.load_texts(str(p))
    assert e.value.line == line and "unknown key 'dy'" in e.value.message and "did you mean 'day'" in e.value.message


def test_arrangement_principles_are_checked_by_their_schema(tmp_path):
    p = _copy(tmp_path, "calendars/principles.yaml")
    # the reproducer of issue 11's mutation test: 'maybe' given a number was an AttributeError
    line = _edit(p, "maybe: {from: 09-26, to: 09-28}", "maybe: 15")
    with pytest.raises(RuleFileError) as e:
        principles.load_principles(str(p))
    assert e.value.line == line and "maybe" in e.value.message


def test_labels_cite_their_basis(tmp_path):
    p = _copy(tmp_path, "rules/labels/statuses.yaml")
    assert labels.load_labels(p)["statuses"]["abandoned"].zh == "视为放弃申请"
    text = p.read_text(encoding="utf-8")
    p.write_text(text[:text.index("\nbasis:")] + text[text.index("\nstatuses:"):], encoding="utf-8")
    with pytest.raises(RuleFileError, match="legal basis"):
        labels.load_labels(p)


def test_the_bundle_loads_with_the_schemas():
    b = load_bundle()
    assert {os.path.basename(f) for f in b.files} >= NEWER
