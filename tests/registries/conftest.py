# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from lifegate.demo import models as demo_tables
from lifegate.registries import services as registries
from tests.exchange import population
from tests.identity.conftest import in_process_provider

__all__ = ["in_process_provider"]


@pytest.fixture
def people(db: Any) -> dict[str, demo_tables.Person]:
    return population.people()


@pytest.fixture(autouse=True)
def _fresh_transports() -> Iterator[None]:
    registries.reset_transports()
    yield
    registries.reset_transports()
