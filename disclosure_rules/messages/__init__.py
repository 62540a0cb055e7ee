"""The words the library says, in Chinese and English, kept in catalogues.

Code names a message by its id and gives its values; the words live in
``en.yaml`` and ``zh.yaml`` beside this module, one entry per id (ids are
named by domain: ``case.not_a_date``, ``calendar.outside``, ``clock.receipt.start``),
with ``{placeholders}`` in :meth:`str.format` syntax.  Both files hold the same
ids with the same placeholders (``tests/test_messages.py`` checks this, and that
the Chinese words hold no English other than codes and citations).

A value is shown in the language of the text it goes into: a :class:`Text`
(or anything with ``en`` and ``zh``, such as a rule's title) by its own words,
a date as ``YYYY-MM-DD``, a list or tuple joined by ``, `` (English) or ``、``
(Chinese), anything else by ``str``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from ..data import cache_dirs, write_cache
from ..reprs import SharedRepr

LANGS = ("en", "zh")
_HERE = Path(__file__).parent
_JOIN = {"en": ", ", "zh": "、"}


@attrs.frozen(repr=False)
class Text(SharedRepr):
    """A finished text in both languages; ``en, zh = text`` unpacks it."""

    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    def __iter__(self) -> Iterator[str]:
        yield self.en
        yield self.zh


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The catalogue of one language: message id -> template (read once, on the first message).

    Its YAML is parsed once, not in every process: the catalogue is kept as JSON beside the
    record of checked rule files (``messages-<lang>.json``: the sha256 of the YAML's bytes, the
    sha256 of the JSON, the JSON), used only while the YAML's bytes are the same and the checksum
    holds; anything else is ignored and the YAML parsed again."""
    import json

    from ..data.digest import sha256  # with the first message, not with the package (start-up, issue 13)

    text = (_HERE / f"{lang}.yaml").read_bytes()
    digest = sha256(text).hexdigest()
    kept = _kept(lang, digest)
    if kept is not None:
        return kept
    import yaml  # only when a message is rendered: importing the package stays light

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, str] = yaml.load(text.decode("utf-8"), Loader=loader) or {}
    body = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_cache(_kept_name(lang), f"{digest} {sha256(body).hexdigest()} ".encode("ascii") + body)
    return found


def _kept_name(lang: str) -> str:
    return f"messages-{lang}.json"


def _kept(lang: str, digest: str) -> dict[str, str] | None:
    """The catalogue kept as JSON for YAML bytes of sha256 ``digest``, or None."""
    import json

    from ..data.digest import sha256

    for folder in cache_dirs():
        try:
            head, rest = (folder / _kept_name(lang)).read_bytes().split(b" ", 1)
            checksum, body = rest.split(b" ", 1)
            if head.decode("ascii") != digest or checksum.decode("ascii") != sha256(body).hexdigest():
                continue
            found = json.loads(body)
        except (OSError, ValueError):
            continue
        if isinstance(found, dict) and all(type(k) is str and type(v) is str for k, v in found.items()):
            return found
    return None


def shown(value: object, lang: str) -> str:
    """``value`` as it reads in a text of ``lang``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return _JOIN[lang].join(shown(v, lang) for v in value)
    if hasattr(value, "zh") and hasattr(value, "en"):
        return str(value.zh if lang == "zh" else value.en)
    return str(value)


def render(key: str, lang: str, values: Mapping[str, object]) -> str:
    """The words of message ``key`` in ``lang`` with ``values`` filled in."""
    return catalogue(lang)[key].format_map({k: shown(v, lang) for k, v in values.items()})


def message(key: str, /, **values: object) -> Text:
    """Message ``key`` rendered in both languages."""
    return Text(render(key, "en", values), render(key, "zh", values))
