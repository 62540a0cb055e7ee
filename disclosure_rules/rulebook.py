"""Load and check rule files: ``rules/<set>/*.yaml`` and ``rules/local/<set>/``.

A rule set is a folder with ``ruleset.yaml`` (identity, instrument, dates in
force, what it extends or supplements) and topic files: ``receipt.yaml``
(Art. 31 channels), ``periods.yaml`` (periods and the conventions the law
leaves open, as named parameters), ``events.yaml`` (what each event does to
the clock), ``violations.yaml`` (business-rules conditions for unlawful
conduct), ``clock.yaml`` (any of these sections, for supplements) and
``examples.yaml`` (cases with expected results).  Other files in the folder
belong to other modules (outcomes, fees, remedies, the annual report).

Three kinds of rule set:

* national versions (``ogi-2008``, ``ogi-2019``), chosen by the date of receipt;
  their periods of force must not overlap;
* supplements (``fees-2020``) that add periods, events and violations to the
  versions they name, for events on or after their ``effective_from``;
* local layers (``local/gansu-jinchang``) that ``extends`` a version and
  override named parameters only, each with its own basis.

Every mistake raises :class:`RuleFileError` with file, line and a plain
message in English and Chinese.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path

import attrs

from .basis import Basis, parse_basis
from .data import data_dir
from .errors import RuleFileError, UnknownNameError
from .schema import validate
from .yamlfile import Map, Seq, load_yaml

CLOCK_FILES = ("ruleset.yaml", "receipt.yaml", "periods.yaml", "events.yaml", "violations.yaml",
               "clock.yaml", "examples.yaml")

# facts the engine computes when an event happens (see violations.yaml); name -> kind
FACTS = {
    "workdays_since_receipt": "numeric",
    "workdays_past_due": "numeric",
    "prior_correction_notices": "numeric",
    "prior_correction_notices_plus_one": "numeric",
    "extension_total": "numeric",
    "extension_cap": "numeric",
    "days_confirmation_late": "numeric",
    "extension_must_precede_due": "boolean",
}
PSEUDO_EVENTS = ("receipt", "as_of")
_OPERATORS = {
    "numeric": {"equal_to", "greater_than", "less_than", "greater_than_or_equal_to", "less_than_or_equal_to"},
    "boolean": {"is_true", "is_false"},
}


@attrs.frozen
class Text:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@attrs.frozen
class Period:
    key: str
    title: Text
    workdays: int
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen
class Parameter:
    key: str
    value: object
    choices: tuple | None
    title: Text | None
    reason: str
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen
class Channel:
    key: str
    title: Text
    requires: tuple[str, ...]
    date_of_receipt: str
    confirm_on_day_of: str | None
    basis: tuple[Basis, ...]


@attrs.frozen
class PartyRule:
    key: str
    effect: str                 # pause | record
    period: str | None
    basis: tuple[Basis, ...]


@attrs.frozen
class EventRule:
    type: str
    title: Text
    effect: str
    basis: tuple[Basis, ...]
    source: str
    order: int = 0              # same-day events are taken in increasing order (events.yaml `order`)
    period: str | None = None
    cap: str | None = None
    status: str | None = None
    applicant: str | None = None
    applicant_field: str | None = None
    applicant_parameter: str | None = None
    applicant_period: str | None = None
    expiry_status: str | None = None
    expiry_outcome: str | None = None
    answers: str | None = None
    parameter: str | None = None
    parties: dict = attrs.field(factory=dict)
    fields: dict = attrs.field(factory=dict)     # data a case may record with the event: field -> kind


@attrs.frozen
class ViolationRule:
    code: str
    event: str
    title: Text
    conditions: dict            # business-rules conditions, with period values resolved
    voids_effect: bool
    message: Text
    basis: tuple[Basis, ...]
    source: str


@attrs.frozen
class Example:
    name: str
    case: dict
    as_of: dt.date | None
    expect: dict
    path: str
    line: int


@attrs.frozen
class RuleSet:
    id: str
    title: Text
    instrument: str
    kind: str                   # national | supplement | local
    effective_from: dt.date | None
    effective_to: dt.date | None
    extends: str | None
    supplements: tuple[str, ...]
    basis: tuple[Basis, ...]
    periods: dict
    parameters: dict
    channels: dict
    events: dict
    violations: dict
    examples: tuple[Example, ...]
    folder: str
    digest: str
    raw_violations: tuple = attrs.field(repr=False, default=())
    outcomes: object = attrs.field(repr=False, default=None)     # OutcomeCatalogue, when the folder has one

    def in_force(self, d: dt.date) -> bool:
        return ((self.effective_from is None or d >= self.effective_from)
                and (self.effective_to is None or d <= self.effective_to))


@attrs.frozen
class Rules:
    """The rules that govern one case: a national version, the supplements in
    force and an optional local layer, merged (local parameters win)."""

    main: RuleSet
    supplements: tuple[RuleSet, ...]
    local: RuleSet | None
    periods: dict
    parameters: dict
    channels: dict
    events: dict
    violations: tuple[ViolationRule, ...]

    @property
    def versions(self) -> list[str]:
        return [self.main.id] + [s.id for s in self.supplements] + ([self.local.id] if self.local else [])

    def param(self, key: str):
        return self.parameters[key].value

    def period(self, key: str) -> Period:
        return self.periods[key]

    def supplement_for(self, event_type: str) -> RuleSet | None:
        for s in self.supplements:
            if event_type in s.events:
                return s
        return None


@attrs.frozen(eq=False)
class RuleBook:
    """All rule sets found on the search path."""

    rulesets: dict
    digest: str

    def get(self, rid: str) -> RuleSet:
        try:
            return self.rulesets[rid]
        except KeyError:
            raise UnknownNameError(f"unknown rule set '{rid}' (known: {', '.join(sorted(self.rulesets))})",
                                   f"未知的规则集“{rid}”（可用：{'、'.join(sorted(self.rulesets))}）") from None

    @property
    def national(self) -> list[RuleSet]:
        return sorted((r for r in self.rulesets.values() if r.kind == "national"),
                      key=lambda r: r.effective_from or dt.date.min, reverse=True)

    @property
    def locals(self) -> list[str]:
        return sorted(r.id for r in self.rulesets.values() if r.kind == "local")

    def rules(self, main_id: str, local: str | None = None) -> Rules:
        """Merge a national version, its supplements and a local layer."""
        main = self.get(main_id)
        loc = None
        if local is not None:
            loc = self.get(local)
            if loc.kind != "local":
                raise UnknownNameError(f"'{local}' is not a local rule set (known: {', '.join(self.locals)})",
                                       f"“{local}”不是地方规则（可用：{'、'.join(self.locals)}）")
        return _merge(main, loc, self)

    def to_dict(self) -> dict:
        return {"digest": self.digest, "rulesets": sorted(self.rulesets)}


def _merge(main: RuleSet, loc: RuleSet | None, book: "RuleBook") -> Rules:
    sups = tuple(sorted((r for r in book.rulesets.values() if r.kind == "supplement" and main.id in r.supplements),
                        key=lambda r: r.id))
    periods, params, events = dict(main.periods), dict(main.parameters), dict(main.events)
    violations = list(main.violations.values())
    for s in sups:
        periods.update(s.periods)
        params.update(s.parameters)
        events.update(s.events)
        violations.extend(s.violations.values())
    if loc is not None:
        if loc.extends != main.id:
            raise UnknownNameError(
                f"the local rules '{loc.id}' extend {loc.extends}, but this request is governed by {main.id}",
                f"地方规则“{loc.id}”依附于{loc.extends}，而本申请适用{main.id}")
        params.update(loc.parameters)
        periods.update(loc.periods)
    return Rules(main, sups, loc, periods, params, dict(main.channels), events, tuple(violations))


# ----------------------------------------------------------------------------- loading

def bundled_rules_dir() -> Path:
    return data_dir("rules")


def load_rules(path=None) -> RuleBook:
    """Load every rule set under ``path`` (default: the bundled ``rules/``).

    Raises :class:`RuleFileError` (file, line, zh + en) for the first mistake.
    """
    if path is None:
        return _load_bundled()
    return _load_book(Path(path))


@functools.lru_cache(maxsize=1)
def _load_bundled() -> RuleBook:
    # bundled rule files are read-only package data: loading them once per process is safe
    return _load_book(bundled_rules_dir())


def rule_folders(root: Path) -> list[Path]:
    return sorted({p.parent for p in root.rglob("ruleset.yaml")})


def _load_book(root: Path) -> RuleBook:
    if not root.is_dir():
        raise UnknownNameError(f"no rules folder at {root}", f"找不到规则文件夹{root}")
    sets: dict[str, RuleSet] = {}
    digest = hashlib.sha256()
    for folder in rule_folders(root):
        rs = _load_set(folder)
        if rs.id in sets:
            raise RuleFileError(folder / "ruleset.yaml", 1, f"the rule set id '{rs.id}' is used twice",
                                f"规则集编号“{rs.id}”重复")
        if (folder / "outcomes.yaml").is_file():
            from .outcomes import load_outcome_file
            object.__setattr__(rs, "outcomes", load_outcome_file(folder / "outcomes.yaml", rs.id))
            digest.update((folder / "outcomes.yaml").read_bytes())
        sets[rs.id] = rs
        digest.update(rs.digest.encode())
    _check_book(sets)
    return RuleBook(sets, digest.hexdigest()[:16])


def _text(v, where: Map, key: str) -> Text:
    if isinstance(v, str):
        return Text(v, v)
    if isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str):
        return Text(v["zh"], v["en"])
    raise RuleFileError(where.path, where.line_of(key), f"'{key}' needs a Chinese (zh) and an English (en) text",
                        f"“{key}”需要中文（zh）和英文（en）两种文字")


def _load_set(folder: Path) -> RuleSet:
    docs = {}
    h = hashlib.sha256()
    for name in CLOCK_FILES:
        p = folder / name
        if p.is_file():
            doc = load_yaml(p)
            h.update(p.read_bytes())
            if not isinstance(doc, Map):
                raise RuleFileError(p, 1, "a rule file must be a block of 'key: value' lines",
                                    "规则文件必须由“键: 值”行组成")
            validate(doc, "clock-rules", p)
            docs[name] = doc
    head = docs["ruleset.yaml"].get("ruleset")
    if head is None:
        raise RuleFileError(folder / "ruleset.yaml", 1, "ruleset.yaml must start with 'ruleset:'",
                            "ruleset.yaml必须以“ruleset:”开头")
    rid = head["id"]
    if rid != folder.name:
        raise RuleFileError(head.path, head.line_of("id"), f"the id '{rid}' must equal the folder name '{folder.name}'",
                            f"编号“{rid}”必须与文件夹名“{folder.name}”相同")
    kind = "local" if head.get("extends") else "supplement" if head.get("supplements") else "national"
    if kind == "national" and head.get("effective_from") is None:
        raise RuleFileError(head.path, head.line, "a national rule set needs 'effective_from'",
                            "全国性规则集需要写明施行日期（effective_from）")
    periods, params, channels, events, raw_v, examples = {}, {}, {}, {}, [], []
    for name, doc in docs.items():
        for key, sec in doc.items():
            if key == "ruleset":
                if name != "ruleset.yaml":
                    raise RuleFileError(doc.path, doc.line_of(key), "'ruleset:' belongs in ruleset.yaml",
                                        "“ruleset:”只能写在ruleset.yaml中")
                continue
            for k, v in sec.items() if isinstance(sec, Map) else []:
                store = {"periods": periods, "parameters": params, "receipt": channels, "events": events}.get(key)
                if store is not None and k in store:
                    raise RuleFileError(sec.path, sec.line_of(k), f"'{k}' is defined twice in {key}",
                                        f"{key}中“{k}”被定义了两次")
            if key == "periods":
                for k, v in sec.items():
                    periods[k] = Period(k, _text(v["title"], v, "title"), v["workdays"], parse_basis(v.get("basis"), v), rid)
            elif key == "parameters":
                for k, v in sec.items():
                    choices = tuple(v["choices"]) if "choices" in v else None
                    if choices is not None and v.get("value") not in choices:
                        raise RuleFileError(v.path, v.line_of("value"),
                                            f"the value of '{k}' must be one of {list(choices)}",
                                            f"参数“{k}”的取值必须是{list(choices)}之一")
                    params[k] = Parameter(k, v.get("value"), choices,
                                          _text(v["title"], v, "title") if "title" in v else None,
                                          str(v.get("reason", "")).strip(), parse_basis(v.get("basis"), v), rid)
            elif key == "receipt":
                for k, v in sec.items():
                    if v["date_of_receipt"] not in v["requires"]:
                        raise RuleFileError(v.path, v.line_of("date_of_receipt"),
                                            f"'{v['date_of_receipt']}' must also be listed under requires",
                                            f"“{v['date_of_receipt']}”也必须列在requires中")
                    channels[k] = Channel(k, _text(v["title"], v, "title"), tuple(v["requires"]), v["date_of_receipt"],
                                          v.get("confirm_on_day_of"), parse_basis(v.get("basis"), v))
            elif key == "events":
                for k, v in sec.items():
                    events[k] = _event(k, v, rid)
            elif key == "violations":
                raw_v.extend((k, v) for k, v in sec.items())
            elif key == "examples":
                for i, ex in enumerate(sec):
                    if "basis" in ex:
                        parse_basis(ex["basis"], ex)
                    examples.append(Example(ex["name"], ex["case"], ex.get("as_of"), ex["expect"], sec.path,
                                            sec.line_of(i)))
    rs = RuleSet(id=rid, title=_text(head["title"], head, "title"), instrument=head["instrument"], kind=kind,
                 effective_from=head.get("effective_from"), effective_to=head.get("effective_to"),
                 extends=head.get("extends"), supplements=tuple(head.get("supplements") or ()),
                 basis=parse_basis(head.get("basis"), head), periods=periods, parameters=params,
                 channels=channels, events=events, violations={}, examples=tuple(examples), folder=str(folder),
                 digest=h.hexdigest()[:16], raw_violations=tuple(raw_v))
    if kind == "local" and not (params or periods):
        raise RuleFileError(head.path, head.line,
                            "a local rule set must override at least one parameter or period of the rules it extends",
                            "地方规则至少要覆盖所依附规则中的一个参数或期限")
    if kind == "local" and (channels or events or raw_v):
        raise RuleFileError(head.path, head.line, "a local rule set may override parameters and periods only",
                            "地方规则只能覆盖参数和期限")
    return rs


def _event(k: str, v: Map, rid: str) -> EventRule:
    ap = v.get("applicant_period") or {}
    expiry = v.get("on_expiry") or {}
    parties = {}
    for pk, pv in (v.get("parties") or {}).items():
        parties[pk] = PartyRule(pk, pv.get("effect", "pause"), pv.get("period"), parse_basis(pv.get("basis"), pv))
    return EventRule(type=k, title=_text(v["title"], v, "title"), effect=v["effect"],
                     basis=parse_basis(v.get("basis"), v), source=rid, order=v["order"], period=v.get("period"), cap=v.get("cap"),
                     status=v.get("status"), applicant=v.get("applicant"), applicant_field=ap.get("field"),
                     applicant_parameter=ap.get("parameter"), applicant_period=ap.get("period"),
                     expiry_status=expiry.get("status"), expiry_outcome=expiry.get("outcome"),
                     answers=v.get("answers"), parameter=v.get("parameter"), parties=parties,
                     fields={f: d.get("kind", "any") for f, d in (v.get("fields") or {}).items()})


def _fail(m, key, en, zh):
    raise RuleFileError(m.path, m.line_of(key) if isinstance(m, (Map, Seq)) else None, en, zh)


def _check_book(sets: dict) -> None:
    """Cross-file checks: overlapping versions, references, violations, layering."""
    nationals = sorted((r for r in sets.values() if r.kind == "national"), key=lambda r: r.effective_from)
    for a, b in zip(nationals, nationals[1:]):
        if a.effective_to is None or a.effective_to >= b.effective_from:
            raise RuleFileError(Path(b.folder) / "ruleset.yaml", None,
                                f"{a.id} and {b.id} are both in force on {b.effective_from}: periods of force must not overlap",
                                f"{a.id}与{b.id}在{b.effective_from}同时有效：施行期间不得重叠")
    for r in list(sets.values()):
        head_path = Path(r.folder) / "ruleset.yaml"
        if r.kind == "local":
            base = sets.get(r.extends)
            if base is None or base.kind != "national":
                raise RuleFileError(head_path, None, f"'{r.id}' extends '{r.extends}', which is not a national rule set",
                                    f"“{r.id}”依附的“{r.extends}”不是全国性规则集")
            for k, p in r.parameters.items():
                if k not in base.parameters:
                    raise RuleFileError(head_path, None, f"the local parameter '{k}' overrides nothing in {base.id}",
                                        f"地方参数“{k}”在{base.id}中没有对应的参数可覆盖")
                choices = base.parameters[k].choices
                if choices is not None and p.value not in choices:
                    raise RuleFileError(head_path, None, f"'{k}' must be one of {list(choices)}",
                                        f"参数“{k}”的取值必须是{list(choices)}之一")
            for k in r.periods:
                if k not in base.periods:
                    raise RuleFileError(head_path, None, f"the local period '{k}' overrides nothing in {base.id}",
                                        f"地方期限“{k}”在{base.id}中没有对应的期限可覆盖")
            continue
        targets = [sets[t] for t in r.supplements if t in sets] if r.kind == "supplement" else [r]
        for t in r.supplements:
            if t not in sets:
                raise RuleFileError(head_path, None, f"'{r.id}' supplements unknown rule set '{t}'",
                                    f"“{r.id}”所补充的规则集“{t}”不存在")
        for target in targets:
            periods = {**target.periods, **r.periods}
            params = {**target.parameters, **r.parameters}
            events = {**target.events, **r.events}
            for ev in r.events.values():
                _check_event(ev, periods, params, events, r)
            _check_order(events, r)
        violations = {}
        for code, v in r.raw_violations:
            periods = dict(r.periods)
            params = dict(r.parameters)
            events = dict(r.events)
            for t in targets:
                periods.update(t.periods)
                params.update(t.parameters)
                events.update(t.events)
            violations[code] = _violation(code, v, periods, events, r.id)
        object.__setattr__(r, "violations", violations)


def _check_event(ev: EventRule, periods, params, events, r: RuleSet):
    path = Path(r.folder)

    def bad(en, zh):
        raise RuleFileError(path / "events.yaml" if (path / "events.yaml").exists() else path / "clock.yaml",
                            None, f"event '{ev.type}': {en}", f"事件“{ev.type}”：{zh}")

    for ref, what in ((ev.period, "period"), (ev.cap, "cap"), (ev.applicant_period, "applicant_period")):
        if ref is not None and ref not in periods:
            bad(f"{what} '{ref}' is not defined under periods", f"{what}“{ref}”未在periods中定义")
    for ref in (ev.applicant_parameter, ev.parameter):
        if ref is not None and ref not in params:
            bad(f"parameter '{ref}' is not defined under parameters", f"参数“{ref}”未在parameters中定义")
    if ev.answers is not None and ev.answers not in events:
        bad(f"it answers '{ev.answers}', which is not an event", f"所回应的“{ev.answers}”不是已定义的事件")
    needs = {"restart": ("period",), "extend": ("cap",), "close": ("status",)}
    for attr in needs.get(ev.effect, ()):
        if getattr(ev, attr) is None:
            bad(f"the effect '{ev.effect}' needs '{attr}'", f"效果“{ev.effect}”需要写明“{attr}”")
    if ev.effect == "suspend" and (ev.applicant is None or ev.expiry_status is None):
        bad("the effect 'suspend' needs 'applicant' and 'on_expiry'", "效果“suspend”需要写明applicant和on_expiry")
    if ev.effect == "pause" and not ev.parties:
        bad("the effect 'pause' needs 'parties'", "效果“pause”需要写明parties")
    for p in ev.parties.values():
        if p.period is not None and p.period not in periods:
            bad(f"party '{p.key}': period '{p.period}' is not defined", f"当事方“{p.key}”：期限“{p.period}”未定义")


def _check_order(events: dict, r: RuleSet) -> None:
    """Two events of the same rules may not share a same-day order (the order they are taken in would be a guess)."""
    seen: dict = {}
    for ev in sorted(events.values(), key=lambda e: e.type):
        other = seen.setdefault(ev.order, ev)
        if other is not ev:
            path = Path(r.folder)
            raise RuleFileError(path / "events.yaml" if (path / "events.yaml").exists() else path / "clock.yaml",
                                None, f"events '{other.type}' and '{ev.type}' have the same order {ev.order}: "
                                "give each event its own place in the same-day order",
                                f"事件“{other.type}”和“{ev.type}”的order相同（{ev.order}）：同日事件的先后须各不相同")


def _violation(code: str, v: Map, periods: dict, events: dict, rid: str) -> ViolationRule:
    if v["event"] not in events and v["event"] not in PSEUDO_EVENTS:
        _fail(v, "event", f"violation '{code}': '{v['event']}' is not an event of these rules",
              f"违法情形“{code}”：“{v['event']}”不是本规则中的事件")

    def resolve(node):
        if isinstance(node, dict) and ("all" in node or "any" in node):
            key = "all" if "all" in node else "any"
            return {key: [resolve(c) for c in node[key]]}
        if isinstance(node, dict) and "name" in node:
            name, op = node.get("name"), node.get("operator")
            kind = FACTS.get(name)
            if kind is None:
                _fail(node, "name", f"violation '{code}': unknown fact '{name}' (known: {', '.join(sorted(FACTS))})",
                      f"违法情形“{code}”：未知的事实“{name}”（可用：{'、'.join(sorted(FACTS))}）")
            if op not in _OPERATORS[kind]:
                _fail(node, "operator", f"violation '{code}': operator '{op}' does not apply to {name} "
                      f"(use one of {', '.join(sorted(_OPERATORS[kind]))})",
                      f"违法情形“{code}”：运算符“{op}”不适用于{name}（可用：{'、'.join(sorted(_OPERATORS[kind]))}）")
            value = node.get("value")
            if isinstance(value, dict) and "period" in value:
                if value["period"] not in periods:
                    _fail(node, "value", f"violation '{code}': period '{value['period']}' is not defined",
                          f"违法情形“{code}”：期限“{value['period']}”未定义")
                value = periods[value["period"]].workdays
            elif kind == "numeric" and not isinstance(value, int):
                _fail(node, "value", f"violation '{code}': the value for {name} must be a number or {{period: KEY}}",
                      f"违法情形“{code}”：{name}的比较值必须是数字或{{period: 期限名}}")
            return {"name": name, "operator": op, "value": value}
        _fail(v, "when", f"violation '{code}': a condition needs all/any or name/operator/value",
              f"违法情形“{code}”：条件需要all/any或name/operator/value")

    return ViolationRule(code, v["event"], _text(v["title"], v, "title"), resolve(v["when"]), bool(v["voids_effect"]),
                         _text(v["message"], v, "message"), parse_basis(v.get("basis"), v), rid)
