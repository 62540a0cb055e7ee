"""The checks every regime and assessment file shares: a block's keys, a text
in Chinese and English, a value or ``{param: NAME}``.  Every mistake is a
:class:`RuleFileError` with the file and line of the offending key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from ..errors import RuleFileError
from ..messages import Text as Words
from ..messages import message
from ..rulebook import Text
from ..rulefiles.vocabulary import did_you_mean as _did_you_mean
from ..yamlfile import Map, Seq
from .model import Parameter, ParamRef

# Any: the blocks and values of the parsed rule files, arbitrary YAML data until checked here


def fail(m: object, key: str | int, words: Words) -> NoReturn:
    line = m.line_of(key) if isinstance(m, Map) else \
        m.line_of(key) if isinstance(m, Seq) and isinstance(key, int) else None
    raise RuleFileError(getattr(m, "path", ""), line, words)


def check_keys(m: object, allowed: set[str], what: Words) -> None:
    """``what`` names the block in both languages (a catalogue message)."""
    if not isinstance(m, Map):
        raise RuleFileError(getattr(m, "path", ""), getattr(m, "line", None),
                            message("regimes.not_a_block", what=what))
    unknown = sorted(set(m) - allowed)
    if unknown:
        fail(m, unknown[0], message("regimes.unknown_key", what=what, key=unknown[0], allowed=sorted(allowed)))


def bilingual(v: Any, m: object, key: str) -> Text:
    if isinstance(v, str):
        return Text(v, v)
    if isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str):
        return Text(v["zh"], v["en"])
    fail(m, key, message("regimes.bilingual", key=key))


def param_value(v: Any, params: Mapping[str, Parameter], m: object, key: str) -> Any:
    """A literal, or ``{param: NAME}`` naming a declared parameter."""
    if isinstance(v, dict) and set(v) == {"param"}:
        if not isinstance(v["param"], str) or v["param"] not in params:
            fail(v, "param", message("regimes.unknown_param", name=v["param"], hint=did_you_mean(str(v["param"]), params),
                                     declared=sorted(params)))
        return ParamRef(v["param"])
    return v


def did_you_mean(name: str, names: Any) -> tuple[str, str]:
    """" (did you mean 'X'?)" for a close known name, in English and Chinese; else nothing (the
    messages list the known names themselves)."""
    en, zh = _did_you_mean(name, names)
    return (en, zh) if en.startswith(" (did you mean") else ("", "")


def known(value: Any, names: Any) -> bool:
    """Whether a value read from a file is one of ``names`` (a damaged value may be a block or a list)."""
    return isinstance(value, (str, int, bool)) and value in names
