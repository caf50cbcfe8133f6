# SPDX-License-Identifier: EUPL-1.2
"""The one place where each building block's router joins the API (no import side effects)."""

from __future__ import annotations

from lifegate.assistant.api import router as assistant_router
from lifegate.cases.api import router as cases_router
from lifegate.catalog.api import router as catalog_router
from lifegate.core.api import LifegateAPI, build_api
from lifegate.core.health import router as health_router
from lifegate.credentials.api import router as credentials_router
from lifegate.exchange.api import router as exchange_router
from lifegate.identity.api import router as identity_router
from lifegate.ledger.api import router as ledger_router
from lifegate.messagebox.api import router as messagebox_router
from lifegate.opendata.api import router as opendata_router
from lifegate.outbox.api import router as outbox_router
from lifegate.registries.api import router as registries_router
from lifegate.rules.api import router as rules_router


def create_api() -> LifegateAPI:
    api = build_api()
    api.add_router("/health", health_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/cases", cases_router)
    api.add_router("/credentials", credentials_router)
    api.add_router("/identity", identity_router)
    api.add_router("/messagebox", messagebox_router)
    api.add_router("/outbox", outbox_router)
    api.add_router("/exchange", exchange_router)
    api.add_router("/ledger", ledger_router)
    api.add_router("/registries", registries_router)
    api.add_router("/opendata", opendata_router)
    api.add_router("/assistant", assistant_router)
    api.add_router("/eligibility", rules_router)
    return api


api = create_api()
