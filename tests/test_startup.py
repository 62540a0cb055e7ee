"""Start-up (issue 13): what a process imports and reads, and that the checks it
skips are only those of unchanged bundled files.  Timings are in
benchmarks/startup.py, not here."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from disclosure_rules.errors import RuleFileError
from disclosure_rules.rulefiles import cache, schemas, validated
from disclosure_rules.rulefiles.yamldoc import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jsonschema", "jinja2", "opencc", "holidays", "tqdm", "business_rules", "pandas", "numpy",
         "disclosure_rules.api", "disclosure_rules.regimes.engine", "disclosure_rules.report")


# what the timeline of one case needs none of (a module of the library, or the standard library's)
NOT_FOR_ONE_CASE = ("zoneinfo", "shutil", "decimal", "disclosure_rules.clock.fast")


def _imported_after(code: str, names: tuple[str, ...] = HEAVY) -> list[str]:
    """The modules of ``names`` (the heavy ones) a fresh process has imported after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(m for m in {names!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"PATH": "", "DISCLOSURE_RULES_TODAY": "2026-12-01"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_disclosure_rules_loads_no_heavy_module():
    assert _imported_after("import disclosure_rules") == []


def test_workdays_add_imports_only_the_calendar():
    code = ("import io, contextlib\nfrom disclosure_rules.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['workdays', 'add', '2026-03-02', '20']) == 0")
    assert _imported_after(code) == []


def test_timeline_does_not_import_the_schema_checker_for_bundled_rules():
    code = ("import io, contextlib\nfrom disclosure_rules.rulefiles import validated\n"
            "from disclosure_rules.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['timeline', 'examples/2026-0001-full.yaml', '--as-of', '2026-12-01']) == 0\n"
            "validated.save()\n")
    _imported_after(code)                        # the first run may check and record the bundled files
    imported = _imported_after(code)
    assert "jsonschema" not in imported and "disclosure_rules.api" not in imported


def test_timeline_of_one_case_imports_no_heavy_module():
    # business-rules too: the clock's conditions are compiled (clock/compiled.py), classify is not on the path
    code = ("import io, contextlib\nfrom disclosure_rules.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['timeline', 'examples/2026-0001-full.yaml', '--as-of', '2026-12-01']) == 0\n")
    _imported_after(code)
    assert _imported_after(code, HEAVY + NOT_FOR_ONE_CASE) == []


@pytest.mark.parametrize("columns", [None, "100", "0", "abc", "-3", "33"])
def test_the_help_is_as_wide_as_argparse_makes_it(columns, monkeypatch):
    import argparse

    from disclosure_rules.cli import build_parser, terminal_columns
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    parser = build_parser()
    timeline = parser._subparsers._group_actions[0].choices["timeline"]
    ours = [parser.format_help(), timeline.format_help()]
    parser.formatter_class = timeline.formatter_class = argparse.HelpFormatter
    assert [parser.format_help(), timeline.format_help()] == ours


def test_the_digest_is_sha256():
    from disclosure_rules.data.digest import sha256
    for data in (b"", b"abc", bytes(range(256)) * 99):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    h = sha256()
    h.update(b"a")
    h.update(b"b")
    assert h.hexdigest() == hashlib.sha256(b"ab").hexdigest() and h.digest() == hashlib.sha256(b"ab").digest()


def test_beijing_time_is_the_asia_shanghai_zone_since_1991():
    import datetime as dt
    import zoneinfo

    from disclosure_rules.calendar.today import BEIJING
    try:
        zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database on this machine")
    start = dt.datetime(1991, 9, 15, tzinfo=dt.timezone.utc)
    for hours in range(0, 60 * 366 * 24, 97):                     # every 97 hours for 60 years
        moment = start + dt.timedelta(hours=hours)
        assert moment.astimezone(BEIJING).replace(tzinfo=None) == moment.astimezone(zone).replace(tzinfo=None)


def test_public_names_are_the_same_objects_as_before():
    import disclosure_rules.recheck  # noqa: F401
    import disclosure_rules.remedies  # noqa: F401
    from disclosure_rules import api
    assert disclosure_rules.evaluate is api.evaluate
    assert callable(disclosure_rules.recheck) and disclosure_rules.recheck.__module__ == "disclosure_rules.recheck"
    assert disclosure_rules.remedies is api.remedies
    assert set(disclosure_rules.__all__) <= set(dir(disclosure_rules))
    with pytest.raises(AttributeError):
        disclosure_rules.no_such_name  # noqa: B018


def test_load_rules_then_load_bundle_share_one_book():
    from disclosure_rules.rulebook import load_rules
    from disclosure_rules.rulefiles import load_bundle
    book = load_rules()
    bundle = load_bundle()
    assert bundle.book is book and bundle.book.rulesets["ogi-2019"].outcomes is bundle.outcomes["ogi-2019"]


def test_cli_parser_of_one_command_is_the_same_as_of_all():
    from disclosure_rules.cli import build_parser
    argv = ["timeline", "examples/2026-0001-full.yaml", "--as-of", "2026-12-01", "--json"]
    assert str(vars(build_parser(argv).parse_args(argv))) == str(vars(build_parser().parse_args(argv)))


# ----------------------------------------------------------------------------- the record of checked files

@pytest.fixture
def record(tmp_path, monkeypatch):
    """A fresh record in tmp_path, and a count of the schema checks run."""
    monkeypatch.setenv("DISCLOSURE_RULES_CACHE_DIR", str(tmp_path / "record"))
    validated.forget()
    cache.clear()
    calls = []
    real = schemas.validate

    def counting(doc, name, path):
        calls.append(Path(path).name)
        return real(doc, name, path)
    monkeypatch.setattr(cache, "validate", counting)
    yield calls
    validated.forget()
    cache.clear()


def _fees_file() -> Path:
    return next((ROOT / "rules").rglob("fees.yaml"))


def test_an_unchanged_bundled_file_is_checked_once(record):
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    path = _fees_file()
    load_fee_schedule(path)
    assert record == ["fees.yaml"]
    assert validated.save() is not None
    validated.forget()                           # as a new process: reads the record
    cache.clear()
    load_fee_schedule(path)
    assert record == ["fees.yaml"]               # not checked again


def test_a_changed_bundled_file_is_checked_again_and_its_mistake_reported(record, tmp_path, monkeypatch):
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    monkeypatch.setattr(validated, "_roots", lambda: (copy.resolve(),))   # the copy is "the bundled data"
    path = next(copy.rglob("fees.yaml"))
    load_fee_schedule(path)
    validated.save()
    validated.forget()
    cache.clear()
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.lstrip().startswith("basis:"))
    lines.insert(n, " " * (len(lines[n]) - len(lines[n].lstrip())) + "bassis: typo")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_fee_schedule(path)
    assert record == ["fees.yaml", "fees.yaml"]
    assert (err.value.path, err.value.line) == (str(path), n + 1) and "bassis" in str(err.value)


def test_a_users_file_is_always_checked(record, tmp_path):
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    load_fee_schedule(_fees_file())
    validated.save()
    user = tmp_path / "fees.yaml"
    shutil.copy(_fees_file(), user)              # the same bytes as a recorded bundled file
    for _ in range(2):
        validated.forget()
        cache.clear()
        load_fee_schedule(user)
    assert record == ["fees.yaml"] * 3


def test_an_unreadable_or_foreign_record_is_ignored(record, tmp_path):
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    folder = tmp_path / "record"
    folder.mkdir()
    (folder / validated.RECORD).write_text("not json", encoding="utf-8")
    load_fee_schedule(_fees_file())
    (folder / validated.RECORD).write_text(json.dumps({"validated": ["0" * 64]}), encoding="utf-8")
    validated.forget()
    cache.clear()
    load_fee_schedule(_fees_file())
    assert record == ["fees.yaml", "fees.yaml"]


def test_an_empty_cache_dir_setting_records_nothing(record, monkeypatch):
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    monkeypatch.setenv("DISCLOSURE_RULES_CACHE_DIR", "")
    load_fee_schedule(_fees_file())
    assert validated.save() is None
    validated.forget()
    cache.clear()
    load_fee_schedule(_fees_file())
    assert record == ["fees.yaml", "fees.yaml"]


def test_a_bundled_file_is_told_by_where_its_links_lead(tmp_path, monkeypatch):
    fees = _fees_file()
    outside = tmp_path / "fees.yaml"
    outside.write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "to-bundled.yaml").symlink_to(fees)
    (tmp_path / "rules-link").symlink_to(ROOT / "rules")
    inside = ROOT / "rules" / ".startup-test-link.yaml"
    inside.symlink_to(outside)
    try:
        paths = [fees, ROOT / "rules", ROOT / "calendars" / "cn" / "2026.yaml", outside, tmp_path / "to-bundled.yaml",
                 tmp_path / "rules-link" / fees.relative_to(ROOT / "rules"), inside,
                 ROOT / "rules" / ".." / "examples" / "2026-0001-full.yaml", "examples/2026-0001-full.yaml",
                 "rules/ogi-2019/events.yaml"]
        monkeypatch.chdir(ROOT)
        validated.forget()
        for p in paths:
            expected = any(Path(p).resolve().is_relative_to(root) for root in validated._roots())
            assert validated.is_bundled(p) is expected, p
        assert validated.is_bundled(tmp_path / "to-bundled.yaml") and not validated.is_bundled(inside)
    finally:
        inside.unlink()
        validated.forget()


def test_the_record_depends_on_the_schemas(record, monkeypatch):
    key = validated.key("fees", "ab" * 32)
    monkeypatch.setattr(validated, "_checker_digest", lambda: "another schema")
    assert validated.key("fees", "ab" * 32) != key


# ----------------------------------------------------------------------------- both YAML loaders

BAD_YAML = ["a: 1\na: 2\n", "a: [1, 2\n", "a:\n  b: 1\n c: 2\n", "d: 2026-02-30\n", "x: 'open\n",
            "- a\n- b: [\n", "k: !!float abc\n", "a: 1\n\tb: 2\n"]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", BAD_YAML)
def test_both_loaders_report_a_mistake_at_the_same_place(text):
    errors = []
    for pure in (False, True):
        with pytest.raises(RuleFileError) as err:
            parse_yaml(text, "f.yaml", pure_python=pure)
        errors.append((err.value.line, getattr(err.value, "column", None)))
    assert errors[0] == errors[1]


# ----------------------------------------------------------------------------- the store of parsed documents

def _bundled_yaml() -> list[Path]:
    return sorted(p for kind in ("rules", "calendars") for p in (ROOT / kind).rglob("*.yaml"))


def _shape(value, path: str):
    """Everything a document holds, types and positions included (1 and True, 1 and 1.0 differ)."""
    from disclosure_rules.rulefiles.yamldoc import Map, Seq
    if isinstance(value, Map):
        assert value.path == path
        return ("map", value.line, [(_shape(k, path), value.lines[k], _shape(v, path)) for k, v in value.items()])
    if isinstance(value, Seq):
        assert value.path == path
        return ("seq", value.line, list(value.lines), [_shape(v, path) for v in value])
    assert not isinstance(value, (dict, list)), f"a plain container in {path}"
    return (type(value).__name__, value)


@pytest.mark.parametrize("path", _bundled_yaml(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_stored_document_is_the_parsed_one_with_every_position(path):
    from disclosure_rules.rulefiles import parsed
    fresh = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    stored = json.loads(json.dumps(parsed.encode(fresh), ensure_ascii=False))
    assert _shape(parsed.decode(stored, str(path)), str(path)) == _shape(fresh, str(path))


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh store in tmp_path, and the list of the files parsed from YAML."""
    from disclosure_rules.rulefiles import parsed
    monkeypatch.setenv("DISCLOSURE_RULES_CACHE_DIR", str(tmp_path / "record"))
    parsed.forget()
    calls = []
    real = parsed.parse_yaml

    def counting(text, name="<string>", **kw):
        calls.append(Path(name).name)
        return real(text, name, **kw)
    monkeypatch.setattr(parsed, "parse_yaml", counting)
    yield calls
    parsed.forget()


def _as_new_process():
    from disclosure_rules.rulefiles import parsed
    assert parsed.save() is not None
    parsed.forget()


def test_an_unchanged_bundled_file_is_parsed_once(store):
    from disclosure_rules.rulefiles import parsed
    path = _fees_file()
    first = parsed.load_yaml(path)
    _as_new_process()
    again = parsed.load_yaml(path)
    assert store == ["fees.yaml"]                # the second process took it from the store
    assert _shape(again, str(path)) == _shape(first, str(path))


def test_a_damaged_store_is_ignored(store, tmp_path):
    from disclosure_rules.rulefiles import parsed
    path = _fees_file()
    first = parsed.load_yaml(path)
    _as_new_process()
    file = tmp_path / "record" / parsed.STORE
    line = file.read_bytes().rstrip(b"\n")
    key, checksum, body = line.split(b" ", 2)
    wrong_shape = json.dumps(["m", 1, ["a"], [1, 2], ["x"]]).encode()
    flipped = b"X" if line[200:201] != b"X" else b"Y"
    for damaged in (line[:200] + flipped + line[201:],                        # the checksum differs
                    b" ".join((key, hashlib.sha256(wrong_shape).hexdigest().encode(), wrong_shape)),
                    b" ".join((key, b"0" * 64, body)), b"junk", b" ".join((key, checksum)), key):
        file.write_bytes(damaged + b"\n")
        parsed.forget()
        assert _shape(parsed.load_yaml(path), str(path)) == _shape(first, str(path))
    assert store == ["fees.yaml"] * 7


def test_a_users_file_is_always_parsed(store, tmp_path):
    from disclosure_rules.rulefiles import parsed
    parsed.load_yaml(_fees_file())
    _as_new_process()
    user = tmp_path / "fees.yaml"
    shutil.copy(_fees_file(), user)              # the same bytes as a stored bundled file
    for _ in range(2):
        parsed.load_yaml(user)
        parsed.save()
        parsed.forget()
    assert store == ["fees.yaml"] * 3


def test_the_rule_loaders_take_the_stored_document_and_still_report_its_lines(store, record):
    from disclosure_rules.rulefiles import parsed
    from disclosure_rules.rulefiles.feefiles import load_fee_schedule
    path = _fees_file()
    first = load_fee_schedule(path)
    validated.save()
    _as_new_process()
    validated.forget()
    cache.clear()
    assert load_fee_schedule(path) == first
    assert store == ["fees.yaml"] and record == ["fees.yaml"]
    doc = cache.read_checked(path, "fees")
    assert doc.path == str(path) and doc.line_of("fees") == first_line(path, "fees:")
    assert parsed.STORE in {p.name for p in (Path(validated.record_dirs()[0])).iterdir()}


def first_line(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_a_document_json_cannot_keep_is_simply_not_stored(store):
    from disclosure_rules.rulefiles import parsed
    with pytest.raises(parsed.Unstorable):
        parsed.encode(parse_yaml("a: !!binary aGVsbG8=\n"))
    with pytest.raises(ValueError):
        parsed.decode({"a": 1}, "x")


# ----------------------------------------------------------------------------- the message catalogues kept as JSON

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kept_catalogue_is_the_yaml_one_and_a_damaged_one_is_ignored(lang, tmp_path, monkeypatch):
    from disclosure_rules import messages
    folder = tmp_path / "record"
    monkeypatch.setenv("DISCLOSURE_RULES_CACHE_DIR", str(folder))
    source = (ROOT / "disclosure_rules" / "messages" / f"{lang}.yaml").read_text(encoding="utf-8")
    expected = yaml.safe_load(source)
    messages.catalogue.cache_clear()
    try:
        assert messages.catalogue(lang) == expected                      # parsed, and kept
        kept = folder / f"messages-{lang}.json"
        line = kept.read_bytes()
        messages.catalogue.cache_clear()
        assert messages.catalogue(lang) == expected                      # read back from the JSON
        head, rest = line.split(b" ", 1)
        checksum, body = rest.split(b" ", 1)
        forged = json.dumps({"case.not_a_date": "forged"}).encode()
        for damaged in (line.replace(b'"', b"'", 1),                      # the checksum differs
                        b" ".join((b"0" * 64, checksum, body)),          # other YAML bytes
                        b" ".join((head, hashlib.sha256(forged).hexdigest().encode(), forged.replace(b"}", b",}"))),
                        b"junk"):
            kept.write_bytes(damaged)
            messages.catalogue.cache_clear()
            assert messages.catalogue(lang) == expected
    finally:
        messages.catalogue.cache_clear()


def test_no_catalogue_kept_with_an_empty_cache_dir_setting(tmp_path, monkeypatch):
    from disclosure_rules import messages
    monkeypatch.setenv("DISCLOSURE_RULES_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    messages.catalogue.cache_clear()
    try:
        assert messages.catalogue("en")["case.not_a_date"]
        assert not list(tmp_path.iterdir())
    finally:
        messages.catalogue.cache_clear()
