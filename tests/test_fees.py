"""The information processing fee (国办函〔2020〕109号): worked checks and properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from disclosure_rules.cli import main
from disclosure_rules.api import fee, fee_for_requests
from disclosure_rules.fees import FeeError


@pytest.mark.parametrize("n, yuan", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (35, 200), (40, 200),
                                     (41, 300), (50, 300), (51, 400), (101, 900)])
def test_nth_request(n, yuan):
    assert fee(nth_request=n).amount == Decimal(yuan)


def test_worked_checks():
    assert fee(nth_request=35).amount == Decimal(200)
    assert fee_for_requests(11, 35).amount == Decimal(3000)          # 20 x 100 + 5 x 200
    assert fee(pages=250).amount == Decimal(4700)                    # 70 x 10 + 100 x 20 + 50 x 40
    assert isinstance(fee(pages=250).amount, Decimal)


def test_no_fee_before_2021_and_one_method_only():
    with pytest.raises(FeeError, match="2021-01-01"):
        fee(pages=100, on=dt.date(2020, 12, 31))
    assert fee(pages=100, on=dt.date(2021, 1, 1)).amount == Decimal(700)
    with pytest.raises(FeeError, match="never both"):
        fee(nth_request=12, pages=40)
    with pytest.raises(FeeError):
        fee()
    with pytest.raises(FeeError):
        fee(pages=0)


@given(st.integers(1, 500))
def test_pages_equal_the_sum_of_marginal_tiers(p):
    def rate(i):
        return 0 if i <= 30 else 10 if i <= 100 else 20 if i <= 200 else 40
    assert fee(pages=p).amount == sum(Decimal(rate(i)) for i in range(1, p + 1))


@given(st.integers(1, 300), st.integers(1, 300))
def test_monotone(a, b):
    lo, hi = sorted((a, b))
    assert fee(pages=lo).amount <= fee(pages=hi).amount
    assert fee(nth_request=lo).amount <= fee(nth_request=hi).amount
    assert fee_for_requests(1, lo).amount <= fee_for_requests(1, hi).amount


@given(st.integers(1, 200))
def test_requests_sum_is_the_sum_of_each(n):
    assert fee_for_requests(1, n).amount == sum(fee(nth_request=i).amount for i in range(1, n + 1))


@given(st.integers(1, 30))
def test_free_below_thresholds(n):
    assert fee(pages=n).amount == 0
    if n <= 10:
        assert fee(nth_request=n).amount == 0


def test_cli(capsys):
    assert main(["fee", "--nth-request", "35"]) == 0
    assert capsys.readouterr().out == "200\n"
    assert main(["fee", "--pages", "250"]) == 0
    assert capsys.readouterr().out == "4700\n"
    assert main(["fee", "--pages", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["fee", "--pages", "5", "--on", "2020-06-01", "--json"]) == 2
    assert '"kind": "fee"' in capsys.readouterr().out
    assert main(["fee", "--pages", "5", "--nth-request", "3"]) == 2
