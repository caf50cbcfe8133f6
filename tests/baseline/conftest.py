# SPDX-License-Identifier: EUPL-1.2
"""The demo population with its personas, as the cases tests seed it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.cases.population import load


@pytest.fixture
def population(db: None) -> dict[str, int]:
    """Person ids of the personas by first name (`sanne`, `daan`, `noor`, ...)."""
    return load(timezone.localdate())
