# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from tests.credentials.credentials_factory import Demo


@pytest.fixture
def demo() -> Demo:
    return Demo()
