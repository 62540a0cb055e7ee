"""Invariants of working-day arithmetic over random dates in coverage."""

import datetime as dt

import numpy as np
from hypothesis import assume, given, strategies as st

from disclosure_rules import load_calendar

CN = load_calendar("cn")
days = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 6, 30))
counts = st.integers(min_value=1, max_value=60)


@given(days, counts)
def test_add_lands_on_a_workday_after_the_start(d, n):
    r = CN.add(d, n)
    assert CN.is_workday(r) and r > d


@given(days, counts)
def test_count_inverts_add(d, n):
    assert CN.count(d, CN.add(d, n)) == n


@given(days, counts, counts)
def test_add_composes(d, a, b):
    assert CN.add(CN.add(d, a), b) == CN.add(d, a + b)


@given(days, days, counts)
def test_add_is_monotone_in_the_start(d1, d2, n):
    lo, hi = sorted((d1, d2))
    assert CN.add(lo, n) <= CN.add(hi, n)


@given(days, counts, counts)
def test_add_is_strictly_monotone_in_n(d, a, b):
    assume(a != b)
    assert (CN.add(d, a) < CN.add(d, b)) == (a < b)


@given(st.dates(min_value=dt.date(2004, 2, 1), max_value=dt.date(2026, 6, 30)), counts)
def test_backwards_undoes_forwards(d, n):
    # going back n working days from add(d, n) lands on the last working day on or before d
    r = CN.add(d, n)
    assert CN.add(r, -n) == (d if CN.is_workday(d) else CN.add(d, -1))


@given(days, days)
def test_count_is_additive(a, b):
    m = a + (b - a) // 2
    assert CN.count(a, b) == CN.count(a, m) + CN.count(m, b)


@given(st.lists(days, min_size=1, max_size=30), counts)
def test_batch_equals_scalar(ds, n):
    expected = [CN.add(d, n) for d in ds]
    assert CN.add_many(ds, n) == expected
    arr = np.array([d.isoformat() for d in ds], dtype="datetime64[D]")
    got = CN.add_many(arr, n)
    assert [dt.date.fromisoformat(str(x)) for x in got] == expected


@given(days, counts)
def test_explanation_accounts_for_every_day(d, n):
    span = CN.explain_add(d, n)
    calendar_days = (span.end - span.start).days
    assert calendar_days == n + len(span.skipped)
    assert all(not s.workday for s in span.skipped)
