"""``rulebook``: write the static site (every page in zh and en, a search
index, the stylesheet) from the loaded rule bundle."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..jsondata import JSON, JSONDict
from .model import calendar_for, load_site_model
from .model.rules import Cite
from .render import HERE, LANGS, render
from .sheet import render_sheet


def build_site(out: str | Path, rules_dir: str | Path | None = None, *, default_lang: str = "zh",
               calendars_dir: str | Path | None = None, estimate_until: int | None = None) -> JSONDict:
    """Write the site under ``out``; returns the model (``failed``: examples that fail)."""
    out = Path(out)
    site = load_site_model(rules_dir, calendars_dir, estimate_until)
    shutil.rmtree(out / "static", ignore_errors=True)
    shutil.copytree(HERE / "static", out / "static")
    for lang in LANGS:
        for page, template, ctx in _pages(site):
            _write(out / lang / page, render(template, lang, page=page, root="../" * page.count("/"),
                                             digest=site["digest"], **ctx))
        _write_example_sheets(out, site, lang)
        entries = list(_search_entries(site, lang))
        _write(out / "static" / f"search-{lang}.js", render("search-index.js", lang, entries=entries))
    _write(out / "index.html", render("redirect.html", default_lang, target=f"{default_lang}/index.html"))
    return site


def _write_example_sheets(out: Path, site: JSONDict, lang: str) -> None:
    """The deadline sheet of every example of the rule files, beside the pages."""
    other = LANGS[1 - LANGS.index(lang)]
    for rs in site["rulesets"]:
        for ex in rs["examples"]:
            if ex["result"] is None:
                continue
            name = f"{ex['anchor']}.html"
            _write(out / lang / "sheets" / name,
                   render_sheet(ex["result"], calendar_for(ex["result"]), lang,
                                back=f"../rules/{rs['id']}.html#{ex['anchor']}", back_label=rs["title"][lang],
                                other=f"../../{other}/sheets/{name}"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _pages(site: JSONDict) -> Iterator[tuple[str, str, JSONDict]]:
    sets = site["rulesets"]
    common = {"rulesets": sets, "calendars": site["calendars"], "failed": site["failed"],
              "examples_total": sum(len(r["examples"]) for r in sets)}
    yield "index.html", "index.html", common
    yield "versions.html", "versions.html", {"compare": _compare([r for r in sets if r["kind"] == "national"])}
    yield "questions.html", "questions.html", common
    yield "examples.html", "examples.html", common
    yield "other.html", "other.html", {"others": site["other"]}
    for rs in sets:
        yield f"rules/{rs['id']}.html", "ruleset.html", {"rs": rs, "others": site["other"]}
        if rs["outcomes"]:
            yield f"outcomes/{rs['id']}.html", "outcomes.html", {"rs": rs}
    yield "calendars/index.html", "calendars.html", common
    for cal in site["calendars"]:
        yield f"calendars/{cal['id']}.html", "calendar.html", {"cal": cal}
        years = [y["year"] for y in cal["years"] if not y["gap"]]
        for y in cal["years"]:
            if y["gap"]:
                continue
            i = years.index(y["year"])
            yield (f"calendars/{cal['id']}-{y['year']}.html", "year.html",
                   {"cal": cal, "y": y, "prev": years[i - 1] if i else None,
                    "next": years[i + 1] if i + 1 < len(years) else None})


def _compare(versions: list[JSONDict]) -> JSONDict:
    """Periods and parameters of the national versions, one row per key."""
    out: JSONDict = {"versions": versions}
    for section, field in (("periods", "periods"), ("parameters", "parameters")):
        keys = list(dict.fromkeys(item["key"] for v in versions for item in v[field]))
        rows = []
        for k in keys:
            cells = [next((i for i in v[field] if i["key"] == k), None) for v in versions]
            title = next(c["title"] for c in cells if c is not None and c["title"] is not None)
            rows.append({"key": k, "title": title, "cells": cells})
        out[section] = rows
    return out


def _search_entries(site: JSONDict, lang: str) -> Iterator[dict[str, str]]:
    """One entry per rule item: its title, where it is, the words it is found by."""
    def tr(t: JSON) -> str:
        text: str = t[lang] if isinstance(t, dict) else (t or "")
        return text

    for rs in site["rulesets"]:
        page, where = f"rules/{rs['id']}.html", tr(rs["title"])
        yield {"title": tr(rs["title"]), "where": rs["id"], "url": page,
               "text": " ".join([rs["id"], rs["title"]["zh"], rs["title"]["en"], rs["instrument"]])}
        items = [("period", p["key"], p["title"], [str(p["workdays"])] + _basis_words(p["basis"]))
                 for p in rs["periods"]]
        items += [("parameter", p["key"], p["title"], [p["reason"]] + _basis_words(p["basis"]))
                  for p in rs["parameters"]]
        items += [("event", e["type"], e["title"], _basis_words(e["basis"])) for e in rs["events"]]
        items += [("violation", v["code"], v["title"], [v["message"]["zh"], v["message"]["en"]] + _basis_words(v["basis"]))
                  for v in rs["violations"]]
        items += [("change", c["key"], c["title"], [str(c["local"]["value"])]) for c in rs["changes"]]
        for kind, key, title, words in items:
            t = title or {"zh": key, "en": key}
            yield {"title": tr(t), "where": where, "url": f"{page}#{kind}-{key}",
                   "text": " ".join([key, t["zh"], t["en"], rs["id"], rs["title"]["zh"], rs["title"]["en"], *words])}
        for ex in rs["examples"]:
            yield {"title": ex["name"], "where": where, "url": f"{page}#{ex['anchor']}", "text": f"{ex['name']} {rs['id']}"}
        if rs["outcomes"]:
            for o in rs["outcomes"]["outcomes"] + rs["outcomes"]["closures"]:
                yield {"title": f"{o['code']} {tr(o['title'])}", "where": where,
                       "url": f"outcomes/{rs['id']}.html#outcome-{o['code']}",
                       "text": " ".join([o["code"], o["title"]["zh"], o["title"]["en"], *_basis_words(o["basis"])])}


def _basis_words(cites: Iterable[Cite]) -> list[str]:
    return [w for c in cites for w in (c.zh, c.en, c.text or "")]
