# SPDX-License-Identifier: EUPL-1.2
"""Template context: who acts (for the header's sign-in link and "acting for ..." switch)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lifegate.identity.acting import current_actor


def identity_context(request: HttpRequest) -> dict[str, Any]:
    if not hasattr(request, "session"):
        return {"identity_actor": None}
    return {"identity_actor": current_actor(request)}
