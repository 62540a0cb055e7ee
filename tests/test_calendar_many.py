"""add_many / count_many: the scalar answers for every date, or an error naming the first bad index,
or masked answers there (issue 13)."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, strategies as st

from disclosure_rules import load_calendar
from disclosure_rules.errors import CalendarCoverageError, InputError

CN = load_calendar("cn")
IN = st.dates(min_value=CN.first_day - dt.timedelta(days=1), max_value=dt.date(2026, 10, 31))


def arr(ds):
    return np.array([d.isoformat() if d else "NaT" for d in ds], dtype="datetime64[D]")


@given(st.lists(IN, max_size=40), st.integers(1, 40))
def test_add_many_is_add(ds, n):
    want = [CN.add(d, n) for d in ds]
    assert CN.add_many(ds, n) == want
    assert CN.add_many(arr(ds), n).tolist() == want


@given(st.lists(st.tuples(IN, st.integers(1, 30)), max_size=40))
def test_add_many_with_one_n_per_date(pairs):
    ds, ns = [d for d, _ in pairs], [n for _, n in pairs]
    want = [CN.add(d, n) for d, n in pairs]
    assert CN.add_many(ds, ns) == want and CN.add_many(arr(ds), np.array(ns, dtype=np.int64)).tolist() == want


@given(st.lists(st.tuples(IN, IN), max_size=40))
def test_count_many_is_count(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    want = [CN.count(x, y) for x, y in pairs]
    assert CN.count_many(a, b) == want
    got = CN.count_many(arr(a), arr(b))
    assert got.dtype == np.int64 and got.tolist() == want


OUT = dt.date(2031, 3, 3)
DAYS = [dt.date(2026, 9, 30), dt.date(2025, 1, 2), dt.date(2024, 2, 9), OUT, dt.date(1990, 1, 1)]


def test_first_bad_index_is_named():
    for dates in (DAYS, arr(DAYS)):
        with pytest.raises(CalendarCoverageError) as e:
            CN.add_many(dates, 20)
        assert e.value.index == 3 and e.value.message.startswith("dates[3]: ") and e.value.exit_code == 3
    with pytest.raises(CalendarCoverageError, match=r"dates\[1\]: .*20th working day after 2026-12-20"):
        CN.add_many(arr([dt.date(2026, 9, 30), dt.date(2026, 12, 20)]), 20)
    with pytest.raises(InputError, match=r"dates\[1\] is NaT"):
        CN.add_many(arr([dt.date(2026, 9, 30), None]), 20)
    with pytest.raises(InputError, match=r"dates\[2\]: the number of working days must be at least 1, not 0"):
        CN.add_many(arr(DAYS[:3]), np.array([1, 2, 0]))
    with pytest.raises(CalendarCoverageError, match=r"dates\[0\]: 1990-01-01 is before"):
        CN.count_many(arr(DAYS), arr(DAYS[::-1]))
    with pytest.raises(InputError, match=r"starts\[1\] is None"):
        CN.count_many([DAYS[0], None], DAYS[:2])


def test_masked_results_keep_every_good_answer():
    got = CN.add_many(arr(DAYS + [None]), 20, errors="mask")
    assert isinstance(got, np.ma.MaskedArray) and got.mask.tolist() == [False, False, False, True, True, True]
    assert got.compressed().tolist() == [CN.add(d, 20) for d in DAYS[:3]]
    assert CN.add_many(DAYS + [None], 20, errors="mask") == [CN.add(d, 20) for d in DAYS[:3]] + [None] * 3
    counted = CN.count_many(arr(DAYS), arr([dt.date(2026, 10, 31)] * 5), errors="mask")
    assert counted.mask.tolist() == [False, False, False, True, True]
    assert counted.compressed().tolist() == [CN.count(d, dt.date(2026, 10, 31)) for d in DAYS[:3]]


def test_options_and_empty_input():
    with pytest.raises(InputError, match="errors must be one of raise, mask"):
        CN.add_many([DAYS[0]], 20, errors="skip")
    assert CN.add_many(np.array([], dtype="datetime64[D]"), 20).size == 0
    assert CN.count_many(np.array([], dtype="datetime64[D]"), np.array([], dtype="datetime64[D]")).size == 0
    assert CN.add_many([], 20) == [] and CN.count_many([], []) == []


def test_count_many_refuses_lists_that_do_not_pair_up():
    # two plain lists of different lengths used to lose the extra dates without a word
    import datetime as dt

    from disclosure_rules import load_calendar
    from disclosure_rules.errors import InputError
    cn = load_calendar("cn")
    with pytest.raises(InputError, match="2 starts, 3 ends"):
        cn.count_many([dt.date(2026, 1, 5)] * 2, [dt.date(2026, 1, 9)] * 3)
    assert cn.count_many([dt.date(2026, 1, 5)], [dt.date(2026, 1, 9)]) == [4]      # Tue-Fri
