"""Damage a YAML file one key or value at a time, at the text level, the way a
person editing it would: a key dropped, misspelt, given a value of another
type or written twice; a value replaced by an impossible one.

Positions come from PyYAML's composer (start and end of every node), so the
damage is exact and the test knows which lines it touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import attrs
import yaml


@attrs.frozen
class Damage:
    file: Path
    kind: str                 # drop | rename | retype | duplicate | value
    key: str                  # the key (or the value) damaged
    lines: tuple[int, int]    # first and last line touched, 1-based
    text: str                 # the damaged file
    inside: tuple[str, ...] = ()   # the keys and values inside what was damaged

    def __str__(self) -> str:
        return f"{self.file.name}:{self.lines[0]} {self.kind} {self.key!r}"


def _contents(node: yaml.Node) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value),) if node.value else ()
    if isinstance(node, yaml.MappingNode):
        return tuple(x for k, v in node.value for x in (*_contents(k), *_contents(v)))
    return tuple(x for v in node.value for x in _contents(v))


@attrs.frozen
class Pair:
    key: str
    path: tuple[str, ...]     # the keys above it
    first: int                # 0-based line of the key
    last: int                 # 0-based last line of the value
    col: int
    block: bool               # the key starts its own line (block style)
    value: yaml.Node


def pairs(text: str) -> Iterator[Pair]:
    """Every key of every mapping in the document, with its lines."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    all_lines = text.splitlines() + [""]

    def last_line(k, v):
        end = v.end_mark.line
        if end > k.start_mark.line and not all_lines[end][:v.end_mark.column].strip():
            end -= 1                  # the value ends where the next key starts
        while end > k.start_mark.line and (not all_lines[end].strip() or all_lines[end].lstrip().startswith("#")):
            end -= 1
        return end

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                end = last_line(k, v)
                line = all_lines[k.start_mark.line]
                block = line[:k.start_mark.column].strip() in ("", "-")
                yield Pair(str(k.value), path, k.start_mark.line, end, k.start_mark.column, block, v)
                yield from walk(v, path + (str(k.value),))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                yield from walk(v, path + (str(i),))

    if root is not None:
        yield from walk(root, ())


def _retype(node: yaml.Node) -> str:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        return "15"
    v = node.value
    if node.tag.endswith(":int"):
        return '"15个工作日"'
    if node.tag.endswith(":bool"):
        return "maybe"
    if node.tag.endswith(":timestamp"):
        return "true"
    return "[" + (v or "x") + "]" if node.style is None else "{a: 1}"


def _misspellings(key: str, extended: bool) -> list[str]:
    if not extended:
        return [key + "x"]
    out = [key + "x", key[:-1], key[1:], key[0].upper() + key[1:], key.replace("_", "-"), key + "_", "x" + key]
    return [k for k in dict.fromkeys(out) if k and k != key]


def damages(file: Path, kinds=("drop", "rename", "retype", "duplicate"), only=None,
            extended: bool = False) -> Iterator[Damage]:
    """Every damage of ``kinds`` to every block-style key of ``file`` (``only(pair)``: a filter;
    ``extended``: several misspellings of each key instead of one)."""
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for p in pairs(text):
        if not p.block or (only is not None and not only(p)):
            continue
        span = (p.first + 1, p.last + 1)
        key_line = lines[p.first]
        inside = _contents(p.value)
        starts_item = key_line[:p.col].strip() == "-"
        if "drop" in kinds and not starts_item:
            yield Damage(file, "drop", p.key, span, "".join(lines[:p.first] + lines[p.last + 1:]), inside)
        if "rename" in kinds:
            for typo in _misspellings(p.key, extended):
                new = key_line[:p.col] + key_line[p.col:].replace(p.key, typo, 1)
                yield Damage(file, "rename", p.key, span, "".join(lines[:p.first] + [new] + lines[p.first + 1:]))
        if "retype" in kinds:
            head = key_line[:p.col] + p.key + ": " + _retype(p.value) + "\n"
            yield Damage(file, "retype", p.key, span, "".join(lines[:p.first] + [head] + lines[p.last + 1:]), inside)
        if "duplicate" in kinds and p.first == p.last:
            yield Damage(file, "duplicate", p.key, span,
                         "".join(lines[:p.last + 1] + [lines[p.first]] + lines[p.last + 1:]))


_BAD_VALUES = {"int": ["-5", "0", "true", "15.5", '"15"'], "timestamp": ["2026-02-30", "2026-13-01", "0001-01-01"],
               "bool": ["15", '"yes"'], "str": ["[x]", "{a: 1}"]}
_MORE_BAD_VALUES = {"int": ["-1", "99999999999999999999", "null", "1e3", "[1]", '"15个工作日"'],
                    "timestamp": ["2026-00-10", "2026-02-29", "9999-12-31", "2026-1-1", "null", "20260101"],
                    "bool": ["null", "0", "[true]", "是"], "str": ["null", "15", "true", "2026-02-30", "''"]}


def bad_values(file: Path, extended: bool = False) -> Iterator[Damage]:
    """Every scalar value of ``file`` replaced by impossible or wrong-typed values
    (``extended``: more of them)."""
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for p in pairs(text):
        v = p.value
        if not isinstance(v, yaml.ScalarNode) or v.start_mark.line != v.end_mark.line:
            continue
        kind = v.tag.rsplit(":", 1)[-1]
        line = lines[v.start_mark.line]
        for bad in _BAD_VALUES.get(kind, []) + (_MORE_BAD_VALUES.get(kind, []) if extended else []):
            new = line[:v.start_mark.column] + bad + line[v.end_mark.column:]
            yield Damage(file, "value", f"{p.key}={bad}", (v.start_mark.line + 1, v.start_mark.line + 1),
                         "".join(lines[:v.start_mark.line] + [new] + lines[v.start_mark.line + 1:]),
                         (v.value,) if len(v.value) > 1 else ())


def is_date(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp")


