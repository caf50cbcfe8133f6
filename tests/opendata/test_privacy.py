# SPDX-License-Identifier: EUPL-1.2
"""The pure core: periods, OpenDP noise and its privacy loss, suppression, the accountant."""

import datetime as dt

import pytest

from lifegate.opendata.accountant import BudgetExceededError, authorise, budget
from lifegate.opendata.privacy import (
    DAY_CANDIDATES,
    PrivacyParameters,
    noisy_counts,
    private_quantile,
    suppress,
)
from lifegate.opendata.records import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_a_period_is_a_calendar_month(text, first, last):
    period = Period.parse(text)

    assert (period.first_day, period.last_day, str(period)) == (first, last, text)


@pytest.mark.parametrize("text", ["2025-13", "2025-6", "June 2025", "", "2025-00"])
def test_a_period_not_written_yyyy_mm_is_refused(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize(
    ("today", "ended"),
    [(dt.date(2025, 6, 30), False), (dt.date(2025, 7, 1), True), (dt.date(2025, 6, 1), False)],
)
def test_a_month_has_ended_only_after_its_last_day(today, ended):
    assert Period(2025, 6).has_ended(today) is ended


@pytest.mark.parametrize(("epsilon", "contributions"), [(0.5, 3), (1.0, 1), (0.25, 2)])
def test_the_epsilon_of_a_count_is_what_opendp_says_for_the_configured_budget(
    epsilon, contributions
):
    params = PrivacyParameters(epsilon_per_count=epsilon, max_contributions=contributions)

    noisy, spent = noisy_counts([100, 200, 0], params)

    assert spent == pytest.approx(epsilon)
    assert len(noisy) == 3
    assert all(isinstance(value, int) for value in noisy)


def test_counts_get_noise_yet_stay_close_to_the_truth():
    params = PrivacyParameters(epsilon_per_count=1.0, max_contributions=1)

    noisy, _ = noisy_counts([1000] * 200, params)

    assert noisy != [1000] * 200
    assert abs(sum(noisy) / 200 - 1000) < 1


def test_a_private_quantile_answers_one_of_the_candidates_and_costs_its_epsilon():
    params = PrivacyParameters(epsilon_per_quantile=0.5)

    value, spent = private_quantile([7] * 500 + [30] * 10, 0.5, params)

    assert value in DAY_CANDIDATES
    assert 5 <= value <= 9
    assert spent == pytest.approx(0.5)


@pytest.mark.parametrize(("value", "published"), [(9, None), (10, 10), (-3, None), (250, 250)])
def test_counts_below_the_threshold_are_suppressed(value, published):
    assert suppress(value, 10) == published


def test_the_accountant_adds_up_a_years_releases():
    current = budget(2025, 10.0, [2.5, 2.5])

    after = authorise(current, 5.0)

    assert (current.spent, after.spent, after.remaining) == (5.0, 10.0, 0.0)


def test_the_accountant_refuses_a_release_beyond_the_yearly_budget_with_the_reason():
    current = budget(2025, 10.0, [4.0, 4.0])

    with pytest.raises(BudgetExceededError, match=r"needs ε = 5, but 2025 has only 2 of"):
        authorise(current, 5.0)
