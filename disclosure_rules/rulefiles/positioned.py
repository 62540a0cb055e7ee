"""The containers a YAML document is read into, with the line of every key and item
(read by :mod:`.yamldoc`, kept by :mod:`.parsed`)."""

from __future__ import annotations

from typing import Any


class Map(dict[Any, Any]):
    """A mapping with ``line`` (its own) and ``lines[key]`` (each key's), 1-based."""

    line: int = 0
    lines: dict[Any, int]
    path: str = ""

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class Seq(list[Any]):
    """A sequence with ``line`` (its own) and ``lines[i]`` (each item's), 1-based."""

    line: int = 0
    lines: list[int]
    path: str = ""

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line
