# SPDX-License-Identifier: EUPL-1.2
"""System checks of the credentials block, run before `lifegate serve`, `demo` and
`migrate` start: a trusted issuer list that cannot be used stops them with what to fix;
an entry on it that would not be used is warned about."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
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


@register("credentials")
def trusted_list_names_no_own_issuer(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    path = settings.CREDENTIALS_TRUSTED_LIST
    return [
        checks.Warning(
            f"The trusted issuer list {path} names {issuer}, an issuer of this installation:"
            " that entry is not used.",
            hint="This installation trusts its own issuers with the keys it keeps, under the"
            " names in its catalog. Take the entry off the list.",
            id="credentials.W001",
        )
        for issuer in trust.own_issuers_listed()
    ]
