# SPDX-License-Identifier: EUPL-1.2
"""The one place where each building block's router joins the API (no import side effects)."""

from __future__ import annotations

from lifegate.core.api import LifegateAPI, build_api
from lifegate.core.health import router as health_router
from lifegate.credentials.api import router as credentials_router
from lifegate.identity.api import router as identity_router
from lifegate.messagebox.api import router as messagebox_router
from lifegate.outbox.api import router as outbox_router


def create_api() -> LifegateAPI:
    api = build_api()
    api.add_router("/health", health_router)
    api.add_router("/credentials", credentials_router)
    api.add_router("/identity", identity_router)
    api.add_router("/messagebox", messagebox_router)
    api.add_router("/outbox", outbox_router)
    return api


api = create_api()
