"""Damage for the fuzz tests (issue 11): every key of a tree dropped, renamed
by one letter, retyped, its list items duplicated, every date replaced by an
impossible, a far past and a far future value.  Each damaged tree comes with
the tokens an error about it must name (the key, the value, the item).

Cheap on purpose: plain dict copies and a seeded ``random.Random``, so the
tests reach tens of thousands of inputs in seconds."""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import re

# NIGHTLY=1 (or DISCLOSURE_RULES_FUZZ=nightly): ten times the inputs (see README)
SCALE = 10 if os.environ.get("DISCLOSURE_RULES_FUZZ") == "nightly" or os.environ.get("NIGHTLY") else 1

BAD_DATES = ("2026-02-30", "2026-13-01", "2025-02-29", "2026-00-10", "2026-4-1", "20260301")
FAR_DATES = ("0001-01-01", "1900-01-01", "2999-06-30", "9999-12-31", dt.date(1, 1, 1), dt.date(9999, 12, 31))
RETYPES = (None, 0, -3, 7.5, True, "", "xyz", [], [1, 2], {}, {"a": 1})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _titles() -> dict:
    from disclosure_rules import load_rules
    out = {}
    for rs in load_rules().rulesets.values():
        for ev in rs.events.values():
            out.setdefault(ev.type, set()).update({ev.title.zh, ev.title.en})
    return out


TITLES = _titles()


def is_date(v) -> bool:
    return isinstance(v, dt.date) or (isinstance(v, str) and bool(_DATE.match(v)))


def entries(tree, path=()):
    """Every (path, value) below the root: mapping entries and list items."""
    if isinstance(tree, dict):
        items = tree.items()
    elif isinstance(tree, list):
        items = enumerate(tree)
    else:
        return
    for k, v in items:
        yield path + (k,), v
        yield from entries(v, path + (k,))


def _parent(tree, path):
    node = tree
    for p in path[:-1]:
        node = node[p]
    return node


def _copy_path(tree, path):
    """A copy of ``tree`` in which the containers on ``path`` are new (the rest is shared, never changed)."""
    root = copy.copy(tree)
    node = root
    for p in path[:-1]:
        node[p] = copy.copy(node[p])
        node = node[p]
    return root


def renamed(key: str, rng: random.Random) -> str:
    """``key`` with one letter dropped, doubled, swapped or changed."""
    if len(key) < 2:
        return key + "x"
    i = rng.randrange(len(key) - 1)
    op = rng.randrange(4)
    if op == 0:
        return key[:i] + key[i + 1:]
    if op == 1:
        return key[:i] + key[i] + key[i:]
    if op == 2:
        return key[:i] + key[i + 1] + key[i] + key[i + 2:]
    c = "e" if key[i] != "e" else "a"
    return key[:i] + c + key[i + 1:]


def tokens_for(path, old, new=None, tree=None) -> set[str]:
    """What an error about damage at ``path`` may name: the key, the item (an
    event by its number or type), the value."""
    out = set()
    key = path[-1]
    if tree is not None and len(path) >= 3 and isinstance(path[1], int):
        item = _parent(tree, path[:2])[path[1]]           # damage inside a list item: the item may be named
        out.update({f"event {path[1] + 1}", f"item {path[1] + 1}", f"第{path[1] + 1}"})
        if isinstance(item, dict):   # the item by its type (id or title) or a name it holds (its party)
            out.update(str(v) for k, v in item.items() if isinstance(v, str) and k != "date" and len(v) >= 2)
            out.update(TITLES.get(item.get("type"), ()) if isinstance(item.get("type"), str) else ())
    if isinstance(key, str):
        out.add(key)
    else:
        out.update({f"event {key + 1}", f"item {key + 1}", f"第{key + 1}"})
        if isinstance(old, dict) and isinstance(old.get("type"), str):
            out.add(old["type"])
    for v in (old, new):
        if isinstance(v, (str, dt.date)) and len(str(v)) >= 2:
            out.add(str(v))
    if new is not None or old is not None:          # a retyped value, as a message shows it
        if isinstance(new, dict):
            out.update(str(k) for k in new)
        if not isinstance(new, (str, dt.date)) and len(repr(new)) >= 2:
            out.add(repr(new))
    return out


def mutate_once(tree, path, op, rng):
    """One damaged copy of ``tree`` (op: drop | rename | retype | date | duplicate), or None."""
    t = _copy_path(tree, path)
    parent = _parent(t, path)
    where = dict(tree=tree)
    key = path[-1]
    old = parent[key]
    if op == "drop":
        del parent[key]
        return t, tokens_for(path, old, **where)
    if op == "rename" and isinstance(parent, dict) and isinstance(key, str):
        new = renamed(key, rng)
        if new in parent:
            return None
        parent[new] = parent.pop(key)
        return t, tokens_for(path, old, **where) | {new}
    if op == "retype":
        new = rng.choice([r for r in RETYPES if type(r) is not type(old)])
        parent[key] = copy.deepcopy(new)
        return t, tokens_for(path, old, new, **where)
    if op == "date" and is_date(old):
        new = rng.choice(BAD_DATES + FAR_DATES)
        parent[key] = new
        return t, tokens_for(path, old, new, **where)
    if op == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(old))
        return t, tokens_for(path, old, **where)
    return None


OPS = ("drop", "rename", "retype", "date", "duplicate")


def every_single_damage(tree, rng):
    """Each op at each entry once (the systematic part)."""
    for path, _ in list(entries(tree)):
        for op in OPS:
            got = mutate_once(tree, path, op, rng)
            if got is not None:
                yield got


def random_damage(tree, rng, hits: int):
    """``hits`` damages at random entries of ``tree`` (applied in turn), with the union of their tokens."""
    t, tokens, shifts = tree, set(), 0
    for _ in range(hits):
        paths = [p for p, _ in entries(t)]
        if not paths:
            break
        for _attempt in range(4):
            op = rng.choice(OPS)
            got = mutate_once(t, rng.choice(paths), op, rng)
            if got is not None:
                t, more = got
                tokens |= more
                shifts += op in ("drop", "duplicate")
                break
    return t, tokens | _shifted(tokens, shifts)


def _shifted(tokens, shifts: int) -> set[str]:
    """A list item dropped or duplicated moves the items after it: an item named
    by position may stand up to ``shifts`` places away in the damaged list."""
    out = set()
    for tok in tokens:
        m = re.fullmatch(r"(event |item |第)(\d+)", tok)
        if m and shifts:
            n = int(m.group(2))
            out.update(f"{m.group(1)}{k}" for k in range(max(1, n - shifts), n + shifts + 1))
    return out


def names_the_damage(exc, tokens) -> bool:
    """The error's English and Chinese messages each name one of the tokens."""
    en, zh = exc.message, exc.message_zh
    return any(tok in en for tok in tokens) and any(tok in zh for tok in tokens)
