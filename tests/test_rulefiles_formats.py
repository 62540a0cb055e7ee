"""The file formats: every bundled rule file names its schema for editors, the
schemas share their parts through $defs, the registry knows every file, and
the libyaml loader gives the same data and lines as the pure-Python one."""

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from disclosure_rules.rulefiles import FILE_KINDS, load_bundle
from disclosure_rules.rulefiles.registry import kind_of
from disclosure_rules.rulefiles.schemas import (CALENDAR_SCHEMA_NAMES, SCHEMA_NAMES, load_schema, schemas_dir,
                                                validate)
from disclosure_rules.rulefiles.yamldoc import Map, Seq, load_yaml, parse_yaml

RULE_FILES = sorted((ROOT / "rules").rglob("*.yaml"))
ALL_YAML = RULE_FILES + sorted((ROOT / "calendars").rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))
# every rule file has a schema: the core kinds', and those the floors above register (regimes, published
# reports, labels); the calendar side files have theirs (the calendar folders are read by calendar/files.py)
SCHEMA_FILES = [p for p in RULE_FILES if kind_of(p).schema]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rule_file_names_its_schema(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = MODELINE.match(first)
    assert m, f"{path}: first line should be '# yaml-language-server: $schema=...'"
    target = (path.parent / m.group(1)).resolve()
    assert target.is_file() and target.parent == (ROOT / "schemas").resolve()
    assert target.name == f"{kind_of(path).schema}.schema.json"


def _defines_a_basis(node):
    """Whether a schema (part) defines the basis itself: an object with instrument and article."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and {"instrument", "article"} <= set(props):
            return True
        return any(_defines_a_basis(v) for v in node.values())
    return isinstance(node, list) and any(_defines_a_basis(v) for v in node)


def test_schemas_share_their_parts():
    core = {k.schema for k in FILE_KINDS}
    texts = {n: (ROOT / "schemas" / f"{n}.schema.json").read_text(encoding="utf-8")
             for n in (*SCHEMA_NAMES, *CALENDAR_SCHEMA_NAMES)}
    assert sum(t.count('"instrument"') for n, t in texts.items() if n in core) <= 2   # the basis is defined once
    assert not [n for n, t in texts.items() if _defines_a_basis(json.loads(t))]        # ... and only in common
    assert all("common.schema.json#/$defs/basis" in t or "common.schema.json#/$defs/bases" in t
               for t in texts.values() if '"basis"' in t)
    assert sum(len(t.splitlines()) for n, t in texts.items() if n in core) < 1500     # 3,774 lines before
    assert sum(len(t.splitlines()) for n, t in texts.items() if n not in core) < 1500  # the newer kinds
    assert schemas_dir().resolve() == (ROOT / "schemas").resolve()


def test_every_schema_is_valid_json_schema():
    import jsonschema
    for name in (*SCHEMA_NAMES, *CALENDAR_SCHEMA_NAMES, "common"):
        jsonschema.Draft202012Validator.check_schema(load_schema(name))


def test_registry_names_one_kind_per_file_name():
    names = [k.name for k in FILE_KINDS]
    assert len(names) == len(set(names))
    registered = {kind_of(p).schema for p in RULE_FILES if kind_of(p).name not in names} - {""}
    assert {k.schema for k in FILE_KINDS} | registered == set(SCHEMA_NAMES)


def test_bundle_reads_every_rule_file():
    b = load_bundle()
    assert sorted(b.files) == sorted(str(p.relative_to(ROOT / "rules")) for p in RULE_FILES)
    assert set(b.outcomes) == {"ogi-2008", "ogi-2019"}
    assert b.only("fees").per_request and b.only("report").rows and b.only("remedies")["after_answer"]
    assert b.book.rulesets["ogi-2019"].outcomes is b.outcomes["ogi-2019"]
    assert load_bundle() is b                                                # the bundled tree is loaded once


def test_unknown_file_name_has_a_did_you_mean(tmp_path):
    import shutil
    from disclosure_rules.errors import RuleFileError
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / "rules" / "ogi-2019" / "periods.yaml").rename(tmp_path / "rules" / "ogi-2019" / "period.yaml")
    with pytest.raises(RuleFileError, match=r"period\.yaml.*did you mean 'periods\.yaml'"):
        load_bundle(tmp_path / "rules")


def _plain(x):
    """Data and lines of a parsed document, as plain values to compare."""
    if isinstance(x, Map):
        return ("map", x.line, {k: (x.line_of(k), _plain(v)) for k, v in x.items()})
    if isinstance(x, Seq):
        return ("seq", x.line, [(x.line_of(i), _plain(v)) for i, v in enumerate(x)])
    return (type(x).__name__, x)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_gives_the_same_data_and_lines(path):
    text = path.read_text(encoding="utf-8")
    assert _plain(parse_yaml(text, str(path))) == _plain(parse_yaml(text, str(path), pure_python=True))


def test_lines_point_at_the_keys():
    doc = parse_yaml("a: 1\nb:\n  c: [x,\n    y]\n  d:\n    - 1\n    - {e: 2}\n")
    assert (doc.line_of("a"), doc.line_of("b"), doc["b"].line_of("c"), doc["b"]["d"].line_of(1)) == (1, 2, 3, 7)
    assert doc["b"]["d"][1].line == 7 and doc.path == "<string>"


def test_every_bundled_file_validates():
    for path in SCHEMA_FILES:
        validate(load_yaml(path), kind_of(path).schema, path)
    json.dumps(load_schema("clock-rules"))
    assert Path(schemas_dir()).is_dir()
