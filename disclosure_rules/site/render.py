"""The template environment: Jinja2 with autoescaping on for HTML and SVG, so
any text from a rule or case file is escaped."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import jinja2
import yaml

from ..jsondata import JSON, JSONDict

HERE = Path(__file__).resolve().parent
LANGS = ("zh", "en")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(HERE / "templates"), str(HERE / "static")]),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml", "css"]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["yaml"] = _yaml
    env.filters["plain"] = _plain
    return env


@functools.lru_cache(maxsize=1)
def _labels() -> JSONDict:
    labels: JSONDict = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    return labels


def labels(lang: str) -> dict[str, str]:
    """The words of the pages in one language."""
    return {k: v[lang] for k, v in _labels().items()}


def render(template: str, lang: str, **context: object) -> str:
    return environment().get_template(template).render(lang=lang, L=labels(lang),
                                                       other=LANGS[1 - LANGS.index(lang)], **context)


def _yaml(value: JSON) -> str:
    return yaml.safe_dump(_jsonish(value), allow_unicode=True, sort_keys=False, default_flow_style=None).strip()


def _jsonish(v: JSON) -> JSON:
    if isinstance(v, dict):
        return {str(k): _jsonish(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonish(x) for x in v]
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _plain(v: JSON) -> str:
    """A value as a person reads it: dates ISO, lists comma-separated, null as null."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ", ".join(_plain(x) for x in v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)
