"""Type names for data parsed from YAML or JSON, or written as JSON.

The only place where ``Any`` stands for data in the type annotations: a parsed value is a
dict, list, str, int, float, bool, None (or a date, from YAML) whose shape the loaders
check at run time, and a ``to_dict`` answer is the JSON form of a result.
"""

from __future__ import annotations

from typing import Any, TypeAlias

#: a value read from a YAML or JSON document, or a case/row given as plain data
JSON: TypeAlias = Any
#: a JSON object: a ``to_dict`` answer, a parsed mapping
JSONDict: TypeAlias = dict[str, Any]
