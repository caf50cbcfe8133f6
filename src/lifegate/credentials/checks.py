# SPDX-License-Identifier: EUPL-1.2
"""System checks of the credentials block, run before `lifegate serve`, `demo` and
`migrate` start: a trusted issuer list that cannot be used stops them with what to fix."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from lifegate.credentials import trust
from lifegate.credentials.trusted_list import TrustedListError


@register("credentials")
def trusted_list_is_usable(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        trust.trusted_list()
    except TrustedListError as exc:
        return [
            Error(
                str(exc),
                hint="Until then, verifiers here would trust none of the issuers on it.",
                id="credentials.E001",
            )
        ]
    return []
