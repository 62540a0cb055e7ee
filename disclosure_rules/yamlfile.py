"""Safe YAML loading that remembers where every value came from.

Rule and calendar files are data, never code: they are parsed with PyYAML's
safe loader only (no tags, no object construction).  Mappings and sequences
come back as :class:`Map` and :class:`Seq`, plain ``dict`` and ``list``
subclasses that also record the line of each key or item, so that a
validation error can say ``file:line`` to the person who edits the file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import RuleFileError


class Map(dict):
    """A mapping with ``line`` (its own) and ``lines[key]`` (each key's), 1-based."""

    line: int = 0
    lines: dict
    path: str = ""

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class Seq(list):
    """A sequence with ``line`` (its own) and ``lines[i]`` (each item's), 1-based."""

    line: int = 0
    lines: list
    path: str = ""

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader that builds Map/Seq with line numbers and rejects duplicate keys."""


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Map:
    m = Map()
    m.line = node.start_mark.line + 1
    m.lines = {}
    m.path = loader.name
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in m:
            raise RuleFileError(loader.name, key_node.start_mark.line + 1,
                                f"the key '{key}' appears twice in the same block",
                                f"同一层级中键“{key}”出现了两次", key_node.start_mark.column + 1)
        m[key] = loader.construct_object(value_node, deep=True)
        m.lines[key] = key_node.start_mark.line + 1
    return m


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Seq:
    s = Seq(loader.construct_object(child, deep=True) for child in node.value)
    s.line = node.start_mark.line + 1
    s.lines = [child.start_mark.line + 1 for child in node.value]
    s.path = loader.name
    return s


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse_yaml(text: str, name: str = "<string>"):
    """Parse YAML text safely; syntax errors become :class:`RuleFileError` with the line."""
    loader = _Loader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except RuleFileError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise RuleFileError(name, line, f"not valid YAML ({problem})",
                            f"不是有效的YAML格式（{problem}），请检查缩进、冒号和引号", col) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(name, None, f"not valid YAML ({exc})", f"不是有效的YAML格式（{exc}）") from None
    finally:
        loader.dispose()


def load_yaml(path) -> object:
    """Read and parse one YAML file; unreadable or non-UTF-8 files raise :class:`RuleFileError`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(p, None, "the file is not UTF-8 text", "文件不是UTF-8编码的文本") from None
    except OSError as exc:
        raise RuleFileError(p, None, f"cannot read the file ({exc.strerror})",
                            f"无法读取文件（{exc.strerror}）") from None
    return parse_yaml(text, str(p))


def line_of(container, key) -> int | None:
    """Line of ``key`` in a Map/Seq, or None for plain containers."""
    if isinstance(container, (Map, Seq)):
        return container.line_of(key)
    return None


def path_of(container, default="<data>") -> str:
    return getattr(container, "path", "") or default
