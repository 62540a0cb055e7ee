"""The law only in data (issue 10): the engine's Python holds no article
number, outcome code, report row, legal date or legal period.

Every string literal that looks like a code, a row or a date, and every integer
literal other than 0, 1 and -1, outside docstrings, must be listed with its reason
in ``tests/literals-allowed.yaml``; presentation modules listed there are not
scanned.  A legal value that creeps back into Python fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "disclosure_rules"
ALLOWED = yaml.safe_load((Path(__file__).parent / "literals-allowed.yaml").read_text(encoding="utf-8"))
# "36-2", "2008-21-1", "37", "4", "3.3.1", "2019-05-15": codes, articles, rows and dates
CODE_LIKE = re.compile(r"\d+|\d+(?:-\d+)+|\d+(?:\.\d+){1,3}")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def literals(source: str) -> list[tuple[int, object]]:
    """(line, value) of every scanned literal of ``source``."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip or isinstance(node.value, bool):
            continue
        v = node.value
        if isinstance(v, int) and v not in (0, 1, -1):
            found.append((node.lineno, v))
        elif isinstance(v, str) and CODE_LIKE.fullmatch(v):
            found.append((node.lineno, v))
    return found


def _scanned() -> list[Path]:
    skip = tuple(ALLOWED["presentation"])
    return sorted(p for p in PACKAGE.rglob("*.py") if not p.relative_to(ROOT).as_posix().startswith(skip))


@pytest.mark.parametrize("path", _scanned(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_legal_literal_in_python(path):
    rel = path.relative_to(ROOT).as_posix()
    allowed = ALLOWED["modules"].get(rel) or {}
    unlisted = [f"{rel}:{line}: {value!r}" for line, value in literals(path.read_text(encoding="utf-8"))
                if value not in allowed]
    assert not unlisted, "literals that look like law, not listed in tests/literals-allowed.yaml:\n" + "\n".join(unlisted)


def test_every_allowance_has_a_reason_and_is_still_used():
    """The allowlist is kept honest: a reason per entry, and no entry for a literal that is gone."""
    for rel, entries in ALLOWED["modules"].items():
        used = {v for _, v in literals((ROOT / rel).read_text(encoding="utf-8"))}
        for value, reason in entries.items():
            assert isinstance(reason, str) and len(reason) > 10, f"{rel}: {value!r} needs a reason"
            assert value in used, f"{rel}: {value!r} is allowed but no longer used: remove the entry"
    for prefix, reason in ALLOWED["presentation"].items():
        assert (ROOT / prefix).exists() and len(reason) > 10, prefix


@pytest.mark.parametrize("source, found", [
    ('x = "36-2"', [(1, "36-2")]),
    ('if code in ("37", "2008-22"): pass', [(1, "37"), (1, "2008-22")]),
    ('d = dt.date(2019, 5, 15)', [(1, 2019), (1, 5), (1, 15)]),
    ('cells["4"] += 1', [(1, "4")]),
    ('row = "3.3.1"', [(1, "3.3.1")]),
    ('"""Art. 33: 20 working days."""\nx = 0', []),
    ('n = -1 + 1', []),
])
def test_the_scan_finds_what_looks_like_law(source, found):
    assert sorted(literals(source)) == sorted(found)
