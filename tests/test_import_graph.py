"""The layout of DESIGN.md, checked: no import circle, no import from a higher
floor, no private name imported from another module.

Floors, from the bottom: messages and errors (with the value class ``basis``, the shared repr, the JSON type names
and the data locator); the files (``rulefiles``, ``calendar``); the domain
(clock, outcomes, fees, remedies, report, ... : every other module); ``api``
(and ``testing``, which builds on the bundled defaults); the command line
(``cli``, ``demo``, the package itself, which re-exports ``api``).
"""

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PKG = ROOT / "disclosure_rules"
FLOORS = {
    0: ("errors", "messages", "basis", "data", "chinese", "lazy", "jsondata", "reprs"),
    1: ("rulefiles", "calendar", "yamlfile"),
    3: ("api", "testing"),
    4: ("cli", "demo", "__main__", ""),
}
DOMAIN = 2


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PKG.rglob("*.py")}


def floor(mod: str) -> int:
    top = mod.split(".")[1] if "." in mod else ""
    for level, names in FLOORS.items():
        if top in names:
            return level
    return DOMAIN


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = mod.split(".") if is_pkg else mod.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("disclosure_rules"):
        return []
    out = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        out.append(sub if sub in MODULES else target)
    return out


def imports(mod: str) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import in ``mod``, wherever it is written."""
    path = MODULES[mod]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            targets = _resolve(mod, path.name == "__init__.py", node)
            for t, alias in zip(targets, node.names):
                out.append((t, [alias.name]))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names if a.name.startswith("disclosure_rules"))
    return out


GRAPH = {m: sorted({t for t, _ in imports(m) if t != m and t in MODULES}) for m in MODULES}


def test_the_graph_is_not_empty():
    assert len(GRAPH) > 30 and GRAPH["disclosure_rules.api"]
    assert "disclosure_rules.rulefiles.bundle" in GRAPH["disclosure_rules.rulefiles"]


def test_no_import_circle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in GRAPH[m]:
            if state.get(t) == 1:
                pytest.fail("import circle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_imports_run_down_only(mod):
    up = [t for t in GRAPH[mod] if floor(t) > floor(mod)]
    assert up == [], f"{mod} (floor {floor(mod)}) imports from a higher floor: {up}"


def test_floors_are_as_designed():
    assert floor("disclosure_rules.cli.check") > floor("disclosure_rules.api") > floor("disclosure_rules.outcomes")
    assert floor("disclosure_rules.outcomes") > floor("disclosure_rules.rulefiles.bundle") > floor("disclosure_rules.errors")
    assert floor("disclosure_rules.clock") == floor("disclosure_rules.remedies") == DOMAIN


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_no_private_name_from_another_module(mod):
    private = [(t, n) for t, names in imports(mod) for n in names
               if n.startswith("_") and not n.startswith("__") and t != mod]
    assert private == [], f"{mod} imports private names: {private}"


def test_cli_does_not_import_back_from_its_package():
    for mod in MODULES:
        if mod.startswith("disclosure_rules.cli."):
            assert "disclosure_rules.cli" not in GRAPH[mod], mod
