# SPDX-License-Identifier: EUPL-1.2
"""What the verifiers trust: the trusted issuer list (this installation's issuers plus those
named in LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS) and status lists fetched over HTTP."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from lifegate.catalog import services as catalog
from lifegate.credentials import configurations, keystore
from lifegate.credentials.verifier import TrustedIssuers, Verifier

logger = logging.getLogger(__name__)

STATUS_LIST_MEDIA_TYPE = "application/statuslist+jwt"
_MAX_BYTES = 1024 * 1024
_TIMEOUT = httpx.Timeout(5.0)
_NATIONAL_ISSUERS = ("rvig", "duo")


class HttpStatusLists:
    """The core's `StatusListFetcher` over real HTTP (httpx): GET, no redirects, size-capped."""

    def __init__(self, client: httpx.Client | None = None) -> None:
        self.client = client or httpx.Client(timeout=_TIMEOUT, follow_redirects=False)

    def fetch(self, uri: str) -> str:
        if urlsplit(uri).scheme not in ("https", "http"):
            raise ValueError("a status list is fetched over http(s) only")
        response = self.client.get(uri, headers={"Accept": STATUS_LIST_MEDIA_TYPE})
        if response.status_code != httpx.codes.OK:
            raise ValueError(f"status list answered {response.status_code}")
        if len(response.content) > _MAX_BYTES:
            raise ValueError("status list too large")
        return response.text.strip()

    def close(self) -> None:
        self.client.close()


def local_issuers() -> list[str]:
    """Organisations of this installation that sign credentials."""
    municipalities = [
        o.identifier for o in catalog.list_organisations("en") if o.kind == "municipality"
    ]
    return [*_NATIONAL_ISSUERS, *sorted(municipalities)]


def issuer_names(language: str) -> dict[str, str]:
    """Issuer identifier -> organisation name, for verdicts people can read."""
    names = catalog.organisation_names(language)
    return {configurations.issuer_id(org): names.get(org, org) for org in local_issuers()}


def _remote_jwks(issuer: str, client: httpx.Client) -> list[dict[str, Any]]:
    """SD-JWT VC issuer metadata: /.well-known/jwt-vc-issuer + the issuer's path."""
    parts = urlsplit(issuer)
    url = f"{parts.scheme}://{parts.netloc}/.well-known/jwt-vc-issuer{parts.path}"
    document = client.get(url).raise_for_status().json()
    if document.get("issuer") != issuer or not isinstance(document.get("jwks"), dict):
        raise ValueError("issuer metadata does not describe this issuer")
    return list(document["jwks"].get("keys", []))


def trusted_issuers(client: httpx.Client | None = None) -> TrustedIssuers:
    jwks: dict[str, list[dict[str, Any]]] = {
        configurations.issuer_id(org): [
            key.public_jwk for key in keystore.published_keys(f"issuer-{org}")
        ]
        for org in local_issuers()
    }
    if settings.CREDENTIALS_TRUSTED_ISSUERS:
        with httpx.Client(timeout=_TIMEOUT, follow_redirects=False) as own:
            for issuer in settings.CREDENTIALS_TRUSTED_ISSUERS:
                jwks |= _remote_issuer(issuer, client or own)
    return TrustedIssuers.from_jwks(jwks)


def _remote_issuer(issuer: str, client: httpx.Client) -> dict[str, list[dict[str, Any]]]:
    try:
        return {issuer: _remote_jwks(issuer, client)}
    except (httpx.HTTPError, ValueError) as exc:  # an unreachable issuer is not trusted
        logger.warning(
            "credentials.issuer_unreachable", extra={"issuer": issuer, "error": str(exc)}
        )
        return {}


_verifiers: dict[tuple[str, str, int], Verifier] = {}
_fetchers: dict[tuple[str, str], HttpStatusLists] = {}  # one HTTP client per installation
_lock = threading.Lock()


def verifier() -> Verifier:
    """This process's verifier; it keeps fetched status lists for their ttl, as allowed.
    A new one once this installation's issuer keys change (a rotation in another process):
    it trusts the new key set and fetches status lists again, over the same HTTP client."""
    installation = (str(settings.PUBLIC_URL), str(settings.HOME))
    key = (*installation, keystore.generation())
    with _lock:
        found = _verifiers.get(key)
        if found is None:
            _verifiers.clear()
            fetcher = _fetchers.setdefault(installation, HttpStatusLists())
            found = Verifier(
                trusted_issuers(),
                fetcher,
                lambda: int(time.time()),
                default_status_ttl=settings.CREDENTIALS_STATUS_TTL,
            )
            _verifiers[key] = found
        return found


def forget() -> None:
    """Drop the verifier (trusted keys and cached status lists), e.g. after a key change."""
    with _lock:
        for fetcher in _fetchers.values():
            fetcher.close()
        _fetchers.clear()
        _verifiers.clear()
