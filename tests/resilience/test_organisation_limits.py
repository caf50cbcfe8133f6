# SPDX-License-Identifier: EUPL-1.2
"""An authenticated agency draws from its organisation's bucket, anyone else from its address's."""

from __future__ import annotations

import pytest

from lifegate.resilience.ratelimit import RateLimiter, RequestLimits


def _limits(address_burst: int | None, organisation_burst: int | None) -> RequestLimits:
    def limiter(burst: int | None) -> RateLimiter | None:
        return None if burst is None else RateLimiter(0.001, burst, lambda: 0.0)

    return RequestLimits(limiter(address_burst), limiter(organisation_burst))


def _allowed(limits: RequestLimits, address: str, organisation: str | None, times: int) -> int:
    return sum(limits.take(address, organisation) == 0 for _ in range(times))


def test_an_agency_is_limited_by_its_organisation_not_by_its_address():
    limits = _limits(address_burst=2, organisation_burst=5)

    assert _allowed(limits, "10.0.0.1", "svb", 8) == 5
    assert _allowed(limits, "10.0.0.1", None, 3) == 2  # the address bucket is untouched


def test_organisations_have_buckets_of_their_own():
    limits = _limits(address_burst=2, organisation_burst=3)
    _allowed(limits, "10.0.0.1", "svb", 3)

    assert _allowed(limits, "10.0.0.1", "duo", 4) == 3
    assert limits.take("10.0.0.1", "svb") >= 1  # a Retry-After in whole seconds


@pytest.mark.parametrize(
    ("address_burst", "organisation_burst", "organisation", "expected"),
    [
        (None, 2, None, 10),  # the per-address limit off
        (2, None, "svb", 10),  # the per-organisation limit off
        (None, 2, "svb", 2),
        (2, None, None, 2),
    ],
)
def test_a_limit_that_is_off_lets_everything_through(
    address_burst, organisation_burst, organisation, expected
):
    limits = _limits(address_burst, organisation_burst)

    assert _allowed(limits, "10.0.0.1", organisation, 10) == expected


def test_reset_fills_every_bucket_again():
    limits = _limits(address_burst=1, organisation_burst=1)
    _allowed(limits, "10.0.0.1", None, 1)
    _allowed(limits, "10.0.0.1", "svb", 1)

    limits.reset()

    assert (limits.take("10.0.0.1"), limits.take("10.0.0.1", "svb")) == (0, 0)
