# SPDX-License-Identifier: EUPL-1.2
"""The one headless Chromium of a test session: Debian's package, started by Playwright.

A plugin of the root conftest, so every directory's browser tests share it: Playwright's
sync API runs an event loop on the test thread, and a second `sync_playwright()` started
while the first runs (a module of its own browser after one of the shared) is refused.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # Playwright is imported when a browser starts: 0.4 s a process otherwise
    from playwright.sync_api import Browser

CHROMIUM = os.environ.get("LIFEGATE_CHROMIUM", "/usr/bin/chromium")
# The closed network makes Chromium's own background connections fail noisily; turn them off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/test (it installs Debian's "
            f"chromium) or set LIFEGATE_CHROMIUM."
        )
    # With Playwright's loop on the test thread, Django refuses ORM calls the test itself
    # makes (fixtures, asserts); the live server runs in its own thread, so they are still
    # synchronous: this is the documented way to combine the two.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - see TYPE_CHECKING above

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
