"""The plain reader of case files (rulefiles/plainyaml.py) against PyYAML: whenever it
answers, it gives PyYAML's document (the same mappings, sequences, lines and scalars);
whatever PyYAML rejects, it declines, so every mistake is still PyYAML's to report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_rules.errors import RuleFileError
from disclosure_rules.rulefiles.plainyaml import DECLINED, read
from disclosure_rules.rulefiles.yamldoc import Map, Seq, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def _shape(value):
    """Everything a document holds, types, paths and positions included (1 and True differ)."""
    if isinstance(value, Map):
        return ("map", value.line, value.path, [(_shape(k), value.lines[k], _shape(v)) for k, v in value.items()])
    if isinstance(value, Seq):
        return ("seq", value.line, value.path, list(value.lines), [_shape(v) for v in value])
    assert not isinstance(value, (dict, list))
    return (type(value).__name__, value)


def _agrees(text: str) -> bool:
    """The property: PyYAML's answer, or declined; declined wherever PyYAML raises. True if answered."""
    mine = read(text, "f.yaml")
    try:
        theirs = parse_yaml(text, "f.yaml", plain=False)
    except RuleFileError:
        assert mine is DECLINED, text
        return False
    if mine is DECLINED:
        return False
    assert _shape(mine) == _shape(theirs), text
    return True


def _yaml_files() -> list[Path]:
    return sorted(p for top in ("rules", "calendars", "examples", "disclosure_rules", "tests")
                  for p in (ROOT / top).rglob("*.yaml"))


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_yaml_file_of_the_project_is_read_as_pyyaml_reads_it_or_declined(path):
    _agrees(path.read_text(encoding="utf-8"))


def test_the_example_cases_are_read_without_pyyaml():
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    assert examples and all(_agrees(p.read_text(encoding="utf-8")) for p in examples)


BAD = ["a: 1\na: 2\n", "a: [1, 2\n", "a:\n  b: 1\n c: 2\n", "d: 2026-02-30\n", "x: 'open\n", "- a\n- b: [\n",
       "k: !!float abc\n", "a: 1\n\tb: 2\n", "a: b: c\n", "a: {b: 1,}\n", "- a\nb: 1\n", "a: 1\n  b: 2\n",
       "{a: 1} x\n", "a: 'x' y\n", "a:\n- 1\n - 2\n"]


@pytest.mark.parametrize("text", BAD)
def test_a_mistake_is_left_to_pyyaml(text):
    assert read(text, "f.yaml") is DECLINED


@pytest.mark.parametrize("text, value", [
    ("a: yes\nb: No\nc: null\nd: ~\ne:\n", {"a": True, "b": False, "c": None, "d": None, "e": None}),
    ("id: 2026-0001\nn: 0\nm: -0\nd: 2026-09-26\ns: 36-2\n", None),
    ("a: two words # and a comment\nb: x#y\nc: http://h/p\nd: 补正通知\n", None),
    ("events:\n- {type: answered, date: 2026-12-01, outcome: \"36-2\"}\n-\n- - 1\n  - [a, 'b c']\n", None),
    ("- a: 1\n  b:\n    - x\n    -   y: {}\n", None),
])
def test_the_plain_shape_is_read_as_pyyaml_reads_it(text, value):
    assert _agrees(text)
    if value is not None:
        assert read(text, "f.yaml") == value


KEYS = ["id", "a", "type", "x-y", "_k", "k1", "yes", "on", "null", "True", "2026", "'q'", "a b"]
SCALARS = ["abc", "two words", "yes", "No", "OFF", "null", "~", "0", "-0", "007", "08", "12", "-5", "+5", "1_000",
           "1.5", ".5", "1e5", "2026-09-26", "2026-02-30", "2026-9-26", "2026-0001", "36-2", "12:30", "0x1F",
           "http://x", "a: b", "a:", "b #c", "b#c", "'q'", '"q"', "'it''s'", '"a\\"b"', "'open", '"a # b"', "[1, 2]",
           "{a: 1}", "{a: 1,}", "[a: 1]", "{a:1}", "&x a", "*x", "!!str 1", "|", ">", "补正", "\u3000x", "Ab c",
           "-a", "?", ",", "{}", "[]", "{ }", "{a: [1, {b: c}]}", "{a: 2026-01-01, b: yes}", "{on: 1}", "{a: b c}",
           "{a: 'x', b: \"y\"}", "[2026-0001, 36-2]", "value  ", "[ 1 ,2 ]", "{a: 1, a: 2}", "{a: -1, b: 007}",
           "2026-09-26 10:00:00", "[yes, No, ~]", "{'a': 1}", "a\\b", "x, y", "x]"]


@st.composite
def documents(draw, depth=0, indent=0):
    """Lines of YAML near the plain shape: block mappings and sequences, compact and indentless
    ones, flow values, comments, blank lines, odd indentation."""
    pad = " " * indent
    kind = draw(st.sampled_from(["map", "seq", "scalar"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return [pad + draw(st.sampled_from(SCALARS))]
    out: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        step = draw(st.sampled_from([2, 2, 2, 1, 4]))
        lead = pad + (draw(st.sampled_from(KEYS)) + ":" if kind == "map" else "-")
        inner = draw(documents(depth + 1, indent + step))
        if draw(st.booleans()) and len(inner) == 1:
            out.append(lead + " " + inner[0].lstrip(" "))                     # on the key's or dash's line
        elif kind == "seq" and draw(st.booleans()):
            out.append(lead + " " + inner[0].lstrip(" "))                     # a compact mapping or sequence
            out.extend(" " * (indent + 2) + line.lstrip(" ") if line.startswith(" " * (indent + step)) else line
                       for line in inner[1:])
        else:
            out.append(lead + draw(st.sampled_from(["", " # c", "  "])))
            dedent = kind == "map" and inner[0].lstrip(" ").startswith("-") and draw(st.booleans())
            out.extend(line[step:] if dedent else line for line in inner)    # an indentless sequence
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(["", "# note", "   # indented note", pad + "  "])))
    return out


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_generated_documents(lines):
    _agrees("\n".join(lines) + "\n")


@settings(max_examples=1500, deadline=None)
@given(documents(), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(list(" :-#\n\t'\"{}[],x1\r\ufeff")),
                                       st.booleans()), max_size=3))
def test_generated_documents_with_typing_mistakes(lines, edits):
    text = "\n".join(lines) + "\n"
    for at, ch, insert in edits:
        at %= len(text) + 1
        text = text[:at] + ch + text[at + (0 if insert else 1):]
    _agrees(text)


def test_a_plain_case_file_does_not_import_pyyaml():
    code = ("import io, contextlib, sys\nfrom disclosure_rules.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['timeline', 'examples/2026-0001-full.yaml', '--as-of', '2026-12-01']) == 0\n"
            "print('yaml' in sys.modules)")
    for _ in range(2):                # the first run may parse the bundled files (then kept: rulefiles/parsed.py)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
