# SPDX-License-Identifier: EUPL-1.2
"""The credentials lifegate issues (OpenID4VCI credential configurations) and the addresses
that identify issuers, status lists and type metadata. One place, so metadata documents,
offers and issued credentials can never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lifegate.credentials import registry
from lifegate.credentials.vc import VC_TYP
from lifegate.credentials.vct import BIRTH_CERTIFICATE, DIPLOMA, PID, RESIDENCE, TypeMetadata

Source = Callable[[int, dt.date], registry.SourcedClaims | None]


@dataclass(frozen=True)
class Configuration:
    id: str
    metadata: TypeMetadata
    source: Source
    title: Promise
    issued_by: Promise

    def to_json(self) -> dict[str, Any]:
        """The entry in `credential_configurations_supported` (OpenID4VCI 1.0 §12.2.4)."""
        return {
            "format": VC_TYP,
            "vct": self.metadata.vct,
            "scope": self.id,
            "cryptographic_binding_methods_supported": ["jwk"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
            "credential_metadata": {
                "display": [
                    {"name": self.metadata.name_en, "locale": "en"},
                    {"name": self.metadata.name_nl, "locale": "nl"},
                ],
                "claims": [c.to_json() for c in self.metadata.claims],
            },
        }


CONFIGURATIONS: dict[str, Configuration] = {
    c.id: c
    for c in (
        Configuration(
            "diploma", DIPLOMA, registry.diploma, _("Diploma"), _("DUO, from the diploma register")
        ),
        Configuration(
            "residence",
            RESIDENCE,
            registry.residence,
            _("Proof of residence"),
            _("Your municipality"),
        ),
        Configuration(
            "birth-certificate",
            BIRTH_CERTIFICATE,
            registry.birth_certificate,
            _("Birth certificate"),
            _("Your municipality"),
        ),
        Configuration(
            "pid", PID, registry.pid, _("Identity (PID)"), _("National Office for Identity Data")
        ),
    )
}
BY_VCT = {c.metadata.vct: c for c in CONFIGURATIONS.values()}


def title_of(configuration_id: str) -> str:
    """The credential type's title in the active language; the id if it is not (any longer) one."""
    known = CONFIGURATIONS.get(configuration_id)
    return str(known.title) if known else configuration_id


def credential_issuer() -> str:
    """The OpenID4VCI credential issuer identifier: this installation's public address."""
    return str(settings.PUBLIC_URL)


def issuer_id(organisation: str) -> str:
    """The `iss` of credentials an organisation signs (SD-JWT VC issuer identifier)."""
    return f"{settings.PUBLIC_URL}/credentials/issuers/{organisation}"


def status_list_uri(organisation: str, number: int) -> str:
    return f"{_status_lists_prefix()}{organisation}/{number}"


def local_status_list(uri: str) -> tuple[str, int] | None:
    """The organisation and number of this installation's status list at `uri`; None for
    a list published anywhere else (or an address that names none)."""
    prefix = _status_lists_prefix()
    if not uri.startswith(prefix):
        return None
    organisation, slash, number = uri[len(prefix) :].partition("/")
    if not (organisation and slash and number.isascii() and number.isdecimal()):
        return None
    return organisation, int(number)


def _status_lists_prefix() -> str:
    return f"{settings.PUBLIC_URL}/credentials/status-lists/"


def endpoint(name: str) -> str:
    return f"{settings.PUBLIC_URL}/credentials/{name}"
