"""The shared ``__repr__`` of the package's attrs classes (disclosure_rules.reprs): attrs' own text.

Every attrs class of the package is made with ``repr=False`` and derives from
``SharedRepr`` (start-up, issue 13); here each one's repr is compared with
the repr attrs compiles for a class of the same fields, on the same values.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import attrs
import pytest

import disclosure_rules
from disclosure_rules.reprs import SharedRepr

OPTIONAL = ("pandas", "pyarrow", "pyspark", "numpy", "jinja2", "docx", "pdfplumber", "bs4", "lxml", "babel")


def _modules():
    for info in pkgutil.walk_packages(disclosure_rules.__path__, "disclosure_rules."):
        if info.name.endswith("__main__"):               # runs the command line
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError as exc:                 # an optional extra not installed here
            if (exc.name or "").split(".")[0] not in OPTIONAL:
                raise


def _classes() -> list[type]:
    seen: dict[str, type] = {}
    for mod in _modules():
        for value in vars(mod).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == mod.__name__:
                seen[f"{value.__module__}.{value.__qualname__}"] = value
    return [seen[k] for k in sorted(seen)]


CLASSES = _classes()


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_the_package_has_its_attrs_classes():
    assert len(CLASSES) >= 100
    assert {"disclosure_rules.result.Result", "disclosure_rules.basis.Basis"} <= set(map(_name, CLASSES))


@pytest.mark.parametrize("cls", CLASSES, ids=_name)
def test_no_class_compiles_its_own_repr(cls):
    assert issubclass(cls, SharedRepr), f"{_name(cls)}: derive it from reprs.SharedRepr, with repr=False"
    assert cls.__repr__ is SharedRepr.__repr__, f"{_name(cls)}: made with repr=True (attrs compiles a __repr__)"


def _sample(i: int) -> object:
    """A value of a field: the kinds the classes hold (text, numbers, dates, tuples, dicts, None)."""
    return ("text", 7, dt.date(2026, 12, 2), ("a", 1), {"k": [1, None]}, None, True, "中文")[i % 8]


def _attrs_twin(cls: type) -> type:
    """A class of ``cls``'s fields with the ``__repr__`` attrs compiles (same name, same repr switches)."""
    twin = attrs.make_class(cls.__name__, {a.name: attrs.field(repr=a.repr, init=a.init) for a in attrs.fields(cls)},
                            slots=True)
    twin.__qualname__ = cls.__qualname__
    return twin


@pytest.mark.parametrize("cls", CLASSES, ids=_name)
def test_the_text_is_attrs_text(cls):
    twin = _attrs_twin(cls)
    ours, theirs = object.__new__(cls), object.__new__(twin)
    for i, a in enumerate(attrs.fields(cls)):
        object.__setattr__(ours, a.name, _sample(i))
        object.__setattr__(theirs, a.name, _sample(i))
    assert repr(ours) == repr(theirs)
    assert repr(ours).startswith(f"{cls.__qualname__.rsplit('>.', 1)[-1]}(")


@attrs.define(repr=False)
class _Node(SharedRepr):
    name: str
    children: list[object] = attrs.Factory(list)
    hidden: int = attrs.field(default=0, repr=False)
    shown_as: int = attrs.field(default=255, repr=hex)


@attrs.define
class _AttrsNode:
    name: str
    children: list[object] = attrs.Factory(list)
    hidden: int = attrs.field(default=0, repr=False)
    shown_as: int = attrs.field(default=255, repr=hex)


def test_a_field_hidden_a_repr_callable_and_an_object_inside_itself():
    ours, theirs = _Node("a"), _AttrsNode("a")
    ours.children.append(ours)
    theirs.children.append(theirs)
    assert repr(ours) == repr(theirs).replace("_AttrsNode", "_Node") == "_Node(name='a', children=[...], shown_as=0xff)"


def test_a_real_value():
    from disclosure_rules.basis import Basis

    b = Basis("政府信息公开条例（2019）", article="33", paragraph=2)
    assert repr(b) == ("Basis(instrument='政府信息公开条例（2019）', article='33', paragraph=2, item=None, section=None, "
                       "text=None)")
