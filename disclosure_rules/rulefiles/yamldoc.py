"""Safe YAML that remembers where every value came from.

Rule, calendar and case files are data, never code: they are parsed with
PyYAML's safe loader only (no tags, no object construction), through libyaml
when it is installed (the same data and line numbers, about ten times
faster) and the pure-Python parser otherwise.  Mappings and sequences come
back as :class:`Map` and :class:`Seq`, ``dict`` and ``list`` subclasses that
also record the line of each key or item, so that an error can say
``file:line`` to the person who edits the file.

Mistakes a person makes while typing are reported on their own line, in
English and Chinese: a key written twice, a full-width colon (``workdays：
20``), an impossible date (``2026-02-30``), a file that is not UTF-8 text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RuleFileError
from ..messages import message
from .positioned import Map, Seq

if TYPE_CHECKING:
    import yaml

__all__ = ["Map", "Seq", "line_of", "load_yaml", "parse_yaml", "path_of", "read_text"]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _impossible(loader: Any, node: yaml.Node) -> RuleFileError:
    # an impossible value written unquoted: 2026-02-30, 2026-13-01, !!float abc
    col = int(node.start_mark.column) + 1
    if node.tag.endswith(":timestamp"):
        return RuleFileError(loader.name, _line(node), message("yaml.not_a_date", value=str(node.value)), column=col)
    kind = node.tag.rsplit(":", 1)[-1]
    return RuleFileError(loader.name, _line(node), message("yaml.cannot_read_as", value=str(node.value), kind=kind),
                         column=col)


def _checked(construct: Any) -> Any:
    """A scalar constructor whose ValueError names the file, line and value."""
    def checked(loader: Any, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            raise _impossible(loader, node) from None
    return checked


def _construct_map(loader: Any, node: yaml.MappingNode) -> Map:
    m = Map()
    m.line = _line(node)
    m.lines = {}
    m.path = loader.name
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise RuleFileError(loader.name, _line(key_node), message("yaml.key_kind"),
                                column=key_node.start_mark.column + 1)
        if key in m:
            raise RuleFileError(loader.name, _line(key_node), message("yaml.key_twice", key=str(key)),
                                column=key_node.start_mark.column + 1)
        m[key] = loader.construct_object(value_node, deep=True)
        m.lines[key] = _line(key_node)
    return m


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> Seq:
    s = Seq(loader.construct_object(child, deep=True) for child in node.value)
    s.line = _line(node)
    s.lines = [_line(child) for child in node.value]
    s.path = loader.name
    return s


_SCALARS = ("timestamp", "int", "float", "bool", "null", "binary")


@functools.cache
def _loaders() -> tuple[type, type]:
    """PyYAML's safe loaders building Map/Seq with lines: the fast one (libyaml when present) and
    the pure-Python one; imported with the first file parsed."""
    import yaml

    try:
        base: type = yaml.CSafeLoader
    except AttributeError:              # PyYAML built without libyaml
        base = yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc]
        """The fast loader (libyaml when present) building Map/Seq with lines."""

        name: str

    class _PyLoader(yaml.SafeLoader):
        """The pure-Python loader, kept to check that both give the same data."""

        name: str

    for cls in (_Loader, _PyLoader):
        cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
        cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
        for tag in _SCALARS:
            cls.add_constructor(f"tag:yaml.org,2002:{tag}",
                                _checked(yaml.SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{tag}"]))
    return _Loader, _PyLoader


# a key written with a full-width colon: "workdays： 20", "- type： answered"
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*：")


def _fullwidth_colon(text: str, name: str) -> None:
    for n, raw in enumerate(text.splitlines(), 1):
        m = _FULLWIDTH_KEY.match(raw)
        if m:
            raise RuleFileError(name, n, message("yaml.full_width_colon", key=m.group(1)),
                                column=raw.index("：") + 1)


def parse_yaml(text: str, name: str = "<string>", *, pure_python: bool = False) -> Any:
    """Parse YAML text safely; mistakes become :class:`RuleFileError` with the line
    (``pure_python``: PyYAML's pure-Python parser, else libyaml where it is installed)."""
    _fullwidth_colon(text, name)
    import yaml

    loader = _loaders()[1 if pure_python else 0](text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        raise RuleFileError(name, line, message("yaml.syntax", detail=problem), column=col) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(name, None, message("yaml.invalid", detail=str(exc))) from None
    finally:
        loader.dispose()


def read_text(path: str | Path, error: type = RuleFileError) -> str:
    """The UTF-8 text of a file; a file that cannot be read is an ``error``
    (:class:`RuleFileError` by default) saying why in words."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        why = message("yaml.not_utf8")
    except IsADirectoryError:
        why = message("case.os.directory")
    except FileNotFoundError:
        why = message("case.os.missing")
    except PermissionError:
        why = message("case.os.permission")
    except OSError as exc:
        why = message("case.os.other", detail=str(exc.strerror))
    en, zh = message("yaml.cannot_read", why=why)
    if error is RuleFileError:
        raise RuleFileError(p, None, en, zh)
    raise error(f"{p}: {en}", f"{p}：{zh}")


def load_yaml(path: str | Path) -> Any:
    """Read and parse one YAML file; unreadable or non-UTF-8 files raise :class:`RuleFileError`."""
    return parse_yaml(read_text(path), str(path))


def line_of(container: Any, key: Any) -> int | None:
    """Line of ``key`` in a Map/Seq, or None for plain containers."""
    if isinstance(container, (Map, Seq)):
        return container.line_of(key)
    return None


def path_of(container: Any, default: str = "<data>") -> str:
    return getattr(container, "path", "") or default
