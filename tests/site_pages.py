"""Helpers for the site tests: parse pages with a real HTML5 parser and find
values by the element that carries them (data-file / data-key), not by text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib


def parse(path: Path):
    """The page as an element tree; fails on any HTML5 parse error."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    root = parser.parse(path.read_bytes())
    assert parser.errors == [], f"{path}: {parser.errors[:3]}"
    return root


def text(el) -> str:
    return "".join(el.itertext()).strip()


def at(root, file: str, key: str) -> list:
    return [e for e in root.iter() if e.get("data-file") == file and e.get("data-key") == key]


def one(root, file: str, key: str):
    found = at(root, file, key)
    assert found, f"no element with data-file={file} data-key={key}"
    return found[0]


def plain(v) -> str:
    """How a page writes a value of a rule file."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ", ".join(plain(x) for x in v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def bases(node) -> list:
    b = node.get("basis")
    return [] if b is None else b if isinstance(b, list) else [b]


def assert_cites(root, file: str, key: str, basis: dict) -> None:
    """The citation of one basis: instrument, article (or section) and quoted text, in its element."""
    t = text(one(root, file, key))
    assert basis["instrument"] in t, (key, t)
    if basis.get("article") is not None:
        assert str(basis["article"]) in t, (key, t)
    if basis.get("section") is not None:
        assert str(basis["section"]) in t, (key, t)
    if basis.get("text"):
        assert basis["text"] in t, (key, t)
